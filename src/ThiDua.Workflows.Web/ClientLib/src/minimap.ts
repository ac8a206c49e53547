// A light minimap: node boxes and the visible area drawn on one <canvas>, redrawn at most once a frame. X6's own
// minimap renders a second copy of every node and edge, which doubles the cost of opening and dragging 500 steps.
import type { Graph } from '@antv/x6';

export function attachMinimap(graph: Graph, host: HTMLElement, width = 180, height = 120): void {
  const canvas = document.createElement('canvas');
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  host.append(canvas);
  const context = canvas.getContext('2d');
  if (!context) return;
  let frame = 0;
  let transform = { scale: 1, x: 0, y: 0 };

  const draw = () => {
    frame = 0;
    const nodes = graph.getNodes();
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    if (nodes.length === 0) return;
    const content = graph.getContentBBox();
    const view = graph.getGraphArea();
    const left = Math.min(content.x, view.x);
    const top = Math.min(content.y, view.y);
    const right = Math.max(content.x + content.width, view.x + view.width);
    const bottom = Math.max(content.y + content.height, view.y + view.height);
    const scale = Math.min((width - 8) / (right - left), (height - 8) / (bottom - top));
    transform = { scale, x: 4 - left * scale, y: 4 - top * scale };
    context.fillStyle = '#90a4ae';
    for (const node of nodes) {
      const p = node.getPosition();
      const s = node.getSize();
      context.fillRect(transform.x + p.x * scale, transform.y + p.y * scale, Math.max(1, s.width * scale), Math.max(1, s.height * scale));
    }
    context.strokeStyle = '#1565c0';
    context.lineWidth = 1.5;
    context.strokeRect(transform.x + view.x * scale, transform.y + view.y * scale, view.width * scale, view.height * scale);
  };
  const schedule = () => { if (!frame) frame = requestAnimationFrame(draw); };
  for (const event of ['translate', 'scale', 'resize', 'cell:added', 'cell:removed', 'node:change:position', 'model:reseted'])
    graph.on(event as never, schedule);

  // Click or drag on the minimap to look at that part of the path.
  const centre = (e: PointerEvent) => {
    const bounds = canvas.getBoundingClientRect();
    const x = (e.clientX - bounds.left - transform.x) / transform.scale;
    const y = (e.clientY - bounds.top - transform.y) / transform.scale;
    graph.centerPoint(x, y);
  };
  canvas.addEventListener('pointerdown', e => {
    canvas.setPointerCapture(e.pointerId);
    centre(e);
    const move = (m: PointerEvent) => centre(m);
    const up = () => { canvas.removeEventListener('pointermove', move); canvas.removeEventListener('pointerup', up); };
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
  });
  schedule();
}
