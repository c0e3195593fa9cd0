import { createHash } from 'node:crypto';
import { type Label, makeId } from '../common/ids.js';
import { fold, slug } from '../common/text.js';
import type { ArticleDocument } from './document.js';

/**
 * Turns a validated document into the rows the write queries UNWIND. Ids are derived from content, so loading
 * the same document again (or on another machine) yields the same ids.
 */

const LABEL = { PERSON: 'Person', ORGANISATION: 'Organisation', TOPIC: 'Topic' } as const satisfies Record<string, Label>;
const TYPE_OF = { Person: 'PERSON', Organisation: 'ORGANISATION', Topic: 'TOPIC' } as const;

export interface EntityRow {
  id: string;
  label: 'Person' | 'Organisation' | 'Topic';
  name: string;
  aliases: string[];
  nameKey: string;
  nameKeys: string;
  aliasText: string;
  wikidataId: string | null;
  description: string | null;
  kind: string | null;
}

export interface StatementRow {
  id: string;
  speaker: string;
  text: string;
  kind: string;
  quote: boolean;
  saidOn: string | null;
  about: string[];
  respondsTo: string | null;
}

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
  entities: EntityRow[];
  affiliations: { person: string; organisation: string; role: string | null; roleKey: string; since: string | null; until: string | null }[];
  statements: StatementRow[];
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);

/** An article's identity: its url, or without one its source, title and date. */
export function articleId(doc: Pick<ArticleDocument, 'url' | 'source' | 'title' | 'publishedAt'>): string {
  const identity = doc.url ? `url:${doc.url}` : `text:${fold(doc.source ?? '')}|${fold(doc.title)}|${doc.publishedAt.slice(0, 10)}`;
  return makeId('Article', `${doc.publishedAt.slice(0, 10)}-${slug(doc.title).slice(0, 48).replace(/-$/, '')}-${hash(identity).slice(0, 8)}`);
}

export function entityRow(type: keyof typeof LABEL, name: string, extra: Partial<Pick<ArticleDocument['entities'][number], 'aliases' | 'wikidataId' | 'description' | 'kind'>> = {}): EntityRow {
  const label = LABEL[type];
  const aliases = [...new Set((extra.aliases ?? []).filter((a) => fold(a) !== fold(name)))];
  const keys = [...new Set([name, ...aliases].map(fold))];
  return {
    id: makeId(label, slug(name)),
    label,
    name,
    aliases,
    nameKey: fold(name),
    nameKeys: keys.join('|'),
    aliasText: aliases.join(' | '),
    wikidataId: extra.wikidataId ?? null,
    description: extra.description ?? null,
    kind: extra.kind ?? null,
  };
}

export function planArticle(doc: ArticleDocument): ArticlePlan {
  const id = articleId(doc);
  const entities = new Map(doc.entities.map((e) => [e.ref, entityRow(e.type, e.name, e)]));
  const idOf = (ref: string) => entities.get(ref)!.id;
  const source = doc.source ? entityRow('ORGANISATION', doc.source) : null;
  const authors = doc.authors.map((name) => entityRow('PERSON', name));
  // A statement is who said what: the same words from the same speaker reported twice are one statement.
  const statementIds = new Map<string, string>();
  const statements = doc.statements.map((s, i) => {
    const sid = makeId('Statement', hash(idOf(s.speaker), fold(s.text)));
    statementIds.set(s.ref ?? `#${i}`, sid);
    return { s, sid };
  });
  return {
    id,
    url: doc.url ?? null,
    title: doc.title,
    publishedAt: doc.publishedAt,
    language: doc.language ?? null,
    body: doc.body ?? null,
    source: source?.id ?? null,
    authors: authors.map((a) => a.id),
    mentions: [...new Set(doc.mentions.map(idOf))],
    entities: dedupe([...entities.values(), ...(source ? [source] : []), ...authors]),
    affiliations: doc.affiliations.map((a) => ({
      person: idOf(a.person),
      organisation: idOf(a.organisation),
      role: a.role ?? null,
      roleKey: fold(a.role ?? ''),
      since: a.since ?? null,
      until: a.until ?? null,
    })),
    statements: dedupeBy(statements, (x) => x.sid).map(({ s, sid }) => ({
      id: sid,
      speaker: idOf(s.speaker),
      text: s.text,
      kind: s.kind,
      quote: s.quote,
      saidOn: s.saidOn ?? null,
      about: [...new Set(s.about.map(idOf))],
      respondsTo: s.respondsTo ? statementIds.get(s.respondsTo)! : null,
    })),
  };
}

/** Entities declared twice in one document (or a source also listed as an entity) become one row. */
export function dedupe(rows: EntityRow[]): EntityRow[] {
  const byId = new Map<string, EntityRow>();
  for (const row of rows) {
    const seen = byId.get(row.id);
    if (!seen) byId.set(row.id, row);
    else {
      byId.set(row.id, entityRow(TYPE_OF[row.label], seen.name, {
        aliases: [...seen.aliases, ...row.aliases],
        wikidataId: seen.wikidataId ?? row.wikidataId ?? undefined,
        description: seen.description ?? row.description ?? undefined,
        kind: seen.kind ?? row.kind ?? undefined,
      }));
    }
  }
  return [...byId.values()];
}

function dedupeBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...new Map(items.map((t) => [key(t), t])).values()];
}
