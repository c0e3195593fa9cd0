import { Neo4jError } from 'neo4j-driver';
import { WriteConflictError } from '../common/errors.js';
import { ENTITY_LABELS } from '../common/ids.js';
import type { Database, Runner } from '../db/database.js';
import { backoffMs, sleep } from '../db/retry.js';
import { batchConnections, connectionAdditions, connectionSubtraction, RECOUNT_CONNECTIONS, SUBTRACT_CONNECTIONS } from '../entity/connections.js';
import { RANK_ENTITIES } from '../entity/ranks.js';
import { LOCK_ENTITIES } from '../entity/lock.js';
import { sweepEntities } from '../entity/sweep.js';
import { ADD_DAY_COUNTS, ARTICLE_DAYS, batchDays, nearingArticleDays, RECOUNT_DAY_COUNTS } from '../graph/day-counts.js';
import { CLEAR_ARTICLES, CREATE_LINKS, MARK_INPUTS, MERGE_ARTICLES, MERGE_LINKS, MERGE_STATEMENTS, mergeEntities, UNCHANGED_ARTICLES } from './cypher.js';
import type { ArticleDocument } from './document.js';
import {
  type ArticlePlan,
  type BatchStatement,
  batchEntities,
  batchStatements,
  type EntityCandidate,
  planArticle,
} from './plan.js';
import { Links } from './links.js';
import { linkNameKeys, type Resolved, resolveEntities } from './resolve.js';

export interface Written {
  id: string;
  created: boolean;
  /** An article found stored as this write would leave it, and skipped (UNCHANGED_ARTICLES). */
  unchanged?: boolean;
}

export interface IngestResult {
  articles: Written[];
  entities: Written[];
  statements: Written[];
  /** Entities deleted because an updated article was all that named them (entity/sweep.ts). */
  removedEntities?: string[];
}

const CONSTRAINT_RACE = 'Neo.ClientError.Schema.ConstraintValidationFailed';
// Each lost race lets the next attempt resolve to the winner's node; many writers at once need several rounds.
const ATTEMPTS = 10;

/** A batch of articles turned into the rows of its writes: pure work, which a bulk load does while the batch before is written. */
export interface PlannedBatch {
  plans: ArticlePlan[];
  candidates: EntityCandidate[];
  statements: BatchStatement[];
}

/** A batch from its articles' plans (planArticle). */
export function planBatch(articles: readonly ArticlePlan[]): PlannedBatch {
  // The same article twice in one batch: its last version wins, as it would loaded one after the other.
  const plans = [...new Map(articles.map((p) => [sameArticle(p), p])).values()];
  return { plans, candidates: batchEntities(plans), statements: batchStatements(plans) };
}

/**
 * Writes a batch of articles in one transaction: all of them with their entities, statements and links, or
 * none. Two writers creating the same new entity at once collide on its uniqueness constraint; the loser
 * retries, then resolves to the winner's node, so no entity is ever duplicated. (Lock waits and deadlocks are
 * retried inside `db.write`; a race still lost after every attempt is a WRITE_CONFLICT like them.)
 */
export async function ingestDocuments(db: Database, documents: readonly ArticleDocument[] | PlannedBatch, options: WriteOptions = {}): Promise<IngestResult> {
  return (await ingestBatch(db, 'plans' in documents ? documents : planBatch(documents.map(planArticle)), options)).result;
}

export interface WriteOptions {
  /** Write every article, even one stored as it would be written (see writeBatch): a repair, after the graph was edited by hand. */
  rewrite?: boolean;
}

/**
 * Writes articles in one transaction like ingestDocuments, and tells each what it wrote, as if they had been
 * loaded one after the other in this order: an entity, statement or article two of them name is CREATED for
 * the first only. (ingest/group.ts gathers concurrent ingestArticle calls this way.)
 */
export async function ingestEach(db: Database, articles: readonly ArticlePlan[]): Promise<IngestResult[]> {
  const batch = planBatch(articles);
  const { written, resolved, skipped } = await ingestBatch(db, batch);
  // The version the batch wrote of each article: the last one given, when the same article came twice.
  const latest = new Map(batch.plans.map((p) => [sameArticle(p), p]));
  const reported = new Set<string>();
  const once = (w: Written): Written => {
    const created = w.created && !reported.has(w.id);
    reported.add(w.id);
    return { id: w.id, created };
  };
  return articles.map((article) => {
    const plan = latest.get(sameArticle(article))!;
    const entities = skipped.get(plan.id)?.entities ?? [...new Set(plan.entities.map((c) => resolved.get(c.key)!.id))];
    return {
      articles: [once(written.articles.get(plan.id)!)],
      entities: entities.map((e) => once(written.entities.get(e)!)),
      statements: [...new Set(plan.statements.map((st) => st.id))].map((st) => once(written.statements.get(st)!)),
    };
  });
}

/**
 * Two documents of one article: the same url, or without one the same id (source, title and day). A new version
 * may have moved to another day, which is part of the id.
 */
const sameArticle = (p: ArticlePlan) => (p.url ? `url:${p.url}` : p.id);

/** What a batch wrote (articles by their planned id, the rest by id), and the entity each candidate key resolved to. */
interface BatchWrites {
  result: IngestResult;
  written: { articles: Map<string, Written>; entities: Map<string, Written>; statements: Map<string, Written> };
  resolved: Map<string, Resolved>;
  /** The articles skipped as stored already (by planned id), with what they link. */
  skipped: Map<string, Unchanged>;
  /** Entities the former versions of updated articles named and the batch did not: nothing may name them any more. */
  leftBehind: string[];
}

async function ingestBatch(db: Database, batch: PlannedBatch, options: WriteOptions = {}): Promise<BatchWrites> {
  let refused: string | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const writes = await writeBatch(db, batch, options);
      // Once the batch is committed, in a transaction of its own: it locks entities outside the batch, which
      // inside it could deadlock with writers holding those while waiting for the batch's own. The batch stays
      // written if the sweep fails (the database gone in between): what it would have deleted names nothing.
      writes.result.removedEntities = await sweepEntities(db, writes.leftBehind).catch(() => []);
      for (const listener of listeners.get(db) ?? []) listener(writes.result);
      return writes;
    } catch (error) {
      const collided = error instanceof Neo4jError && error.code === CONSTRAINT_RACE;
      if (!collided && !(error instanceof EntityRaceError)) throw error;
      // The same node refusing the same write twice is no race: the retry saw the graph with the winner in it and
      // still collided (a stray node holding the id an entity needs, say). Trying again cannot help, so the error
      // goes on as it is, rather than as a WRITE_CONFLICT after every attempt (about 4 s).
      if (collided) {
        if (error.message === refused) throw error;
        refused = error.message;
      }
      if (attempt === ATTEMPTS) throw new WriteConflictError();
      await sleep(backoffMs(attempt, 25));
    }
  }
}

type IngestListener = (result: IngestResult) => void;
const listeners = new WeakMap<Database, Set<IngestListener>>();

/** Tells `listener` of every batch committed through `db` (the server's metrics count what was created). */
export function onIngest(db: Database, listener: IngestListener): () => void {
  const forDb = listeners.get(db) ?? new Set();
  listeners.set(db, forDb.add(listener));
  return () => forDb.delete(listener);
}

/** A written node: its id, its element id (valid inside the transaction) and whether this write created it. */
interface Node extends Written {
  node: string;
}

/** What mergeEntities returns per entity: also whether its articles are counted by day, and how many it has. */
interface EntityNode extends Node {
  articleDays: boolean;
  articles: number;
}

/** What CLEAR_ARTICLES returns per article: what its old version mentioned and connected, and the days it left. */
interface Cleared {
  mentioned: string[];
  connected: string[];
  source: string | null;
  authors: string[];
  dropped: [by: string[], about: string[], was: string, now: string | null][];
  days: [by: string[], about: string[], was: string, now: string | null][];
}

/** What MERGE_STATEMENTS returns per statement. */
interface StatementNode extends Node {
  at: string;
  sameDate: boolean;
  aboutBefore: string[];
  saidBefore: string[];
  day: string;
  dayBefore: string | null;
}

/** What UNCHANGED_ARTICLES returns per article the batch skips. */
interface Unchanged {
  planned: string;
  id: string;
  inputHash: string | null;
  entities: string[];
}

/**
 * Writes a batch in one transaction, but for its articles stored as they are (UNCHANGED_ARTICLES), which it reports
 * as matched with what they link: a re-load writes nothing, and is told so. `rewrite` writes them all.
 */
function writeBatch(db: Database, batch: PlannedBatch, { rewrite = false }: WriteOptions): Promise<BatchWrites> {
  return db.write('ingest.batch', async (run) => {
    if (rewrite) return writeArticles(run, batch);
    const unchanged = await run<Unchanged>(UNCHANGED_ARTICLES, { rows: batch.plans.map(({ id, url, hash }) => ({ id, url, hash })) });
    if (!unchanged.length) return writeArticles(run, batch);
    const skipped = new Map(unchanged.map((u) => [u.planned, u]));
    // Stored from a document, or from an input this one plans the same as: the next load of this input need not
    // extract it again (STORED_INPUTS).
    const marks = batch.plans.flatMap(({ id, inputHash }) => {
      const stored = skipped.get(id);
      return stored && inputHash && stored.inputHash !== inputHash ? [{ id: stored.id, inputHash }] : [];
    });
    if (marks.length) await run(MARK_INPUTS, { rows: marks });
    const [kept, rest] = [batch.plans.filter((p) => skipped.has(p.id)), batch.plans.filter((p) => !skipped.has(p.id))];
    const writes = rest.length ? await writeArticles(run, planBatch(rest)) : undefined;
    const matched = (id: string): Written => ({ id, created: false });
    const articles = new Map(batch.plans.map((p) => [p.id, writes?.written.articles.get(p.id) ?? { ...matched(skipped.get(p.id)!.id), unchanged: true }]));
    // An entity or statement this batch created is reported so, though a skipped article links it too. A skipped
    // article's statements are those of its plan: they were written with the fingerprint it matched.
    const entities = dedupeWritten([...(writes?.result.entities ?? []), ...unchanged.flatMap((u) => u.entities.map(matched))]);
    const statements = dedupeWritten([...(writes?.result.statements ?? []), ...kept.flatMap((p) => p.statements.map((st) => matched(st.id)))]);
    return {
      result: { articles: [...articles.values()], entities, statements },
      written: { articles, entities: index(entities), statements: index(statements) },
      resolved: writes?.resolved ?? new Map(),
      skipped,
      leftBehind: writes?.leftBehind ?? [],
    };
  });
}

/** Writes the articles of a batch, all of them, in the transaction of `run`. */
async function writeArticles(run: Runner, { plans, candidates, statements }: PlannedBatch): Promise<BatchWrites> {
  // Queries that need nothing from one another go out together: `run` sends a query when called, and the
  // transaction runs them in that order, so the articles wait for three round trips rather than one per query
  // (after writeBatch's look-up of those unchanged).
  const [resolved, articles] = await Promise.all([
    resolveEntities(run, candidates),
    run<Node & { planned: string; sameDate: boolean; day: string; dayBefore: string | null }>(MERGE_ARTICLES, {
      rows: byId(plans).map(({ id, url, title, publishedAt, language, body, hash, inputHash }) => ({ id, url, title, publishedAt, language, body, hash, inputHash: inputHash ?? null })),
    }),
  ]);
  // By the id planned from the document: an article found by its url keeps the id it already has.
  const articleById = new Map(articles.map((a) => [a.planned, a]));
  const updated = plans.filter((p) => !articleById.get(p.id)!.created);
  const entityId = (key: string) => resolved.get(key)!.id;
  // The entities each article connects by co-mention: those of its mentions not only listed (plan.ts). Two keys
  // resolved to one entity connect it if either does.
  const connects = new Map(
    plans.map((p) => {
      const listed = new Set(p.listed);
      return [p.id, new Set(p.mentions.filter((k) => !listed.has(k)).map(entityId))];
    }),
  );
  const [entities, cleared, said] = await Promise.all([
    writeEntities(run, candidates, resolved),
    updated.length && run<Cleared>(CLEAR_ARTICLES, { rows: updated.map((p) => ({ node: articleById.get(p.id)!.node, statements: p.statements.map((s) => s.id) })) }),
    // After CLEAR_ARTICLES: a statement it deletes may be written again, as created.
    run<StatementNode>(MERGE_STATEMENTS, {
      rows: byId(statements).map(({ id, text, kind, quote, saidOn, reports, speakers, about }) => ({
        id, text, kind, quote, saidOn,
        reports: reports.map((r) => [r.publishedAt, r.saidOn]),
        speakers: speakers.map(entityId),
        about: about.map(entityId),
      })),
    }),
  ]);
  const entityNodes = new Map(entities.map((e) => [e.id, e.node]));
  const entity = (key: string) => entityNodes.get(resolved.get(key)!.id)!;
  const statementById = new Map(said.map((s) => [s.id, s]));

  // An article's own links were all just created or cleared; a statement's only when it was just created.
  const [create, merge] = [new Links(), new Links()];
  for (const p of plans) {
    const a = articleById.get(p.id)!.node;
    if (p.source) create.add('publishedBy', a, entity(p.source));
    for (const key of p.authors) create.add('wrote', entity(key), a);
    for (const key of p.mentions) create.add(connects.get(p.id)!.has(entityId(key)) ? 'mentions' : 'listed', a, entity(key));
    for (const f of p.affiliations) merge.affiliation(f, entity(f.person), entity(f.organisation));
  }
  for (const s of statements) {
    const { node: st, created } = statementById.get(s.id)!;
    const links = created ? create : merge;
    for (const key of s.speakers) links.add('said', entity(key), st);
    for (const key of s.about) links.add('about', st, entity(key));
    for (const id of s.respondsTo) links.add('respondsTo', st, statementById.get(id)!.node);
    for (const r of s.reports) {
      const article = articleById.get(r.article)!;
      (article.created ? create : links).report(st, article.node, r.evidence);
    }
  }
  const [toCreate, toMerge] = [create.params(), merge.params()];
  const linking = [
    toCreate && run(CREATE_LINKS, toCreate),
    toMerge && run(MERGE_LINKS, toMerge),
    linkNameKeys(run, candidates.map((c) => ({ node: entity(c.key), newNameKeys: resolved.get(c.key)!.newNameKeys }))),
  ];
  // While Neo4j writes the links, the pairs they connect are worked out here. Additions go right behind the
  // links (they read none of them); a recount reads them, so it goes last, and after the additions, so a pair
  // both added to and recounted ends exact.
  const clearedById = new Map(updated.map((p, i) => [p.id, (cleared || [])[i]]));
  const writtenStatements = statements.map((st) => ({ ...statementById.get(st.id)!, speakers: st.speakers.map(entityId), about: st.about.map(entityId) }));
  const connections = batchConnections({
    articles: plans.map((p) => ({ ...articleById.get(p.id)!, publishedAt: p.publishedAt, mentions: [...connects.get(p.id)!] })),
    statements: writtenStatements,
    cleared: plans.map((p) => clearedById.get(p.id)).map((c) => c && { mentioned: c.connected, dropped: c.dropped }),
  });
  const linked = plans.map((p) => {
    const before = clearedById.get(p.id);
    const source = p.source == null ? null : entityId(p.source);
    return { ...articleById.get(p.id)!, mentions: p.mentions.map(entityId), source, mentionedBefore: before?.mentioned ?? [], sourceBefore: before?.source ?? null };
  });
  const entityById = new Map(entities.map((e) => [e.id, e]));
  const dayCounts = batchDays(
    writtenStatements,
    (cleared || []).flatMap((c) => c.days),
    linked,
    (id) => entityById.get(id)!.articleDays,
  );
  const nearDays = nearingArticleDays(linked, entityById);
  const [added, recounted] = [dayCounts.additions(), dayCounts.recounts()];
  const rankedIds = [...new Set([...connections.add.flatMap((d) => [d.lo, d.hi]), ...connections.recount.flat()])];
  // The ends of the pairs taken away from or counted again that the batch has not locked (mergeEntities), in id
  // order: their counts are read before they are written (SUBTRACT_CONNECTIONS).
  const unlocked = [...new Set([...connections.subtract.flatMap((d) => [d.lo, d.hi]), ...connections.recount.flat()])]
    .filter((id) => !entityNodes.has(id))
    .sort();
  await Promise.all([
    ...linking,
    ...connectionAdditions(connections.add, (id) => entityNodes.get(id)!).map((q) => run(q.cypher, q.params)),
    unlocked.length && run(LOCK_ENTITIES, { ids: unlocked }),
    connections.subtract.length && run(SUBTRACT_CONNECTIONS, connectionSubtraction(connections.subtract)),
    connections.recount.length && run(RECOUNT_CONNECTIONS, { pairs: connections.recount }),
    // Last: entities whose connections these writes took past the ranked degree (entity/ranks.ts).
    rankedIds.length && run(RANK_ENTITIES, { ids: rankedIds }),
    // Recounts read the links, so they follow them, and the additions, so a day both added to and recounted ends exact.
    added && run(ADD_DAY_COUNTS, added),
    recounted && run(RECOUNT_DAY_COUNTS, recounted),
    // Last: entities these links took to the articles from which they are counted by day.
    nearDays.length && run(ARTICLE_DAYS, { ids: nearDays, again: false }),
  ]);
  const byPlan = new Map(plans.map((p) => [p.id, written(articleById.get(p.id)!)]));
  const result = {
    articles: [...byPlan.values()],
    entities: dedupeWritten(entities),
    statements: statements.map((st) => written(statementById.get(st.id)!)),
  };
  // What the former versions named: mentions, publisher, authors, and who said the statements they dropped and
  // whom those were about (a document need not list a speaker among its mentions).
  const leftBehind = (cleared || [])
    .flatMap((c) => [...c.mentioned, ...c.authors, ...(c.source ? [c.source] : []), ...c.days.flatMap(([by, about]) => [...by, ...about])])
    .filter((id) => !entityNodes.has(id));
  return { result, written: { articles: byPlan, entities: index(result.entities), statements: index(result.statements) }, resolved, skipped: new Map(), leftBehind };
}

/**
 * Rows sorted by id: every writer then locks the articles, entities and statements it shares with another in the
 * same order (see mergeEntities), which is what keeps concurrent ingests from deadlocking.
 */
const byId = <T extends { id: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Creates or enriches the batch's entities, label by label (sent together), under the ids resolution chose. */
async function writeEntities(run: Runner, candidates: readonly EntityCandidate[], resolved: Map<string, Resolved>): Promise<EntityNode[]> {
  const written = ENTITY_LABELS.map((label) => {
    const rows = candidates
      .filter((c) => c.label === label)
      .map(({ key, name, nameKey, aliases, keys, description, kind, wikidataId }) => ({ id: resolved.get(key)!.id, name, nameKey, aliases, keys, description, kind, wikidataId }));
    return rows.length ? run<EntityNode>(mergeEntities(label), { rows: byId(rows) }) : [];
  });
  const nodes = (await Promise.all(written)).flat();
  // An entity the sweep (entity/sweep.ts) deleted while this MERGE waited for its lock gives no row: the batch
  // lost a race, and its next attempt resolves the name afresh.
  const ids = new Set(nodes.map((n) => n.id));
  if (candidates.some((c) => !ids.has(resolved.get(c.key)!.id))) throw new EntityRaceError();
  return nodes;
}

/** An entity of the batch was deleted under it by another transaction (see writeEntities). */
class EntityRaceError extends Error {}

const written = ({ id, created }: Written): Written => ({ id, created });

/** Written rows by id. */
const index = (list: Written[]) => new Map(list.map((w) => [w.id, w]));

/** Two candidates resolved to one entity are reported once (created if either write created it). */
function dedupeWritten(rows: Written[]): Written[] {
  const byId = new Map<string, Written>();
  for (const row of rows) byId.set(row.id, { id: row.id, created: row.created || (byId.get(row.id)?.created ?? false) });
  return [...byId.values()];
}
