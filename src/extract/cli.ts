import { once } from 'node:events';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { countRawRecords, rawInputFiles, readRawRecords } from './input/files.js';
import { METADATA_OPTIONS, METADATA_USAGE, metadataFlags, threadsFlag } from './input/flags.js';
import { aboutRecord, describeProblems, extractionNotes, extractRecords } from './input/records.js';
import { createExtractPool } from './pool.js';

const USAGE = `Usage:
  npm run extract -- <file.txt | page.html | records.json | records.ndjson | folder> [flags] [--threads N]

Prints the article document extracted from each input article, one JSON object per line in input order, ready
for npm run ingest. Progress, warnings and errors go to standard error, so this works:
  npm run -s extract -- articles.ndjson > documents.ndjson

A folder is read file by file in name order (.txt, .html, .htm, .json, .ndjson, .jsonl). A .json/.ndjson record
is {title, publishedAt, source?, url?, language?, authors?, body}; other keys are ignored.

${METADATA_USAGE}
  --threads N         extraction threads (default: the available cores)

Exit status: 0 all extracted, 2 some records rejected, 1 the run failed.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { ...METADATA_OPTIONS, threads: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { positionals, values } = args;
  const threads = threadsFlag(values.threads);
  if (values.help || positionals.length !== 1 || threads === 'invalid') {
    console.error(USAGE);
    return values.help ? 0 : 1;
  }
  // npm runs scripts from the package folder; paths are meant relative to where the command was typed.
  const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  const files = await rawInputFiles(target);
  const total = await countRawRecords(files);
  const bar = new SingleBar({
    format: 'Extracting [{bar}] {percentage}% | {value}/{total} articles | {rate} articles/s | ETA {eta_formatted} | {rejected} rejected',
    stream: process.stderr,
    hideCursor: true,
  });
  const say = (line: string) => console.error(process.stderr.isTTY ? `\n${line}` : line);
  const pool = createExtractPool({ threads });
  const started = performance.now();
  const tally = { done: 0, extracted: 0, rejected: 0, statements: 0, unattributed: 0 };
  bar.start(total, 0, { rate: 0, rejected: 0 });
  try {
    for await (const outcome of extractRecords(pool, readRawRecords(files, metadataFlags(values)))) {
      tally.done++;
      if ('problems' in outcome) {
        tally.rejected++;
        say(`Rejected ${aboutRecord(outcome.record, describeProblems(outcome.problems))}`);
      } else if ('extraction' in outcome) {
        const { document, unattributed } = outcome.extraction;
        await print(`${JSON.stringify(document)}\n`);
        tally.extracted++;
        tally.statements += document.statements.length;
        tally.unattributed += unattributed.length;
        for (const note of extractionNotes(outcome.extraction)) say(`Warning ${aboutRecord(outcome.record, note)}`);
      }
      const seconds = (performance.now() - started) / 1000;
      bar.update(tally.done, { rate: Math.round(tally.done / Math.max(seconds, 0.001)), rejected: tally.rejected });
    }
  } finally {
    bar.stop();
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `Extracted ${tally.extracted} of ${tally.done} articles in ${seconds.toFixed(1)} s (${Math.round(tally.extracted / Math.max(seconds, 0.001))} articles/s): ` +
      `${tally.statements} statements, ${tally.unattributed} left out without a speaker; ${tally.rejected} rejected.`,
  );
  return tally.rejected ? 2 : 0;
}

/** Writes to standard output, waiting when a slow reader (a pipe) has not taken the last lines yet. */
async function print(text: string) {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

main(process.argv.slice(2)).then(
  // Let standard output drain before exiting: a pipe may still hold the last documents.
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
