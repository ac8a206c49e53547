// The designer: the graph lives here, in the browser; it is loaded from and saved to /api/designer as Elsa 3 JSON.
// Every edit (canvas or properties panel) goes through X6's history or the definition-level stack below, so one
// Ctrl+Z undoes any change. Autosave keeps a draft; the server's check answers with the problems to show.
import type { Cell, Edge, Graph, History, Node } from '@antv/x6';
import dagre from '@dagrejs/dagre';
import { ApiError, DesignerApi } from './api';
import { debounce, h } from './dom';
import { COLORS, createGraph } from './graph';
import {
  IN_PORT, InitialPosition, NODE_WIDTH, EdgeData, activityData, activityOf, newActivityId, nodeHeight, outcomePorts, plain, portItems,
  positionOf, readInput, sourcePort, toDefinition, wrap,
} from './model';
import type { Catalog, DesignerDocument, ElsaActivity, ElsaDefinition, PaletteActivity, Problem } from './types';

export interface DesignerOptions { definitionId: string; antiforgery: string; editable: boolean }

type UndoEntry = { kind: 'graph' } | { kind: 'definition'; before: ElsaDefinition; after: ElsaDefinition };

export type Mark = 'invalid' | 'done' | 'waiting' | 'dim' | 'added' | 'removed' | 'changed' | null;

export class Designer {
  readonly api: DesignerApi;
  graph!: Graph;
  history!: History;
  catalog!: Catalog;
  document!: DesignerDocument;
  /** The definition's own keys (name, variables, inputs, options…); root activities and connections come from the graph. */
  definition!: ElsaDefinition;
  problems: Problem[] = [];
  revision = 0;
  baseVersion = 0;
  dirty = false;
  saving = false;
  readOnlyView = false;
  ready = false;
  private initial = new Map<string, InitialPosition>();
  private undoStack: UndoEntry[] = [];
  private redoStack: UndoEntry[] = [];
  private faces = new Map<string, PaletteActivity>();
  private listeners = new Map<string, Array<() => void>>();
  private loading = false;
  private saveSoon = debounce(() => void this.save(), 900);

  constructor(readonly options: DesignerOptions) {
    this.api = new DesignerApi(options.antiforgery);
  }

  on(event: 'change' | 'problems' | 'selection' | 'saved' | 'document' | 'status' | 'tab', listener: () => void): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
  }

  emit(event: string): void { for (const listener of this.listeners.get(event) ?? []) listener(); }

  status = '';

  say(text: string): void { this.status = text; this.emit('status'); }

  face(type: string): PaletteActivity | undefined { return this.faces.get(type); }

  outcomeLabel(outcome: string): string { return this.catalog.outcomeLabels[outcome] ?? outcome; }

  async start(canvas: HTMLElement, minimap: HTMLElement | null): Promise<void> {
    const [catalog, document] = await Promise.all([this.api.catalog(), this.api.open(this.options.definitionId)]);
    this.timings.fetched = performance.now();
    // A path cannot contain itself as a step.
    this.catalog = { ...catalog, activities: catalog.activities.filter(a => a.properties?.workflowDefinitionId !== this.options.definitionId) };
    for (const face of this.catalog.activities) this.faces.set(face.type, face);
    const parts = createGraph(canvas, minimap, this.options.editable);
    this.graph = parts.graph;
    this.history = parts.history;
    this.wireEvents();
    this.useDocument(document);
    this.timings.drawn = performance.now();
  }

  timings: Record<string, number> = {};

  /** A read-only canvas with a catalog given by the page (the instance diagram: no designer API needed). */
  showCatalog(catalog: Catalog, canvas: HTMLElement): void {
    this.catalog = catalog;
    for (const face of catalog.activities) this.faces.set(face.type, face);
    const parts = createGraph(canvas, null, false);
    this.graph = parts.graph;
    this.history = parts.history;
  }

  /** Takes what the server answered for the definition (on open, after publishing or reverting). */
  useDocument(document: DesignerDocument): void {
    this.document = document;
    this.timings.use = performance.now();
    this.revision = document.draftRevision;
    this.baseVersion = document.baseVersion;
    this.load(document.json);
    this.timings.loaded = performance.now();
    this.emit('document');
    void this.check();
  }

  // ---- loading and saving ----

  /** Replaces the canvas with a definition, outside the undo history (opening is not an edit). */
  load(json: ElsaDefinition): void {
    this.loading = true;
    this.history.disable();
    try {
      const { root, ...rest } = json;
      this.definition = { ...rest, root: { ...root, activities: [], connections: [] } } as ElsaDefinition;
      const activities = root.activities ?? [];
      const connections = root.connections ?? [];
      const usedPorts = new Map<string, Set<string>>();
      for (const c of connections) {
        const set = usedPorts.get(c.source.activity) ?? new Set<string>();
        set.add(sourcePort(c));
        usedPorts.set(c.source.activity, set);
      }
      this.initial.clear();
      const missing: string[] = [];
      const nodes = activities.map(activity => {
        const position = positionOf(activity);
        if (!position) missing.push(activity.id);
        this.initial.set(activity.id, { x: position?.x ?? 0, y: position?.y ?? 0, fromFile: position !== null });
        return this.nodeMetadata(activity, position ?? { x: 0, y: 0 }, [...(usedPorts.get(activity.id) ?? [])]);
      });
      const ids = new Set(activities.map(a => a.id));
      const edges = connections.filter(c => ids.has(c.source.activity) && ids.has(c.target.activity)).map(c => {
        const { source, target, ...extra } = c;
        const data: EdgeData = { extra, bareSource: !source.port, bareTarget: !target.port };
        return this.edgeMetadata(source.activity, sourcePort(c), target.activity, data);
      });
      this.marks.clear();
      this.markedPorts.clear();
      this.timings.cells = performance.now();
      this.graph.fromJSON({ nodes, edges } as never);
      this.timings.fromJson = performance.now();
      if (missing.length > 0) {
        this.layout(false);
        for (const id of missing) {
          const p = this.graph.getCellById(id) as Node | null;
          if (p) this.initial.set(id, { ...p.getPosition(), fromFile: false });
        }
      }
    } finally {
      this.history.enable();
      this.history.clean();
      this.loading = false;
    }
    this.undoStack = [];
    this.redoStack = [];
    this.dirty = false;
    // The whole path if it fits at a readable size; else the start of it.
    this.graph.zoomToFit({ padding: 40, maxScale: 1, minScale: 0.45 });
    if (this.graph.zoom() <= 0.46) {
      const first = this.graph.getNodes().find(n => activityOf(n).type === 'Elsa.Start') ?? this.graph.getNodes()[0];
      if (first) this.graph.positionCell(first, 'left', { padding: 40 });
    }
    this.emit('change');
  }

  toJson(): ElsaDefinition {
    return toDefinition(this.definition, this.graph.getNodes(), this.graph.getEdges(), this.initial);
  }

  /** Saves the draft now (autosave calls it after a pause); answers the problems the server found. */
  async save(keepalive = false): Promise<boolean> {
    this.saveSoon.cancel();
    if (!this.dirty || this.readOnlyView || !this.options.editable) return true;
    if (this.saving) { this.saveSoon(); return false; }
    this.saving = true;
    this.dirty = false;
    this.say('Đang lưu nháp…');
    try {
      const answer = await this.api.saveDraft(this.options.definitionId, this.toJson(), this.revision, this.baseVersion, keepalive);
      this.revision = answer.revision;
      this.document.isDraft = true;
      this.setProblems(answer.problems);
      const now = new Date();
      this.say(`Đã lưu nháp lúc ${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`);
      this.emit('saved');
      return true;
    } catch (error) {
      this.dirty = true;
      this.say(error instanceof ApiError ? error.message : 'Không lưu được nháp: mất kết nối tới máy chủ. Sẽ thử lại.');
      if (!(error instanceof ApiError && error.status === 409)) this.saveSoon();
      return false;
    } finally {
      this.saving = false;
    }
  }

  async check(): Promise<void> {
    if (this.readOnlyView) return;
    try {
      const answer = await this.api.check(this.options.definitionId, this.toJson());
      this.setProblems(answer.problems);
    } catch (error) {
      if (error instanceof ApiError) this.say(error.message);
    }
  }

  setProblems(problems: Problem[]): void {
    this.problems = problems;
    if (!this.readOnlyView) this.markProblems();
    this.emit('problems');
  }

  // ---- nodes and edges ----

  nodeMetadata(activity: ElsaActivity, position: { x: number; y: number }, used: string[] = []) {
    const face = this.face(activity.type);
    const outs = [...outcomePorts(activity, face)];
    for (const port of used) if (!outs.includes(port)) outs.push(port);
    const colour = face ? COLORS[face.group] : COLORS.unknown;
    const titleInput = readInput(activity.title);
    const title = activity.metadata?.displayText || activity.name || (titleInput.type === 'Literal' && titleInput.value) || face?.label || activity.type;
    return {
      id: activity.id,
      shape: 'activity',
      x: position.x,
      y: position.y,
      width: NODE_WIDTH,
      height: nodeHeight(outs.length),
      data: activityData(activity),
      attrs: {
        body: { 'data-node-id': activity.id, 'data-type': activity.type, 'data-state': face ? 'valid' : 'unknown', fill: face ? '#ffffff' : '#eceff1', strokeDasharray: face ? null : '5 3' },
        stripe: { fill: colour },
        icon: { text: face?.icon ?? '?', fill: colour },
        label: { text: wrap(title) },
        kind: { text: this.subtitle(activity, face), refY: wrap(title).includes('\n') ? 46 : 32 },
      },
      ports: { items: portItems(activity.type, outs, o => this.outcomeLabel(o)) },
    };
  }

  private subtitle(activity: ElsaActivity, face: PaletteActivity | undefined): string {
    if (!face) return `Không rõ loại: ${activity.type.slice(activity.type.lastIndexOf('.') + 1)}`;
    if (activity.type === 'ThiDua.UserTask') {
      const role = readInput(activity.role).value;
      const roleLabel = face.inputs.find(i => i.name === 'role')?.choices?.find(c => c.value === role)?.label;
      const days = readInput(activity.dueInWorkingDays);
      // The due date first: the role's name may be long and is cut before it.
      const due = days.value && days.type === 'Literal' ? `${days.value} ngày LV · ` : '';
      const line = due + (roleLabel ?? (role || 'Chưa chọn vai trò'));
      return line.length > 32 ? line.slice(0, 31) + '…' : line;
    }
    const named = activity.metadata?.displayText || activity.name;
    return named ? face.label : '';
  }

  edgeMetadata(source: string, port: string, target: string, data: EdgeData) {
    return {
      shape: 'edge',
      source: { cell: source, port },
      target: { cell: target, port: IN_PORT },
      data,
      zIndex: 0,
      attrs: { line: { stroke: COLORS.line, strokeWidth: 1.6, targetMarker: { name: 'classic', size: 7 } } },
    };
  }

  /** Redraws a node after its activity changed (label, ports), keeping the change out of the history. */
  refreshNode(node: Node): void {
    const activity = activityOf(node);
    const used = this.graph.getConnectedEdges(node, { outgoing: true }).map(e => e.getSourcePortId()).filter((p): p is string => !!p);
    const meta = this.nodeMetadata(activity, node.getPosition(), used);
    const silent = { ignoreHistory: true };
    node.setAttrs(meta.attrs, silent);
    const wanted = meta.ports.items;
    const current = node.getPorts().map(p => p.id);
    const same = current.length === wanted.length && wanted.every((p, i) => p.id === current[i]);
    if (same) {
      // Touch only the labels that changed: re-rendering a port detaches the connections drawn to it.
      for (const item of wanted) {
        const text = (item.attrs as { text?: { text?: string } } | undefined)?.text?.text;
        if (text !== undefined && node.getPortProp(item.id as string, 'attrs/text/text') !== text) node.setPortProp(item.id as string, 'attrs/text/text', text, silent);
      }
    } else {
      node.prop('ports/items', wanted, { ...silent, rewrite: true });
      for (const edge of this.graph.getConnectedEdges(node)) (this.graph.findViewByCell(edge) as { update?: () => void } | null)?.update?.();
    }
    if (node.getSize().height !== meta.height) node.resize(NODE_WIDTH, meta.height, silent);
  }

  /** Replaces a node's activity: one undoable step. */
  updateActivity(node: Node, change: (activity: ElsaActivity) => void): void {
    const activity = structuredClone(activityOf(node));
    change(activity);
    node.setData(activityData(activity), { overwrite: true });
  }

  /** A new activity of a type with a fresh id and the defaults a person expects (a task with two choices). */
  newActivity(type: string): ElsaActivity {
    const id = newActivityId(type, candidate => !!this.graph.getCellById(candidate));
    const activity: ElsaActivity = { id, type, version: 1, ...structuredClone(this.face(type)?.properties ?? {}) };
    if (type === 'ThiDua.UserTask') {
      activity.title = { typeName: 'String', expression: { type: 'Literal', value: 'Việc mới' } };
      activity.actions = { typeName: 'String[]', expression: { type: 'Object', value: '["Approve","Reject"]' } };
    }
    if (type === 'Elsa.FlowFork') activity.branches = { typeName: 'String[]', expression: { type: 'Object', value: '["Nhánh 1","Nhánh 2"]' } };
    return activity;
  }

  addActivity(type: string, at?: { x: number; y: number }): Node | null {
    if (!this.face(type) || !this.options.editable || this.readOnlyView) return null;
    const area = this.graph.getGraphArea();
    const position = at ?? { x: Math.round(area.x + area.width / 2 - NODE_WIDTH / 2), y: Math.round(area.y + area.height / 2 - 32) };
    const node = this.graph.addNode(this.nodeMetadata(this.newActivity(type), position));
    this.graph.cleanSelection();
    this.graph.select(node);
    return node;
  }

  selectedNode(): Node | null {
    const cells = this.graph.getSelectedCells();
    return cells.length === 1 && cells[0].isNode() ? cells[0] : null;
  }

  focusNode(id: string): void {
    const cell = this.graph.getCellById(id);
    if (!cell) return;
    this.graph.cleanSelection();
    this.graph.select(cell);
    this.graph.centerCell(cell);
  }

  // ---- editing commands ----

  undo(): void {
    const entry = this.undoStack.pop();
    if (!entry) return;
    if (entry.kind === 'graph') { this.history.undo(); this.redrawMarks(); }
    else this.definition = structuredClone(entry.before);
    this.redoStack.push(entry);
    this.changed();
  }

  redo(): void {
    const entry = this.redoStack.pop();
    if (!entry) return;
    if (entry.kind === 'graph') { this.history.redo(); this.redrawMarks(); }
    else this.definition = structuredClone(entry.after);
    this.undoStack.push(entry);
    this.changed();
  }

  canUndo(): boolean { return this.undoStack.length > 0; }

  canRedo(): boolean { return this.redoStack.length > 0; }

  /** A change to the definition's own keys (name, variables, inputs): undoable like a canvas edit. */
  editDefinition(change: (definition: ElsaDefinition) => void): void {
    const before = structuredClone(this.definition);
    const after = structuredClone(this.definition);
    change(after);
    this.definition = after;
    this.undoStack.push({ kind: 'definition', before, after });
    this.redoStack = [];
    this.changed();
  }

  deleteSelection(): void {
    const cells = this.graph.getSelectedCells();
    if (cells.length === 0) return;
    this.graph.startBatch('delete');
    this.graph.removeCells(cells);
    this.graph.stopBatch('delete');
  }

  copy(): void {
    const cells = this.graph.getSelectedCells();
    if (cells.length > 0) this.graph.copy(cells, { deep: false });
  }

  /** Pastes with new ids (the activity ids follow), connections between pasted nodes kept; one undo removes all. */
  paste(): void {
    if (this.graph.isClipboardEmpty({ useLocalStorage: true })) return;
    this.graph.startBatch('paste');
    const cells = this.graph.paste({ offset: 40 });
    const renamed = new Map<string, string>();
    for (const cell of cells) {
      if (!cell.isNode()) continue;
      const activity = structuredClone(activityOf(cell));
      activity.id = cell.id;
      if (activity.metadata?.designer) delete activity.metadata.designer.position;
      cell.setData(activityData(activity), { overwrite: true });
      cell.attr('body/data-node-id', cell.id);
    }
    this.graph.stopBatch('paste');
    this.graph.cleanSelection();
    this.graph.select(cells);
  }

  /** Lays the path out left to right (dagre); one undoable step. */
  layout(record = true): void {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', ranksep: 80, nodesep: 30, marginx: 20, marginy: 20 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const node of this.graph.getNodes()) g.setNode(node.id, { width: node.getSize().width, height: node.getSize().height });
    for (const edge of this.graph.getEdges()) g.setEdge(edge.getSourceCellId(), edge.getTargetCellId());
    dagre.layout(g);
    if (record) this.graph.startBatch('layout');
    for (const node of this.graph.getNodes()) {
      const placed = g.node(node.id) as { x: number; y: number; width: number; height: number };
      node.position(Math.round(placed.x - placed.width / 2), Math.round(placed.y - placed.height / 2));
    }
    if (record) this.graph.stopBatch('layout');
  }

  // ---- marks (problems, trial runs, diffs): never in the history ----

  private marks = new Map<string, Mark>();
  private markedPorts = new Set<string>();

  /** Marks a cell (problem, trial run, diff). Only cells whose mark changes are touched: 500 steps stay fast. */
  mark(cell: Cell, mark: Mark): void {
    if ((this.marks.get(cell.id) ?? null) === mark) return;
    if (mark) this.marks.set(cell.id, mark); else this.marks.delete(cell.id);
    const silent = { ignoreHistory: true };
    if (cell.isNode()) {
      const face = this.face(activityOf(cell).type);
      const stroke = mark === 'invalid' || mark === 'removed' ? COLORS.invalid : mark === 'done' || mark === 'added' ? COLORS.done
        : mark === 'waiting' ? COLORS.waiting : mark === 'changed' ? COLORS.changed : '#b0bec5';
      const faded = mark === 'dim' ? 0.45 : 1;
      cell.setAttrs({
        body: {
          'data-state': !face ? 'unknown' : mark === 'invalid' ? 'invalid' : 'valid',
          'data-problem': mark === 'invalid' ? 'true' : null,
          'data-run': mark === 'done' || mark === 'waiting' ? mark : null,
          'data-diff': mark === 'added' || mark === 'removed' || mark === 'changed' ? mark : null,
          stroke, strokeWidth: mark && mark !== 'dim' ? 3 : 1.5, opacity: faded,
        },
        label: { opacity: faded },
      }, silent);
    } else if (cell.isEdge()) {
      const taken = mark === 'done';
      cell.setAttrs({
        line: {
          'data-taken': taken ? 'true' : null,
          'data-diff': mark === 'added' || mark === 'removed' ? mark : null,
          stroke: taken || mark === 'added' ? COLORS.done : mark === 'removed' ? COLORS.removed : COLORS.line,
          strokeWidth: taken || mark === 'added' || mark === 'removed' ? 3 : 1.6,
          strokeDasharray: mark === 'removed' ? '6 4' : null,
          opacity: mark === 'dim' ? 0.35 : 1,
        },
      }, silent);
    }
  }

  markPort(node: Node, port: string, invalid: boolean): void {
    const key = `${node.id}\u0000${port}`;
    if (invalid === this.markedPorts.has(key) || !node.hasPort(port)) return;
    if (invalid) this.markedPorts.add(key); else this.markedPorts.delete(key);
    node.setPortProp(port, 'attrs/circle/stroke', invalid ? COLORS.invalid : COLORS.work, { ignoreHistory: true });
  }

  /**
   * Undo and redo put a cell's attributes back as they were when the step was taken, so a problem marked since then
   * would vanish from the drawing while the map still holds it (and the next check, finding the same problem, would
   * not draw it again). The map is the truth: draw every mark again.
   */
  private redrawMarks(): void {
    for (const [id, mark] of [...this.marks]) {
      this.marks.delete(id);
      const cell = this.graph.getCellById(id);
      if (cell) this.mark(cell, mark);
    }
    for (const key of [...this.markedPorts]) {
      this.markedPorts.delete(key);
      const [id, port] = key.split('\u0000');
      const node = this.graph.getCellById(id) as Node | null;
      if (node) this.markPort(node, port, true);
    }
  }

  clearMarks(): void {
    for (const id of [...this.marks.keys()]) { const cell = this.graph.getCellById(id); if (cell) this.mark(cell, null); else this.marks.delete(id); }
    for (const key of [...this.markedPorts]) {
      const [id, port] = key.split('\u0000');
      const node = this.graph.getCellById(id) as Node | null;
      if (node) this.markPort(node, port, false); else this.markedPorts.delete(key);
    }
  }

  private markProblems(): void {
    const nodes = new Set<string>();
    const ports = new Set<string>();
    for (const problem of this.problems) {
      if (!problem.activityId || !this.graph.getCellById(problem.activityId)) continue;
      nodes.add(problem.activityId);
      if (problem.port) ports.add(`${problem.activityId}\u0000${problem.port}`);
    }
    for (const [id, mark] of [...this.marks]) if (mark !== 'invalid' || !nodes.has(id)) { const c = this.graph.getCellById(id); if (c) this.mark(c, null); }
    for (const key of [...this.markedPorts]) if (!ports.has(key)) { const [id, port] = key.split('\u0000'); const n = this.graph.getCellById(id) as Node | null; if (n) this.markPort(n, port, false); }
    for (const id of nodes) this.mark(this.graph.getCellById(id)!, 'invalid');
    for (const key of ports) { const [id, port] = key.split('\u0000'); this.markPort(this.graph.getCellById(id) as Node, port, true); }
  }

  // ---- events ----

  private changed(): void {
    if (this.loading) return;
    this.dirty = true;
    this.saveSoon();
    this.emit('change');
  }

  private wireEvents(): void {
    const graph = this.graph;
    graph.on('history:add', () => {
      if (this.loading) return;
      this.undoStack.push({ kind: 'graph' });
      this.redoStack = [];
      this.changed();
    });
    graph.on('node:change:data', ({ node }: { node: Node }) => {
      this.refreshNode(node);
      if (this.selectedNode() === node) this.emit('selection');
    });
    graph.on('edge:connected', ({ edge, isNew }: { edge: Edge; isNew: boolean }) => {
      if (isNew) edge.setData({ extra: {} } satisfies EdgeData, { ignoreHistory: true });
    });
    graph.on('selection:changed', () => this.emit('selection'));
    const keys: Array<[string | string[], () => void]> = [
      [['ctrl+z', 'meta+z'], () => this.undo()],
      [['ctrl+y', 'meta+y', 'ctrl+shift+z', 'meta+shift+z'], () => this.redo()],
      [['ctrl+c', 'meta+c'], () => this.copy()],
      [['ctrl+x', 'meta+x'], () => { this.copy(); this.deleteSelection(); }],
      [['ctrl+v', 'meta+v'], () => this.paste()],
      [['delete', 'backspace'], () => this.deleteSelection()],
      [['ctrl+a', 'meta+a'], () => this.graph.select(this.graph.getCells())],
      [['ctrl+s', 'meta+s'], () => void this.save()],
      [['ctrl+l', 'meta+l'], () => this.layout()],
      [['ctrl+=', 'ctrl+plus'], () => this.graph.zoom(0.1)],
      [['ctrl+-', 'ctrl+minus'], () => this.graph.zoom(-0.1)],
      [['ctrl+0', 'meta+0'], () => this.graph.zoomToFit({ padding: 40, maxScale: 1 })],
    ];
    if (this.options.editable)
      for (const [key, action] of keys)
        graph.bindKey(key, (e: KeyboardEvent) => { e.preventDefault(); action(); return false; });
    window.addEventListener('beforeunload', () => { if (this.dirty) void this.save(true); });
  }

  /** Finds steps whose name contains the text, accents ignored ("hoi dong" finds "Hội đồng…"). */
  find(text: string): Node[] {
    const wanted = plain(text.trim());
    if (!wanted) return [];
    return this.graph.getNodes().filter(node => {
      const activity = activityOf(node);
      const face = this.face(activity.type);
      const words = [activity.metadata?.displayText, activity.name, activity.id, face?.label, readInput(activity.title).value].filter(Boolean).join(' ');
      return plain(words).includes(wanted);
    });
  }
}
