import type { Database, QueryEvent } from '../src/db/database.js';
import { processUsage } from './load-sampler.js';
import { type FloorClient, type GraphQLClient, type RawClient, ResponseError } from './query-clients.js';
import type { Operation } from './query-ops.js';

/** Timing the two sides of each operation: one after the other, then under concurrent clients; and memory. */

export const WARMUP_MAX_MS = 5_000;

export interface Latencies {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Sequential {
  graphql: Latencies;
  raw: Latencies;
  /** The raw answer served by the HTTP floor (bench/floor-server.ts), when it runs. */
  floor?: Latencies;
  /** Cypher queries the server sent per GraphQL run (Database.onQuery), and their time (ms) per run. */
  trips: number;
  dbMs: number;
  /** The first failure: an error in either answer, a failed check, or answers that differ. Measuring stops there. */
  error?: string;
}

export interface SequentialOptions {
  warmup: number;
  runs: number;
  seconds: number;
}

/** The server's Cypher queries from a call until the function it returns is called: how many, and their time. */
export type QueryTally = () => Promise<() => Promise<{ queries: number; ms: number }>>;

/** A tally of an in-process server's queries, as its Database reports them. */
export function tallyOf(db: Database): QueryTally {
  return async () => {
    const events: QueryEvent[] = [];
    const stop = db.onQuery((e) => events.push(e));
    return async () => {
      stop();
      return { queries: events.length, ms: events.reduce((sum, e) => sum + e.ms, 0) };
    };
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function latencies(ms: number[]): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/**
 * GraphQL, then raw, then the floor (when given), then GraphQL … one request at a time, so all see the same moment
 * of a noisy machine. Every pair of answers is compared (outside the timed part); the first difference fails the
 * operation. The floor's answer is the raw one served over HTTP, compared alike.
 */
export async function sequential(
  op: Operation,
  api: GraphQLClient,
  raw: RawClient,
  tally: QueryTally,
  options: SequentialOptions,
  floor?: FloorClient,
): Promise<Sequential> {
  const [graphqlMs, rawMs, floorMs]: number[][] = [[], [], []];
  let error: string | undefined;
  let stop: Awaited<ReturnType<QueryTally>> | undefined;
  const timed = async <T>(ms: number[], run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const answer = await run();
    ms.push(performance.now() - t);
    return answer;
  };
  try {
    const warm = performance.now();
    for (let i = 0; i < options.warmup && performance.now() - warm < WARMUP_MAX_MS; i++) {
      const viaRaw = await op.raw(raw);
      compare(op, await op.graphql(api), viaRaw);
      if (floor) compare(op, await floor.ask(op.key), viaRaw, 'the HTTP floor');
    }
    stop = await tally();
    const started = performance.now();
    while (graphqlMs.length < options.runs && performance.now() - started < options.seconds * 1000) {
      const viaApi = await timed(graphqlMs, () => op.graphql(api));
      const viaRaw = await timed(rawMs, () => op.raw(raw));
      compare(op, viaApi, viaRaw);
      if (floor) compare(op, await timed(floorMs, () => floor.ask(op.key)), viaRaw, 'the HTTP floor');
    }
  } catch (e) {
    // Reported in the table and failing the run at the end, after the other operations were measured.
    error = failure(e);
  }
  const sent = (await stop?.()) ?? { queries: 0, ms: 0 };
  const runs = Math.max(graphqlMs.length, 1);
  return {
    graphql: latencies(graphqlMs),
    raw: latencies(rawMs),
    ...(floor ? { floor: latencies(floorMs) } : {}),
    trips: sent.queries / runs,
    dbMs: sent.ms / runs,
    error,
  };
}

export function failure(e: unknown): string {
  if (e instanceof ResponseError) return e.message;
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing answers

/** JSON with object keys sorted: two answers are equal when these are. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function compare(op: Operation, viaApi: unknown, viaRaw: unknown, side = 'GraphQL'): void {
  if (canonical(viaApi) === canonical(viaRaw)) return;
  throw new ResponseError(`${op.key}: ${side} and raw Cypher answer differently; first difference ${difference(viaApi, viaRaw, 'data', side)}`);
}

/** Where two JSON values first differ, and how: `at data.person.statements.edges[3].node.id: GraphQL "a" ≠ raw "b"`. */
export function difference(a: unknown, b: unknown, path: string, side = 'GraphQL'): string {
  const show = (v: unknown) => (v === undefined ? 'nothing' : (canonical(v) ?? 'undefined').slice(0, 200));
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (canonical(a[i]) !== canonical(b[i])) return difference(a[i], b[i], `${path}[${i}]`, side);
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
    const key = keys.find((k) => canonical(x[k]) !== canonical(y[k]));
    if (key !== undefined) return difference(x[key], y[key], `${path}.${key}`, side);
  }
  return `at ${path}: ${side} ${show(a)} ≠ raw ${show(b)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Concurrent clients

export interface Throughput {
  runs: number;
  /** Requests (runs) per second over the time the side ran. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  firstError?: string;
}

export interface Loaded {
  clients: number;
  graphql: Throughput;
  raw: Throughput;
  floor?: Throughput;
}

interface Slice {
  ms: number[];
  wallMs: number;
  errors: string[];
}

/** `clients` loops, each running `run` back to back until `seconds` are up; errors are counted, not fatal. */
async function load(run: () => Promise<unknown>, clients: number, seconds: number): Promise<Slice> {
  const slice: Slice = { ms: [], wallMs: 0, errors: [] };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await run();
          slice.ms.push(performance.now() - t);
        } catch (e) {
          slice.errors.push(failure(e));
        }
      }
    }),
  );
  slice.wallMs = performance.now() - started;
  return slice;
}

/**
 * Each side runs `seconds` in all, in two alternating halves (GraphQL, raw, floor, GraphQL, raw, floor), so drift
 * hits all alike.
 */
export async function concurrent(op: Operation, api: GraphQLClient, raw: RawClient, clients: number, seconds: number, floor?: FloorClient): Promise<Loaded> {
  const sides = { graphql: [] as Slice[], raw: [] as Slice[], floor: [] as Slice[] };
  for (let half = 0; half < 2; half++) {
    sides.graphql.push(await load(() => op.graphql(api), clients, seconds / 2));
    sides.raw.push(await load(() => op.raw(raw), clients, seconds / 2));
    if (floor) sides.floor.push(await load(() => floor.ask(op.key), clients, seconds / 2));
  }
  const summary = (slices: Slice[]): Throughput => {
    const ms = slices.flatMap((s) => s.ms).sort((a, b) => a - b);
    const errors = slices.flatMap((s) => s.errors);
    const wallMs = slices.reduce((sum, s) => sum + s.wallMs, 0);
    return {
      runs: ms.length,
      rate: (ms.length * 1000) / wallMs,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      errors: errors.length,
      firstError: errors[0],
    };
  };
  return { clients, graphql: summary(sides.graphql), raw: summary(sides.raw), ...(floor ? { floor: summary(sides.floor) } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Memory

export interface MemoryPhase {
  phase: string;
  /** Highest resident set size seen during the phase, and at its end (MiB). */
  peakMiB: number;
  afterMiB: number;
  heapUsedMiB: number;
  /** The same of the server, when it runs as its own process. */
  server?: { peakMiB: number; afterMiB: number };
}

const SAMPLE_MS = 100;
const mib = (bytes: number) => Math.round(bytes / 104_857.6) / 10;

/**
 * Resident memory of this process, which runs the benchmark's clients and the raw driver, and the server too
 * unless it has its own process (`follow`), whose memory is then sampled apart. Every 100 ms; `end` closes a phase.
 */
export class MemoryWatch {
  readonly phases: MemoryPhase[] = [];
  private peak = 0;
  private serverPeak = 0;
  private serverLast = 0;
  private serverPid: number | undefined;
  private readonly timer = setInterval(() => void this.sample(), SAMPLE_MS);

  constructor() {
    this.timer.unref();
  }

  /** Samples the server's process too, from now on. */
  follow(serverPid: number): void {
    this.serverPid = serverPid;
  }

  end(phase: string): MemoryPhase {
    const { rss, heapUsed } = process.memoryUsage();
    const server = this.serverPid === undefined ? undefined : { peakMiB: Math.round(this.serverPeak * 10) / 10, afterMiB: this.serverLast };
    const ended = { phase, peakMiB: mib(Math.max(this.peak, rss)), afterMiB: mib(rss), heapUsedMiB: mib(heapUsed), ...(server ? { server } : {}) };
    this.phases.push(ended);
    this.peak = 0;
    this.serverPeak = this.serverLast;
    return ended;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    if (this.serverPid === undefined) return;
    const usage = await processUsage(this.serverPid);
    if (!usage) return;
    this.serverLast = usage.rssMiB;
    this.serverPeak = Math.max(this.serverPeak, usage.rssMiB);
  }
}
