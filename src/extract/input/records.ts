import { createHash } from 'node:crypto';
import { type DocumentProblem, validateDocument } from '../../ingest/document.js';
import { articleId } from '../../ingest/plan.js';
import { type ExtractPool, ExtractionFailed } from '../pool.js';
import { type RawArticle, validateRawArticle } from '../raw.js';
import type { Extraction } from '../types.js';
import type { RawRecord } from './files.js';
import { inputHash } from './input-hash.js';

/** What became of one input record. */
export type Outcome =
  /** `inputHash` when the run looks up stored inputs (ExtractRecordsOptions.stored): the article is stored with it. */
  | { record: RawRecord; extraction: Extraction; inputHash?: string }
  /** An article document already (it has statements or entities): loaded as it is, not extracted. */
  | { record: RawRecord; document: unknown }
  | { record: RawRecord; problems: DocumentProblem[] }
  /** Stored from this very input by this very program (input-hash.ts), and not written over since: not extracted. */
  | { record: RawRecord; stored: StoredInput };

/** The article a raw input was stored as. */
export interface StoredInput {
  id: string;
  url: string | null;
}

export interface ExtractRecordsOptions {
  /** Let article documents through unextracted (`ingest --extract`); otherwise every record is a raw article. */
  passDocuments?: boolean;
  /** Articles handed to the pool ahead of the one being consumed: keeps the threads busy while the consumer writes. */
  ahead?: number;
  /**
   * Hash each raw article's input with the program's fingerprint (input-hash.ts), and with `lookup`, skip those
   * stored from the same input: it finds them by input hash, a chunk of records at a time.
   */
  stored?: { fingerprint: string; lookup?: (hashes: string[]) => Promise<Map<string, StoredInput>> };
}

/**
 * Validates each record and extracts it on the pool, yielding outcomes in input order although the threads
 * finish out of order. A record that is not a valid raw article, or that extraction fails on, is an outcome
 * with its problems; any other error (a broken pool) ends the run.
 *
 * With `stored`, records are taken in chunks of half of `ahead`, and one look-up per chunk finds those stored
 * already. Such a record is extracted all the same when an earlier record of this run is the same article (by url
 * or id): that one may not have been written yet when the look-up ran, and the later record must win as it would.
 */
export async function* extractRecords(pool: ExtractPool, records: AsyncIterable<RawRecord>, options: ExtractRecordsOptions = {}): AsyncGenerator<Outcome> {
  const ahead = Math.max(1, options.ahead ?? pool.threads * 4);
  const pending: Promise<Outcome>[] = [];
  const input = records[Symbol.asyncIterator]();
  // The articles yielded so far, as short digests of their urls and ids: a false match only costs an extraction.
  const yielded = new Set<number>();
  let exhausted = false;
  try {
    for (;;) {
      if (!exhausted && pending.length <= ahead / 2) {
        const chunk: RawRecord[] = [];
        while (!exhausted && pending.length + chunk.length < ahead) {
          const next = await input.next();
          if (next.done) exhausted = true;
          else chunk.push(next.value);
        }
        for (const outcome of await settleChunk(chunk)) {
          // A broken pool is reported in input order; until then its rejection must not count as unhandled.
          outcome.catch(() => {});
          pending.push(outcome);
        }
      }
      const head = pending.shift();
      if (!head) return;
      let outcome = await head;
      if ('stored' in outcome && [outcome.stored.url, outcome.stored.id].some((k) => k !== null && yielded.has(digest(k)))) {
        const checked = checkRecord(outcome.record);
        outcome = 'raw' in checked ? await extract(outcome.record, checked.raw) : checked;
      }
      for (const key of identities(outcome)) yielded.add(digest(key));
      yield outcome;
    }
  } finally {
    await Promise.allSettled(pending);
  }

  async function settleChunk(chunk: RawRecord[]): Promise<Promise<Outcome>[]> {
    const checked = chunk.map((record) => checkRecord(record, options.passDocuments));
    const hashes = new Map<RawRecord, string>();
    const { stored } = options;
    if (stored) for (const c of checked) if ('raw' in c) hashes.set(c.record, inputHash(stored.fingerprint, c.raw));
    const found = stored?.lookup && hashes.size ? await stored.lookup([...new Set(hashes.values())]) : undefined;
    return checked.map((c) => {
      if (!('raw' in c)) return Promise.resolve(c);
      const hash = hashes.get(c.record);
      const known = hash === undefined ? undefined : found?.get(hash);
      return known ? Promise.resolve({ record: c.record, stored: known }) : extract(c.record, c.raw, hash);
    });
  }

  function extract(record: RawRecord, raw: RawArticle, hash = options.stored && inputHash(options.stored.fingerprint, raw)): Promise<Outcome> {
    return pool.extract(raw).then(
      (extraction): Outcome => {
        const valid = validateDocument(extraction.document);
        if (valid.ok) return hash ? { record, extraction, inputHash: hash } : { record, extraction };
        return { record, problems: valid.problems.map((p) => ({ path: p.path, message: `extraction made an invalid document: ${p.message}` })) };
      },
      (error: unknown): Outcome => {
        if (error instanceof ExtractionFailed) return { record, problems: [{ path: '(record)', message: `extraction failed: ${error.message}` }] };
        throw error;
      },
    );
  }
}

/** The url and id of the article an outcome writes (a document passed through may be invalid: what it has). */
function identities(outcome: Outcome): string[] {
  const doc = 'extraction' in outcome ? outcome.extraction.document : 'document' in outcome ? outcome.document : undefined;
  if (doc === null || typeof doc !== 'object') return [];
  const { url, title, publishedAt, source } = doc as Record<string, unknown>;
  const keys = typeof url === 'string' ? [url] : [];
  try {
    if (typeof title === 'string' && typeof publishedAt === 'string')
      keys.push(articleId({ url: keys[0], title, publishedAt, source: typeof source === 'string' ? source : undefined }));
  } catch {
    // An invalid url: the document is rejected when loaded, and writes nothing.
  }
  return keys;
}

const digest = (key: string) => createHash('sha1').update(key).digest().readUIntBE(0, 6);

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
