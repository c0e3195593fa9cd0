import { SearchDocument, type SearchQuery, type SearchType } from '../../client/generated/graphql';
import { call } from './api';
import { clip, h, highlighted } from './dom';
import { day, nodeTitle, typeBadge } from './format';

export type Hit = SearchQuery['search'][number];

interface Options {
  label: string;
  placeholder: string;
  /** Only these kinds of hits (all when absent). */
  types?: SearchType[];
  onPick: (hit: Hit) => void;
}

const DEBOUNCE_MS = 150;
const SUGGESTIONS = 8;
let boxes = 0;

/** A hit's name or words, clipped; an article's title whole. */
const hitTitle = (node: Hit['node']) => ('title' in node ? node.title : nodeTitle(node, 110));

/** A statement by its speaker and day; anything else by where the search matched it, unless that is its title. */
function hitDetail(hit: Hit): Node | string {
  const node = hit.node;
  if ('speaker' in node) return `${node.speaker.name}, ${day(node.date)}`;
  const [first] = hit.highlights;
  if (first && first.replace(/[«»]/g, '') !== hitTitle(node)) return highlighted(first);
  if ('publishedAt' in node) return [node.source?.name, day(node.publishedAt)].filter(Boolean).join(', ');
  return '';
}

/**
 * A search box suggesting people, organisations, topics, quotes and articles as the user types, best first, each
 * with its highlighted snippet; arrows and Enter pick one, as in a combobox.
 */
export function searchBox({ label, placeholder, types, onPick }: Options): HTMLElement {
  const listId = `suggestions-${++boxes}`;
  const input = h('input', { type: 'search', placeholder, 'aria-label': label, role: 'combobox', 'aria-controls': listId, 'aria-expanded': 'false', autocomplete: 'off' });
  const list = h('ul', { id: listId, class: 'suggestions', role: 'listbox', hidden: true });
  let hits: Hit[] = [];
  let active = -1;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const pick = (hit: Hit | undefined) => {
    if (!hit) return;
    close();
    input.value = '';
    onPick(hit);
  };
  const show = (items: HTMLElement[]) => {
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
  };
  const render = () =>
    show(
      hits.map((hit, i) =>
        h(
          'li',
          { role: 'option', class: i === active ? 'active' : '', 'aria-selected': String(i === active), 'data-id': hit.node.id, onMousedown: (e) => (e.preventDefault(), pick(hit)) },
          typeBadge(hit.node.__typename),
          h('span', { class: 'hit-title' }, 'speaker' in hit.node && hit.highlights[0] ? highlighted(hit.highlights[0]) : hitTitle(hit.node)),
          h('span', { class: 'hit-detail' }, hitDetail(hit)),
        ),
      ),
    );
  const ask = async (query: string) => {
    const mine = ++asked;
    try {
      const data = await call(SearchDocument, { query, types: types ?? null, first: SUGGESTIONS });
      if (mine !== asked) return; // an answer to an older keystroke
      hits = data.search;
      active = hits.length ? 0 : -1;
      if (hits.length) render();
      else show([h('li', { class: 'empty' }, `Nothing found for “${clip(query, 40)}”.`)]);
    } catch (error) {
      if (mine === asked) show([h('li', { class: 'error' }, (error as Error).message)]);
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2) {
      asked++;
      hits = [];
      return close();
    }
    timer = setTimeout(() => void ask(query), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') return close();
    if (e.key === 'Enter') return pick(hits[Math.max(active, 0)]);
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && hits.length) {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      render();
    }
  });
  input.addEventListener('blur', close);
  input.addEventListener('focus', () => hits.length && render());
  return h('div', { class: 'search-box' }, input, list);
}
