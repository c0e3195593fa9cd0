import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { commandDatabase } from '../db/command-database.js';
import type { Database } from '../db/database.js';
import { applySchema } from '../db/schema.js';
import { countRawRecords, rawInputFiles, readRawRecords } from '../extract/input/files.js';
import { METADATA_OPTIONS, METADATA_USAGE, metadataFlags, threadsFlag } from '../extract/input/flags.js';
import { aboutRecord, describeProblems, extractionNotes, extractRecords, type Outcome } from '../extract/input/records.js';
import { programFingerprint } from '../extract/input/input-hash.js';
import { createExtractPool } from '../extract/pool.js';
import type { RawArticle } from '../extract/raw.js';
import { type BulkSummary, bulkIngest, loadedArticles, type Reject } from './bulk.js';
import { storedInputs } from './inputs.js';
import { countRecords, type InputRecord, inputFiles, readRecords } from './read.js';
import { loadSeed } from './seed.js';

const USAGE = `Usage:
  npm run seed
  npm run ingest -- <file.ndjson | file.json | folder> [--batch 250] [--rejects ingest-rejects.ndjson] [--rewrite]
  npm run ingest -- --extract <file.txt | page.html | records.ndjson | records.json | folder> [flags] [--threads N]

Loads article documents. With --extract, the input is raw articles (as for npm run extract): each is extracted,
then loaded; records that already carry statements or entities are documents and load as they are.

An article already stored as its document would leave it is skipped (counted unchanged); --rewrite writes it again
anyway, which repairs an article whose nodes or links were changed by other means.

${METADATA_USAGE}
  --threads N         extraction threads (default: the available cores)

Writes to NEO4J_URI, or to the local Neo4j (LOCAL_NEO4J_BOLT_PORT), which must be running (npm run db:start).
Exit status: 0 all loaded, 2 some records rejected (see the rejects file), 1 the run failed.`;

// Bulk transactions hold hundreds of articles: give them far longer than an API query gets.
const BULK_TIMEOUT_MS = 300_000;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      batch: { type: 'string', default: '250' },
      rejects: { type: 'string', default: 'ingest-rejects.ndjson' },
      extract: { type: 'boolean' },
      rewrite: { type: 'boolean' },
      threads: { type: 'string' },
      ...METADATA_OPTIONS,
      help: { type: 'boolean' },
    },
  });
  const [command, target] = positionals;
  const batchSize = Number(values.batch);
  const threads = threadsFlag(values.threads);
  if (values.help || !(command === 'seed' || (command === 'ingest' && target)) || !Number.isInteger(batchSize) || batchSize < 1 || threads === 'invalid') {
    console.error(USAGE);
    return values.help ? 0 : 1;
  }
  const db = commandDatabase(BULK_TIMEOUT_MS);
  try {
    await applySchema(db);
    if (command === 'seed') {
      const result = await loadSeed(db);
      const tally = (rows: { created: boolean }[]) => `${rows.filter((r) => r.created).length} new, ${rows.filter((r) => !r.created).length} matched`;
      console.log(`Seeded: articles ${tally(result.articles)}; statements ${tally(result.statements)}; entities ${tally(result.entities)}.`);
      return 0;
    }
    // npm runs scripts from the package folder; paths are meant relative to where the command was typed.
    const cwd = process.env.INIT_CWD ?? process.cwd();
    const extract = values.extract ? { flags: metadataFlags(values), threads } : undefined;
    return await ingest(db, path.resolve(cwd, target!), { batchSize, rejectsPath: path.resolve(cwd, values.rejects), extract, rewrite: values.rewrite });
  } finally {
    await db.close();
  }
}

interface IngestOptions {
  batchSize: number;
  rejectsPath: string;
  /** Raw articles in: extract them on a pool of threads first. */
  extract?: { flags: Partial<RawArticle>; threads?: number };
  rewrite?: boolean;
}

async function ingest(db: Database, target: string, { batchSize, rejectsPath, extract, rewrite }: IngestOptions): Promise<number> {
  const files = extract ? await rawInputFiles(target) : await inputFiles(target);
  const total = extract ? await countRawRecords(files) : await countRecords(files);
  const bar = new SingleBar({
    format: 'Ingesting [{bar}] {percentage}% | {value}/{total} records | {rate} records/s | ETA {eta_formatted} | {rejected} rejected',
    stream: process.stderr,
    hideCursor: true,
  });
  const started = performance.now();
  bar.start(total, 0, { rate: 0, rejected: 0 });
  let rejects: WriteStream | undefined;
  const onReject = (r: Reject) => {
    rejects ??= createWriteStream(rejectsPath);
    rejects.write(`${JSON.stringify(r)}\n`);
    console.error(`\nRejected ${aboutRecord({ ...r, value: r.record }, describeProblems(r.problems))}`);
  };
  // Records bulkIngest never sees: rejected before loading (not raw articles, or extraction failed on them), or
  // stored from the same input already, and neither extracted nor written again.
  const before = { rejected: 0, stored: 0 };
  let loaded: BulkSummary | undefined;
  const onProgress = (s = loaded) => {
    loaded = s;
    const seconds = (performance.now() - started) / 1000;
    const rejected = (s?.rejected ?? 0) + before.rejected;
    const done = (s ? loadedArticles(s) : 0) + rejected + before.stored;
    bar.update(done, { rate: Math.round(done / Math.max(seconds, 0.001)), rejected });
  };
  const pool = extract && createExtractPool({ threads: extract.threads });
  // Each article is stored with its input's hash; unless told to write everything again, one stored from the same
  // input is not extracted again.
  const stored = extract && { fingerprint: await programFingerprint(), lookup: rewrite ? undefined : (hashes: string[]) => storedInputs(db, hashes) };
  const outcomes = pool && extractRecords(pool, readRawRecords(files, extract.flags), { passDocuments: true, ahead: Math.max(batchSize, pool.threads * 4), stored });
  const onOutcome: OnOutcome = (record, problems) => {
    if (problems) {
      before.rejected++;
      onReject({ file: record.file, line: record.line, problems, record: record.value });
    } else before.stored++;
    onProgress();
  };
  try {
    const records = outcomes ? documents(outcomes, onOutcome, (line) => console.error(`\n${line}`)) : readRecords(files);
    const onNotice = (message: string) => console.error(`\n${message}`);
    const summary = await bulkIngest(db, records, { batchSize, rewrite, onReject, onProgress, onNotice });
    summary.records += before.rejected + before.stored;
    summary.rejected += before.rejected;
    summary.articlesUnchanged += before.stored;
    bar.stop();
    report(summary, (performance.now() - started) / 1000, rejects ? rejectsPath : undefined, stored?.lookup && before.stored);
    return summary.rejected ? 2 : 0;
  } catch (error) {
    bar.stop();
    console.error(`\nThe load stopped: ${(error as Error).message}\nCommitted batches are kept; run the same command again to finish (loading is idempotent).`);
    return 1;
  } finally {
    await pool?.close();
    await new Promise((resolve) => (rejects ? rejects.end(resolve) : resolve(undefined)));
  }
}

/** Told of a record that is not loaded: rejected with its problems, or (without) stored from the same input already. */
type OnOutcome = (record: InputRecord, problems?: Reject['problems']) => void;

/** The article documents of extraction's outcomes, in input order; the other records go to `skip`. */
async function* documents(outcomes: AsyncIterable<Outcome>, skip: OnOutcome, warn: (line: string) => void): AsyncGenerator<InputRecord> {
  for await (const outcome of outcomes) {
    const { file, line } = outcome.record;
    if ('problems' in outcome) skip(outcome.record, outcome.problems);
    else if ('stored' in outcome) skip(outcome.record);
    else if ('document' in outcome) yield { file, line, value: outcome.document };
    else {
      for (const note of extractionNotes(outcome.extraction)) warn(`Warning ${aboutRecord(outcome.record, note)}`);
      yield { file, line, value: outcome.extraction.document, inputHash: outcome.inputHash };
    }
  }
}

/** `stored`: with --extract, how many raw articles were found stored from the same input, and not extracted. */
function report(s: BulkSummary, seconds: number, rejectsPath?: string, stored?: number) {
  const articles = loadedArticles(s);
  console.log(
    [
      `Loaded ${articles} articles in ${seconds.toFixed(1)} s (${Math.round(articles / Math.max(seconds, 0.001))} articles/s).`,
      `  articles:   ${s.articlesNew} new, ${s.articlesUpdated} updated, ${s.articlesUnchanged} unchanged` +
        (stored === undefined ? '' : ` (${stored} stored from the same input, not extracted again)`) +
        (s.articlesSuperseded ? `, ${s.articlesSuperseded} superseded by a later version in the same batch` : ''),
      `  statements: ${s.statementsNew} new, ${s.statementsMatched} matched`,
      `  entities:   ${s.entitiesCreated} created, ${s.entitiesMatched} matched` +
        (s.entitiesRemoved ? `, ${s.entitiesRemoved} removed (no article names them any more)` : ''),
      `  rejected:   ${s.rejected} of ${s.records} records${rejectsPath ? ` (written to ${rejectsPath})` : ''}`,
    ].join('\n'),
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
