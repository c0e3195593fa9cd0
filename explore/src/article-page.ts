import { ArticlePageDocument, type ArticlePageQuery } from '../../client/generated/graphql';
import { call } from './api';
import { clip, h } from './dom';
import { articleLink, day, entityLink, typeBadge } from './format';
import { articleBody, spanIn, type Span } from './source';
import { statementCard } from './statement';

type Article = NonNullable<ArticlePageQuery['article']>;
type Statement = Article['statements']['edges'][number]['node'];

/**
 * An article: its text with every statement's sentence marked, its statements in reading order (clicking one
 * shows where it was said), who is quoted, and related stories with what they share.
 */
export async function articlePage(id: string, selected: string | null): Promise<HTMLElement> {
  const { article } = await call(ArticlePageDocument, { id, statements: 50, related: 5 });
  if (!article) throw new Error(`No article has the id “${id}”.`);
  const body = article.body ?? '';
  const placed = article.statements.edges.map((e) => ({ statement: e.node, span: spanIn(body, article.id, e.node) }));
  // Reading order: where the words stand in the body; statements not found in it come last, as listed.
  placed.sort((x, y) => (x.span?.start ?? Infinity) - (y.span?.start ?? Infinity));
  const text = articleBody(body, placed.map((p) => p.span).filter((s): s is Span => s !== null));
  const select = (statementId: string) => {
    for (const el of document.querySelectorAll('.selected')) el.classList.remove('selected');
    const marks = text.querySelectorAll(`mark[data-statement="${CSS.escape(statementId)}"]`);
    for (const el of [...marks, ...document.querySelectorAll(`li[data-statement="${CSS.escape(statementId)}"]`)]) el.classList.add('selected');
    marks[0]?.scrollIntoView({ block: 'center' });
  };
  text.addEventListener('click', (e) => {
    const mark = (e.target as HTMLElement).closest('mark');
    if (mark?.dataset.statement) select(mark.dataset.statement);
  });
  const statements = h(
    'ol',
    { class: 'statements reading-order' },
    ...placed.map(({ statement, span }) => {
      const card = statementCard(statement, span ? null : h('p', { class: 'muted' }, 'Not found in the text.'));
      card.addEventListener('click', (e) => {
        if (!(e.target as HTMLElement).closest('a')) select(statement.id);
      });
      return card;
    }),
  );
  if (selected) requestAnimationFrame(() => select(selected));
  return h(
    'div',
    { class: 'article-page' },
    h(
      'header',
      { class: 'page-head' },
      typeBadge('Article'),
      h('h1', {}, article.title),
      h(
        'p',
        { class: 'muted' },
        [article.source?.name, day(article.publishedAt), article.authors.map((a) => a.name).join(', ')].filter(Boolean).join(' · '),
        article.url ? [' · ', h('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null,
      ),
    ),
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'panel' }, h('h2', {}, 'The article'), text),
      h(
        'div',
        {},
        quoted(placed.map((p) => p.statement)),
        h('section', { class: 'panel' }, h('h2', {}, `Statements in reading order (${article.statements.totalCount})`), statements),
        h('section', { class: 'panel' }, h('h2', {}, 'Mentioned'), h('p', { class: 'chips' }, ...article.mentions.flatMap((m) => [entityLink(m), ' ']))),
        related(article.related),
      ),
    ),
  );
}

/** Who is quoted, most statements first. */
function quoted(statements: Statement[]): HTMLElement {
  const bySpeaker = new Map<string, { speaker: Statement['speaker']; count: number }>();
  for (const s of statements) {
    const entry = bySpeaker.get(s.speaker.id) ?? { speaker: s.speaker, count: 0 };
    entry.count++;
    bySpeaker.set(s.speaker.id, entry);
  }
  const ranked = [...bySpeaker.values()].sort((a, b) => b.count - a.count);
  return h('section', { class: 'panel' }, h('h2', {}, 'Who is quoted'), h('ul', { class: 'quoted' }, ...ranked.map((q) => h('li', {}, entityLink(q.speaker), h('span', { class: 'muted' }, ` ${q.count}`)))));
}

function related(stories: Article['related']): HTMLElement {
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, 'Related stories'),
    stories.length
      ? h(
          'ul',
          { class: 'related' },
          ...stories.map((r) =>
            h(
              'li',
              {},
              articleLink(r.article),
              h('p', { class: 'muted' }, 'Shares ', r.sharedEntities.flatMap((e, i) => [i ? ', ' : '', entityLink(e)]), r.sharedStatements.length ? ` and ${r.sharedStatements.length} statement${r.sharedStatements.length > 1 ? 's' : ''}` : ''),
              ...r.sharedStatements.slice(0, 2).map((s) => h('p', { class: 'shared-statement' }, `“${clip(s.text, 120)}” — ${s.speaker.name}`)),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No other article shares anything with this one.'),
  );
}
