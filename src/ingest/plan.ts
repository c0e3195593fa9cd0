import { createHash } from 'node:crypto';
import { type Label, makeId } from '../common/ids.js';
import { fold, slug } from '../common/text.js';
import type { ArticleDocument } from './document.js';

/**
 * Turns validated documents into rows for the write queries. Entities are referred to by a batch-wide `key`
 * until resolution (resolve.ts) has matched each to an existing entity or chosen a new id; everything else gets
 * its id here, derived from content, so loading the same document again yields the same ids.
 */

export type EntityLabel = Extract<Label, 'Person' | 'Organisation' | 'Topic'>;
const LABEL = { PERSON: 'Person', ORGANISATION: 'Organisation', TOPIC: 'Topic' } as const satisfies Record<string, EntityLabel>;

/** One entity as the documents of a batch describe it. */
export interface EntityCandidate {
  /** The same entity across the batch: same type and Wikidata id, or else same type and folded name. */
  key: string;
  label: EntityLabel;
  name: string;
  aliases: string[];
  nameKey: string;
  /** Folded name and aliases, each wrapped in `|` (the form of the stored `nameKeys`, for exact matching). */
  keys: string[];
  wikidataId: string | null;
  description: string | null;
  kind: string | null;
  /** The id a new entity gets; `collisionId` when that one is held by another entity of the same name. */
  newId: string;
  collisionId: string;
}

export interface StatementRow {
  id: string;
  article: string;
  speaker: string;
  text: string;
  kind: string;
  quote: boolean;
  saidOn: string | null;
  about: string[];
  respondsTo: string | null;
}

export interface AffiliationRow {
  person: string;
  organisation: string;
  role: string | null;
  roleKey: string;
  since: string | null;
  until: string | null;
}

/** One article, with entity references still as candidate keys. */
export interface ArticlePlan {
  id: string;
  url: string | null;
  title: string;
  publishedAt: string;
  language: string | null;
  body: string | null;
  source: string | null;
  authors: string[];
  mentions: string[];
  entities: EntityCandidate[];
  affiliations: AffiliationRow[];
  statements: StatementRow[];
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);

/**
 * An article's identity: its url, or without one its source, title and date. The readable part of the id comes
 * from the same fields (the url's last path segment, or the title), so a new version keeps its id.
 */
export function articleId(doc: Pick<ArticleDocument, 'url' | 'source' | 'title' | 'publishedAt'>): string {
  const day = doc.publishedAt.slice(0, 10);
  const identity = doc.url ? `url:${doc.url}` : `text:${fold(doc.source ?? '')}|${fold(doc.title)}|${day}`;
  const words = doc.url ? slug(new URL(doc.url).pathname.split('/').filter(Boolean).at(-1) ?? '') : slug(doc.title);
  return makeId('Article', `${day}-${words.slice(0, 48).replace(/-$/, '')}-${hash(identity).slice(0, 8)}`);
}

export function entityCandidate(
  type: keyof typeof LABEL,
  name: string,
  extra: Partial<Pick<ArticleDocument['entities'][number], 'aliases' | 'wikidataId' | 'description' | 'kind'>> = {},
): EntityCandidate {
  const label = LABEL[type];
  const nameKey = fold(name);
  const aliases = [...new Set(extra.aliases ?? [])].filter((a) => fold(a) !== nameKey);
  const wikidataId = extra.wikidataId ?? null;
  const newId = makeId(label, slug(name));
  return {
    key: wikidataId ? `${label}|wd:${wikidataId}` : `${label}|${nameKey}`,
    label,
    name,
    aliases,
    nameKey,
    keys: [...new Set([nameKey, ...aliases.map(fold)])].filter(Boolean).map((k) => `|${k}|`),
    wikidataId,
    description: extra.description ?? null,
    kind: extra.kind ?? null,
    newId,
    collisionId: `${newId}-${hash(wikidataId ?? `${label}|${nameKey}`).slice(0, 6)}`,
  };
}

export function planArticle(doc: ArticleDocument): ArticlePlan {
  const id = articleId(doc);
  const byRef = new Map(doc.entities.map((e) => [e.ref, entityCandidate(e.type, e.name, e)]));
  const keyOf = (ref: string) => byRef.get(ref)!.key;
  const source = doc.source ? entityCandidate('ORGANISATION', doc.source) : null;
  const authors = doc.authors.map((name) => entityCandidate('PERSON', name));
  // A statement is who said what: the same words from the same-named speaker, reported twice, are one statement.
  const statementId = (s: ArticleDocument['statements'][number]) => makeId('Statement', hash(byRef.get(s.speaker)!.nameKey, fold(s.text)));
  const idByRef = new Map(doc.statements.flatMap((s) => (s.ref ? [[s.ref, statementId(s)] as const] : [])));
  const statements = doc.statements.map((s) => ({
    id: statementId(s),
    article: id,
    speaker: keyOf(s.speaker),
    text: s.text,
    kind: s.kind,
    quote: s.quote,
    saidOn: s.saidOn ?? null,
    about: [...new Set(s.about.map(keyOf))],
    respondsTo: s.respondsTo ? idByRef.get(s.respondsTo)! : null,
  }));
  return {
    id,
    url: doc.url ?? null,
    title: doc.title,
    publishedAt: doc.publishedAt,
    language: doc.language ?? null,
    body: doc.body ?? null,
    source: source?.key ?? null,
    authors: authors.map((a) => a.key),
    mentions: [...new Set(doc.mentions.map(keyOf))],
    entities: [...byRef.values(), ...(source ? [source] : []), ...authors],
    affiliations: doc.affiliations.map((a) => ({
      person: keyOf(a.person),
      organisation: keyOf(a.organisation),
      role: a.role ?? null,
      roleKey: fold(a.role ?? ''),
      since: a.since ?? null,
      until: a.until ?? null,
    })),
    statements: [...new Map(statements.map((s) => [s.id, s])).values()],
  };
}

/** The distinct entities of a batch: candidates with one key become one, their names and aliases pooled. */
export function batchEntities(plans: readonly ArticlePlan[]): EntityCandidate[] {
  const byKey = new Map<string, EntityCandidate>();
  for (const candidate of plans.flatMap((p) => p.entities)) {
    const seen = byKey.get(candidate.key);
    if (!seen) {
      byKey.set(candidate.key, candidate);
      continue;
    }
    const aliases = [...new Set([...seen.aliases, ...candidate.aliases, candidate.name])].filter((a) => fold(a) !== seen.nameKey);
    byKey.set(candidate.key, {
      ...seen,
      aliases,
      keys: [...new Set([...seen.keys, ...candidate.keys])],
      description: seen.description ?? candidate.description,
      kind: seen.kind ?? candidate.kind,
    });
  }
  return [...byKey.values()];
}
