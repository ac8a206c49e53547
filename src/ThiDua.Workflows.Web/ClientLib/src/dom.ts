// A few DOM helpers: the designer builds its panels with plain elements (no framework), text always as text.

type Attrs = Record<string, string | number | boolean | undefined | null | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | null | undefined | false>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.replace(/^on/, '').toLowerCase(), value as EventListener);
    else if (key === 'class') element.className = String(value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

export function clear(element: Element): void { while (element.firstChild) element.removeChild(element.firstChild); }

/** Date and time as Vietnamese readers write it: 14:05 ngày 29/11/2026. */
export function vnDateTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())} ngày ${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export function debounce(fn: () => void, ms: number): { (): void; flush(): void; cancel(): void } {
  let timer: number | undefined;
  const run = () => { timer = undefined; fn(); };
  const wrapped = () => { if (timer !== undefined) clearTimeout(timer); timer = window.setTimeout(run, ms); };
  wrapped.flush = () => { if (timer !== undefined) { clearTimeout(timer); run(); } };
  wrapped.cancel = () => { if (timer !== undefined) clearTimeout(timer); timer = undefined; };
  return wrapped;
}
