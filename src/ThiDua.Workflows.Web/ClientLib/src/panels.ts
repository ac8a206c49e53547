// The toolbar and the side panels: problems (click one to go to its step and field), versions (history with who and
// when, running instances, diff, revert, retract) and the trial run (sample input, chosen outcomes, path drawn).
import type { Node } from '@antv/x6';
import { ApiError } from './api';
import type { Designer } from './designer';
import { clear, h, vnDateTime } from './dom';
import { activityOf, edgeKey, readInput } from './model';
import type { ElsaDefinition, TrialResult } from './types';

const SIMULATED_FOR_REAL = new Set(['Elsa.Flowchart', 'Elsa.FlowNode', 'Elsa.Start', 'Elsa.End', 'Elsa.Finish', 'Elsa.WriteLine', 'Elsa.SetVariable',
  'Elsa.SetName', 'Elsa.Correlate', 'Elsa.FlowDecision', 'Elsa.FlowSwitch', 'Elsa.FlowFork', 'Elsa.FlowJoin', 'Elsa.Fault']);

export function renderToolbar(designer: Designer, host: HTMLElement, showTab: (tab: string) => void): void {
  const button = (label: string, title: string, action: () => void, extra: Record<string, string> = {}) =>
    h('button', { type: 'button', class: 'tool', title, 'aria-label': title, onclick: action, ...extra }, label);
  const undo = button('↶ Hoàn tác', 'Hoàn tác (Ctrl+Z)', () => designer.undo(), { 'data-action': 'undo' });
  const redo = button('↷ Làm lại', 'Làm lại (Ctrl+Y)', () => designer.redo(), { 'data-action': 'redo' });
  const publish = h('button', { type: 'button', class: 'tool primary', 'data-action': 'publish', onclick: () => void publishNow(designer, showTab) }, 'Phát hành');
  const search = h('input', { type: 'search', class: 'tool-search', placeholder: 'Tìm bước… (Ctrl+F)', 'aria-label': 'Tìm bước trên sơ đồ' });
  let hits: Node[] = [];
  let hit = 0;
  search.addEventListener('input', () => { hits = designer.find(search.value); hit = 0; if (hits[0]) designer.focusNode(hits[0].id); });
  search.addEventListener('keydown', e => {
    if (e.key === 'Enter' && hits.length > 0) { hit = (hit + 1) % hits.length; designer.focusNode(hits[hit].id); }
  });
  document.addEventListener('keydown', e => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') { e.preventDefault(); search.focus(); }
  });
  const editing = designer.options.editable;
  const parts: Array<HTMLElement | null> = [
    editing ? undo : null, editing ? redo : null,
    editing ? button('Sao chép', 'Sao chép các bước đã chọn (Ctrl+C)', () => designer.copy(), { 'data-action': 'copy' }) : null,
    editing ? button('Dán', 'Dán (Ctrl+V)', () => designer.paste(), { 'data-action': 'paste' }) : null,
    editing ? button('Xóa', 'Xóa các phần đã chọn (Delete)', () => designer.deleteSelection(), { 'data-action': 'delete' }) : null,
    h('span', { class: 'tool-gap' }),
    button('+', 'Phóng to (Ctrl+=)', () => designer.graph.zoom(0.1), { 'data-action': 'zoom-in' }),
    button('−', 'Thu nhỏ (Ctrl+-)', () => designer.graph.zoom(-0.1), { 'data-action': 'zoom-out' }),
    button('Vừa màn hình', 'Vừa màn hình (Ctrl+0)', () => designer.graph.zoomToFit({ padding: 40, maxScale: 1 }), { 'data-action': 'fit' }),
    editing ? button('Tự sắp xếp', 'Tự sắp xếp sơ đồ (Ctrl+L)', () => designer.layout(), { 'data-action': 'layout' }) : null,
    search,
    h('span', { class: 'tool-gap' }),
    editing ? importButton(designer) : null,
    h('a', { class: 'tool', href: `/api/designer/definitions/${encodeURIComponent(designer.options.definitionId)}/export`, 'data-action': 'export',
      onclick: async (e: Event) => { if (designer.dirty) { e.preventDefault(); await designer.save(); window.location.href = (e.target as HTMLAnchorElement).href; } } }, 'Xuất tệp Elsa'),
    editing ? publish : null,
  ];
  for (const part of parts) if (part) host.append(part);
  const refresh = () => {
    undo.disabled = !designer.canUndo() || designer.readOnlyView;
    redo.disabled = !designer.canRedo() || designer.readOnlyView;
    publish.disabled = designer.readOnlyView || designer.problems.length > 0 || !designer.document?.isDraft;
    publish.title = designer.problems.length > 0 ? `Còn ${designer.problems.length} lỗi: sửa hết rồi mới phát hành được.`
      : !designer.document?.isDraft ? 'Chưa có thay đổi nào so với phiên bản đang dùng.' : 'Phát hành bản nháp thành phiên bản mới';
  };
  for (const event of ['change', 'problems', 'saved', 'document'] as const) designer.on(event, refresh);
  refresh();
}

async function publishNow(designer: Designer, showTab: (tab: string) => void): Promise<void> {
  if (!(await designer.save())) return;
  try {
    const published = await designer.api.publish(designer.options.definitionId);
    designer.useDocument(await designer.api.open(designer.options.definitionId));
    designer.say(`Đã phát hành phiên bản ${published.version}. Hồ sơ mới sẽ đi theo phiên bản này; hồ sơ đang chạy giữ phiên bản cũ.`);
  } catch (error) {
    if (error instanceof ApiError && error.problems.length > 0) { designer.setProblems(error.problems); showTab('problems'); }
    designer.say(error instanceof ApiError ? error.message : 'Không phát hành được: mất kết nối tới máy chủ.');
  }
}

function importButton(designer: Designer): HTMLElement {
  const file = h('input', { type: 'file', accept: '.json,application/json', class: 'visually-hidden', id: 'designer-import', 'aria-label': 'Chọn tệp Elsa 3 để nhập' });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    try {
      const json = JSON.parse(await chosen.text()) as ElsaDefinition;
      if (!json || typeof json !== 'object' || !json.root) throw new Error('no root');
      if (!window.confirm('Thay toàn bộ sơ đồ đang vẽ bằng nội dung tệp? (Có thể hoàn tác bằng cách tải lại phiên bản cũ.)')) return;
      json.definitionId = designer.options.definitionId;
      designer.load(json);
      designer.dirty = true;
      await designer.save();
      designer.say(`Đã nhập tệp “${chosen.name}”.`);
    } catch {
      designer.say(`Tệp “${chosen.name}” không phải một quy trình Elsa 3 (JSON có trường root).`);
    }
  });
  return h('label', { class: 'tool', for: 'designer-import', 'data-action': 'import' }, 'Nhập tệp Elsa', file);
}

export function renderProblems(designer: Designer, host: HTMLElement, showTab: (tab: string) => void): void {
  const draw = () => {
    clear(host);
    host.append(h('h2', { class: 'panel-title' }, designer.problems.length === 0 ? 'Không có lỗi' : `${designer.problems.length} lỗi cần sửa trước khi phát hành`));
    if (designer.problems.length === 0) { host.append(h('p', { class: 'ok' }, '✓ Quy trình hợp lệ.')); return; }
    const list = h('ol', { class: 'problems' });
    for (const problem of designer.problems) {
      const row = h('li', { class: 'problem', 'data-code': problem.code, 'data-activity': problem.activityId ?? '' },
        h('button', { type: 'button', class: 'link', onclick: () => {
          if (!problem.activityId) return;
          designer.focusNode(problem.activityId);
          showTab('properties');
          if (problem.field) setTimeout(() => (document.querySelector(`.designer-side [data-field="${CSS.escape(problem.field!)}"]`) as HTMLElement | null)?.focus());
        } }, problem.message),
        problem.detail ? h('details', { class: 'technical' }, h('summary', {}, 'Chi tiết kỹ thuật'), h('code', {}, problem.detail)) : null);
      list.append(row);
    }
    host.append(list);
  };
  designer.on('problems', draw);
  draw();
}

export function renderVersions(designer: Designer, host: HTMLElement): void {
  const draw = () => {
    clear(host);
    const document = designer.document;
    host.append(h('h2', { class: 'panel-title' }, 'Phiên bản'));
    host.append(h('p', {}, document.isDraft ? 'Đang sửa bản nháp (chưa phát hành). Hồ sơ mới vẫn đi theo phiên bản đang dùng.' : 'Chưa có bản nháp: mọi thay đổi sẽ được lưu thành bản nháp.'));
    if (document.isDraft && designer.options.editable)
      host.append(h('button', { type: 'button', class: 'button', 'data-action': 'discard', onclick: async () => {
        if (!window.confirm('Bỏ bản nháp và quay về phiên bản đang dùng?')) return;
        await designer.api.discard(designer.options.definitionId);
        designer.useDocument(await designer.api.open(designer.options.definitionId));
        designer.say('Đã bỏ bản nháp.');
      } }, 'Bỏ bản nháp'));
    const rows = [...document.versions].reverse();
    const list = h('ol', { class: 'versions', reversed: true });
    for (const row of rows) {
      const who = row.createdByName ?? (row.createdBy ? row.createdBy : 'tệp quy trình của hệ thống');
      list.append(h('li', { class: 'version', 'data-version': row.version },
        h('strong', {}, `Phiên bản ${row.version}`), row.isPublished ? h('span', { class: 'badge' }, 'đang dùng') : null,
        h('div', { class: 'muted' }, `${vnDateTime(row.createdAt)} · ${who}`),
        h('div', { class: row.running > 0 ? 'running' : 'muted', 'data-running': row.running }, `${row.running} hồ sơ đang chạy trên phiên bản ${row.version}`),
        h('div', { class: 'version-actions' },
          h('button', { type: 'button', class: 'link', onclick: () => void view(designer, row.version) }, 'Xem'),
          rows.length > 1 ? h('button', { type: 'button', class: 'link', 'data-action': 'diff', onclick: () => void compare(designer, previous(rows, row.version), row.version) }, 'So với bản trước') : null,
          designer.options.editable && !row.isPublished ? h('button', { type: 'button', class: 'link', 'data-action': 'revert', onclick: async () => {
            if (!window.confirm(`Lấy phiên bản ${row.version} làm bản nháp? Bản nháp hiện tại sẽ được thay.`)) return;
            await designer.api.revert(designer.options.definitionId, row.version);
            designer.useDocument(await designer.api.open(designer.options.definitionId));
            designer.say(`Bản nháp giờ là nội dung phiên bản ${row.version}. Phát hành để dùng lại nó.`);
          } }, 'Khôi phục') : null,
          designer.options.editable && row.isPublished ? h('button', { type: 'button', class: 'link', 'data-action': 'start', onclick: async () => {
            if (!window.confirm(`Chạy thật một phiên theo phiên bản ${row.version}? Phiên chạy giao việc và gửi thư như một hồ sơ thật.`)) return;
            try {
              const started = await designer.api.startInstance(designer.options.definitionId, {});
              designer.say(`Đã bắt đầu phiên chạy ${started.instanceId} theo phiên bản ${row.version}.`);
              designer.useDocument(await designer.api.open(designer.options.definitionId));
            } catch (error) { designer.say(error instanceof ApiError ? error.message : 'Không bắt đầu được.'); }
          } }, 'Chạy một phiên') : null,
          designer.options.editable && row.isPublished ? h('button', { type: 'button', class: 'link danger', 'data-action': 'retract', onclick: async () => {
            if (!window.confirm('Ngừng dùng quy trình này? Hồ sơ mới sẽ không bắt đầu được theo nó; hồ sơ đang chạy vẫn đi tiếp.')) return;
            await designer.api.retract(designer.options.definitionId);
            designer.useDocument(await designer.api.open(designer.options.definitionId));
            designer.say('Đã ngừng dùng quy trình.');
          } }, 'Ngừng dùng') : null)));
    }
    host.append(list);
    const compareForm = h('div', { class: 'compare' });
    if (rows.length > 1) {
      const from = h('select', { 'aria-label': 'So sánh từ phiên bản', 'data-field': 'diff-from' }, ...document.versions.map(v => h('option', { value: v.version }, `Phiên bản ${v.version}`)));
      const to = h('select', { 'aria-label': 'Đến phiên bản', 'data-field': 'diff-to' }, ...document.versions.map(v => h('option', { value: v.version }, `Phiên bản ${v.version}`)));
      to.value = String(rows[0].version);
      const layout = h('input', { type: 'checkbox', id: 'diff-layout' });
      compareForm.append(h('h3', {}, 'So sánh hai phiên bản'), from, to, h('label', { for: 'diff-layout' }, layout, ' tính cả bố cục'),
        h('button', { type: 'button', class: 'button', 'data-action': 'compare', onclick: () => void compare(designer, Number(from.value), Number(to.value), layout.checked) }, 'So sánh'));
      host.append(compareForm);
    }
  };
  designer.on('document', draw);
  draw();
}

function previous(rows: Array<{ version: number }>, version: number): number {
  const older = rows.filter(r => r.version < version);
  return older.length > 0 ? older[0].version : version;
}

/** Shows a version read-only; the editor comes back with "Quay lại bản đang sửa". */
async function view(designer: Designer, version: number): Promise<void> {
  const json = await designer.api.version(designer.options.definitionId, version);
  enterView(designer, `Đang xem phiên bản ${version} (chỉ xem).`, json, () => { /* nothing to mark */ });
}

/** Colours what changed between two versions: added green, removed red (dashed), changed amber. */
async function compare(designer: Designer, from: number, to: number, layout = false): Promise<void> {
  const [older, newer, changes] = await Promise.all([
    designer.api.version(designer.options.definitionId, from),
    designer.api.version(designer.options.definitionId, to),
    designer.api.diff(designer.options.definitionId, from, to, layout),
  ]);
  // The newer version, with the removed steps and connections of the older one drawn back in, marked.
  const removed = (older.root.activities ?? []).filter(a => changes.removed.includes(a.id));
  const removedConnections = (older.root.connections ?? []).filter(c => changes.connectionsRemoved.includes(`${c.source.activity}/${c.source.port || 'Done'}→${c.target.activity}`));
  const merged: ElsaDefinition = { ...newer, root: { ...newer.root, activities: [...(newer.root.activities ?? []), ...removed], connections: [...(newer.root.connections ?? []), ...removedConnections] } };
  const summary = `So sánh phiên bản ${from} → ${to}: thêm ${changes.added.length}, bỏ ${changes.removed.length}, sửa ${changes.changed.length} bước; thêm ${changes.connectionsAdded.length}, bỏ ${changes.connectionsRemoved.length} đường nối.`;
  enterView(designer, summary, merged, () => {
    for (const id of changes.added) mark(designer, id, 'added');
    for (const id of changes.removed) mark(designer, id, 'removed');
    for (const id of changes.changed) mark(designer, id, 'changed');
    for (const edge of designer.graph.getEdges()) {
      const key = edgeKey(edge);
      if (changes.connectionsAdded.includes(key)) designer.mark(edge, 'added');
      if (changes.connectionsRemoved.includes(key)) designer.mark(edge, 'removed');
    }
  });
}

function mark(designer: Designer, id: string, how: 'added' | 'removed' | 'changed'): void {
  const cell = designer.graph.getCellById(id);
  if (cell) designer.mark(cell, how);
}

/** A read-only look at other content in the same canvas; the draft is stashed and restored untouched. */
function enterView(designer: Designer, title: string, json: ElsaDefinition, decorate: () => void): void {
  const banner = document.querySelector('.designer-banner') as HTMLElement;
  if (!designer.readOnlyView) (designer as unknown as { stash: ElsaDefinition }).stash = designer.toJson();
  const stash = (designer as unknown as { stash: ElsaDefinition }).stash;
  const wasDirty = designer.dirty;
  designer.readOnlyView = true;
  designer.load(json);
  decorate();
  clear(banner);
  banner.hidden = false;
  banner.append(h('span', { 'data-testid': 'view-title' }, title), h('button', { type: 'button', class: 'button', 'data-action': 'back', onclick: () => {
    designer.readOnlyView = false;
    designer.load(stash);
    designer.dirty = wasDirty;
    banner.hidden = true;
    void designer.check();
    designer.emit('change');
  } }, 'Quay lại bản đang sửa'));
  designer.emit('change');
}

export function renderTrial(designer: Designer, host: HTMLElement): void {
  const outcomes = new Map<string, string>();
  const inputBox = h('textarea', { id: 'trial-input', rows: 5, class: 'code', spellcheck: 'false', 'data-field': 'trial-input' });
  const steps = h('div', { class: 'trial-steps' });
  const result = h('div', { class: 'trial-result', 'aria-live': 'polite' });
  // Drawn when the panel is open: a list of every task is not rebuilt on each edit of a 500-step path.
  const drawSteps = () => {
    if (host.hidden) { host.setAttribute('data-stale', 'true'); return; }
    host.removeAttribute('data-stale');
    clear(steps);
    const nodes = designer.graph.getNodes().filter(n => !SIMULATED_FOR_REAL.has(activityOf(n).type) && designer.face(activityOf(n).type));
    if (nodes.length === 0) { steps.append(h('p', { class: 'muted' }, 'Không có bước nào cần chọn kết quả.')); return; }
    steps.append(h('h3', {}, 'Kết quả chọn cho từng bước'));
    for (const node of nodes) {
      const activity = activityOf(node);
      const ports = node.getPorts().filter(p => p.group === 'out').map(p => p.id!);
      const select = h('select', { id: `trial-${activity.id}`, 'data-step': activity.id });
      for (const port of ports) select.append(h('option', { value: port }, designer.outcomeLabel(port)));
      select.append(h('option', { value: '' }, 'Dừng chờ tại đây'));
      if (outcomes.has(activity.id)) select.value = outcomes.get(activity.id)!;
      select.addEventListener('change', () => outcomes.set(activity.id, select.value));
      const title = activity.metadata?.displayText || readInput(activity.title).value || designer.face(activity.type)?.label || activity.id;
      steps.append(h('div', { class: 'field' }, h('label', { for: select.id }, title), select));
    }
  };
  const inputs = designer.definition?.inputs ?? [];
  inputBox.value = JSON.stringify(Object.fromEntries(inputs.map(i => [i.name, ''])), null, 2);
  const run = h('button', { type: 'button', class: 'button primary', 'data-action': 'trial', onclick: async () => {
    let input: unknown = {};
    try { input = inputBox.value.trim() ? JSON.parse(inputBox.value) : {}; } catch {
      clear(result); result.append(h('p', { class: 'error' }, 'Dữ liệu thử phải là JSON, ví dụ {"voteRule": "TwoThirds"}.')); return;
    }
    for (const select of Array.from(steps.querySelectorAll('select'))) outcomes.set(select.getAttribute('data-step')!, select.value);
    try {
      const answer = await designer.api.trial(designer.options.definitionId, designer.toJson(), input, Object.fromEntries(outcomes));
      showTrial(designer, answer, result);
    } catch (error) {
      clear(result);
      result.append(h('p', { class: 'error' }, error instanceof ApiError ? error.message : 'Không chạy thử được.'));
      if (error instanceof ApiError) for (const p of error.problems) result.append(h('p', { class: 'error' }, p.message));
    }
  } }, '▶ Chạy thử');
  const reset = h('button', { type: 'button', class: 'button', onclick: () => { designer.clearMarks(); clear(result); void designer.check(); } }, 'Xóa kết quả');
  host.append(h('h2', { class: 'panel-title' }, 'Chạy thử'),
    h('p', { class: 'muted' }, 'Chạy bản đang vẽ trong bộ nhớ: không lưu gì, không gửi thư. Các bước giao việc, họp Hội đồng, gửi thư… đi theo kết quả anh/chị chọn.'),
    h('div', { class: 'field' }, h('label', { for: 'trial-input' }, 'Dữ liệu thử (JSON)'), inputBox), steps, h('div', { class: 'row' }, run, reset), result);
  designer.on('change', drawSteps);
  designer.on('document', drawSteps);
  designer.on('tab', () => { if (!host.hidden && host.hasAttribute('data-stale')) drawSteps(); });
  drawSteps();
}

const STATUS: Record<string, string> = { Finished: 'Đã chạy xong', Suspended: 'Đang chờ', Faulted: 'Gặp lỗi', Cancelled: 'Đã hủy', Running: 'Đang chạy' };
const EVENTS: Record<string, string> = { Started: 'Bắt đầu', Completed: 'Xong', Bookmarked: 'Đang chờ', Faulted: 'Lỗi' };

function showTrial(designer: Designer, answer: TrialResult, host: HTMLElement): void {
  designer.clearMarks();
  for (const cell of designer.graph.getCells()) designer.mark(cell, 'dim');
  for (const id of answer.visited) { const c = designer.graph.getCellById(id); if (c) designer.mark(c, 'done'); }
  for (const id of answer.waiting) { const c = designer.graph.getCellById(id); if (c) designer.mark(c, 'waiting'); }
  for (const edge of designer.graph.getEdges()) {
    const key = edgeKey(edge);
    if (answer.taken.includes(key)) designer.mark(edge, 'done');
  }
  clear(host);
  host.append(h('p', { class: 'trial-status', 'data-status': answer.status }, `Kết quả: ${STATUS[answer.status] ?? answer.status}${answer.fault ? ` — ${answer.fault}` : ''}`));
  if (answer.waiting.length > 0) host.append(h('p', {}, `Đang chờ tại: ${answer.waiting.map(id => name(designer, id)).join(', ')}`));
  const journal = h('ol', { class: 'journal' });
  for (const step of answer.steps) {
    const outcome = step.outcomes.length > 0 ? ` → ${step.outcomes.map(o => designer.outcomeLabel(o)).join(', ')}` : '';
    journal.append(h('li', {}, h('button', { type: 'button', class: 'link', 'data-activity': step.activityId, onclick: () => designer.focusNode(step.activityId) },
      `${name(designer, step.activityId)}: ${EVENTS[step.event] ?? step.event}${outcome}`)));
  }
  host.append(h('h3', {}, 'Đường đi'), journal);
  if (answer.lines.length > 0) host.append(h('h3', {}, 'Các dòng đã ghi'), h('pre', { class: 'lines' }, answer.lines.join('\n')));
}

function name(designer: Designer, id: string): string {
  const cell = designer.graph.getCellById(id);
  if (!cell || !cell.isNode()) return id;
  const activity = activityOf(cell);
  return activity.metadata?.displayText || readInput(activity.title).value || designer.face(activity.type)?.label || id;
}
