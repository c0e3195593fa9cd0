import { LimitExceededError, ServiceUnavailableError } from '../common/errors.js';
import type { Database } from '../db/database.js';
import { type ArticleDocument, type DocumentProblem, validateDocument } from './document.js';
import { type IngestResult, ingestDocuments, type PlannedBatch, planBatch } from './ingest.js';
import { type ArticlePlan, planArticle } from './plan.js';
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
  statementsNew: number;
  statementsMatched: number;
  entitiesCreated: number;
  entitiesMatched: number;
  rejected: number;
}

interface Valid {
  record: InputRecord;
  document: ArticleDocument;
  /** Undefined when planning it failed: `write` then tells which article of its batch is at fault. */
  plan: ArticlePlan | undefined;
}

export interface BulkOptions {
  /** Articles per transaction. */
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
 * Loads records in batches, one transaction per batch. Every record is validated before its batch is written;
 * bad ones are rejected with their problems and the rest load. If the database refuses a batch, it is written again
 * in two halves, each split again while refused, so only the article at fault is rejected (in about 2·log2(n)
 * transactions rather than one per article). A batch refused because it needed more memory than one transaction
 * may hold (Neo4j's db.memory.transaction.max) loads in halves likewise, and the rest of the load is written in
 * batches of the size that fitted, so it does not pay for the refusal again; onNotice says so. A database outage
 * stops the run: committed batches stay, and running the same input again completes it (loading is idempotent).
 */
export async function bulkIngest(db: Database, records: AsyncIterable<InputRecord>, options: BulkOptions): Promise<BulkSummary> {
  const summary: BulkSummary = { records: 0, articlesNew: 0, articlesUpdated: 0, articlesUnchanged: 0, statementsNew: 0, statementsMatched: 0, entitiesCreated: 0, entitiesMatched: 0, rejected: 0 };
  const reject = async (r: Reject) => {
    summary.rejected++;
    await options.onReject?.(r);
    options.onProgress?.(summary);
  };
  // The most articles a transaction is given: lowered when a batch did not fit in a transaction's memory.
  let fits = options.batchSize;
  const write = async (items: Valid[], planned?: PlannedBatch): Promise<void> => {
    if (items.length > fits) {
      for (let i = 0; i < items.length; i += fits) await write(items.slice(i, i + fits));
      return;
    }
    try {
      // Without a plan for every article (planning one failed), ingestDocuments plans again and says which fails.
      count(summary, await ingestDocuments(db, planned ?? planOf(items) ?? items.map((i) => i.document), { rewrite: options.rewrite }));
      options.onProgress?.(summary);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      if (items.length > 1) {
        const half = Math.ceil(items.length / 2);
        if (error instanceof LimitExceededError && half < fits) {
          fits = half;
          options.onNotice?.(
            `A batch of ${items.length} articles needed more memory than one transaction may use (the database's db.memory.transaction.max); ` +
              `it is written in smaller parts, and the rest of the load in batches of at most ${fits}.`,
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
    const planned = items.length <= fits ? planOf(items) : undefined;
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
    else batch.push({ record, document: checked.document, plan: plan(checked.document) });
    if (batch.length >= options.batchSize) await flush(batch.splice(0));
  }
  if (batch.length) await flush(batch);
  await writing;
  if (stopped) throw stopped.error;
  return summary;
}

/** The batch of `items` planned, or undefined when planning one of them failed. */
function planOf(items: readonly Valid[]): PlannedBatch | undefined {
  const plans = items.flatMap((i) => (i.plan ? [i.plan] : []));
  return plans.length === items.length ? planBatch(plans) : undefined;
}

/** The articles a load has accounted for as written or skipped (rejected records aside). */
export const loadedArticles = (s: BulkSummary) => s.articlesNew + s.articlesUpdated + s.articlesUnchanged;

function where(record: InputRecord) {
  return { file: record.file, line: record.line };
}

function count(summary: BulkSummary, result: IngestResult) {
  for (const a of result.articles) a.created ? summary.articlesNew++ : a.unchanged ? summary.articlesUnchanged++ : summary.articlesUpdated++;
  for (const s of result.statements) s.created ? summary.statementsNew++ : summary.statementsMatched++;
  for (const e of result.entities) e.created ? summary.entitiesCreated++ : summary.entitiesMatched++;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
