import { ServiceUnavailableError } from '../common/errors.js';
import type { Database } from '../db/database.js';
import { type ArticleDocument, type DocumentProblem, validateDocument } from './document.js';
import { type IngestResult, ingestDocuments } from './ingest.js';
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
  statementsNew: number;
  statementsMatched: number;
  entitiesCreated: number;
  entitiesMatched: number;
  rejected: number;
}

interface Valid {
  record: InputRecord;
  document: ArticleDocument;
}

export interface BulkOptions {
  /** Articles per transaction. */
  batchSize: number;
  onReject?: (reject: Reject) => void | Promise<void>;
  /** Called after each record is accounted for (loaded in a committed batch, or rejected). */
  onProgress?: (summary: BulkSummary) => void;
}

/**
 * Loads records in batches, one transaction per batch. Every record is validated before its batch is written;
 * bad ones are rejected with their problems and the rest load. If the database refuses a batch, its articles
 * are retried one per transaction so only the one at fault is rejected. A database outage stops the run:
 * committed batches stay, and running the same input again completes it (loading is idempotent).
 */
export async function bulkIngest(db: Database, records: AsyncIterable<InputRecord>, options: BulkOptions): Promise<BulkSummary> {
  const summary: BulkSummary = { records: 0, articlesNew: 0, articlesUpdated: 0, statementsNew: 0, statementsMatched: 0, entitiesCreated: 0, entitiesMatched: 0, rejected: 0 };
  const reject = async (r: Reject) => {
    summary.rejected++;
    await options.onReject?.(r);
    options.onProgress?.(summary);
  };
  const write = async (items: Valid[]): Promise<void> => {
    try {
      count(summary, await ingestDocuments(db, items.map((i) => i.document)));
      options.onProgress?.(summary);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      if (items.length > 1) {
        for (const item of items) await write([item]);
        return;
      }
      const message = `the database refused it: ${describe(error)}`;
      await reject({ ...where(items[0]!.record), problems: [{ path: '(document)', message }], record: items[0]!.record.value });
    }
  };

  let batch: Valid[] = [];
  for await (const record of records) {
    summary.records++;
    if (record.parseError) {
      await reject({ ...where(record), problems: [{ path: '(document)', message: record.parseError }] });
      continue;
    }
    const checked = validateDocument(record.value);
    if (!checked.ok) await reject({ ...where(record), problems: checked.problems, record: record.value });
    else batch.push({ record, document: checked.document });
    if (batch.length >= options.batchSize) await write(batch.splice(0));
  }
  if (batch.length) await write(batch);
  return summary;
}

function where(record: InputRecord) {
  return { file: record.file, line: record.line };
}

function count(summary: BulkSummary, result: IngestResult) {
  for (const a of result.articles) a.created ? summary.articlesNew++ : summary.articlesUpdated++;
  for (const s of result.statements) s.created ? summary.statementsNew++ : summary.statementsMatched++;
  for (const e of result.entities) e.created ? summary.entitiesCreated++ : summary.entitiesMatched++;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
