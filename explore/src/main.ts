import './style.css';
import { LatestArticlesDocument } from '../../client/generated/graphql';
import { call } from './api';
import { articlePage } from './article-page';
import { failure, h, loading } from './dom';
import { entityPage } from './entity-page';
import { articleLink, count } from './format';
import { pathsPage } from './paths-page';
import { links, parseRoute, type Route } from './router';
import { type Hit, searchBox } from './search-box';

const view = document.getElementById('view')!;

/** Where a picked search hit leads: an entity to its page, a quote to the article reporting it, marked. */
function open(hit: Hit): void {
  const node = hit.node;
  if ('reportedIn' in node) location.hash = links.article(node.reportedIn[0]?.id ?? '', node.id);
  else if ('title' in node) location.hash = links.article(node.id);
  else location.hash = links.entity(node.id);
}

async function home(): Promise<HTMLElement> {
  const { articles } = await call(LatestArticlesDocument, { first: 10 });
  return h(
    'div',
    { class: 'home' },
    h('header', { class: 'page-head' }, h('h1', {}, 'Who said what about whom, and when'), h('p', {}, `Search ${count(articles.totalCount, 'article')}: people, organisations, topics, quotes. Open a person to see their network, their timeline and the sentence each statement came from; or ask how two are connected.`)),
    searchBox({ label: 'Search the stories', placeholder: 'Search people, organisations, topics, quotes, articles', onPick: open }),
    h('section', { class: 'panel' }, h('h2', {}, 'Latest articles'), h('ul', { class: 'articles' }, ...articles.edges.map((e) => h('li', {}, articleLink(e.node))))),
  );
}

const pages: { [V in Route['view']]: (route: Extract<Route, { view: V }>) => Promise<HTMLElement> } = {
  home,
  entity: (r) => entityPage(r.id),
  article: (r) => articlePage(r.id, r.statement),
  connect: (r) => pathsPage(r.from, r.to, r.hops),
};

let shown = 0;

/** Draws the view the URL names; an answer arriving after the user moved on is dropped. */
async function render(): Promise<void> {
  const mine = ++shown;
  const route = parseRoute(location.hash);
  view.replaceChildren(loading());
  try {
    const page = await (pages[route.view] as (r: Route) => Promise<HTMLElement>)(route);
    if (mine === shown) view.replaceChildren(page);
  } catch (error) {
    if (mine === shown) view.replaceChildren(failure(error));
  }
  if (mine === shown) window.scrollTo(0, 0);
}

document.getElementById('search')!.append(searchBox({ label: 'Search', placeholder: 'Search…', onPick: open }));
window.addEventListener('hashchange', () => void render());
void render();
