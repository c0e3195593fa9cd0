import { type DocumentProblem, validateDocument } from '../../ingest/document.js';
import { type ExtractPool, ExtractionFailed } from '../pool.js';
import { type RawArticle, validateRawArticle } from '../raw.js';
import type { Extraction } from '../types.js';
import type { RawRecord } from './files.js';

/** What became of one input record. */
export type Outcome =
  | { record: RawRecord; extraction: Extraction }
  /** An article document already (it has statements or entities): loaded as it is, not extracted. */
  | { record: RawRecord; document: unknown }
  | { record: RawRecord; problems: DocumentProblem[] };

export interface ExtractRecordsOptions {
  /** Let article documents through unextracted (`ingest --extract`); otherwise every record is a raw article. */
  passDocuments?: boolean;
  /** Articles handed to the pool ahead of the one being consumed: keeps the threads busy while the consumer writes. */
  ahead?: number;
}

/**
 * Validates each record and extracts it on the pool, yielding outcomes in input order although the threads
 * finish out of order. A record that is not a valid raw article, or that extraction fails on, is an outcome
 * with its problems; any other error (a broken pool) ends the run.
 */
export async function* extractRecords(pool: ExtractPool, records: AsyncIterable<RawRecord>, options: ExtractRecordsOptions = {}): AsyncGenerator<Outcome> {
  const ahead = Math.max(1, options.ahead ?? pool.threads * 4);
  const pending: Promise<Outcome>[] = [];
  const input = records[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && pending.length < ahead) {
        const next = await input.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const outcome = settle(next.value);
        // A broken pool is reported in input order; until then its rejection must not count as unhandled.
        outcome.catch(() => {});
        pending.push(outcome);
      }
      const head = pending.shift();
      if (!head) return;
      yield await head;
    }
  } finally {
    await Promise.allSettled(pending);
  }

  function settle(record: RawRecord): Promise<Outcome> {
    const checked = checkRecord(record, options.passDocuments);
    if (!('raw' in checked)) return Promise.resolve(checked);
    return pool.extract(checked.raw).then(
      (extraction): Outcome => {
        const valid = validateDocument(extraction.document);
        if (valid.ok) return { record, extraction };
        return { record, problems: valid.problems.map((p) => ({ path: p.path, message: `extraction made an invalid document: ${p.message}` })) };
      },
      (error: unknown): Outcome => {
        if (error instanceof ExtractionFailed) return { record, problems: [{ path: '(record)', message: `extraction failed: ${error.message}` }] };
        throw error;
      },
    );
  }
}

/**
 * What a record is before extraction: a raw article to extract, a document to pass on (with `passDocuments`),
 * or a record with problems — those its reader found, then the validator's on other fields.
 */
export function checkRecord(record: RawRecord, passDocuments = false): { record: RawRecord; raw: RawArticle } | Exclude<Outcome, { extraction: Extraction }> {
  if (passDocuments && isDocument(record.value)) return { record, document: record.value };
  if (record.problems && record.value === undefined) return { record, problems: record.problems };
  const checked = validateRawArticle(record.value);
  const problems = [...(record.problems ?? [])];
  if (!checked.ok) problems.push(...checked.problems.filter((p) => !problems.some((q) => q.path === p.path)));
  if (!checked.ok || problems.length) return { record, problems };
  return { record, raw: checked.raw };
}

/** A record carrying statements or entities is an article document, written by hand or extracted before. */
export function isDocument(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (Array.isArray(v.statements) && v.statements.length > 0) || v.entities !== undefined;
}

/** How messages name a record: `file:line: message — "its headline"` (the headline when it has one). */
export function aboutRecord(record: { file: string; line: number; value?: unknown }, message: string): string {
  const title = (record.value as { title?: unknown } | undefined)?.title;
  const short = typeof title === 'string' ? title.trim().replace(/\s+/g, ' ') : '';
  const named = short ? ` — ${JSON.stringify(short.length > 80 ? `${short.slice(0, 79)}…` : short)}` : '';
  return `${record.file}:${record.line}: ${message}${named}`;
}

/** One line per problem list: `body: is empty; publishedAt: …`. */
export function describeProblems(problems: readonly DocumentProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

/** What people should know about an extraction: its warnings and the statements left out for want of a speaker. */
export function extractionNotes(extraction: Extraction): string[] {
  const left = extraction.unattributed.length;
  return [...extraction.warnings, ...(left ? [`${left} statement${left === 1 ? '' : 's'} without a resolvable speaker left out`] : [])];
}
