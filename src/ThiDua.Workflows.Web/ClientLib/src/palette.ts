// The palette: every registered activity, our work steps first, branching next, the technical ones folded under
// "Nâng cao". Drag one onto the canvas, or click it (or press Enter on it) to add it in the middle of the view.
import { Dnd } from '@antv/x6';
import type { Designer } from './designer';
import { clear, h } from './dom';
import { activityOf, plain } from './model';
import type { PaletteActivity } from './types';

const GROUPS: Array<{ key: PaletteActivity['group']; title: string; open: boolean }> = [
  { key: 'work', title: 'Công việc', open: true },
  { key: 'branch', title: 'Rẽ nhánh', open: true },
  { key: 'advanced', title: 'Nâng cao', open: false },
];

export function renderPalette(designer: Designer, host: HTMLElement): void {
  const dnd = new Dnd({
    target: designer.graph,
    scaled: false,
    // The node dropped is a new activity with its own id and defaults; X6 places it where the mouse let go.
    getDropNode: node => {
      const type = activityOf(node).type;
      return designer.graph.createNode(designer.nodeMetadata(designer.newActivity(type), { x: 0, y: 0 }));
    },
  });
  const list = h('div', { class: 'palette-groups' });
  const search = h('input', { type: 'search', class: 'palette-search', placeholder: 'Tìm hoạt động…', 'aria-label': 'Tìm hoạt động' });
  host.append(h('h2', { class: 'panel-title' }, 'Hoạt động'), search, list);

  const draw = () => {
    clear(list);
    const wanted = plain(search.value.trim());
    for (const group of GROUPS) {
      const items = designer.catalog.activities.filter(a => a.group === group.key)
        .filter(a => !wanted || plain(`${a.label} ${a.description ?? ''} ${a.type}`).includes(wanted));
      if (items.length === 0) continue;
      const details = h('details', { class: 'palette-group', 'data-group': group.key, open: group.open || !!wanted }, h('summary', {}, `${group.title} (${items.length})`));
      for (const face of items) details.append(item(designer, dnd, face));
      list.append(details);
    }
    if (!list.firstChild) list.append(h('p', { class: 'muted' }, 'Không có hoạt động nào khớp.'));
  };
  search.addEventListener('input', draw);
  draw();
}

function item(designer: Designer, dnd: Dnd, face: PaletteActivity): HTMLElement {
  const element = h('button', {
    type: 'button', class: 'palette-item', 'data-type': face.type, title: face.description ?? face.label,
  },
  h('span', { class: `palette-icon group-${face.group}`, 'aria-hidden': 'true' }, face.icon),
  h('span', { class: 'palette-text' },
    h('span', { class: 'palette-label' }, face.label),
    face.group === 'advanced' ? h('span', { class: 'palette-type' }, face.type) : null));
  let dragged = false;
  element.addEventListener('mousedown', e => {
    if (e.button !== 0 || designer.readOnlyView) return;
    dragged = false;
    const start = { x: e.clientX, y: e.clientY };
    const move = (m: MouseEvent) => {
      if (dragged || Math.hypot(m.clientX - start.x, m.clientY - start.y) < 6) return;
      dragged = true;
      const preview = designer.graph.createNode(designer.nodeMetadata({ id: 'preview', type: face.type, version: 1 }, { x: 0, y: 0 }));
      dnd.start(preview, e);
    };
    const up = () => { document.removeEventListener('mousemove', move); document.removeEventListener('mouseup', up); };
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  });
  element.addEventListener('click', () => { if (!dragged) designer.addActivity(face.type); dragged = false; });
  return element;
}

