// The read-only diagram of a running instance on the nomination page and the instance viewer, drawn by the same
// code as the designer: the server's SVG stays for a browser without script and is replaced here by a canvas that
// zooms and pans. Steps done are green, the step waiting orange, a faulted one red, the path taken bold.
import { Designer } from './designer';
import { h } from './dom';
import { edgeKey } from './model';
import type { Catalog, ElsaDefinition } from './types';

interface LiveDiagram { definition: ElsaDefinition; catalog: Catalog; states: Record<string, string>; taken: string[] }

export function drawInstanceDiagrams(): void {
  for (const holder of Array.from(document.querySelectorAll<HTMLElement>('.diagram-live'))) {
    try {
      draw(holder, JSON.parse(holder.dataset.diagram ?? '') as LiveDiagram);
    } catch {
      // The server's picture stays.
    }
  }
}

function draw(holder: HTMLElement, data: LiveDiagram): void {
  const figure = holder.closest('figure');
  const picture = figure?.querySelector<HTMLElement>('.diagram');
  const canvas = h('div', { class: 'diagram-canvas', 'data-testid': 'diagram-canvas' });
  const tools = h('div', { class: 'diagram-tools' });
  // X6 sizes the canvas to its parent: the stage has the height.
  holder.replaceWith(h('div', { class: 'diagram-live', 'data-live': 'true' }, tools, h('div', { class: 'diagram-stage' }, canvas)));
  const designer = new Designer({ definitionId: data.definition.definitionId ?? '', antiforgery: '', editable: false });
  designer.showCatalog(data.catalog, canvas);
  designer.load(data.definition);
  for (const [id, state] of Object.entries(data.states)) {
    const cell = designer.graph.getCellById(id);
    if (cell) designer.mark(cell, state === 'Done' ? 'done' : state === 'Current' ? 'waiting' : state === 'Faulted' ? 'invalid' : null);
  }
  for (const edge of designer.graph.getEdges())
    if (data.taken.includes(edgeKey(edge))) designer.mark(edge, 'done');
  const current = Object.entries(data.states).find(([, s]) => s === 'Current')?.[0];
  if (current) designer.graph.centerCell(designer.graph.getCellById(current)!);
  tools.append(
    h('button', { type: 'button', class: 'tool', onclick: () => designer.graph.zoom(0.1) }, 'Phóng to'),
    h('button', { type: 'button', class: 'tool', onclick: () => designer.graph.zoom(-0.1) }, 'Thu nhỏ'),
    h('button', { type: 'button', class: 'tool', onclick: () => designer.graph.zoomToFit({ padding: 20, maxScale: 1 }) }, 'Xem toàn bộ'));
  if (current) tools.append(h('button', { type: 'button', class: 'tool', onclick: () => designer.focusNode(current) }, 'Bước đang chờ'));
  if (picture) picture.hidden = true;
  canvas.setAttribute('data-ready', 'true');
}
