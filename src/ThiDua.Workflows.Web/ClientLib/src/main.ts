// Entry point: builds the designer into #designer-app (data-definition-id, data-antiforgery, data-editable) and
// exposes window.designer for tests and the benchmark: ready, load(json), toJson(), problems(), undo(), redo().
import { Designer } from './designer';
import { h } from './dom';
import { renderPalette } from './palette';
import { renderProblems, renderToolbar, renderTrial, renderVersions } from './panels';
import { renderProperties } from './properties';
import type { ElsaDefinition } from './types';
import { drawInstanceDiagrams } from './view';

declare global {
  interface Window {
    designer?: {
      ready: boolean;
      /** performance.now() when the canvas had painted and answered to input (navigation start is 0). */
      readyAt?: number;
      timings: Record<string, number>;
      instance: Designer;
      load(json: ElsaDefinition): void;
      toJson(): ElsaDefinition;
      problems(): unknown[];
      undo(): void;
      redo(): void;
      save(): Promise<boolean>;
    };
  }
}

/** Where the time to an interactive canvas goes (ms since navigation start), for the benchmark. */
export const timings: Record<string, number> = { script: performance.now() };

async function boot(): Promise<void> {
  drawInstanceDiagrams();
  const app = document.getElementById('designer-app');
  if (!app) return;
  const designer = new Designer({
    definitionId: app.dataset.definitionId ?? '',
    antiforgery: app.dataset.antiforgery ?? '',
    editable: app.dataset.editable === 'true',
  });
  const toolbar = h('div', { class: 'designer-toolbar', role: 'toolbar', 'aria-label': 'Công cụ thiết kế' });
  const banner = h('div', { class: 'designer-banner', hidden: true });
  const palette = h('aside', { class: 'designer-palette', 'aria-label': 'Các hoạt động' });
  const canvas = h('div', { class: 'designer-canvas', 'data-testid': 'canvas' });
  const minimap = h('div', { class: 'designer-minimap', 'aria-hidden': 'true' });
  const tabs = h('div', { class: 'designer-tabs', role: 'tablist' });
  const panels: Record<string, HTMLElement> = {
    properties: h('section', { class: 'designer-panel', id: 'panel-properties', role: 'tabpanel' }),
    problems: h('section', { class: 'designer-panel', id: 'panel-problems', role: 'tabpanel', hidden: true }),
    versions: h('section', { class: 'designer-panel', id: 'panel-versions', role: 'tabpanel', hidden: true }),
    trial: h('section', { class: 'designer-panel', id: 'panel-trial', role: 'tabpanel', hidden: true }),
  };
  const titles: Record<string, string> = { properties: 'Thuộc tính', problems: 'Lỗi', versions: 'Phiên bản', trial: 'Chạy thử' };
  const tabButtons: Record<string, HTMLButtonElement> = {};
  const showTab = (tab: string) => {
    for (const [key, panel] of Object.entries(panels)) {
      panel.hidden = key !== tab;
      tabButtons[key].setAttribute('aria-selected', String(key === tab));
    }
    designer.emit('tab');
  };
  for (const key of Object.keys(panels)) {
    if (key === 'trial' && app.dataset.editable !== 'true') continue;
    tabButtons[key] = h('button', { type: 'button', role: 'tab', 'data-tab': key, 'aria-controls': `panel-${key}`, onclick: () => showTab(key) }, titles[key]);
    tabs.append(tabButtons[key]);
  }
  const side = h('aside', { class: 'designer-side', 'aria-label': 'Thuộc tính và kiểm tra' }, tabs, ...Object.values(panels));
  const status = h('div', { class: 'designer-status', role: 'status', 'aria-live': 'polite' });
  app.append(toolbar, banner, h('div', { class: 'designer-body' }, palette, h('div', { class: 'designer-stage' }, canvas, minimap), side), status);

  try {
    await designer.start(canvas, minimap);
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : 'Không mở được quy trình.';
    app.setAttribute('data-failed', 'true');
    return;
  }
  renderToolbar(designer, toolbar, showTab);
  if (designer.options.editable) renderPalette(designer, palette); else palette.hidden = true;
  renderProperties(designer, panels.properties);
  renderProblems(designer, panels.problems, showTab);
  renderVersions(designer, panels.versions);
  if (designer.options.editable) renderTrial(designer, panels.trial);
  const countProblems = () => {
    const count = designer.problems.length;
    tabButtons.problems.textContent = count > 0 ? `Lỗi (${count})` : 'Lỗi';
    tabButtons.problems.classList.toggle('has-problems', count > 0);
  };
  designer.on('problems', countProblems);
  designer.on('status', () => { status.textContent = designer.status; });
  designer.on('selection', () => { if (designer.selectedNode()) showTab('properties'); });
  countProblems();
  showTab('properties');

  window.designer = {
    ready: false,
    timings: Object.assign(timings, designer.timings),
    instance: designer,
    load: json => designer.load(json),
    toJson: () => designer.toJson(),
    problems: () => designer.problems,
    undo: () => designer.undo(),
    redo: () => designer.redo(),
    save: () => designer.save(),
  };
  // Ready once the canvas has painted (two frames), as the benchmark measures it.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.designer!.readyAt = performance.now();
    window.designer!.ready = true;
    designer.ready = true;
    app.setAttribute('data-ready', 'true');
    document.dispatchEvent(new CustomEvent('designer:ready'));
  }));
}

void boot();
