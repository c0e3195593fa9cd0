/** A tiny element builder: the explorer's views are plain DOM, with no framework to load. */
export type Child = Node | string | number | null | undefined | false | Child[];
type Attr = string | number | boolean | null | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, Attr> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value != null) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else if (child !== null && child !== undefined && child !== false) parent.appendChild(document.createTextNode(String(child)));
  }
}

/** A search highlight (`…the «lack of enthusiasm» for…`) with its matched words in <mark>. */
export function highlighted(fragment: string): HTMLElement {
  const parts = fragment.split(/[«»]/);
  return h('span', { class: 'highlight' }, ...parts.map((part, i) => (i % 2 ? h('mark', {}, part) : part)));
}

/** What a view shows while its data is on its way, and when it could not get it. */
export const loading = (what = 'Loading…') => h('p', { class: 'loading', role: 'status' }, what);
export const failure = (error: unknown) => h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));

/** Shortens a text at a word boundary. */
export function clip(text: string, max = 140): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}
