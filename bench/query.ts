// npm run bench:query [-- --articles N | --scale N,N,… ] [--batch B --seed S --warmup W --runs R --seconds T
//                        --clients C,C --concurrent-seconds T --only op,op --slow-ms MS --graphql http|process|inprocess
//                        --page-cache SIZE]
//
// Read latency of the GraphQL API against hand-written Cypher on a loaded graph. Starts its own throwaway Neo4j on
// BENCH_QUERY_NEO4J_BOLT_PORT (default 7696) in .neo4j/bench-query-<port> (wiped first, stopped at the end), loads a
// synthetic corpus (bench/corpus.ts), and asks each operation of bench/query-ops.ts two ways: through the real
// server in its own process (compiled, `node .build/src/main.js` as `npm start` runs it, started once the graph is loaded, its memory sampled
// apart; --graphql http serves the HTTP app in this process instead, --graphql inprocess calls Apollo's
// executeOperation), and as the hand-written Cypher of bench/raw-queries.ts through the driver. Beside a server of
// its own process, a third side, the HTTP floor (bench/floor-server.ts): the same hand-written Cypher served over
// plain node:http by a process of its own, the least any HTTP API in front of the database costs here.
//
// Each operation: a warm-up (W pairs, at most 5 s), then R pairs or T seconds, whichever ends first, alternating
// GraphQL, raw (and the floor) one request at a time; then C concurrent clients per side for T seconds each
// (default 8 and 32).
// Every pair of answers is compared as plain JSON: an error, a failed check or a difference marks the operation
// FAILED (with the first difference) and makes the run exit 1, once the others are measured. The server's round
// trips are counted per request (from its /metrics), the memory of the server and of this process is sampled, and
// each operation's queries on both sides are run once more under PROFILE (db hits in the table; plan trees in the
// plans file; the heaviest operators of operations slower than MS at p95, missing the p50 target or failed, on the
// console).
//
// --scale 10000,50000,200000 loads the sizes one after the other into the same database (adding articles, never
// reloading) and measures one request at a time at each (no concurrent clients unless --concurrent-seconds is
// given), reporting each operation's p50/p95 per size and its growth. Results: bench/results/query-latest.{md,json}
// and query-latest.plans.txt, or query-scale-latest.{md,json} (rewritten after each size).
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Database, type DatabaseOptions } from '../src/db/database.js';
import { applySchema } from '../src/db/schema.js';
import { type ArticleDocument, validateDocument } from '../src/ingest/document.js';
import { ingestDocuments } from '../src/ingest/ingest.js';
import { streamCorpus } from './corpus.js';
import { freePort, spawnServer, waitReady } from './load-server.js';
import { concurrent, type MemoryPhase, MemoryWatch, type QueryTally, sequential, tallyOf, WARMUP_MAX_MS } from './measure.js';
import {
  CapturingDatabase,
  type FloorClient,
  floorClient,
  type GraphQLClient,
  httpClient,
  inProcessClient,
  metricsTally,
  processClient,
  RawClient,
  serverDeps,
} from './query-clients.js';
import { type Operation, operations, pick } from './query-ops.js';
import { planTree, profileOperation, profileSummary } from './query-profile.js';
import {
  fmt,
  loadAverage,
  machine,
  type OperationResult,
  reportJson,
  type RunReport,
  runMarkdown,
  type ScaleReport,
  scaleMarkdown,
  TARGETS,
} from './query-report.js';
import { graphSize, portFromEnv, startThrowawayNeo4j } from './neo4j.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = path.join(REPO_ROOT, 'bench', 'results');
/** Loading and set-up queries may take long; the server keeps the default QUERY_TIMEOUT_MS, as in production. */
const LOAD_TIMEOUT_MS = 600_000;
const SERVER_TIMEOUT_MS = 10_000;
/** A server of its own process: its start (the schema is already applied) and its shutdown. */
const SERVER_START_MS = 120_000;
const SERVER_STOP_MS = 15_000;
/** Neo4j's heap as the launcher sets it (neo4j/launcher.ts), for the report. */
const NEO4J_HEAP = '1g';
const DEFAULT_PAGE_CACHE = '256m';

const GRAPHQL_MODES = ['http', 'process', 'inprocess'] as const;
type GraphQLMode = (typeof GRAPHQL_MODES)[number];

interface Options {
  sizes: number[];
  scale: boolean;
  batch: number;
  seed: number;
  warmup: number;
  runs: number;
  seconds: number;
  clients: number[];
  concurrentSeconds: number;
  only: string[] | undefined;
  slowMs: number;
  graphql: GraphQLMode;
  pageCache: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string' },
      scale: { type: 'string' },
      batch: { type: 'string', default: '500' },
      seed: { type: 'string', default: '42' },
      warmup: { type: 'string', default: '20' },
      runs: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '10' },
      clients: { type: 'string', default: '8,32' },
      'concurrent-seconds': { type: 'string' },
      only: { type: 'string' },
      'slow-ms': { type: 'string', default: String(TARGETS.p95Ms) },
      graphql: { type: 'string', default: 'process' },
      'page-cache': { type: 'string', default: DEFAULT_PAGE_CACHE },
    },
    strict: true,
  });
  const number = (name: string, raw: string, min: number, integer = true) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got '${raw}'`);
    return n;
  };
  const list = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (values.articles !== undefined && values.scale !== undefined) throw new Error('give --articles or --scale, not both');
  const scale = values.scale !== undefined;
  const sizes = scale ? list(values.scale!).map((s) => number('scale', s, 1)) : [number('articles', values.articles ?? '20000', 1)];
  if (sizes.some((n, i) => i > 0 && n <= sizes[i - 1]!)) throw new Error(`--scale sizes must grow, got ${values.scale}`);
  if (!GRAPHQL_MODES.includes(values.graphql as GraphQLMode)) throw new Error(`--graphql must be one of ${GRAPHQL_MODES.join(', ')}, got '${values.graphql}'`);
  if (!/^\d+[kmg]$/i.test(values['page-cache'])) throw new Error(`--page-cache must be a size such as 256m or 2g, got '${values['page-cache']}'`);
  return {
    sizes,
    scale,
    batch: number('batch', values.batch, 1),
    seed: number('seed', values.seed, 0),
    warmup: number('warmup', values.warmup, 0),
    runs: number('runs', values.runs, 1),
    seconds: number('seconds', values.seconds, 0.1, false),
    clients: list(values.clients).map((c) => number('clients', c, 1)),
    // Concurrent clients at every size of a scale run would multiply its length: off there unless asked for.
    concurrentSeconds: number('concurrent-seconds', values['concurrent-seconds'] ?? (scale ? '0' : '5'), 0, false),
    only: values.only === undefined ? undefined : list(values.only),
    slowMs: number('slow-ms', values['slow-ms'], 0, false),
    graphql: values.graphql as GraphQLMode,
    pageCache: values['page-cache'],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The graph

/** Loads the next articles of `corpus` until the graph holds `until`; returns the seconds it took. */
async function loadUntil(db: Database, corpus: Iterator<ArticleDocument>, loaded: { count: number }, until: number, batch: number): Promise<number> {
  const started = performance.now();
  while (loaded.count < until) {
    const docs: ArticleDocument[] = [];
    while (docs.length < Math.min(batch, until - loaded.count)) {
      const next = corpus.next();
      if (next.done) break;
      const checked = validateDocument(next.value);
      if (!checked.ok) throw new Error(`generated article ${loaded.count + docs.length} is invalid: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      docs.push(checked.document);
    }
    if (!docs.length) break;
    await ingestDocuments(db, docs);
    loaded.count += docs.length;
    process.stderr.write(`\rloading: ${fmt(loaded.count)}/${fmt(until)} articles, ${fmt((loaded.count * 1000) / (performance.now() - started + 1))} /s `);
  }
  process.stderr.write('\n');
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Sides {
  graphql: GraphQLSide;
  raw: RawClient;
  floor?: Floor;
}

/** How GraphQL is asked (`api`), how the server's queries are counted, and what PROFILE captures its Cypher through. */
interface GraphQLSide {
  api: GraphQLClient;
  tally: QueryTally;
  /** The same server in this process, over a CapturingDatabase: the Cypher it sends is what the API sends. */
  profiled: { api: GraphQLClient; server: CapturingDatabase };
  close(): Promise<void>;
}

/**
 * The GraphQL side. A server of its own process is started once the graph is loaded, since an empty database
 * would be seeded at its start; its output goes to `logFile`.
 */
async function startGraphQL(mode: GraphQLMode, server: CapturingDatabase, neo4jUri: string, memory: MemoryWatch, logFile: string): Promise<GraphQLSide> {
  const deps = serverDeps(server);
  if (mode !== 'process') {
    const api = mode === 'http' ? await httpClient(deps) : await inProcessClient(deps);
    return { api, tally: tallyOf(server), profiled: { api, server }, close: () => api.close() };
  }
  const port = await freePort();
  const env = { NEO4J_URI: neo4jUri, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUERY_TIMEOUT_MS: String(SERVER_TIMEOUT_MS) };
  const child = await spawnServer({ cwd: REPO_ROOT, env, logFile });
  try {
    await waitReady(child, SERVER_START_MS);
  } catch (error) {
    await child.stop(SERVER_STOP_MS);
    throw error;
  }
  memory.follow(child.pid);
  const api = processClient(port);
  const profiled = await inProcessClient(deps);
  return {
    api,
    tally: metricsTally(port),
    profiled: { api: profiled, server },
    async close() {
      await api.close();
      await profiled.close();
      await child.stop(SERVER_STOP_MS);
    },
  };
}

/** The HTTP floor (bench/floor-server.ts) in its own process, and its client. */
interface Floor {
  client: FloorClient;
  close(): Promise<void>;
}

async function startFloor(neo4jUri: string, logFile: string): Promise<Floor> {
  const port = await freePort();
  const args = ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'floor-server.ts')];
  const child = await spawnServer({ cwd: REPO_ROOT, env: { NEO4J_URI: neo4jUri, PORT: String(port) }, logFile, args });
  try {
    await waitReady(child, SERVER_START_MS);
  } catch (error) {
    await child.stop(SERVER_STOP_MS);
    throw error;
  }
  const client = floorClient(port);
  return {
    client,
    async close() {
      await client.close();
      await child.stop(SERVER_STOP_MS);
    },
  };
}

function selected(ops: Operation[], only: string[] | undefined): Operation[] {
  const unknown = (only ?? []).filter((k) => !ops.some((o) => o.key === k));
  if (unknown.length) throw new Error(`unknown operation(s) ${unknown.join(', ')}; known: ${ops.map((o) => o.key).join(', ')}`);
  return only ? ops.filter((o) => only.includes(o.key)) : ops;
}

/** Every operation one at a time, then under each number of clients, then profiled; memory closed after each phase. */
async function measureAll(ops: Operation[], sides: Sides, options: Options, memory: MemoryWatch): Promise<{ results: OperationResult[]; memory: MemoryPhase[] }> {
  const { graphql, raw, floor } = sides;
  const { api } = graphql;
  const phases: MemoryPhase[] = [];
  const results: OperationResult[] = [];
  for (const op of ops) {
    const s = await sequential(op, api, raw, graphql.tally, options, floor?.client);
    results.push({ key: op.key, label: op.label, sequential: s, loaded: [] });
    const line = s.error ? 'FAILED' : `GraphQL p50 ${fmt(s.graphql.p50, 1)} ms, raw p50 ${fmt(s.raw.p50, 1)} ms, ${s.graphql.runs} runs`;
    process.stderr.write(`  ${op.key}: ${line}\n`);
  }
  phases.push(memory.end('one at a time'));
  if (options.concurrentSeconds > 0) {
    for (const clients of options.clients) {
      for (const [i, op] of ops.entries()) {
        if (results[i]!.sequential.error) continue;
        const l = await concurrent(op, api, raw, clients, options.concurrentSeconds, floor?.client);
        results[i]!.loaded.push(l);
        process.stderr.write(`  ${op.key}, ${clients} clients: GraphQL ${fmt(l.graphql.rate, 1)} req/s, raw ${fmt(l.raw.rate, 1)} req/s\n`);
      }
      phases.push(memory.end(`concurrent, ${clients} clients`));
    }
  }
  for (const [i, op] of ops.entries()) results[i]!.profile = await profileOperation(op, graphql.profiled.api, graphql.profiled.server, raw);
  return { results, memory: phases };
}

/** The Cypher of both sides, with the heaviest operators, for operations that are slow, far from raw, or failed. */
function explain(results: OperationResult[], slowMs: number): string[] {
  const flagged = results.filter(
    (r) => r.sequential.error || r.sequential.graphql.p95 > slowMs || r.sequential.graphql.p50 > TARGETS.p50Ratio * r.sequential.raw.p50,
  );
  return flagged.flatMap((r) => [
    `\n${r.label} [${r.key}]: ${r.sequential.error ? 'FAILED' : `GraphQL p50 ${fmt(r.sequential.graphql.p50, 1)} / p95 ${fmt(r.sequential.graphql.p95, 1)} ms, raw p50 ${fmt(r.sequential.raw.p50, 1)} ms`}`,
    ...(r.profile?.error ? [`  PROFILE failed: ${r.profile.error}`] : []),
    ...(['graphql', 'raw'] as const).flatMap((side) =>
      (r.profile?.[side] ?? []).slice(0, 1).map((p) => `${side === 'graphql' ? 'GraphQL (compiled)' : 'raw'}, ${p.query.name}:\n${profileSummary(p)}`),
    ),
  ]);
}

function plansFile(results: OperationResult[]): string {
  return results
    .flatMap((r) =>
      (['graphql', 'raw'] as const).flatMap((side) => (r.profile?.[side] ?? []).map((p, i) => `# ${r.key}, ${side === 'graphql' ? 'compiled by the API' : 'hand-written'}, query ${i + 1}\n${planTree(p)}\n`)),
    )
    .join('\n');
}

const SEQUENTIAL_NOTE = (o: Options) =>
  `Latency (ms) of one request, GraphQL and raw alternating, after ${o.warmup} warm-up pairs (at most ${WARMUP_MAX_MS / 1000} s); ${o.runs} pairs or ${o.seconds} s, ` +
  'whichever first; every pair of answers compared. trips = Cypher queries the server sent per GraphQL request; server db ms = their mean time, ' +
  'sending to last record; db hits from PROFILE of one run of each side.';
const LOADED_NOTE = (o: Options) =>
  `Each side with N clients back to back for ${o.concurrentSeconds} s in all (two alternating halves); requests per second and p95 latency (ms).`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const port = portFromEnv('BENCH_QUERY_NEO4J_BOLT_PORT', 7696);
  const local = { port, dir: path.join(REPO_ROOT, '.neo4j', `bench-query-${port}`), pageCache: options.pageCache };
  const command = `BENCH_QUERY_NEO4J_BOLT_PORT=${port} npm run bench:query -- ${process.argv.slice(2).join(' ')}`.trim();

  const neo4jInstance = await startThrowawayNeo4j(local);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping Neo4j...\n`);
      void neo4jInstance.stop().finally(() => process.exit(130));
    });
  }
  const dbOptions: DatabaseOptions = { uri: neo4jInstance.uri, user: 'neo4j', password: '', queryTimeoutMs: LOAD_TIMEOUT_MS };
  const loader = new Database(dbOptions);
  const server = new CapturingDatabase({ ...dbOptions, queryTimeoutMs: SERVER_TIMEOUT_MS });
  const raw = new RawClient(neo4jInstance.uri);
  const memory = new MemoryWatch();
  const failed = new Set<string>();
  let graphql: GraphQLSide | undefined;
  let floor: Floor | undefined;
  try {
    await applySchema(loader);
    const header = { machine: await machine(loader), neo4jMemory: { heap: NEO4J_HEAP, pageCache: options.pageCache }, transport: '', command };
    console.log(`Read benchmark: ${options.sizes.map((n) => fmt(n)).join(', ')} articles (seed ${options.seed}), Neo4j at ${neo4jInstance.uri}.`);
    const corpus = streamCorpus({ articles: options.sizes.at(-1)!, seed: options.seed })[Symbol.iterator]();
    const loaded = { count: 0 };
    const scale: ScaleReport = { date: new Date().toISOString(), ...header, loadAverageEnd: [], steps: [] };
    for (const size of options.sizes) {
      const loadSeconds = await loadUntil(loader, corpus, loaded, size, options.batch);
      const graph = await graphSize(loader);
      const picks = await pick(loader);
      const loading = memory.end(`loading to ${fmt(size)} articles`);
      if (!graphql) {
        graphql = await startGraphQL(options.graphql, server, neo4jInstance.uri, memory, `${local.dir}-server.log`);
        scale.transport = graphql.api.transport;
        console.log(`GraphQL over ${graphql.api.transport}.`);
        // Beside a server of its own process only: the floor is what such a server cannot go below.
        if (options.graphql === 'process') floor = await startFloor(neo4jInstance.uri, `${local.dir}-floor.log`);
      }
      await floor?.client.pick(picks);
      console.log(`Graph: ${fmt(graph.articles)} articles, ${fmt(graph.statements)} statements, loaded in ${fmt(loadSeconds, 1)} s; busiest speaker ${picks.busiest.id} (${fmt(picks.busiest.said)} statements).`);
      const measured = await measureAll(selected(operations(picks), options.only), { graphql, raw, floor }, options, memory);
      for (const r of measured.results) if (r.sequential.error) failed.add(r.key);
      scale.steps.push({ graph, loadSeconds, picks, operations: measured.results, memory: [loading, ...measured.memory] });
      scale.loadAverageEnd = loadAverage();
      // Rewritten after each size, so a run stopped early still reports how far it got.
      if (options.scale) await write('query-scale-latest', scaleMarkdown(scale), reportJson(scale));
    }
    if (options.scale) {
      console.log(`\n${scaleMarkdown(scale)}`);
    } else {
      const { steps, ...run } = scale;
      const step = steps[0]!;
      const report: RunReport = { ...run, ...step, date: new Date().toISOString() };
      const markdown = runMarkdown(report, SEQUENTIAL_NOTE(options), LOADED_NOTE(options));
      await write('query-latest', markdown, reportJson(report));
      await fs.writeFile(path.join(RESULTS, 'query-latest.plans.txt'), plansFile(step.operations));
      console.log(`\n${markdown}`);
      console.log(explain(step.operations, options.slowMs).join('\n'));
    }
    console.log(`\nWritten to ${path.relative(REPO_ROOT, RESULTS)}/${options.scale ? 'query-scale-latest' : 'query-latest'}.*`);
  } finally {
    memory.stop();
    await floor?.close();
    await graphql?.close();
    await raw.close();
    await server.close();
    await loader.close();
    await neo4jInstance.stop();
  }
  if (failed.size) throw new Error(`${failed.size} operation(s) failed: ${[...failed].join(', ')}`);
}

async function write(name: string, markdown: string, json: string): Promise<void> {
  await fs.mkdir(RESULTS, { recursive: true });
  await fs.writeFile(path.join(RESULTS, `${name}.md`), markdown);
  await fs.writeFile(path.join(RESULTS, `${name}.json`), json);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
