// The properties panel, generated from the activity descriptors the server serves: each input with an editor for its
// kind and, under "Nâng cao", its expression type. Edits go through the designer (one undoable step each) and the
// server checks them as the person types; technical details stay behind "Chi tiết kỹ thuật".
import type { Node } from '@antv/x6';
import type { Designer } from './designer';
import { clear, debounce, h } from './dom';
import { activityOf, readInput } from './model';
import type { ElsaActivity, PaletteInput } from './types';

const EXPRESSION_TYPES: Array<[string, string]> = [
  ['Literal', 'Giá trị'], ['Object', 'Danh sách/đối tượng JSON'], ['JavaScript', 'JavaScript'], ['Liquid', 'Liquid'], ['Variable', 'Biến'],
];

const LIST_KINDS = new Set(['list', 'numbers', 'outcomes']);

export function renderProperties(designer: Designer, host: HTMLElement): void {
  const draw = () => {
    const active = document.activeElement as HTMLElement | null;
    const focusedField = active && host.contains(active) ? active.getAttribute('data-field') : null;
    clear(host);
    const node = designer.selectedNode();
    if (node) nodeForm(designer, node, host);
    else if (designer.graph.getSelectedCells().length > 1) host.append(h('p', { class: 'muted' }, `Đã chọn ${designer.graph.getSelectedCells().length} phần tử. Nhấn Delete để xóa, Ctrl+C để sao chép.`));
    else workflowForm(designer, host);
    if (focusedField) (host.querySelector(`[data-field="${CSS.escape(focusedField)}"]`) as HTMLElement | null)?.focus();
  };
  designer.on('selection', draw);
  designer.on('document', draw);
  designer.on('change', () => { if (!designer.selectedNode()) draw(); });
  draw();
}

function nodeForm(designer: Designer, node: Node, host: HTMLElement): void {
  const activity = activityOf(node);
  const face = designer.face(activity.type);
  const editable = designer.options.editable && !designer.readOnlyView;
  host.append(h('h2', { class: 'panel-title' }, face?.label ?? 'Hoạt động không rõ loại'));
  if (face?.description) host.append(h('p', { class: 'muted' }, face.description));
  if (!face) {
    host.append(h('p', { class: 'notice' }, `Hệ thống không có loại “${activity.type}”. Bước được giữ nguyên khi lưu và xuất tệp, nhưng không chạy được.`));
  }

  const name = h('input', { type: 'text', id: 'prop-displayText', 'data-field': 'displayText', value: activity.metadata?.displayText ?? '', placeholder: face?.label ?? '', disabled: !editable });
  name.addEventListener('change', () => designer.updateActivity(node, a => {
    a.metadata = { ...(a.metadata ?? {}) };
    if (name.value.trim()) a.metadata.displayText = name.value.trim(); else delete a.metadata.displayText;
  }));
  host.append(field('prop-displayText', 'Tên bước', name));

  const problems = designer.problems.filter(p => p.activityId === activity.id);
  if (problems.length > 0) host.append(h('ul', { class: 'node-problems' }, ...problems.map(p => h('li', {}, p.message))));

  const inputs = face?.inputs ?? [];
  for (const input of inputs.filter(i => !i.advanced)) host.append(inputEditor(designer, node, activity, input, editable));
  const advanced = inputs.filter(i => i.advanced);
  if (advanced.length > 0) {
    const details = h('details', { class: 'advanced' }, h('summary', {}, 'Nâng cao'));
    for (const input of advanced) details.append(inputEditor(designer, node, activity, input, editable));
    host.append(details);
  }
  host.append(h('details', { class: 'technical' }, h('summary', {}, 'Chi tiết kỹ thuật'),
    h('dl', {}, h('dt', {}, 'Mã bước'), h('dd', { 'data-testid': 'activity-id' }, activity.id), h('dt', {}, 'Loại'), h('dd', {}, activity.type)),
    h('pre', { class: 'json' }, JSON.stringify(activity, null, 2))));
}

function inputEditor(designer: Designer, node: Node, activity: ElsaActivity, input: PaletteInput, editable: boolean): HTMLElement {
  const id = `prop-${input.name}`;
  const current = readInput(activity[input.name]);
  const problem = designer.problems.find(p => p.activityId === activity.id && p.field === input.name);
  const commit = (type: string, text: string) => designer.updateActivity(node, a => writeInput(a, input, type, text));
  const typed = debounce(() => commit(expressionType.value, valueOf()), 600);

  const expressionType = h('select', { class: 'expression-type', 'aria-label': `Kiểu biểu thức của ${input.label}`, 'data-field': `${input.name}.type`, disabled: !editable });
  for (const [value, label] of EXPRESSION_TYPES) {
    const option = h('option', { value }, label);
    if (value === current.type || (value === 'Literal' && current.type === 'Object' && LIST_KINDS.has(input.kind))) option.selected = true;
    expressionType.append(option);
  }
  const literal = current.type === 'Literal' || (current.type === 'Object' && LIST_KINDS.has(input.kind));
  let editor: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  let valueOf: () => string;
  if (!literal) {
    editor = h('textarea', { id, class: 'code', rows: 3, spellcheck: 'false', 'data-field': input.name, disabled: !editable });
    editor.value = current.value;
    valueOf = () => editor.value;
  } else if (input.kind === 'role' || input.kind === 'choice') {
    editor = h('select', { id, 'data-field': input.name, disabled: !editable }, h('option', { value: '' }, '— chưa chọn —'));
    for (const choice of input.choices ?? []) {
      const option = h('option', { value: choice.value }, choice.label);
      if (choice.value === current.value) option.selected = true;
      editor.append(option);
    }
    valueOf = () => editor.value;
  } else if (input.kind === 'bool') {
    const box = h('input', { type: 'checkbox', id, 'data-field': input.name, disabled: !editable });
    box.checked = current.value === 'true';
    editor = box;
    valueOf = () => String(box.checked);
  } else if (input.kind === 'multiline' || input.kind === 'json') {
    editor = h('textarea', { id, rows: 3, 'data-field': input.name, disabled: !editable });
    editor.value = current.value;
    valueOf = () => editor.value;
  } else {
    const type = input.kind === 'number' || input.kind === 'workingDays' ? 'number' : input.kind === 'date' ? 'date' : input.kind === 'datetime' ? 'datetime-local' : 'text';
    const shown = LIST_KINDS.has(input.kind) ? listText(current.value) : current.value;
    editor = h('input', { type, id, value: shown, 'data-field': input.name, min: type === 'number' ? 0 : undefined, max: type === 'number' ? 3650 : undefined, disabled: !editable,
      placeholder: input.kind === 'duration' ? '00:05:00' : LIST_KINDS.has(input.kind) ? 'cách nhau bởi dấu phẩy' : undefined });
    valueOf = () => LIST_KINDS.has(input.kind) ? listJson(editor.value, input.kind === 'numbers') : editor.value;
  }
  editor.addEventListener(editor instanceof HTMLSelectElement || editor.type === 'checkbox' ? 'change' : 'input', () => typed());
  editor.addEventListener('change', () => typed.flush());
  editor.addEventListener('blur', () => typed.flush());
  expressionType.addEventListener('change', () => commit(expressionType.value, valueOf()));

  const label = input.kind === 'workingDays' ? `${input.label}` : input.label;
  const wrapper = field(id, label + (input.required ? ' *' : ''), editor, input.help ?? undefined, problem?.message);
  wrapper.setAttribute('data-input', input.name);
  if (input.kind === 'outcomes' && literal) wrapper.append(h('p', { class: 'hint' }, 'Mỗi lựa chọn là một nhánh ra. Mã thường dùng: Approve (Đồng ý), Reject (Không đồng ý), Return (Trả lại để bổ sung), Done (Hoàn thành).'));
  const advanced = h('details', { class: 'expression' }, h('summary', {}, 'Kiểu biểu thức'), expressionType);
  if (!literal) advanced.open = true;
  wrapper.append(advanced);
  return wrapper;
}

/** Writes an input as Elsa does: {typeName, expression:{type, value}}; an empty value removes the input. */
function writeInput(activity: ElsaActivity, input: PaletteInput, type: string, text: string): void {
  const listLiteral = LIST_KINDS.has(input.kind) && type === 'Literal';
  if (text === '' || (listLiteral && text === '[]' && !input.required)) { delete activity[input.name]; return; }
  activity[input.name] = { typeName: input.typeName, expression: { type: listLiteral ? 'Object' : type, value: text } };
}

function listText(json: string): string {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.join(', ') : json;
  } catch { return json; }
}

function listJson(text: string, numbers: boolean): string {
  const items = text.split(',').map(s => s.trim()).filter(Boolean);
  return JSON.stringify(numbers ? items.map(Number).filter(n => Number.isFinite(n)) : items);
}

function field(id: string, label: string, editor: HTMLElement, help?: string, error?: string): HTMLElement {
  return h('div', { class: `field${error ? ' has-error' : ''}` },
    h('label', { for: id }, label), editor,
    help && !error ? h('p', { class: 'hint' }, help) : null,
    error ? h('p', { class: 'error', role: 'alert' }, error) : null);
}

function workflowForm(designer: Designer, host: HTMLElement): void {
  const definition = designer.definition;
  const editable = designer.options.editable && !designer.readOnlyView;
  host.append(h('h2', { class: 'panel-title' }, 'Quy trình'));
  const name = h('input', { type: 'text', id: 'wf-name', value: definition.name ?? '', 'data-field': 'wf-name', disabled: !editable });
  name.addEventListener('change', () => designer.editDefinition(d => { d.name = name.value.trim(); }));
  host.append(field('wf-name', 'Tên quy trình', name));
  const description = h('textarea', { id: 'wf-description', rows: 2, 'data-field': 'wf-description', disabled: !editable });
  description.value = String(definition.description ?? '');
  description.addEventListener('change', () => designer.editDefinition(d => { d.description = description.value.trim() || undefined; }));
  host.append(field('wf-description', 'Mô tả', description));

  const variables = definition.variables ?? [];
  host.append(namedList(editable, 'wf-variable', `Biến của quy trình (${variables.length})`, 'Tên biến mới',
    variables.map(v => ({ name: v.name, type: v.typeName ?? 'Object' })),
    index => designer.editDefinition(d => { d.variables = (d.variables ?? []).filter((_, i) => i !== index); }),
    (name, type) => designer.editDefinition(d => { d.variables = [...(d.variables ?? []), { id: name.charAt(0).toLowerCase() + name.slice(1), name, typeName: type, value: null }]; })));
  // Elsa's workflow inputs: what a run receives (getInput('…')); the trial run fills them in.
  const inputs = definition.inputs ?? [];
  host.append(namedList(editable, 'wf-input', `Dữ liệu vào (${inputs.length})`, 'Tên dữ liệu vào mới',
    inputs.map(i => ({ name: i.name, type: i.type ?? 'Object', label: i.displayName })),
    index => designer.editDefinition(d => { d.inputs = (d.inputs ?? []).filter((_, i) => i !== index); }),
    (name, type) => designer.editDefinition(d => { d.inputs = [...(d.inputs ?? []), { name, type, displayName: name }]; })));
  host.append(h('p', { class: 'hint' }, 'Chọn một bước trên sơ đồ để sửa nó. Kéo từ một chấm tròn bên phải của bước sang chấm bên trái của bước khác để nối.'));
}

/** A list of named, typed entries (variables, inputs) with remove and add; names are checked before adding. */
function namedList(editable: boolean, id: string, title: string, placeholder: string, items: Array<{ name: string; type: string; label?: string }>,
  remove: (index: number) => void, add: (name: string, type: string) => void): HTMLElement {
  const list = h('div', { class: 'variables', 'data-list': id }, h('h3', {}, title));
  items.forEach((item, index) => list.append(h('div', { class: 'variable-row' },
    h('span', { class: 'variable-name' }, item.name), item.label && item.label !== item.name ? h('span', {}, item.label) : null,
    h('span', { class: 'muted' }, item.type),
    editable ? h('button', { type: 'button', class: 'link', 'aria-label': `Xóa ${item.name}`, onclick: () => remove(index) }, 'Xóa') : null)));
  if (!editable) return list;
  const name = h('input', { type: 'text', id, placeholder, 'data-field': id, 'aria-label': placeholder });
  const type = h('select', { 'aria-label': `Kiểu của ${placeholder.toLowerCase()}` }, ...['String', 'Int32', 'Boolean', 'Object'].map(t => h('option', { value: t }, t)));
  name.addEventListener('input', () => name.setCustomValidity(''));
  list.append(h('div', { class: 'variable-add' }, name, type, h('button', { type: 'button', class: 'button', onclick: () => {
    const value = name.value.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) { name.setCustomValidity('Tên viết liền, không dấu, bắt đầu bằng chữ.'); name.reportValidity(); return; }
    if (items.some(i => i.name === value)) { name.setCustomValidity('Đã có tên này.'); name.reportValidity(); return; }
    add(value, type.value);
  } }, 'Thêm')));
  return list;
}
