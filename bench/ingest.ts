// npm run bench:ingest [-- --articles N --batch B --seed S --warmup W --warmup-rounds R --profile --wipe]
//
// Ingestion throughput on a synthetic corpus (bench/corpus.ts), loaded as `npm run ingest` loads (bulkIngest):
// (a) batched loads, (b) one transaction per article, (c) an idempotent re-load, (d) the floor: the same articles
// as hand-written Cypher that writes their nodes and links only (bench/ingest-floor.ts). Starts its own throwaway Neo4j
// on BENCH_NEO4J_BOLT_PORT (default 7698) in .neo4j/bench-<port> (wiped first, stopped at the end), unless
// NEO4J_URI is set. BENCH_VERBOSE=1 also prints every batch time.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { LocalNeo4jOptions } from '../neo4j/launcher.js';
import { Database, type DatabaseOptions } from '../src/db/database.js';
import { applySchema } from '../src/db/schema.js';
import { type ArticleDocument, validateDocument } from '../src/ingest/document.js';
import { bulkIngest, loadedArticles } from '../src/ingest/bulk.js';
import { checkGraph } from '../src/graph/check.js';
import { ingestDocuments } from '../src/ingest/ingest.js';
import type { InputRecord } from '../src/ingest/read.js';
import { generateCorpus } from './corpus.js';
import { floorLoad } from './ingest-floor.js';
import { startThrowawayNeo4j } from './neo4j.js';
import { ProfilingDatabase, type QueryProfile, timeQueries } from './profile.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUERY_TIMEOUT_MS = 600_000;
const BASELINE_MAX = 1000;

interface Options {
  articles: number;
  batch: number;
  seed: number;
  warmup: number;
  warmupRounds: number;
  profile: boolean;
  wipe: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string', default: '5000' },
      batch: { type: 'string', default: '250' },
      seed: { type: 'string', default: '42' },
      warmup: { type: 'string', default: '2000' },
      'warmup-rounds': { type: 'string', default: '3' },
      profile: { type: 'boolean', default: false },
      wipe: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const integer = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got '${raw}'`);
    return n;
  };
  return {
    articles: integer('articles', values.articles, 1),
    batch: integer('batch', values.batch, 1),
    seed: integer('seed', values.seed, 0),
    warmup: integer('warmup', values.warmup, 0),
    warmupRounds: integer('warmup-rounds', values['warmup-rounds'], 1),
    profile: values.profile,
    wipe: values.wipe,
  };
}

function benchPort(): number {
  const raw = process.env.BENCH_NEO4J_BOLT_PORT || '7698';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`BENCH_NEO4J_BOLT_PORT must be a TCP port, got '${raw}'`);
  return port;
}

function corpus(articles: number, seed: number): ArticleDocument[] {
  return generateCorpus({ articles, seed }).map((doc, i) => {
    const checked = validateDocument(doc);
    if (!checked.ok) throw new Error(`generated article ${i} is invalid: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    return checked.document;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Counts {
  nodes: number;
  relationships: number;
}

async function counts(db: Database): Promise<Counts> {
  const [n] = await db.read('bench.nodes', 'MATCH (n) RETURN count(n) AS c');
  const [r] = await db.read('bench.relationships', 'MATCH ()-[r]->() RETURN count(r) AS c');
  return { nodes: Number(n?.c), relationships: Number(r?.c) };
}

/** Nodes by label and relationships by type, of what the floor writes too: both loads must give the same. */
async function primaryCounts(db: Database): Promise<string> {
  const rows = await db.read(
    'bench.primary',
    `UNWIND ['Article', 'Statement', 'Person', 'Organisation', 'Topic'] AS label
     CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS c }
     RETURN label AS name, c
     UNION ALL
     UNWIND ['PUBLISHED_BY', 'WROTE', 'MENTIONS', 'SAID', 'ABOUT', 'REPORTED_IN', 'RESPONDS_TO', 'AFFILIATED_WITH'] AS type
     CALL (type) { MATCH ()-[r]->() WHERE type(r) = type RETURN count(r) AS c }
     RETURN type AS name, c`,
  );
  return rows.map((r) => `${r.name} ${fmt(Number(r.c))}`).join(', ');
}

const added = (before: Counts, after: Counts) => after.nodes - before.nodes + after.relationships - before.relationships;

/**
 * Everything goes, in auto-commit batches (the schema stays). Relationships first: a DETACH DELETE of a batch of
 * nodes also deletes every relationship of its hubs (a much-quoted person has tens of thousands), and with the
 * index updates of article bodies that outgrows the 256 MiB a transaction may hold.
 */
async function wipe(db: Database, database: string | undefined): Promise<void> {
  const session = db.driver.session({ database });
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 1000 ROWS');
  } finally {
    await session.close();
  }
}

/**
 * CPU time (user + system, ms) of the local Neo4j process, from /proc: on a shared machine wall time depends on
 * the neighbours, CPU time much less. `jit` is the share of the JVM's JIT compiler threads: a freshly started
 * Neo4j spends many seconds compiling its hot paths, which a long-running server has long done. Undefined for an
 * external database or off Linux.
 */
async function neo4jCpuMs(dir: string | undefined): Promise<{ total: number; jit: number } | undefined> {
  if (!dir) return undefined;
  // utime + stime, in USER_HZ (100/s) ticks
  const cpu = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).reduce((sum, f) => sum + Number(f) * 10, 0);
  try {
    const pid = (await fs.readFile(path.join(dir, 'neo4j.pid'), 'utf8')).trim();
    const total = cpu(await fs.readFile(`/proc/${pid}/stat`, 'utf8'));
    let jit = 0;
    for (const task of await fs.readdir(`/proc/${pid}/task`)) {
      const stat = await fs.readFile(`/proc/${pid}/task/${task}/stat`, 'utf8').catch(() => '');
      if (/\(C\d CompilerThre/.test(stat)) jit += cpu(stat);
    }
    return { total, jit };
  } catch {
    return undefined;
  }
}

interface Run {
  mode: string;
  articles: number;
  statements: number;
  ms: number;
  writes: number;
  neo4jCpuMs: { total: number; jit: number } | undefined;
  clientCpuMs: number;
  note?: string;
}

const statementCount = (docs: readonly ArticleDocument[]) => docs.reduce((sum, d) => sum + d.statements.length, 0);

/**
 * Loads `docs` as `npm run ingest` does (bulkIngest: each validated, in transactions of `size` committed one after
 * the other, the next batch read and planned while one is written).
 */
function load(
  db: Database,
  docs: readonly ArticleDocument[],
  size: number,
  label: string,
  neo4jDir: string | undefined,
  afterBatch?: (ms: number) => void,
) {
  async function* records(): AsyncIterable<InputRecord> {
    for (const [i, value] of docs.entries()) yield { file: 'corpus', line: i + 1, value };
  }
  return measured(docs.length, label, neo4jDir, afterBatch, async (onBatch) => {
    let loaded = 0;
    const summary = await bulkIngest(db, records(), {
      batchSize: size,
      onProgress: (s) => {
        // Called after each committed batch (and each reject, of which the corpus has none).
        if (loadedArticles(s) === loaded) return;
        loaded = loadedArticles(s);
        onBatch(loaded);
      },
    });
    if (summary.rejected) throw new Error(`${label}: ${summary.rejected} articles were rejected`);
  });
}

/** Loads `docs` the floor's way (bench/ingest-floor.ts), in transactions of `size`. */
function loadFloor(db: Database, docs: readonly ArticleDocument[], size: number, label: string, neo4jDir: string | undefined) {
  return measured(docs.length, label, neo4jDir, undefined, async (onBatch) => {
    let loaded = 0;
    await floorLoad(db, docs, size, () => onBatch((loaded = Math.min(docs.length, loaded + size))));
  });
}

/** Times `work`, which calls `onBatch` with the articles loaded so far after each committed batch, and the CPU it took. */
async function measured(
  total: number,
  label: string,
  neo4jDir: string | undefined,
  afterBatch: ((ms: number) => void) | undefined,
  work: (onBatch: (loaded: number) => void) => Promise<void>,
) {
  const durations: number[] = [];
  const progress = process.stderr.isTTY;
  const cpu0 = await neo4jCpuMs(neo4jDir);
  const client0 = process.cpuUsage();
  const started = performance.now();
  let batchStarted = started;
  await work((loaded) => {
    const now = performance.now();
    durations.push(now - batchStarted);
    batchStarted = now;
    afterBatch?.(durations[durations.length - 1]!);
    if (progress) process.stderr.write(`\r${label}: ${loaded}/${total} articles`);
  });
  const ms = performance.now() - started;
  const client = process.cpuUsage(client0);
  const cpu1 = await neo4jCpuMs(neo4jDir);
  if (progress) process.stderr.write('\r\x1b[K');
  return {
    ms,
    durations,
    neo4jCpuMs: cpu0 && cpu1 ? { total: cpu1.total - cpu0.total, jit: cpu1.jit - cpu0.jit } : undefined,
    clientCpuMs: (client.user + client.system) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const perSecond = (n: number, ms: number) => (ms > 0 ? (n * 1000) / ms : 0);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function runsTable(runs: Run[]): string {
  return table([
    ['mode', 'articles', 'seconds', 'articles/s', 'statements/s', 'graph writes/s', 'Neo4j CPU s', 'of it JIT s', 'client CPU s'],
    ...runs.map((r) => [
      r.mode,
      fmt(r.articles),
      fmt(r.ms / 1000, 2),
      fmt(perSecond(r.articles, r.ms)),
      fmt(perSecond(r.statements, r.ms)),
      r.note ?? fmt(perSecond(r.writes, r.ms)),
      r.neo4jCpuMs === undefined ? 'n/a' : fmt(r.neo4jCpuMs.total / 1000, 1),
      r.neo4jCpuMs === undefined ? 'n/a' : fmt(r.neo4jCpuMs.jit / 1000, 1),
      fmt(r.clientCpuMs / 1000, 1),
    ]),
  ]);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function breakdown(totals: Map<string, { calls: number; ms: number }>, wallMs: number): string {
  const inQueries = [...totals.values()].reduce((sum, t) => sum + t.ms, 0);
  const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms);
  return table([
    ['query', 'calls', 'seconds', 'share', 'ms/call'],
    ...rows.map(([name, t]) => [name, fmt(t.calls), fmt(t.ms / 1000, 2), `${fmt((100 * t.ms) / wallMs, 1)} %`, fmt(t.ms / t.calls, 1)]),
    ['(outside queries: JS planning, commit, round trips)', '', fmt((wallMs - inQueries) / 1000, 2), `${fmt((100 * (wallMs - inQueries)) / wallMs, 1)} %`, ''],
  ]);
}

function profileReport(profiles: QueryProfile[]): string {
  const summary = table([
    ['query (PROFILE, rolled back)', 'ms', 'rows', 'db hits', 'writes'],
    ...profiles.map((p) => [p.label, fmt(p.ms), fmt(p.rows), fmt(p.dbHits), fmt(p.writes)]),
  ]);
  const heavy = [...profiles]
    .sort((a, b) => b.dbHits - a.dbHits)
    .slice(0, 3)
    .map((p) => {
      const ops = [...p.operators].sort((a, b) => b.dbHits - a.dbHits).slice(0, 6);
      return `${p.label}:\n${ops.map((o) => `  ${fmt(o.dbHits).padStart(9)} db hits  ${fmt(o.rows).padStart(7)} rows  ${o.operator}  ${o.details.slice(0, 100)}`).join('\n')}`;
    });
  return `${summary}\n(writes = nodes and relationships created + properties set, from the query counters)\n\nHeaviest operators:\n${heavy.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const external = process.env.NEO4J_URI;
  const port = benchPort();
  const local: LocalNeo4jOptions = { port, dir: path.join(REPO_ROOT, '.neo4j', `bench-${port}`) };

  // The corpus first: an invalid document fails the run before any database is touched. One batch more than
  // is loaded: --profile profiles it against the fully loaded graph.
  const started = performance.now();
  const all = corpus(options.articles + options.batch, options.seed);
  const docs = all.slice(0, options.articles);
  const held = all.slice(options.articles);
  // Warm-up articles come from another seed, so the measured loads never find them in the graph.
  const warmup = options.warmup ? corpus(options.warmup, options.seed + 1_000_003) : [];
  const generatedMs = performance.now() - started;

  let dbOptions: DatabaseOptions;
  let cleanup = async () => {};
  if (external) {
    console.warn(`NEO4J_URI is set: the benchmark writes to ${external} and deletes everything in it between runs.`);
    dbOptions = {
      uri: external,
      user: process.env.NEO4J_USER || 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE || undefined,
      queryTimeoutMs: QUERY_TIMEOUT_MS,
    };
  } else {
    const neo4j = await startThrowawayNeo4j(local);
    cleanup = neo4j.stop;
    dbOptions = { uri: neo4j.uri, user: 'neo4j', password: '', queryTimeoutMs: QUERY_TIMEOUT_MS };
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping Neo4j...\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  const db = new Database(dbOptions);
  try {
    await applySchema(db);
    const before = await counts(db);
    if (before.nodes > 0) {
      if (!external || options.wipe) await wipe(db, dbOptions.database);
      else throw new Error(`${external} is not empty (${fmt(before.nodes)} nodes); pass --wipe to let the benchmark delete them.`);
    }
    await bench(db, { docs, held, warmup, options, dbOptions, generatedMs, neo4jDir: external ? undefined : local.dir });
  } finally {
    await db.close();
    await cleanup();
  }
}

interface Setup {
  docs: ArticleDocument[];
  held: ArticleDocument[];
  warmup: ArticleDocument[];
  options: Options;
  dbOptions: DatabaseOptions;
  generatedMs: number;
  neo4jDir: string | undefined;
}

async function bench(db: Database, { docs, held, warmup, options, dbOptions, generatedMs, neo4jDir }: Setup) {
  const { batch } = options;
  const statements = statementCount(docs);
  const perArticle = (f: (d: ArticleDocument) => number) => fmt(docs.reduce((sum, d) => sum + f(d), 0) / docs.length, 1);
  console.log(`Ingestion benchmark: ${fmt(docs.length)} articles (seed ${options.seed}), batches of ${batch}, Neo4j at ${dbOptions.uri}`);
  console.log(
    `Corpus: ${perArticle((d) => d.statements.length)} statements, ${perArticle((d) => d.entities.length)} entities, ` +
      `${perArticle((d) => d.affiliations.length)} affiliations per article; generated and validated in ${fmt(generatedMs / 1000, 1)} s.`,
  );

  // Warm-up: a long-running server has planned its queries and JIT-compiled Neo4j's hot paths long ago. A freshly
  // started JVM is still compiling well after one round ("of it JIT" below); --warmup-rounds repeats it.
  if (warmup.length) {
    let ms = 0;
    let jit = 0;
    for (let round = 1; round <= options.warmupRounds; round++) {
      const w1 = await load(db, warmup, batch, `warm-up ${round} (batched)`, neo4jDir);
      const w2 = await load(db, warmup.slice(0, Math.min(100, warmup.length)), 1, `warm-up ${round} (per article)`, neo4jDir);
      await wipe(db, dbOptions.database);
      ms += w1.ms + w2.ms;
      jit = (w1.neo4jCpuMs?.jit ?? 0) + (w2.neo4jCpuMs?.jit ?? 0);
    }
    const rounds = options.warmupRounds > 1 ? `${options.warmupRounds} rounds (JIT ${fmt(jit / 1000, 1)} s of Neo4j CPU in the last) of ` : '';
    console.log(`Warm-up (not measured): ${rounds}${fmt(warmup.length)} other articles in batches, 100 of them one per transaction, then wiped; ${fmt(ms / 1000, 1)} s.`);
  }
  const runs: Run[] = [];

  // (a) Batched load, one batch after the other.
  const empty = await counts(db);
  let timer: ReturnType<typeof timeQueries> | undefined;
  let timedMs = 0;
  const a = await load(db, docs, batch, 'batched', neo4jDir, (ms) => {
    // Per-query times leave out the first batch, whose queries are planned.
    if (timer) timedMs += ms;
    else timer = timeQueries(db);
  });
  timer?.stop();
  const loaded = await counts(db);
  const loadedPrimary = await primaryCounts(db);
  runs.push({ mode: `batched (${batch}/tx)`, articles: docs.length, statements, ms: a.ms, writes: added(empty, loaded), neo4jCpuMs: a.neo4jCpuMs, clientCpuMs: a.clientCpuMs });
  // The same first articles as the per-article baseline, for a like-for-like comparison.
  const firstBatches = Math.ceil(Math.min(docs.length, BASELINE_MAX) / batch);
  const firstCount = Math.min(docs.length, firstBatches * batch);
  const firstMs = a.durations.slice(0, firstBatches).reduce((x, y) => x + y, 0);

  // (c) Re-load of the first four batches on the loaded graph: nothing new may appear.
  const again = docs.slice(0, batch * 4);
  const c = await load(db, again, batch, 're-load', neo4jDir);
  const reloaded = await counts(db);
  const unchanged = reloaded.nodes === loaded.nodes && reloaded.relationships === loaded.relationships;
  // What the batched load kept by deltas (connections, ranks, day counts, link dates), against the graph itself.
  const kept = await checkGraph(db);

  // Entities in the graph against distinct (type, name) in the corpus: what entity handling made of them.
  const [entityRow] = await db.read('bench.entities', 'MATCH (n:Person|Organisation|Topic) RETURN count(n) AS c');
  const distinctNames = new Set(
    docs.flatMap((d) => [...d.entities.map((e) => `${e.type}|${e.name}`), ...d.authors.map((x) => `PERSON|${x}`), ...(d.source ? [`ORGANISATION|${d.source}`] : [])]),
  ).size;

  // PROFILE of one more batch against the loaded graph, rolled back.
  let profiles: QueryProfile[] = [];
  if (options.profile && held.length) {
    const profiling = new ProfilingDatabase({ ...dbOptions });
    try {
      await ingestDocuments(profiling, held);
      profiles = profiling.profiles;
    } finally {
      await profiling.close();
    }
  }

  // (b) One transaction per article, from an empty graph. Its hot code is not the batches': measured after the
  // warm-up rounds alone (100 articles of it each), it still spent a third of its Neo4j CPU compiling and ran at
  // about half the rate it reaches once warm, which flattered the speed-up. So it first gets a warm-up of its own,
  // as many other articles one per transaction, then wiped.
  await wipe(db, dbOptions.database);
  const baselineDocs = docs.slice(0, Math.min(docs.length, BASELINE_MAX));
  if (warmup.length) {
    const w = await load(db, warmup.slice(0, baselineDocs.length), 1, 'warm-up (per article)', neo4jDir);
    await wipe(db, dbOptions.database);
    console.log(
      `Warm-up of the per-article mode (not measured): ${fmt(Math.min(warmup.length, baselineDocs.length))} other articles one per transaction, then wiped; ` +
        `${fmt(w.ms / 1000, 1)} s, JIT ${w.neo4jCpuMs ? `${fmt(w.neo4jCpuMs.jit / 1000, 1)} s of Neo4j CPU` : 'n/a'}.`,
    );
  }
  const emptyAgain = await counts(db);
  const b = await load(db, baselineDocs, 1, 'per-article', neo4jDir);
  const baselineWritten = added(emptyAgain, await counts(db));
  runs.push({ mode: 'per article (1/tx)', articles: baselineDocs.length, statements: statementCount(baselineDocs), ms: b.ms, writes: baselineWritten, neo4jCpuMs: b.neo4jCpuMs, clientCpuMs: b.clientCpuMs });
  runs.push({
    mode: `re-load (${batch}/tx)`,
    articles: again.length,
    statements: statementCount(again),
    ms: c.ms,
    writes: 0,
    neo4jCpuMs: c.neo4jCpuMs,
    clientCpuMs: c.clientCpuMs,
    note: `${fmt(added(loaded, reloaded))} new`,
  });

  // (d) The floor (bench/ingest-floor.ts): the same articles as hand-written Cypher that writes nodes and links
  // only, from an empty graph, after a warm-up of its own queries; then its re-load, which must add nothing too.
  await wipe(db, dbOptions.database);
  if (warmup.length) {
    await loadFloor(db, warmup, batch, 'floor warm-up', neo4jDir);
    await wipe(db, dbOptions.database);
  }
  const emptyFloor = await counts(db);
  const d = await loadFloor(db, docs, batch, 'floor', neo4jDir);
  const floorLoaded = await counts(db);
  const floorPrimary = await primaryCounts(db);
  await loadFloor(db, again, batch, 'floor re-load', neo4jDir);
  const floorReloaded = await counts(db);
  const floorUnchanged = floorReloaded.nodes === floorLoaded.nodes && floorReloaded.relationships === floorLoaded.relationships;
  runs.push({
    mode: `floor: nodes and links only (${batch}/tx)`,
    articles: docs.length,
    statements,
    ms: d.ms,
    writes: added(emptyFloor, floorLoaded),
    neo4jCpuMs: d.neo4jCpuMs,
    clientCpuMs: d.clientCpuMs,
  });

  const batchedRate = perSecond(docs.length, a.ms);
  const firstRate = perSecond(firstCount, firstMs);
  const baselineRate = perSecond(baselineDocs.length, b.ms);
  const floorRate = perSecond(docs.length, d.ms);
  console.log('');
  console.log(runsTable(runs));
  console.log('');
  console.log('graph writes = nodes + relationships added: the difference of count(n) and count(r) before and after (property writes not counted).');
  console.log('CPU = user + system time of the Neo4j process and of this Node process during the run (wall time also depends on what else the machine runs);');
  console.log('"of it JIT" = the JVM compiling Neo4j\'s hot code, which a freshly started database is still doing and a long-running one has done.');
  console.log(
    `Graph after the batched load: ${fmt(loaded.nodes)} nodes, ${fmt(loaded.relationships)} relationships; ` +
      `${fmt(Number(entityRow?.c))} entities for ${fmt(distinctNames)} distinct entity names in the corpus.`,
  );
  console.log(
    `Batch times: first ${fmt(a.durations[0] ?? 0)} ms, median ${fmt(percentile(a.durations, 50))} ms, p90 ${fmt(percentile(a.durations, 90))} ms, ` +
      `last ${fmt(a.durations[a.durations.length - 1] ?? 0)} ms (${fmt(batch)} articles each).`,
  );
  if (process.env.BENCH_VERBOSE) console.log(`Every batch (ms): ${a.durations.map((d) => fmt(d)).join(' ')}`);
  console.log(
    `Speed-up of batched over per-article: ${fmt(batchedRate / baselineRate, 1)}× over the whole load; ` +
      `${fmt(firstRate / baselineRate, 1)}× on the same first ${fmt(firstCount)} articles (${fmt(firstRate)} vs ${fmt(baselineRate)} articles/s).`,
  );
  console.log(
    unchanged
      ? `Re-load is idempotent: the first ${fmt(again.length)} articles loaded again onto the graph of the batched load, node and relationship counts unchanged (${fmt(reloaded.nodes)} / ${fmt(reloaded.relationships)}).`
      : `Re-load is NOT idempotent: nodes ${fmt(loaded.nodes)} → ${fmt(reloaded.nodes)}, relationships ${fmt(loaded.relationships)} → ${fmt(reloaded.relationships)}.`,
  );
  console.log(
    `Floor (bench/ingest-floor.ts: the same articles as hand-written Cypher writing their nodes and links only, from an empty graph): ` +
      `${fmt(floorRate)} articles/s, ${fmt(floorLoaded.nodes)} nodes and ${fmt(floorLoaded.relationships)} relationships; batched loading takes ` +
      `${fmt(d.ms > 0 ? a.ms / d.ms : 0, 2)}× its time${floorUnchanged ? ', and its re-load added nothing either' : `; its re-load was NOT idempotent (${fmt(floorLoaded.nodes)} → ${fmt(floorReloaded.nodes)} nodes)`}.`,
  );
  console.log(
    floorPrimary === loadedPrimary
      ? `Both wrote the same articles, statements, entities and links: ${floorPrimary}.`
      : `The floor and the batched load wrote DIFFERENT graphs:\n  batched ${loadedPrimary}\n  floor   ${floorPrimary}`,
  );
  const wrong = kept.filter((k) => k.wrong);
  console.log(
    wrong.length
      ? `What the load kept at write time is WRONG: ${wrong.map((k) => `${k.name} ${fmt(k.wrong)} of ${fmt(k.checked)} (e.g. ${k.example})`).join('; ')}.`
      : `What the load kept at write time matches the graph (npm run check:graph): ${kept.map((k) => `${k.name} ${fmt(k.checked)}`).join(', ')}.`,
  );
  // A comparison with a different graph, a re-load that wrote anything or a wrong count is no measurement: the run fails.
  if (!unchanged || !floorUnchanged || floorPrimary !== loadedPrimary || wrong.length) process.exitCode = 1;
  if (a.neo4jCpuMs && b.neo4jCpuMs && d.neo4jCpuMs) {
    // CPU per article bounds the rate on this machine whatever the scheduling: all cores busy with nothing else.
    const perArticle = (r: { neo4jCpuMs?: { total: number; jit: number }; clientCpuMs: number }, n: number, jit = true) =>
      (r.neo4jCpuMs!.total - (jit ? 0 : r.neo4jCpuMs!.jit) + r.clientCpuMs) / n;
    const cores = os.availableParallelism();
    const warm = perArticle(a, docs.length, false);
    console.log(
      `CPU per article (Neo4j + this process): batched ${fmt(perArticle(a, docs.length), 1)} ms (${fmt(warm, 1)} without the JIT), ` +
        `per article ${fmt(perArticle(b, baselineDocs.length), 1)} ms, floor ${fmt(perArticle(d, docs.length), 1)} ms. ` +
        `With ${cores} cores doing nothing else, the batched load's work allows at most ${fmt((cores * 1000) / warm)} articles/s.`,
    );
  }
  const met = batchedRate >= 1000 && batchedRate / baselineRate >= 10;
  console.log(`Target (≥ 1,000 articles/s batched and ≥ 10× per-article): ${met ? 'met' : 'not met'}.`);
  if (timer) {
    console.log('');
    console.log(`Where the batched load spends its time (batches 2-${a.durations.length}, ${fmt(timedMs / 1000, 2)} s; per query, summed):`);
    console.log(breakdown(timer.totals, timedMs));
  }
  if (profiles.length) {
    console.log('');
    console.log(`PROFILE of one more batch of ${fmt(held.length)} articles on the loaded graph (PROFILE replans and slows each query):`);
    console.log(profileReport(profiles));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
