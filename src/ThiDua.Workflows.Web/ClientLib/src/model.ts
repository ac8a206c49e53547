// Elsa 3 JSON ⇄ X6 cells. A node keeps its Elsa activity object whole in its data (unknown keys survive); an edge
// keeps the connection's other keys. Only the position and what the person edits are ever changed.
import type { Cell, Edge, Node } from '@antv/x6';
import type { ElsaActivity, ElsaConnection, ElsaDefinition, PaletteActivity } from './types';

export const IN_PORT = 'in';
export const NODE_WIDTH = 220;
const PORT_SPACING = 22;

/**
 * A node keeps its Elsa activity as JSON text: X6 deep-clones and merges a cell's data several times when it is
 * created or changed, and cloning a string is free where cloning the activity's nested objects was most of the
 * time to open 500 steps. Read it with activityOf (parsed once per text), write it with activityData.
 */
export interface NodeData { json: string }

const parsed = new Map<string, ElsaActivity>();

/** The node's activity. Shared and cached: clone it before changing it. */
export function activityOf(node: Node | Cell): ElsaActivity {
  const json = (node.getData() as NodeData).json;
  let activity = parsed.get(json);
  if (!activity) {
    activity = JSON.parse(json) as ElsaActivity;
    if (parsed.size > 20000) parsed.clear();
    parsed.set(json, activity);
  }
  return activity;
}

export function activityData(activity: ElsaActivity): NodeData { return { json: JSON.stringify(activity) }; }
/** A connection's other keys, and whether its file left the ports out (Elsa then means Done and In). */
export interface EdgeData { extra: Record<string, unknown>; bareSource?: boolean; bareTarget?: boolean }

/** Reads an input as the properties panel shows it: expression type and text. Bare JSON values are literals. */
export function readInput(raw: unknown): { type: string; value: string } {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const expression = (raw as { expression?: { type?: string; value?: unknown } }).expression;
    if (!expression) return { type: 'Literal', value: '' };
    return { type: expression.type || 'Literal', value: toText(expression.value) };
  }
  return { type: 'Literal', value: raw === undefined || raw === null ? '' : toText(raw) };
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The values of a list input when written out (literal or Object), else null (computed when it runs). */
export function staticList(raw: unknown): string[] | null {
  if (raw === undefined || raw === null) return [];
  let value: unknown = raw;
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    const expression = (raw as { expression?: { type?: string; value?: unknown } }).expression;
    if (!expression) return [];
    if (['JavaScript', 'Liquid', 'Variable'].includes(expression.type ?? '')) return null;
    value = expression.value;
  }
  if (typeof value === 'string') {
    const text: string = value;
    if (!text.trim()) return [];
    try { value = JSON.parse(text); } catch { return text.split(',').map(s => s.trim()).filter(Boolean); }
  }
  return Array.isArray(value) ? value.map(v => String(v)).filter(Boolean) : [];
}

/** The outcome ports an activity has by its type and inputs (a task's actions, a fork's branches, a switch's cases). */
export function outcomePorts(activity: ElsaActivity, face: PaletteActivity | undefined): string[] {
  if (!face) return [];
  if (face.outcomesFrom === 'actions' || face.outcomesFrom === 'branches') {
    const list = staticList(activity[face.outcomesFrom]);
    if (list === null) return [];
    return list.length > 0 ? list : ['Done'];
  }
  if (face.outcomesFrom === 'cases') {
    const cases = Array.isArray(activity.cases) ? activity.cases as Array<{ label?: string }> : [];
    return [...cases.map(c => c?.label ?? '').filter(Boolean), 'Default'];
  }
  return face.outcomes.map(o => o.value);
}

export function hasInPort(type: string): boolean { return type !== 'Elsa.Start'; }

export function nodeHeight(outPorts: number): number { return Math.max(64, outPorts * PORT_SPACING + 24); }

export function portItems(type: string, outs: string[], label: (outcome: string) => string) {
  const items: Array<Record<string, unknown>> = [];
  if (hasInPort(type)) items.push({ id: IN_PORT, group: 'in' });
  for (const outcome of outs) items.push({ id: outcome, group: 'out', attrs: { text: { text: label(outcome) } } });
  return items;
}

/** Wraps a label in at most two lines of about `width` characters, with an ellipsis. */
export function wrap(text: string, width = 21): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if ((line + ' ' + word).trim().length > width && line) { lines.push(line); line = word; } else { line = (line + ' ' + word).trim(); }
    if (lines.length === 2) break;
  }
  if (lines.length < 2 && line) lines.push(line);
  const consumed = lines.join(' ').length;
  if (lines.length === 2 && consumed < text.trim().length) lines[1] = lines[1].slice(0, width - 1) + '…';
  return lines.slice(0, 2).join('\n');
}

export function positionOf(activity: ElsaActivity): { x: number; y: number } | null {
  const p = activity.metadata?.designer?.position;
  return p && typeof p.x === 'number' && typeof p.y === 'number' ? { x: p.x, y: p.y } : null;
}

/** A connection named as the server names it (DefinitionDiff.Key): source/port→target. */
export function edgeKey(edge: Edge): string { return `${edge.getSourceCellId()}/${edge.getSourcePortId()}→${edge.getTargetCellId()}`; }

/** The connection's Elsa port at its source (Elsa's default is Done). */
export function sourcePort(connection: ElsaConnection): string { return connection.source.port || 'Done'; }

/** Where a node stood when the file was opened, and whether the file said so (else auto-layout placed it). */
export interface InitialPosition { x: number; y: number; fromFile: boolean }

/** Writes the graph back into the definition: activities in canvas order, connections with their kept keys. */
export function toDefinition(base: ElsaDefinition, nodes: Node[], edges: Edge[], initial: Map<string, InitialPosition>): ElsaDefinition {
  const activities = nodes.map(node => {
    const activity = JSON.parse((node.getData() as NodeData).json) as ElsaActivity;
    const position = node.getPosition();
    const before = initial.get(node.id);
    // Opening a file changes nothing in it: a position is written when the file had one, or the node is new or moved.
    if (!before || before.fromFile || before.x !== position.x || before.y !== position.y) {
      activity.metadata = { ...(activity.metadata ?? {}) };
      activity.metadata.designer = { ...(activity.metadata.designer ?? {}), position: { x: position.x, y: position.y } };
    }
    return activity;
  });
  const connections: ElsaConnection[] = edges.map(edge => {
    const data = (edge.getData() as EdgeData | undefined) ?? { extra: {} };
    const port = edge.getSourcePortId() ?? 'Done';
    const source: ElsaConnection['source'] = { activity: edge.getSourceCellId() };
    if (!(data.bareSource && port === 'Done')) source.port = port;
    const target: ElsaConnection['target'] = { activity: edge.getTargetCellId() };
    if (!data.bareTarget) target.port = 'In';
    return { source, target, ...data.extra };
  });
  return { ...base, root: { ...base.root, activities, connections } };
}

/** A new activity id, readable and unique in the canvas: userTask1, userTask2… */
export function newActivityId(type: string, taken: (id: string) => boolean): string {
  const short = type.slice(type.lastIndexOf('.') + 1);
  const stem = short.charAt(0).toLowerCase() + short.slice(1);
  for (let i = 1; ; i++) if (!taken(stem + i)) return stem + i;
}

export function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
