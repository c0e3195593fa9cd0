import { createHash } from 'node:crypto';
import { type Label, makeId } from '../common/ids.js';
import { fold, slug } from '../common/text.js';
import { CO_MENTIONED_MAX } from '../entity/connections.js';
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
  /** The id a new entity gets (`collisionId` when another entity of the same name holds it). */
  newId: string;
}

/**
 * Where one article took a statement from: offsets into its body in UTF-16 code units (what the document and the
 * API speak), and the same in code points, which is what Cypher's `substring` counts (Statement.evidence).
 */
export interface EvidenceRow {
  start: number;
  end: number;
  startCodePoint: number;
  endCodePoint: number;
  method: string;
  confidence: number;
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
  evidence: EvidenceRow | null;
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
  /** The mentions that do not connect, beyond the article's first CO_MENTIONED_MAX (see `ranked`). */
  listed: string[];
  entities: EntityCandidate[];
  affiliations: AffiliationRow[];
  statements: StatementRow[];
  /**
   * A fingerprint of everything above (and of PLAN_VERSION): the article is stored with it, and a later load of a
   * document that plans the same is skipped (ingest.ts UNCHANGED_ARTICLES), so re-loading an archive writes nothing.
   */
  hash: string;
  /** The raw input it was extracted from (extract/input/input-hash.ts), stored with it; not part of `hash`. */
  inputHash?: string;
}

/**
 * Part of every plan's fingerprint. Raise it when the writes make something else of the same plan (a new property,
 * say): articles stored before are then written again when loaded again, rather than skipped as unchanged.
 */
const PLAN_VERSION = 2;

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);

/** Names recur from article to article, so their folded forms are kept (up to a bound, for long loads). */
function memo(f: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let out = cache.get(s);
    if (out === undefined) {
      if (cache.size >= 100_000) cache.clear();
      cache.set(s, (out = f(s)));
    }
    return out;
  };
}
const foldName = memo(fold);
const slugName = memo(slug);

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

function entityCandidate(
  type: keyof typeof LABEL,
  name: string,
  extra: Partial<Pick<ArticleDocument['entities'][number], 'aliases' | 'wikidataId' | 'description' | 'kind'>> = {},
): EntityCandidate {
  const label = LABEL[type];
  const nameKey = foldName(name);
  const aliases = [...new Set(extra.aliases ?? [])].filter((a) => foldName(a) !== nameKey);
  const wikidataId = extra.wikidataId ?? null;
  return {
    key: wikidataId ? `${label}|wd:${wikidataId}` : `${label}|${nameKey}`,
    label,
    name,
    aliases,
    nameKey,
    keys: [...new Set([nameKey, ...aliases.map(foldName)])].filter(Boolean).map((k) => `|${k}|`),
    wikidataId,
    description: extra.description ?? null,
    kind: extra.kind ?? null,
    newId: makeId(label, slugName(name)),
  };
}

/** The id of a new entity whose `newId` another entity of the same name already holds (rare: computed on demand). */
export function collisionId(c: Pick<EntityCandidate, 'label' | 'nameKey' | 'wikidataId' | 'newId'>): string {
  return `${c.newId}-${hash(c.wikidataId ?? `${c.label}|${c.nameKey}`).slice(0, 6)}`;
}

export function planArticle(doc: ArticleDocument): ArticlePlan {
  const plan = planOf(doc);
  return { ...plan, hash: createHash('sha256').update(JSON.stringify([PLAN_VERSION, plan])).digest('base64url') };
}

function planOf(doc: ArticleDocument): Omit<ArticlePlan, 'hash'> {
  const id = articleId(doc);
  const byRef = new Map(doc.entities.map((e) => [e.ref, entityCandidate(e.type, e.name, e)]));
  const keyOf = (ref: string) => byRef.get(ref)!.key;
  const source = doc.source ? entityCandidate('ORGANISATION', doc.source) : null;
  const authors = doc.authors.map((name) => entityCandidate('PERSON', name));
  // A statement is who said what: the same words from the same-named speaker, reported twice, are one statement.
  const statementId = (s: ArticleDocument['statements'][number]) => makeId('Statement', hash(byRef.get(s.speaker)!.nameKey, fold(s.text)));
  const ids = doc.statements.map(statementId);
  const codePoint = codePointOffsets(doc.body ?? '');
  const idByRef = new Map(doc.statements.flatMap((s, i) => (s.ref ? [[s.ref, ids[i]!] as const] : [])));
  const statements = doc.statements.map((s, i) => ({
    id: ids[i]!,
    article: id,
    speaker: keyOf(s.speaker),
    text: s.text,
    kind: s.kind,
    quote: s.quote,
    saidOn: s.saidOn ?? null,
    about: [...new Set(s.about.map(keyOf))],
    respondsTo: s.respondsTo ? idByRef.get(s.respondsTo)! : null,
    evidence: s.evidence ? { ...s.evidence, startCodePoint: codePoint(s.evidence.start), endCodePoint: codePoint(s.evidence.end) } : null,
  }));
  const mentions = [...new Set(doc.mentions.map(keyOf))];
  return {
    id,
    url: doc.url ?? null,
    title: doc.title,
    publishedAt: doc.publishedAt,
    language: doc.language ?? null,
    body: doc.body ?? null,
    source: source?.key ?? null,
    authors: authors.map((a) => a.key),
    mentions,
    listed: ranked(mentions, statements).slice(CO_MENTIONED_MAX),
    entities: [...byRef.values(), ...(source ? [source] : []), ...authors],
    affiliations: doc.affiliations.map((a) => ({
      person: keyOf(a.person),
      organisation: keyOf(a.organisation),
      role: a.role ?? null,
      roleKey: foldName(a.role ?? ''),
      since: a.since ?? null,
      until: a.until ?? null,
    })),
    statements: [...new Map(statements.map((s) => [s.id, s])).values()],
  };
}

/**
 * What writing an article costs a transaction, in units of about 5 KB of Neo4j's transaction memory: one per link
 * and per connection pair it adds to, and one per 500 characters of text (titles, bodies and statements are stored
 * and indexed in full). Measured per batch: 4.4–5.3 KB a unit on real news (the English development set, batches
 * of 40 articles), 3.9–4.8 on the benchmark corpus (batches of 500). Batches are sized by it (bulk.ts, group.ts),
 * since articles differ a hundredfold: 74 units for a benchmark article, about 400 for one of real news, 1,300 for
 * one that lists 50 people.
 */
export function planWeight(plan: ArticlePlan): number {
  const connecting = plan.mentions.length - plan.listed.length;
  const statements = plan.statements.reduce((n, s) => n + 3 + 2 * s.about.length + s.text.length / 500, 0);
  const text = (plan.title.length + (plan.body?.length ?? 0)) / 500;
  return Math.ceil((connecting * (connecting - 1)) / 2 + plan.mentions.length + plan.authors.length + plan.affiliations.length + 1 + statements + text);
}

/**
 * The most weight one transaction is given: about 200 MiB, within the 256 MiB a transaction may hold on the local
 * Neo4j (db.memory.transaction.max), and above the 37,000–37,600 of the benchmark's batches of 500 articles.
 */
export const MAX_BATCH_WEIGHT = 40_000;

/**
 * An article's mentions in the order they connect (entity/connections.ts CO_MENTIONED_MAX): those its statements are
 * by or about first, as the article is about them, then the others; each in the order the document gives them.
 */
function ranked(mentions: readonly string[], statements: readonly { speaker: string; about: readonly string[] }[]): string[] {
  const quoted = new Set(statements.flatMap((s) => [s.speaker, ...s.about]));
  return [...mentions.filter((k) => quoted.has(k)), ...mentions.filter((k) => !quoted.has(k))];
}

/**
 * Turns offsets in UTF-16 code units into counts of code points: each astral character (an emoji, say) before an
 * offset is two units but one code point. Most bodies have none, and then the offsets are the same.
 */
function codePointOffsets(body: string): (offset: number) => number {
  const pairs: number[] = [];
  for (const m of body.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)) pairs.push(m.index);
  if (!pairs.length) return (offset) => offset;
  return (offset) => {
    let [lo, hi] = [0, pairs.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[mid]! + 1 < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
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
    // Names and keys the batch has not seen for it yet, in order (most candidates of a batch add none).
    const aliases = [...candidate.aliases, candidate.name].filter((a, i, all) => all.indexOf(a) === i && !seen.aliases.includes(a) && foldName(a) !== seen.nameKey);
    const keys = candidate.keys.filter((k) => !seen.keys.includes(k));
    const description = seen.description ?? candidate.description;
    const kind = seen.kind ?? candidate.kind;
    if (aliases.length || keys.length || description !== seen.description || kind !== seen.kind) {
      byKey.set(candidate.key, { ...seen, aliases: [...seen.aliases, ...aliases], keys: [...seen.keys, ...keys], description, kind });
    }
  }
  return [...byKey.values()];
}

/** A statement of a batch, however many of its articles report it (the same words from the same speaker). */
export interface BatchStatement {
  id: string;
  /** Wording, kind and quote as the last report has them, and the last day given: what loading the articles one by one leaves. */
  text: string;
  kind: string;
  quote: boolean;
  saidOn: string | null;
  /** Candidate keys of its speakers and of what it is about, statement ids of what it answers. */
  speakers: string[];
  about: string[];
  respondsTo: string[];
  /** The articles reporting it, in load order, each with where in its body it was taken from (when known). */
  reports: { article: string; publishedAt: string; saidOn: string | null; evidence: EvidenceRow | null }[];
}

/** The distinct statements of a batch, so each is written once and its links are known before writing. */
export function batchStatements(plans: readonly ArticlePlan[]): BatchStatement[] {
  const byId = new Map<string, BatchStatement>();
  for (const plan of plans) {
    for (const s of plan.statements) {
      const report = { article: plan.id, publishedAt: plan.publishedAt, saidOn: s.saidOn, evidence: s.evidence };
      const seen = byId.get(s.id);
      if (!seen) {
        const { id, text, kind, quote, saidOn, speaker, about, respondsTo } = s;
        byId.set(id, { id, text, kind, quote, saidOn, speakers: [speaker], about, respondsTo: respondsTo ? [respondsTo] : [], reports: [report] });
        continue;
      }
      Object.assign(seen, { text: s.text, kind: s.kind, quote: s.quote, saidOn: s.saidOn ?? seen.saidOn });
      seen.speakers = [...new Set([...seen.speakers, s.speaker])];
      seen.about = [...new Set([...seen.about, ...s.about])];
      if (s.respondsTo) seen.respondsTo = [...new Set([...seen.respondsTo, s.respondsTo])];
      seen.reports.push(report);
    }
  }
  return [...byId.values()];
}
