import { ArticleTextDocument, TimelineDocument, type TimelineQuery, type TimelineRole } from '../../client/generated/graphql';
import { call } from './api';
import { failure, h, loading } from './dom';
import { articleLink, count } from './format';
import { articleBody, spanIn } from './source';
import { statementCard } from './statement';

type Edge = TimelineQuery['timeline']['edges'][number];

const PAGE = 20;
const ROLES: [TimelineRole, string][] = [
  ['ANY', 'by and about'],
  ['BY', 'by'],
  ['ABOUT', 'about'],
];

/**
 * The timeline of statements by and about an entity, oldest first, a page at a time; each statement can show the
 * article it came from with its sentence highlighted.
 */
export function timeline(entityId: string, entityName: string): HTMLElement {
  const list = h('ol', { class: 'timeline' });
  const total = h('span', { class: 'muted' });
  const more = h('button', { type: 'button', hidden: true }, 'Show more');
  const role = h('select', { 'aria-label': 'Statements' }, ...ROLES.map(([value, label]) => h('option', { value }, `Statements ${label} ${entityName}`)));
  const order = h('select', { 'aria-label': 'Order' }, h('option', { value: 'OLDEST_FIRST' }, 'oldest first'), h('option', { value: 'NEWEST_FIRST' }, 'newest first'));
  let after: string | null = null;

  const load = async (restart: boolean) => {
    if (restart) {
      after = null;
      list.replaceChildren(loading());
    }
    more.disabled = true;
    try {
      const data = await call(TimelineDocument, {
        entity: entityId,
        role: role.value as TimelineRole,
        order: order.value as 'OLDEST_FIRST' | 'NEWEST_FIRST',
        first: PAGE,
        after,
      });
      const page = data.timeline;
      if (restart) list.replaceChildren();
      list.append(...page.edges.map(item));
      if (!page.totalCount) list.replaceChildren(h('li', { class: 'empty' }, 'No statements.'));
      total.textContent = ` ${count(page.totalCount, 'statement')}`;
      after = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
    } catch (error) {
      list.append(failure(error));
    } finally {
      more.disabled = false;
    }
  };
  role.addEventListener('change', () => void load(true));
  order.addEventListener('change', () => void load(true));
  more.addEventListener('click', () => void load(false));
  void load(true);
  return h('section', { class: 'panel timeline-panel' }, h('h2', {}, 'Timeline', total), h('div', { class: 'controls' }, role, order), list, more);
}

function item(edge: Edge): HTMLElement {
  const statement = edge.node;
  const article = edge.article;
  const source = h('div', { class: 'source-text', hidden: true });
  const toggle = h('button', { type: 'button', class: 'link' }, 'Show the source sentence');
  toggle.addEventListener('click', () => void showSource(statement, article?.id ?? statement.evidence[0]?.article.id, source, toggle));
  return statementCard(statement, article ? h('div', { class: 'source' }, 'in ', articleLink(article, statement.id), ' ', toggle) : null, source);
}

/** Opens (or closes) the article's text under the statement, its sentence highlighted and scrolled into view. */
async function showSource(statement: Edge['node'], articleId: string | undefined, into: HTMLElement, toggle: HTMLButtonElement): Promise<void> {
  if (!into.hidden) {
    into.hidden = true;
    toggle.textContent = 'Show the source sentence';
    return;
  }
  into.hidden = false;
  toggle.textContent = 'Hide the source';
  if (into.childNodes.length || !articleId) return;
  into.replaceChildren(loading('Loading the article…'));
  try {
    const { article } = await call(ArticleTextDocument, { id: articleId });
    const body = article?.body ?? '';
    const span = spanIn(body, articleId, statement);
    const text = articleBody(body, span ? [span] : []);
    into.replaceChildren(span ? '' : h('p', { class: 'muted' }, 'Where in the article it was said is not recorded.'), text);
    // Scroll the box, not the page, to the sentence (.source-text is positioned, so offsetTop is within it).
    const mark = text.querySelector('mark');
    if (mark) into.scrollTop = mark.offsetTop - into.clientHeight / 3;
  } catch (error) {
    into.replaceChildren(failure(error));
  }
}
