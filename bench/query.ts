// npm run bench:query [-- --articles N --batch B --seed S --warmup W --runs R --seconds T --clients C
//                        --concurrent-seconds T --concurrent op,op --only op,op --slow-ms MS --plans FILE]
//
// Read latency of the GraphQL API on a loaded graph. Starts its own throwaway Neo4j on BENCH_QUERY_NEO4J_BOLT_PORT
// (default 7696) in .neo4j/bench-query-<port> (wiped first, stopped at the end), loads a synthetic corpus
// (bench/corpus.ts) and runs each operation through the in-process Apollo server (parse, validate, the selection
// compiler, Cypher, decoding), as `executeOperation` with a fresh context per request, like the HTTP layer.
//
// Each operation: a warm-up (W runs, at most 5 s), then R runs or T seconds, whichever ends first, one after the
// other; a few also run with C concurrent clients for a throughput figure. Every response is checked: an operation
// answering with any GraphQL error (QUERY_TIMEOUT included, the server keeping its default 10 s timeout), or with
// an answer that is empty where data is known to exist, is marked FAILED and makes the run exit 1, once the others
// are measured. Operations slower than MS at p95, and failed ones, are shown with the Cypher they send and a PROFILE
// of it with the same parameters (the full plan trees go to FILE with --plans). BENCH_VERBOSE=1 prints batch times.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ApolloServer } from '@apollo/server';
import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import { createLogger } from '../src/common/logger.js';
import { fold } from '../src/common/text.js';
import type { Context } from '../src/context.js';
import { Database, type DatabaseOptions, type QueryEvent } from '../src/db/database.js';
import { applySchema } from '../src/db/schema.js';
import { type ArticleDocument, validateDocument } from '../src/ingest/document.js';
import { ingestDocuments } from '../src/ingest/ingest.js';
import { createApolloServer, createContext, type ServerDeps } from '../src/server.js';
import { generateCorpus } from './corpus.js';
import { portFromEnv, startThrowawayNeo4j } from './neo4j.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Loading and set-up queries may take long; the server keeps the default QUERY_TIMEOUT_MS, as in production. */
const LOAD_TIMEOUT_MS = 600_000;
const SERVER_TIMEOUT_MS = 10_000;
const WARMUP_MAX_MS = 5_000;

type Row = Record<string, unknown>;
type Data = Record<string, any>;

interface Options {
  articles: number;
  batch: number;
  seed: number;
  warmup: number;
  runs: number;
  seconds: number;
  clients: number;
  concurrentSeconds: number;
  concurrent: string[];
  only: string[] | undefined;
  slowMs: number;
  plans: string | undefined;
}

const DEFAULT_CONCURRENT = ['person', 'person-statements', 'statements-filter'];

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string', default: '20000' },
      batch: { type: 'string', default: '500' },
      seed: { type: 'string', default: '42' },
      warmup: { type: 'string', default: '20' },
      runs: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '10' },
      clients: { type: 'string', default: '8' },
      'concurrent-seconds': { type: 'string', default: '10' },
      concurrent: { type: 'string', default: DEFAULT_CONCURRENT.join(',') },
      only: { type: 'string' },
      'slow-ms': { type: 'string', default: '200' },
      plans: { type: 'string' },
    },
    strict: true,
  });
  const number = (name: string, raw: string, min: number, integer = true) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got '${raw}'`);
    return n;
  };
  const list = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    articles: number('articles', values.articles, 1),
    batch: number('batch', values.batch, 1),
    seed: number('seed', values.seed, 0),
    warmup: number('warmup', values.warmup, 0),
    runs: number('runs', values.runs, 1),
    seconds: number('seconds', values.seconds, 0.1, false),
    clients: number('clients', values.clients, 1),
    concurrentSeconds: number('concurrent-seconds', values['concurrent-seconds'], 0, false),
    concurrent: list(values.concurrent),
    only: values.only === undefined ? undefined : list(values.only),
    slowMs: number('slow-ms', values['slow-ms'], 0, false),
    plans: values.plans,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The server under test

interface Captured {
  name: string;
  cypher: string;
  params: Row;
}

/** The server's Database, which can also keep the parameters of what it sends (the query events carry none). */
class CapturingDatabase extends Database {
  captured: Captured[] | undefined;

  override read(name: string, cypher: string, params: Row = {}): Promise<Row[]> {
    this.captured?.push({ name, cypher, params });
    return super.read(name, cypher, params);
  }
}

class ResponseError extends Error {}

interface Server {
  db: CapturingDatabase;
  /** Runs one operation through Apollo; throws on any error in the response. */
  execute(label: string, query: string, variables: Row): Promise<Data>;
}

function server(db: CapturingDatabase): Server {
  const deps: ServerDeps = { db, logger: createLogger('silent'), maxPageSize: 100, apiTokens: [] };
  const apollo: ApolloServer<Context> = createApolloServer(deps);
  return {
    db,
    async execute(label, query, variables) {
      const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(deps) });
      if (response.body.kind !== 'single') throw new ResponseError(`${label}: unexpected incremental response`);
      const { data, errors } = response.body.singleResult;
      if (errors?.length) throw new ResponseError(`${label}: the response has errors: ${JSON.stringify(errors)}`);
      if (!data) throw new ResponseError(`${label}: the response has no data`);
      return data as Data;
    },
  };
}

function need(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ResponseError(message);
}

// ---------------------------------------------------------------------------------------------------------------
// What is measured

interface Picks {
  busiest: { id: string; name: string; said: number };
  mid: { id: string; name: string; said: number; rank: number };
  topic: { id: string; name: string; about: number };
  article: { id: string; title: string };
  pathTo: { id: string; name: string; hops: number };
  typo: string;
  year: { from: string; to: string };
  quarter: { from: string; to: string };
  text: string;
}

interface Operation {
  key: string;
  /** What the table shows. */
  label: string;
  run: (s: Server) => Promise<void>;
}

const TRAVERSABLE = 'SAID|ABOUT|REPORTED_IN|MENTIONS|PUBLISHED_BY|WROTE|AFFILIATED_WITH|RESPONDS_TO';

/** A misspelling search should forgive: one letter of the longest word replaced (one edit). */
function misspell(name: string): string {
  const words = name.split(' ');
  const i = words.reduce((best, w, k) => (w.length > words[best]!.length ? k : best), 0);
  const w = words[i]!;
  const at = Math.min(2, w.length - 1);
  const replacement = w[at]!.toLowerCase() === 'e' ? 'a' : 'e';
  words[i] = w.slice(0, at) + replacement + w.slice(at + 1);
  return words.join(' ');
}

async function pick(db: Database): Promise<Picks> {
  const speakers = await db.read(
    'bench.speakers',
    'MATCH (p:Person) WITH p, COUNT { (p)-[:SAID]->() } AS said WHERE said > 0 RETURN p.id AS id, p.name AS name, said ORDER BY said DESC, id',
  );
  need(speakers.length >= 2, 'the corpus has fewer than two speakers');
  const speaker = (i: number) => ({ id: String(speakers[i]!.id), name: String(speakers[i]!.name), said: Number(speakers[i]!.said) });
  // Mid-frequency: the 100th busiest speaker (or the median one in a small corpus).
  const midRank = Math.min(99, Math.floor(speakers.length / 2));
  const mid = { ...speaker(midRank), rank: midRank + 1 };
  const [topic] = await db.read(
    'bench.topic',
    'MATCH (t:Topic) WITH t, COUNT { (t)<-[:ABOUT]-() } AS about RETURN t.id AS id, t.name AS name, about ORDER BY about DESC, id LIMIT 1',
  );
  need(topic, 'the corpus has no topic');
  // The newest article: what a front page would show.
  const [article] = await db.read('bench.article', 'MATCH (a:Article) RETURN a.id AS id, a.title AS title ORDER BY a.publishedAt DESC, a.id LIMIT 1');
  need(article, 'the corpus has no article');
  // Another mid-frequency speaker connected to `mid`, preferably 4 hops away (the longest paths allows).
  let pathTo: Picks['pathTo'] | undefined;
  for (let rank = midRank + 100; rank < Math.min(speakers.length, midRank + 400) && pathTo?.hops !== 4; rank += 7) {
    const candidate = speaker(rank);
    const [row] = await db.read(
      'bench.distance',
      `MATCH (a:Person {id: $a}), (b:Person {id: $b}) MATCH p = shortestPath((a)-[:${TRAVERSABLE}*..4]-(b)) RETURN length(p) AS hops`,
      { a: mid.id, b: candidate.id },
    );
    if (row && (!pathTo || Number(row.hops) > pathTo.hops)) pathTo = { id: candidate.id, name: candidate.name, hops: Number(row.hops) };
  }
  need(pathTo, `no speaker found within 4 hops of ${mid.id}`);
  return {
    busiest: speaker(0),
    mid,
    topic: { id: String(topic.id), name: String(topic.name), about: Number(topic.about) },
    article: { id: String(article.id), title: String(article.title) },
    pathTo,
    typo: misspell(mid.name),
    year: { from: '2022-01-01', to: '2022-12-31' },
    quarter: { from: '2022-04-01', to: '2022-06-30' },
    // Two words of one statement template (ALLEGATION: "Officials covered up the facts about {a}").
    text: 'covered facts',
  };
}

function operations(p: Picks): Operation[] {
  const op = (key: string, label: string, query: string, variables: Row, check: (data: Data) => void): Operation => ({
    key,
    label,
    run: async (s) => check(await s.execute(label, query, variables)),
  });
  const edgesOf = (connection: any, label: string, atLeast = 1): any[] => {
    const edges = connection?.edges;
    need(Array.isArray(edges) && edges.length >= atLeast, `${label}: expected at least ${atLeast} edges, got ${JSON.stringify(connection)?.slice(0, 300)}`);
    return edges;
  };
  return [
    op(
      'person',
      'person(id) name aliases affiliations',
      `query Person($id: ID!) { person(id: $id) { id name aliases affiliations { role since until organisation { id name } } } }`,
      { id: p.busiest.id },
      (d) => need(d.person?.name === p.busiest.name && d.person.affiliations.length > 0, `person: unexpected ${JSON.stringify(d)}`),
    ),
    op(
      'person-statements',
      'person.statements(20) speaker about reportedIn',
      `query PersonStatements($id: ID!) { person(id: $id) { statements(first: 20) { edges { cursor node { id text kind saidOn
         speaker { id name } about { id name } reportedIn { id title publishedAt source { name } } } } pageInfo { hasNextPage endCursor } } } }`,
      { id: p.busiest.id },
      (d) => {
        const edges = edgesOf(d.person?.statements, 'person.statements', 20);
        need(edges.every((e) => e.node.speaker.id === p.busiest.id && e.node.reportedIn.length > 0), 'person.statements: wrong speaker or no article');
      },
    ),
    op(
      'statements-filter',
      'statements(speaker, from, to; 20) totalCount',
      `query Statements($speaker: ID!, $from: Date!, $to: Date!) { statements(filter: {speaker: $speaker, from: $from, to: $to}, first: 20) {
         totalCount edges { cursor node { id text kind saidOn date speaker { name } } } pageInfo { hasNextPage endCursor } } }`,
      { speaker: p.busiest.id, ...p.year },
      (d) => {
        const edges = edgesOf(d.statements, 'statements(filter)', 20);
        need(d.statements.totalCount > 20, 'statements(filter): totalCount ≤ 20');
        need(edges.every((e) => e.node.date >= p.year.from && e.node.date <= p.year.to), 'statements(filter): a date out of range');
      },
    ),
    op(
      'deep',
      'deep: person>statements>about>mentionedIn>statements>speaker>affiliations',
      `query Deep($id: ID!) { person(id: $id) { name statements(first: 10) { edges { node { text saidOn
         about { id name mentionedIn(first: 5) { edges { node { title publishedAt source { name }
           statements(first: 3) { edges { node { text speaker { name ... on Person { affiliations { role organisation { name } } } } } } } } } } }
         reportedIn { title } } } } } }`,
      { id: p.busiest.id },
      (d) => {
        const edges = edgesOf(d.person?.statements, 'deep', 10);
        need(edges.some((e) => e.node.about.some((a: any) => a.mentionedIn.edges.length > 0)), 'deep: no mentionedIn below');
      },
    ),
    op(
      'timeline',
      'timeline(busiest speaker; 20)',
      `query Timeline($id: ID!) { timeline(entity: $id, first: 20) { edges { cursor role date node { id text speaker { name } } article { title } }
         pageInfo { hasNextPage endCursor } } }`,
      { id: p.busiest.id },
      (d) => void edgesOf(d.timeline, 'timeline', 20),
    ),
    op(
      'top-speakers',
      'topSpeakers(about: busiest topic)',
      `query TopSpeakers($id: ID!) { topSpeakers(about: $id) { count firstDate lastDate speaker { id name } } }`,
      { id: p.topic.id },
      (d) => need(d.topSpeakers?.length === 10 && d.topSpeakers[0].count >= d.topSpeakers[9].count, `topSpeakers: ${JSON.stringify(d).slice(0, 300)}`),
    ),
    op(
      'search',
      'search(name with a typo)',
      `query Search($q: String!) { search(query: $q) { score node { id ... on Person { name } ... on Organisation { name } ... on Topic { name }
         ... on Statement { text } ... on Article { title } } } }`,
      { q: p.typo },
      // Articles and statements naming the person may outrank the person: the best hits must name them, typo forgiven.
      (d) =>
        need(
          d.search?.length && d.search.slice(0, 3).some((h: any) => fold(h.node.name ?? h.node.title ?? h.node.text ?? '').includes(fold(p.mid.name))),
          `search: "${p.typo}" did not find ${p.mid.name}: ${JSON.stringify(d).slice(0, 300)}`,
        ),
    ),
    op(
      'text',
      'statements(text: two words; 20)',
      `query Text($text: String!) { statements(filter: {text: $text}, first: 20) { edges { node { id text speaker { name } } } pageInfo { hasNextPage } } }`,
      { text: p.text },
      (d) => void edgesOf(d.statements, 'statements(text)', 20),
    ),
    op(
      'network',
      'network(busiest speaker; 20)',
      `query Network($id: ID!) { person(id: $id) { network(first: 20) { weight coMentions statementsBy statementsAbout firstSeen lastSeen entity { id name } } } }`,
      { id: p.busiest.id },
      (d) => need(d.person?.network?.length === 20, `network: ${JSON.stringify(d).slice(0, 300)}`),
    ),
    op(
      'related',
      'article.related(10)',
      `query Related($id: ID!) { article(id: $id) { title related(first: 10) { score article { id title publishedAt } sharedEntities { id name } sharedStatements { id } } } }`,
      { id: p.article.id },
      (d) => need(d.article?.related?.length === 10, `related: ${JSON.stringify(d).slice(0, 300)}`),
    ),
    op(
      'paths',
      `paths(maxHops: 4), ${p.pathTo.hops} hops`,
      `query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4) { length steps { relationship direction node { id } } } }`,
      { from: p.mid.id, to: p.pathTo.id },
      (d) => need(d.paths?.length > 0 && d.paths[0].length === p.pathTo.hops, `paths: ${JSON.stringify(d).slice(0, 300)}`),
    ),
    op(
      'articles',
      'articles(from, to; 20)',
      `query Articles($from: Date!, $to: Date!) { articles(first: 20, filter: {from: $from, to: $to}) {
         edges { cursor node { id title publishedAt source { name } } } pageInfo { hasNextPage endCursor } } }`,
      p.quarter,
      (d) => {
        const edges = edgesOf(d.articles, 'articles', 20);
        // publishedAt comes back in UTC: a day's margin for the offsets of the local dates the filter compares.
        const day = (iso: string, delta: number) => new Date(Date.parse(iso) + delta * 86_400_000).toISOString().slice(0, 10);
        const [from, to] = [day(p.quarter.from, -1), day(p.quarter.to, 1)];
        need(edges.every((e) => e.node.publishedAt.slice(0, 10) >= from && e.node.publishedAt.slice(0, 10) <= to), 'articles: a date out of range');
      },
    ),
    {
      key: 'pagination',
      label: 'statements(50) x 10 pages, keyset',
      run: async (s) => {
        const query = `query Page($after: String) { statements(first: 50, after: $after) { edges { cursor node { id text date speaker { name } } }
          pageInfo { hasNextPage endCursor } } }`;
        const seen = new Set<string>();
        let after: string | null = null;
        let last = '9999-12-31';
        for (let page = 0; page < 10; page++) {
          const d = await s.execute('pagination', query, { after });
          const edges = edgesOf(d.statements, `pagination page ${page + 1}`, 50);
          for (const e of edges) {
            need(!seen.has(e.node.id), `pagination: ${e.node.id} seen twice`);
            need(e.node.date <= last, `pagination: not newest first at ${e.node.id}`);
            seen.add(e.node.id);
            last = e.node.date;
          }
          need(d.statements.pageInfo.hasNextPage && d.statements.pageInfo.endCursor, 'pagination: ended early');
          after = d.statements.pageInfo.endCursor;
        }
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Stats {
  op: Operation;
  runs: number;
  ms: number[];
  wallMs: number;
  /** Database round trips and time in them (Database.onQuery), per run. */
  queries: number;
  dbMs: number;
  /** The first failure: an error in a response, or an answer that fails its check. Measuring stops there. */
  error?: string;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function sequential(s: Server, op: Operation, options: Options): Promise<Stats> {
  const events: QueryEvent[] = [];
  const ms: number[] = [];
  let error: string | undefined;
  let started = performance.now();
  let stop = () => {};
  try {
    for (let i = 0; i < options.warmup && performance.now() - started < WARMUP_MAX_MS; i++) await op.run(s);
    stop = s.db.onQuery((e) => events.push(e));
    started = performance.now();
    while (ms.length < options.runs && performance.now() - started < options.seconds * 1000) {
      const t = performance.now();
      await op.run(s);
      ms.push(performance.now() - t);
    }
  } catch (e) {
    // Reported in the table and failing the run at the end, after the other operations were measured.
    error = failure(e);
  } finally {
    stop();
  }
  const wallMs = performance.now() - started;
  const runs = Math.max(ms.length, 1);
  return { op, runs: ms.length, ms: ms.sort((a, b) => a - b), wallMs, queries: events.length / runs, dbMs: events.reduce((sum, e) => sum + e.ms, 0) / runs, error };
}

function failure(e: unknown): string {
  if (e instanceof ResponseError) return e.message;
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

interface Concurrent {
  op: Operation;
  clients: number;
  runs: number;
  wallMs: number;
  ms: number[];
}

async function concurrent(s: Server, op: Operation, clients: number, seconds: number): Promise<Concurrent> {
  const ms: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await op.run(s);
        ms.push(performance.now() - t);
      }
    }),
  );
  return { op, clients, runs: ms.length, wallMs: performance.now() - started, ms: ms.sort((a, b) => a - b) };
}

// ---------------------------------------------------------------------------------------------------------------
// Profiling the slow ones

interface Operator {
  depth: number;
  operator: string;
  details: string;
  rows: number;
  dbHits: number;
}

function operatorsOf(plan: ProfiledPlan | undefined | null, depth = 0): Operator[] {
  if (!plan) return [];
  const details = String(plan.arguments?.Details ?? '').replace(/\s+/g, ' ');
  return [
    { depth, operator: plan.operatorType.replace(/@neo4j$/, ''), details, rows: Number(plan.rows), dbHits: Number(plan.dbHits) },
    ...plan.children.flatMap((child) => operatorsOf(child, depth + 1)),
  ];
}

interface Profile {
  query: Captured;
  ms: number;
  dbHits: number;
  operators: Operator[];
  plannerInfo: string;
}

const PROFILE_TIMEOUT_MS = 120_000;

async function profile(driver: Database['driver'], query: Captured): Promise<Profile> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const started = performance.now();
    const result = await session.run(`PROFILE ${query.cypher}`, query.params, { timeout: PROFILE_TIMEOUT_MS });
    const ms = performance.now() - started;
    const plan = result.summary.profile || undefined;
    const operators = operatorsOf(plan);
    const args = plan?.arguments ?? {};
    const plannerInfo = ['planner', 'runtime', 'Memory'].map((k) => (args[k] === undefined ? undefined : `${k} ${String(args[k])}`)).filter(Boolean).join(', ');
    return { query, ms, dbHits: operators.reduce((sum, o) => sum + o.dbHits, 0), operators, plannerInfo };
  } finally {
    await session.close();
  }
}

const jsonParams = (params: Row) => JSON.stringify(params, (_k, v) => (neo4j.isInt(v) || typeof v === 'bigint' ? Number(v) : v));

function planTree(p: Profile): string {
  return p.operators.map((o) => `${'  '.repeat(o.depth)}${o.operator}  rows=${fmt(o.rows)} hits=${fmt(o.dbHits)}  ${o.details}`).join('\n');
}

function profileSummary(p: Profile): string {
  const heavy = [...p.operators].sort((a, b) => b.dbHits - a.dbHits).slice(0, 8);
  // Subqueries inside a map projection run as nested plans: PROFILE counts their db hits on the Projection but
  // shows none of their operators.
  const nested = heavy[0] && heavy[0].operator === 'Projection' && heavy[0].dbHits > 0.9 * p.dbHits;
  return [
    `  Cypher (${p.query.name}): ${p.query.cypher}`,
    `  params: ${jsonParams(p.query.params)}`,
    `  PROFILE: ${fmt(p.ms)} ms, ${fmt(p.dbHits)} db hits, ${p.operators.length} operators${p.plannerInfo ? ` (${p.plannerInfo})` : ''}; heaviest:`,
    ...heavy.map((o) => `    ${fmt(o.dbHits).padStart(11)} hits ${fmt(o.rows).padStart(9)} rows  ${o.operator}  ${o.details.slice(0, 150)}`),
    ...(nested ? ['  (the hits are in subqueries nested in the projection, which PROFILE does not break down: profile them on their own)'] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const msFmt = (n: number) => (n < 10 ? fmt(n, 2) : n < 100 ? fmt(n, 1) : fmt(n));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

function corpus(articles: number, seed: number): ArticleDocument[] {
  return generateCorpus({ articles, seed }).map((doc, i) => {
    const checked = validateDocument(doc);
    if (!checked.ok) throw new Error(`generated article ${i} is invalid: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    return checked.document;
  });
}

async function load(db: Database, docs: readonly ArticleDocument[], batch: number): Promise<number> {
  const progress = process.stderr.isTTY;
  const started = performance.now();
  for (let i = 0; i < docs.length; i += batch) {
    const batchStarted = performance.now();
    await ingestDocuments(db, docs.slice(i, i + batch));
    if (process.env.BENCH_VERBOSE) process.stderr.write(`batch ${i / batch + 1}: ${fmt(performance.now() - batchStarted)} ms\n`);
    if (progress) process.stderr.write(`\rloading: ${fmt(Math.min(i + batch, docs.length))}/${fmt(docs.length)} articles`);
  }
  if (progress) process.stderr.write('\r\x1b[K');
  return performance.now() - started;
}

async function graphSize(db: Database) {
  const [row] = await db.read(
    'bench.size',
    `CALL () { MATCH (a:Article) RETURN count(a) AS articles }
     CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
     CALL () { MATCH (e:Person|Organisation|Topic) RETURN count(e) AS entities }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     RETURN articles, statements, entities, relationships`,
  );
  return { articles: Number(row?.articles), statements: Number(row?.statements), entities: Number(row?.entities), relationships: Number(row?.relationships) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const port = portFromEnv('BENCH_QUERY_NEO4J_BOLT_PORT', 7696);
  const local = { port, dir: path.join(REPO_ROOT, '.neo4j', `bench-query-${port}`) };

  const generated = performance.now();
  const docs = corpus(options.articles, options.seed);
  const generatedMs = performance.now() - generated;

  const neo4jInstance = await startThrowawayNeo4j(local);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping Neo4j...\n`);
      void neo4jInstance.stop().finally(() => process.exit(130));
    });
  }
  const dbOptions: DatabaseOptions = { uri: neo4jInstance.uri, user: 'neo4j', password: '', queryTimeoutMs: LOAD_TIMEOUT_MS };
  const loader = new Database(dbOptions);
  const serverDb = new CapturingDatabase({ ...dbOptions, queryTimeoutMs: SERVER_TIMEOUT_MS });
  try {
    await applySchema(loader);
    console.log(`Read benchmark: ${fmt(docs.length)} articles (seed ${options.seed}, generated in ${fmt(generatedMs / 1000, 1)} s), Neo4j at ${neo4jInstance.uri}`);
    const loadMs = await load(loader, docs, options.batch);
    console.log(`Loaded in ${fmt(loadMs / 1000, 1)} s (${fmt((docs.length * 1000) / loadMs)} articles/s, batches of ${options.batch}).`);
    const size = await graphSize(loader);
    console.log(
      `Graph: ${fmt(size.articles)} articles, ${fmt(size.statements)} statements, ${fmt(size.entities)} entities, ${fmt(size.relationships)} relationships.`,
    );
    await bench(server(serverDb), loader, options);
  } finally {
    await serverDb.close();
    await loader.close();
    await neo4jInstance.stop();
  }
}

async function bench(s: Server, loader: Database, options: Options): Promise<void> {
  const picks = await pick(loader);
  console.log(
    `Picked: busiest speaker ${picks.busiest.id} (${fmt(picks.busiest.said)} statements); mid-frequency ${picks.mid.id} ` +
      `(#${picks.mid.rank}, ${fmt(picks.mid.said)} statements), searched as "${picks.typo}"; topic ${picks.topic.id} ` +
      `(${fmt(picks.topic.about)} statements about it); article ${picks.article.id}; path ${picks.mid.id} → ${picks.pathTo.id} (${picks.pathTo.hops} hops).`,
  );
  const all = operations(picks);
  const unknown = [...(options.only ?? []), ...options.concurrent].filter((k) => !all.some((o) => o.key === k));
  if (unknown.length) throw new Error(`unknown operation(s) ${unknown.join(', ')}; known: ${all.map((o) => o.key).join(', ')}`);
  const ops = options.only ? all.filter((o) => options.only!.includes(o.key)) : all;

  const results: Stats[] = [];
  for (const op of ops) {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kmeasuring ${op.key}...`);
    results.push(await sequential(s, op, options));
  }
  const loaded: Concurrent[] = [];
  if (options.concurrentSeconds > 0) {
    for (const key of options.concurrent) {
      const op = ops.find((o) => o.key === key);
      if (!op || results.find((r) => r.op === op)?.error) continue;
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kmeasuring ${op.key} with ${options.clients} clients...`);
      loaded.push(await concurrent(s, op, options.clients, options.concurrentSeconds));
    }
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

  console.log('');
  console.log(
    `Sequential: ${options.warmup} warm-up runs (at most ${WARMUP_MAX_MS / 1000} s), then ${options.runs} runs or ${options.seconds} s, whichever first; ` +
      'latency of one executeOperation (ms); db = time in Neo4j round trips per run.',
  );
  console.log(
    table([
      ['operation', 'key', 'runs', 'p50', 'p95', 'p99', 'ops/s', 'trips', 'db ms'],
      ...results.map((r) =>
        r.error
          ? [r.op.label, r.op.key, fmt(r.runs), 'FAILED', '', '', '', '', '']
          : [
              r.op.label,
              r.op.key,
              fmt(r.runs),
              msFmt(percentile(r.ms, 50)),
              msFmt(percentile(r.ms, 95)),
              msFmt(percentile(r.ms, 99)),
              fmt((r.runs * 1000) / r.wallMs, 1),
              fmt(r.queries, r.queries % 1 ? 1 : 0),
              msFmt(r.dbMs),
            ],
      ),
    ]),
  );
  if (loaded.length) {
    console.log('');
    console.log(`Concurrent: ${options.clients} clients for ${options.concurrentSeconds} s each.`);
    console.log(
      table([
        ['operation', 'runs', 'ops/s', 'vs sequential', 'p50', 'p95', 'p99'],
        ...loaded.map((c) => {
          const seq = results.find((r) => r.op === c.op)!;
          const rate = (c.runs * 1000) / c.wallMs;
          return [
            c.op.label,
            fmt(c.runs),
            fmt(rate, 1),
            `${fmt(rate / ((seq.runs * 1000) / seq.wallMs), 1)}×`,
            msFmt(percentile(c.ms, 50)),
            msFmt(percentile(c.ms, 95)),
            msFmt(percentile(c.ms, 99)),
          ];
        }),
      ]),
    );
  }

  const failed = results.filter((r) => r.error);
  for (const r of failed) console.log(`\nFAILED ${r.op.label} [${r.op.key}] after ${r.runs} measured runs: ${r.error}`);
  const slow = results.filter((r) => r.error || percentile(r.ms, 95) > options.slowMs);
  if (!slow.length) console.log(`\nNo operation above ${options.slowMs} ms at p95.`);
  else await explain(s, loader, slow, options);
  if (failed.length) throw new Error(`${failed.length} operation(s) failed: ${failed.map((r) => r.op.key).join(', ')}`);
}

/** The Cypher of each slow (or failed) operation, with a PROFILE of it run with the same parameters. */
async function explain(s: Server, loader: Database, slow: Stats[], options: Options): Promise<void> {
  console.log(`\nAbove ${options.slowMs} ms at p95 (or failed): ${slow.map((r) => r.op.key).join(', ')}. Their Cypher, and a PROFILE with the same parameters:`);
  const plans: string[] = [];
  for (const r of slow) {
    const captured: Captured[] = [];
    s.db.captured = captured;
    try {
      await r.op.run(s);
    } catch {
      // Failed operations are profiled too (what they sent is captured); the failure is reported above.
    } finally {
      s.db.captured = undefined;
    }
    // Pagination sends one query per page: its first and last pages stand for the rest.
    const chosen = captured.length > 2 ? [captured[0]!, captured[captured.length - 1]!] : captured;
    for (const query of chosen) {
      // Through the loader's driver, with a longer timeout, so a query that timed out in the server still gets one.
      console.log(`\n${r.op.label} [${r.op.key}], ${r.error ? 'FAILED' : `p95 ${msFmt(percentile(r.ms, 95))} ms`}:`);
      let p: Profile;
      try {
        p = await profile(loader.driver, query);
      } catch (error) {
        console.log(`  Cypher (${query.name}): ${query.cypher}\n  params: ${jsonParams(query.params)}\n  PROFILE failed: ${(error as Error).message}`);
        continue;
      }
      console.log(profileSummary(p));
      plans.push(`# ${r.op.label} [${r.op.key}]\n${p.query.cypher}\nparams: ${jsonParams(p.query.params)}\n${fmt(p.ms)} ms, ${fmt(p.dbHits)} db hits\n${planTree(p)}\n`);
    }
  }
  if (options.plans) {
    await fs.writeFile(options.plans, plans.join('\n'));
    console.log(`\nFull plan trees in ${options.plans}.`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
