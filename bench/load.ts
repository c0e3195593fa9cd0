// npm run load [-- --connections 50 --duration 60 --warmup 10 --articles 5000 --batch 500 --seed 42]
//
// A bounded load run of the real server on loopback. Starts a throwaway Neo4j on LOAD_NEO4J_BOLT_PORT (default
// 7750) in .neo4j/load-<port> (wiped first), loads the seed and a generated corpus (bench/corpus.ts), starts the
// server as its own process (compiled, `node .build/src/main.js`, LOG_LEVEL=warn, a write token), waits for /ready,
// then drives it with autocannon: a warm-up, then the measured run, both over the README's read queries plus 10 %
// ingestArticle mutations of fresh generated articles (bench/load-mix.ts). Every response body is read for
// GraphQL errors. The server's and Neo4j's resident memory and CPU are sampled every second. Writes
// bench/results/load-latest.{json,md} (the server's log next to them), prints a table, and exits 1 when any request
// failed or went unanswered, or when what the writes kept at write time differs from the graph after the run
// (src/graph/check.ts). The server and Neo4j are stopped at the end, on errors and on Ctrl-C.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Database } from '../src/db/database.js';
import { applySchema } from '../src/db/schema.js';
import { type CheckResult, checkGraph } from '../src/graph/check.js';
import { type ArticleDocument, validateDocument } from '../src/ingest/document.js';
import { ingestDocuments } from '../src/ingest/ingest.js';
import { loadSeed } from '../src/ingest/seed.js';
import { stopNeo4j } from '../neo4j/launcher.js';
import { generateCorpus, mulberry32 } from './corpus.js';
import { ingestOperation, pickTargets, readOperations } from './load-mix.js';
import {
  autocannonFigures,
  consoleTable,
  type LoadReport,
  markdown,
  type ProcessSample,
  operationRows,
  type Phase,
  summariseProcess,
  summaryLines,
  totals,
} from './load-report.js';
import { type Failure, type MixEntry, type Primed, prime, type RunResult, runLoad } from './load-run.js';
import { sampleProcesses } from './load-sampler.js';
import { freePort, type ServerProcess, spawnServer, waitReady } from './load-server.js';
import { type GraphSize, graphSize, portFromEnv, startThrowawayNeo4j } from './neo4j.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = path.join(REPO_ROOT, 'bench', 'results');
/** The share of requests that are ingestArticle mutations. */
const WRITE_SHARE = 0.1;
/** Fresh documents for the mutations; past them, they come round again as other articles (bench/load-mix.ts). */
const WRITE_DOCUMENTS = 3_000;
const LOADER_TIMEOUT_MS = 600_000;
const READY_TIMEOUT_MS = 180_000;
/** Longer than the server's own read timeout, so a slow answer is measured rather than cut off by the client. */
const REQUEST_TIMEOUT_S = 30;
/** Margin past a run's duration before it is stopped from outside (autocannon stops on its own). */
const RUN_GUARD_MS = 30_000;
const SERVER_STOP_GRACE_MS = 30_000;
const COOL_DOWN_MS = 5_000;
const FIRST_LOG_LINES = 20;

interface Options {
  connections: number;
  duration: number;
  warmup: number;
  articles: number;
  batch: number;
  seed: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      connections: { type: 'string', default: '50' },
      duration: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '10' },
      articles: { type: 'string', default: '5000' },
      batch: { type: 'string', default: '500' },
      seed: { type: 'string', default: '42' },
    },
    strict: true,
  });
  const int = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got '${values[name]}'`);
    return n;
  };
  return {
    connections: int('connections', 1),
    duration: int('duration', 1),
    warmup: int('warmup', 0),
    articles: int('articles', 1),
    batch: int('batch', 1),
    seed: int('seed', 0),
  };
}

/** Cleanup steps, run last-in first-out, once, whether the run ends, fails or is interrupted. */
const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
  })();
  return cleaning;
}

/** Stops the autocannon run in progress, if any. */
let stopRun = () => {};
/** Set on SIGINT/SIGTERM: the run ends without a report while the cleanup runs. */
let interrupted = false;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the server and Neo4j...\n`);
      interrupted = true;
      stopRun();
      void cleanUp().finally(() => process.exit(130));
    });
  }
  await fs.mkdir(RESULTS, { recursive: true });

  const all = generateCorpus({ articles: options.articles + WRITE_DOCUMENTS, seed: options.seed });
  const loaded = all.slice(0, options.articles).map(validated);
  const fresh = all.slice(options.articles);

  const port = portFromEnv('LOAD_NEO4J_BOLT_PORT', 7750);
  const neo4jDir = path.join(REPO_ROOT, '.neo4j', `load-${port}`);
  // Registered before the start, so an interrupted start is stopped too.
  cleanups.push(() => stopNeo4j({ port, dir: neo4jDir }));
  const neo4j = await startThrowawayNeo4j({ port, dir: neo4jDir });
  const neo4jPid = Number(await fs.readFile(path.join(neo4jDir, 'neo4j.pid'), 'utf8').catch(() => NaN));

  const { graph, picks } = await loadGraph(neo4j.uri, loaded, options.batch);
  console.log(`Graph: ${Object.entries(graph).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')}.`);

  const token = randomBytes(24).toString('hex');
  const logFile = path.join(RESULTS, 'load-latest.server.log');
  const server = await spawnServer({
    cwd: REPO_ROOT,
    env: { NEO4J_URI: neo4j.uri, API_TOKENS: token, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    logFile,
  });
  cleanups.push(() => server.stop(SERVER_STOP_GRACE_MS));
  await waitReady(server, READY_TIMEOUT_MS);
  console.log(`Server ready at ${server.url} (pid ${server.pid}).`);

  const sampler = sampleProcesses({ server: server.pid, neo4j: neo4jPid }, (phase) => {
    if (interrupted) return;
    if (server.exit) {
      console.error(`the server exited during the ${phase} phase (code ${server.exit.code}, signal ${server.exit.signal}): stopping the run`);
      stopRun();
    }
  });
  cleanups.push(async () => sampler.stop());
  const rng = mulberry32(options.seed);
  const reads = readOperations(picks);
  const mix: MixEntry[] = [...reads.map((op) => ({ op, weight: (1 - WRITE_SHARE) / reads.length })), { op: ingestOperation(fresh), weight: WRITE_SHARE }];
  const run = (seconds: number, phase: Phase) => {
    sampler.phase = phase;
    console.log(`${phase}: ${options.connections} connections for ${seconds} s...`);
    const load = { url: server.url, connections: options.connections, seconds, timeoutSeconds: REQUEST_TIMEOUT_S, token, rng, mix };
    return bounded(runLoad(load, (stop) => (stopRun = stop)), seconds);
  };

  sampler.phase = 'prime';
  console.log('prime: each operation once, in turn...');
  const primed = await prime({ url: server.url, token, rng, mix });
  if (interrupted) return 130;
  const warm = options.warmup > 0 ? await run(options.warmup, 'warm-up') : undefined;
  if (interrupted) return 130;
  // Other work on the machine shows in the figures: its 1-minute load average goes in the report.
  const loadBefore = os.loadavg()[0]!;
  const measured = await run(options.duration, 'run');
  const machineLoad = { before: loadBefore, after: os.loadavg()[0]! };
  if (interrupted) return 130;
  sampler.phase = 'after';
  await new Promise((resolve) => setTimeout(resolve, COOL_DOWN_MS));
  sampler.stop();
  const stop = await server.stop(SERVER_STOP_GRACE_MS);
  // Fifty clients' ingests ran beside the reads, through the API's group commit: what they kept must be exact.
  const kept = await checkKept(neo4j.uri);

  const report = await buildReport({ options, graph, primed, warm, measured, machineLoad, samples: sampler.samples, stop, logFile, kept });
  await fs.writeFile(path.join(RESULTS, 'load-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  await fs.writeFile(path.join(RESULTS, 'load-latest.md'), markdown(report));
  console.log('');
  console.log(consoleTable(report));
  console.log('');
  for (const line of summaryLines(report)) console.log(line);
  for (const f of report.failures) console.log(`FAILED ${f.op} (${f.phase}) ${f.count}×: HTTP ${f.status} ${f.code}: ${f.message}`);
  console.log(`\nWritten: bench/results/load-latest.json, bench/results/load-latest.md.`);
  return report.ok ? 0 : 1;
}

function validated(doc: ArticleDocument, i: number): ArticleDocument {
  const checked = validateDocument(doc);
  if (!checked.ok) throw new Error(`generated article ${i} is invalid: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return checked.document;
}

/** Schema, seed and corpus through the project's own ingestion, in batches; then the graph's size and targets. */
async function loadGraph(uri: string, docs: ArticleDocument[], batch: number) {
  const db = new Database({ uri, user: 'neo4j', password: '', queryTimeoutMs: LOADER_TIMEOUT_MS });
  try {
    await applySchema(db);
    await loadSeed(db);
    const started = performance.now();
    for (let i = 0; i < docs.length; i += batch) {
      await ingestDocuments(db, docs.slice(i, i + batch));
      if (process.stderr.isTTY) process.stderr.write(`\rloading: ${Math.min(i + batch, docs.length)}/${docs.length} articles`);
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    console.log(`Loaded the seed and ${docs.length} generated articles in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const graph = await graphSize(db);
    return { graph, picks: await pickTargets(db) };
  } finally {
    await db.close();
  }
}

/** The check of what ingestion keeps at write time (src/graph/check.ts), on the run's database. */
async function checkKept(uri: string): Promise<CheckResult[]> {
  const db = new Database({ uri, user: 'neo4j', password: '', queryTimeoutMs: LOADER_TIMEOUT_MS });
  try {
    return await checkGraph(db);
  } finally {
    await db.close();
  }
}

/** A run that autocannon fails to end on time is stopped from outside. */
async function bounded(running: Promise<RunResult>, seconds: number): Promise<RunResult> {
  const guard = setTimeout(() => {
    console.error(`the run did not end ${RUN_GUARD_MS / 1000} s after its duration: stopping it`);
    stopRun();
  }, seconds * 1000 + RUN_GUARD_MS);
  try {
    return await running;
  } finally {
    clearTimeout(guard);
    stopRun = () => {};
  }
}

interface ReportInput {
  options: Options;
  graph: GraphSize;
  primed: Primed[];
  warm: RunResult | undefined;
  measured: RunResult;
  machineLoad: { before: number; after: number };
  samples: ProcessSample[];
  stop: Awaited<ReturnType<ServerProcess['stop']>>;
  logFile: string;
  kept: CheckResult[];
}

async function buildReport({ options, graph, primed, warm, measured, machineLoad, samples, stop, logFile, kept }: ReportInput): Promise<LoadReport> {
  const run = totals(measured);
  const warmTotals = warm ? totals(warm) : { requests: 0, failed: 0, unanswered: 0 };
  const levels = (await fs.readFile(logFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(logLevel);
  const a = autocannonFigures(measured);
  const tagged = (phase: Phase) => (f: Failure) => ({ ...f, phase });
  const failures = [
    ...primed.flatMap((p) => (p.failure ? [tagged('prime')(p.failure)] : [])),
    ...(warm?.failures.map(tagged('warm-up')) ?? []),
    ...measured.failures.map(tagged('run')),
  ];
  // autocannon's errors (timeouts, connection errors) also catch requests lost in ways the bodies cannot show.
  const lost = a.errors + (warm?.autocannon.errors ?? 0);
  const failedRequests = primed.filter((p) => p.failure).length + run.failed + run.unanswered + warmTotals.failed + warmTotals.unanswered + lost;
  return {
    finishedAt: new Date().toISOString(),
    // A wrong count the writes left is a failure as much as a failed request.
    ok: failedRequests === 0 && kept.every((k) => k.wrong === 0),
    setup: { ...options, writeShare: WRITE_SHARE, requestTimeoutSeconds: REQUEST_TIMEOUT_S, cpus: os.availableParallelism(), node: process.version },
    graph,
    prime: primed,
    warmup: { seconds: warm?.seconds ?? 0, requests: warmTotals.requests, failed: warmTotals.failed, unanswered: warmTotals.unanswered, cutOff: warm?.cutOff ?? 0 },
    run: {
      seconds: measured.seconds,
      connections: options.connections,
      requests: run.requests,
      requestsPerSecond: (run.requests - run.unanswered) / measured.seconds,
      latencyMs: run.latencyMs,
      failed: run.failed,
      unanswered: run.unanswered,
      cutOff: measured.cutOff,
      machineLoad,
      autocannon: a,
    },
    operations: operationRows(measured),
    failures,
    processes: { server: summariseProcess(samples, 'server'), neo4j: summariseProcess(samples, 'neo4j'), samples },
    kept,
    server: {
      stop,
      logFile: path.relative(REPO_ROOT, logFile),
      warnings: levels.filter((l) => l.level === 40).length,
      errors: levels.filter((l) => l.level !== undefined && l.level >= 50).length,
      notJson: levels.filter((l) => l.level === undefined).length,
      firstLogLines: levels.slice(0, FIRST_LOG_LINES).map((l) => l.line.slice(0, 500)),
    },
  };
}

/** pino's numeric level of a log line; undefined when the line is not JSON. */
function logLevel(line: string): { line: string; level: number | undefined } {
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level;
    return { line, level: typeof level === 'number' ? level : undefined };
  } catch {
    return { line, level: undefined };
  }
}

main()
  .then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    },
  )
  .finally(() => cleanUp());
