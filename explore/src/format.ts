import { clip, h } from './dom';
import { links } from './router';

/** The colour of each kind of node, shared by badges and graph nodes so the two read alike. */
export const TYPE_COLOURS: Record<string, string> = {
  Person: '#2563eb',
  Organisation: '#d97706',
  Topic: '#059669',
  Statement: '#7c3aed',
  Article: '#475569',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2022-09-28 (or a date-time) as 28 Sep 2022. */
export function day(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

/** A role's dates: "since 1996", "2018 – 2022", or nothing when unknown. */
export function period(since: string | null | undefined, until: string | null | undefined): string {
  if (since && until) return `${day(since)} – ${day(until)}`;
  if (since) return `since ${day(since)}`;
  if (until) return `until ${day(until)}`;
  return '';
}

/** What a node is called in a list or on a graph: a name, a statement's words or an article's title, clipped. */
export function nodeTitle(node: { name: string } | { text: string } | { title: string }, max: number): string {
  if ('name' in node) return node.name;
  return 'text' in node ? clip(node.text, max) : clip(node.title, max);
}

/** "1 article", "3 articles". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** ALLEGATION as "allegation". */
export const kindLabel = (kind: string) => kind.toLowerCase().replace(/_/g, ' ');

export const typeBadge = (typename: string) =>
  h('span', { class: 'badge', style: `background:${TYPE_COLOURS[typename] ?? '#64748b'}` }, typename === 'Organisation' ? 'Organisation' : typename);

export const kindBadge = (kind: string) => h('span', { class: `kind kind-${kind.toLowerCase()}` }, kindLabel(kind));

interface EntityLike {
  __typename?: string;
  id: string;
  name: string;
}

/** A link to an entity's page, coloured by its type. */
export const entityLink = (entity: EntityLike) =>
  h('a', { class: `entity entity-${(entity.__typename ?? '').toLowerCase()}`, href: links.entity(entity.id) }, entity.name);

interface ArticleLike {
  id: string;
  title: string;
  publishedAt: string;
  source?: { name: string } | null;
}

/** A link to an article, with its publication and date. */
export const articleLink = (article: ArticleLike, statement?: string) =>
  h(
    'span',
    { class: 'article-ref' },
    h('a', { href: links.article(article.id, statement) }, article.title),
    h('span', { class: 'muted' }, ` · ${[article.source?.name, day(article.publishedAt)].filter(Boolean).join(', ')}`),
  );
