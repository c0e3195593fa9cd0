import { LimitExceededError, ServiceUnavailableError } from '../common/errors.js';
import type { Database } from '../db/database.js';
import { type ArticleDocument, type DocumentProblem, validateDocument } from './document.js';
import { type IngestResult, ingestDocuments, type PlannedBatch, planBatch } from './ingest.js';
import { type ArticlePlan, MAX_BATCH_WEIGHT, planArticle, planWeight } from './plan.js';
import type { InputRecord } from './read.js';

export interface Reject {
  file: string;
  line: number;
  problems: DocumentProblem[];
  record?: unknown;
}

export interface BulkSummary {
  records: number;
  articlesNew: number;
  articlesUpdated: number;
  /** Found stored as loaded, and skipped. */
  articlesUnchanged: number;
  /** Never written: a later version of the same article came in the same batch, and was written instead. */
  articlesSuperseded: number;
  statementsNew: number;
  statementsMatched: number;
  entitiesCreated: number;
  entitiesMatched: number;
  /** Deleted: an updated article was the last to name them (entity/sweep.ts). */
  entitiesRemoved: number;
  rejected: number;
}

interface Valid {
  record: InputRecord;
  document: ArticleDocument;
  /** Undefined when planning it failed: `write` then tells which article of its batch is at fault. */
  plan: ArticlePlan | undefined;
  /** What it costs a transaction (plan.ts planWeight). */
  weight: number;
}

export interface BulkOptions {
  /** Articles per transaction, at most: a batch also ends at MAX_BATCH_WEIGHT (plan.ts), so large articles go fewer to one. */
  batchSize: number;
  /** Write articles stored as they would be written too, rather than skip them (WriteOptions). */
  rewrite?: boolean;
  onReject?: (reject: Reject) => void | Promise<void>;
  /** Called after each record is accounted for (loaded in a committed batch, or rejected). */
  onProgress?: (summary: BulkSummary) => void;
  /** Told when batches are made smaller for the rest of the load (see bulkIngest). */
  onNotice?: (message: string) => void;
}

/**
 * Loads records in batches, one transaction per batch: `batchSize` articles, or fewer when they would cost a
 * transaction more than MAX_BATCH_WEIGHT (plan.ts planWeight). Every record is validated before its batch is
 * written; bad ones are rejected with their problems and the rest load. If the database refuses a batch, it is
 * written again in two halves, each split again while refused, so only the article at fault is rejected (in about
 * 2·log2(n) transactions rather than one per article). A batch refused because it needed more memory than one
 * transaction may hold (Neo4j's db.memory.transaction.max, which a database may set lower than the local one's)
 * loads in halves likewise, and the rest of the load is written in batches of at most half its weight, so it does
 * not pay for the refusal again; onNotice says so. A database outage stops the run: committed batches stay, and
 * running the same input again completes it (loading is idempotent).
 */
export async function bulkIngest(db: Database, records: AsyncIterable<InputRecord>, options: BulkOptions): Promise<BulkSummary> {
  const summary: BulkSummary = { records: 0, articlesNew: 0, articlesUpdated: 0, articlesUnchanged: 0, articlesSuperseded: 0, statementsNew: 0, statementsMatched: 0, entitiesCreated: 0, entitiesMatched: 0, entitiesRemoved: 0, rejected: 0 };
  const reject = async (r: Reject) => {
    summary.rejected++;
    await options.onReject?.(r);
    options.onProgress?.(summary);
  };
  // The most weight a transaction is given: lowered when a batch did not fit in a transaction's memory.
  let fits = MAX_BATCH_WEIGHT;
  const write = async (items: Valid[], planned?: PlannedBatch): Promise<void> => {
    if (items.length > 1 && weightOf(items) > fits) {
      // Parts chosen before any is written: each record is written once, however `fits` moves meanwhile.
      for (const part of parts(items, fits)) await write(part);
      return;
    }
    try {
      // Without a plan for every article (planning one failed), ingestDocuments plans again and says which fails.
      const result = await ingestDocuments(db, planned ?? planOf(items) ?? items.map((i) => i.document), { rewrite: options.rewrite });
      count(summary, result);
      // A batch writes the last of an article's versions (ingest.ts planBatch): the others are accounted for here.
      summary.articlesSuperseded += items.length - result.articles.length;
      options.onProgress?.(summary);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      if (items.length > 1) {
        const half = Math.ceil(items.length / 2);
        const refused = weightOf(items);
        if (error instanceof LimitExceededError && Math.ceil(refused / 2) < fits) {
          fits = Math.ceil(refused / 2);
          const like = Math.max(1, Math.floor((fits * items.length) / refused));
          options.onNotice?.(
            `A batch of ${items.length} articles needed more memory than one transaction may use (the database's db.memory.transaction.max); ` +
              `it is written in smaller parts, and the rest of the load in batches half as large (${like} articles like these).`,
          );
        }
        await write(items.slice(0, half));
        await write(items.slice(half));
        return;
      }
      const message =
        error instanceof LimitExceededError
          ? "the database refused it: it needs more memory than one transaction may use (the database's db.memory.transaction.max)"
          : `the database refused it: ${describe(error)}`;
      await reject({ ...where(items[0]!.record), problems: [{ path: '(document)', message }], record: items[0]!.record.value });
    }
  };

  // One batch is written while the next is read, validated and planned, so the client's work and the database's
  // overlap; batches still commit one after the other, in input order. A failure that stops the run (the database
  // is gone) is held until the next batch would start.
  let writing: Promise<void> | undefined; // the batch being written, until it is done
  let stopped: { error: unknown } | undefined;
  const flush = async (items: Valid[]) => {
    // A batch larger than what fits is planned in its parts, as they are written.
    const planned = weightOf(items) <= fits ? planOf(items) : undefined;
    await writing;
    if (stopped) throw stopped.error;
    const current: Promise<void> = write(items, planned)
      .catch((error: unknown) => void (stopped = { error }))
      .then(() => {
        if (writing === current) writing = undefined;
      });
    writing = current;
  };
  const plan = (document: ArticleDocument) => {
    try {
      return planArticle(document);
    } catch {
      return undefined;
    }
  };

  let batch: Valid[] = [];
  let weight = 0;
  const next = async () => {
    await flush(batch.splice(0));
    weight = 0;
  };
  for await (const record of records) {
    // Records often come without I/O in between (buffered lines): while a batch is being written, each goes back
    // to the event loop first, so the batch's results are taken in, and its next queries sent, as they arrive.
    if (writing) await new Promise((resolve) => setImmediate(resolve));
    summary.records++;
    if (record.parseError) {
      await reject({ ...where(record), problems: [{ path: '(document)', message: record.parseError }] });
      continue;
    }
    const checked = validateDocument(record.value);
    if (!checked.ok) await reject({ ...where(record), problems: checked.problems, record: record.value });
    else {
      const planned = plan(checked.document);
      if (planned && record.inputHash) planned.inputHash = record.inputHash;
      const item = { record, document: checked.document, plan: planned, weight: planned ? planWeight(planned) : 1 };
      // A batch ends before the article that would take it past what a transaction is given.
      if (batch.length && weight + item.weight > fits) await next();
      batch.push(item);
      weight += item.weight;
    }
    if (batch.length >= options.batchSize) await next();
  }
  if (batch.length) await flush(batch);
  await writing;
  if (stopped) throw stopped.error;
  return summary;
}

const weightOf = (items: readonly Valid[]) => items.reduce((n, i) => n + i.weight, 0);

/** `items` in consecutive parts of at most `fits` weight each (an article heavier than that alone). */
function parts(items: readonly Valid[], fits: number): Valid[][] {
  const out: Valid[][] = [[]];
  let weight = 0;
  for (const item of items) {
    if (out.at(-1)!.length && weight + item.weight > fits) {
      out.push([]);
      weight = 0;
    }
    out.at(-1)!.push(item);
    weight += item.weight;
  }
  return out;
}

/** The batch of `items` planned, or undefined when planning one of them failed. */
function planOf(items: readonly Valid[]): PlannedBatch | undefined {
  const plans = items.flatMap((i) => (i.plan ? [i.plan] : []));
  return plans.length === items.length ? planBatch(plans) : undefined;
}

/** The articles a load has accounted for as written or skipped (rejected records aside). */
export const loadedArticles = (s: BulkSummary) => s.articlesNew + s.articlesUpdated + s.articlesUnchanged + s.articlesSuperseded;

function where(record: InputRecord) {
  return { file: record.file, line: record.line };
}

function count(summary: BulkSummary, result: IngestResult) {
  for (const a of result.articles) a.created ? summary.articlesNew++ : a.unchanged ? summary.articlesUnchanged++ : summary.articlesUpdated++;
  for (const s of result.statements) s.created ? summary.statementsNew++ : summary.statementsMatched++;
  for (const e of result.entities) e.created ? summary.entitiesCreated++ : summary.entitiesMatched++;
  summary.entitiesRemoved += result.removedEntities?.length ?? 0;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
