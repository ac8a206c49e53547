// The X6 canvas: one node shape drawn in SVG (no per-node HTML or DOM measuring, so 500 nodes open fast), ports for
// outcomes, and X6's own plugins for selection, snap lines, undo history, clipboard, keyboard and the minimap.
import { Clipboard, Graph, History, Keyboard, Selection, Snapline } from '@antv/x6';
import { attachMinimap } from './minimap';
import { IN_PORT, NODE_WIDTH } from './model';

export const COLORS = {
  work: '#1565c0', branch: '#6a1b9a', advanced: '#455a64', unknown: '#9e9e9e',
  line: '#78909c', invalid: '#c62828', done: '#2e7d32', waiting: '#ef6c00', added: '#2e7d32', removed: '#c62828', changed: '#f9a825',
};

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  Graph.registerNode('activity', {
    inherit: 'rect',
    width: NODE_WIDTH,
    height: 64,
    markup: [
      { tagName: 'rect', selector: 'body' },
      { tagName: 'rect', selector: 'stripe' },
      { tagName: 'text', selector: 'icon' },
      { tagName: 'text', selector: 'label' },
      { tagName: 'text', selector: 'kind' },
    ],
    attrs: {
      body: { refWidth: '100%', refHeight: '100%', rx: 8, ry: 8, fill: '#ffffff', stroke: '#b0bec5', strokeWidth: 1.5 },
      stripe: { width: 6, refHeight: '100%', rx: 3, ry: 3, fill: COLORS.work },
      icon: { refX: 22, refY: 24, fontSize: 18, textAnchor: 'middle', textVerticalAnchor: 'middle', fill: COLORS.work },
      label: { refX: 40, refY: 10, fontSize: 13, fontWeight: 600, fill: '#1a1a1a', textAnchor: 'start', textVerticalAnchor: 'top', fontFamily: 'Roboto, Arial, sans-serif' },
      kind: { refX: 40, refY: 46, fontSize: 11, fill: '#546e7a', textAnchor: 'start', textVerticalAnchor: 'top', fontFamily: 'Roboto, Arial, sans-serif' },
    },
    ports: {
      groups: {
        in: {
          position: 'left',
          attrs: { circle: { r: 6, magnet: 'passive', stroke: '#546e7a', fill: '#ffffff', strokeWidth: 1.5 } },
        },
        out: {
          position: 'right',
          // Outcome names sit outside the node, beside their port, so they never cover the step's own name.
          label: { position: { name: 'right', args: { x: 10, y: -8 } } },
          attrs: {
            circle: { r: 6, magnet: true, stroke: COLORS.work, fill: '#ffffff', strokeWidth: 1.5, cursor: 'crosshair' },
            text: { fontSize: 11, fill: '#37474f', fontFamily: 'Roboto, Arial, sans-serif' },
          },
        },
      },
    },
  });
}

export interface GraphParts { graph: Graph; history: History }

export function createGraph(container: HTMLElement, minimap: HTMLElement | null, editable: boolean): GraphParts {
  register();
  const graph = new Graph({
    container,
    autoResize: true,
    grid: { size: 10, visible: true, type: 'dot', args: { color: '#cfd8dc' } },
    background: { color: '#fafbfc' },
    panning: { enabled: true, eventTypes: ['leftMouseDown', 'mouseWheel'] },
    mousewheel: { enabled: true, modifiers: ['ctrl', 'meta'], minScale: 0.2, maxScale: 3 },
    scaling: { min: 0.2, max: 3 },
    virtual: true,
    interacting: editable ? { nodeMovable: true, edgeMovable: true } : false,
    connecting: {
      router: 'normal',
      connector: { name: 'smooth' },
      anchor: 'center',
      connectionPoint: 'anchor',
      allowBlank: false,
      allowLoop: true,
      allowNode: false,
      allowEdge: false,
      allowMulti: 'withPort',
      highlight: true,
      snap: { radius: 24 },
      createEdge() {
        return this.createEdge({ shape: 'edge', attrs: { line: { stroke: COLORS.line, strokeWidth: 1.6, targetMarker: { name: 'classic', size: 7 } } }, zIndex: 0 });
      },
      // Out ports lead to in ports only.
      validateConnection({ sourceMagnet, targetMagnet }) {
        if (!sourceMagnet || !targetMagnet) return false;
        const from = sourceMagnet.getAttribute('port-group');
        const to = targetMagnet.getAttribute('port-group');
        return from === 'out' && to === 'in' && targetMagnet.getAttribute('port') === IN_PORT;
      },
    },
    highlighting: {
      magnetAvailable: { name: 'stroke', args: { padding: 3, attrs: { strokeWidth: 3, stroke: '#43a047' } } },
    },
  });

  const history = new History({
    enabled: editable,
    stackSize: 500,
    // Marks the designer sets for problems, trial runs and diffs are not edits.
    beforeAddCommand(_event, args) { return !(args as { options?: { ignoreHistory?: boolean } })?.options?.ignoreHistory; },
  });
  graph.use(history);
  graph.use(new Selection({ enabled: true, multiple: true, rubberband: true, modifiers: ['shift'], movable: editable, showNodeSelectionBox: true, pointerEvents: 'none' }));
  if (editable) {
    graph.use(new Snapline({ enabled: true }));
    graph.use(new Clipboard({ enabled: true, useLocalStorage: true }));
    graph.use(new Keyboard({
      enabled: true,
      global: true,
      // Keys typed in a form field stay with the field (Ctrl+Z there undoes the text only).
      guard(e: KeyboardEvent) {
        const target = e.target as HTMLElement | null;
        return !(target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)));
      },
    }));
  }
  if (minimap) attachMinimap(graph, minimap);
  return { graph, history };
}
