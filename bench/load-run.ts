import autocannon from 'autocannon';
import type { Operation } from './load-mix.js';

/**
 * One autocannon run over a weighted mix of operations. Every response body is read: a non-2xx status, a body
 * that is not JSON, or one with GraphQL `errors` or without `data` is a failure, counted per operation with a few
 * bodies kept as evidence. Latency per operation is measured from the moment autocannon builds a request (just
 * before writing it) to its parsed response, the span autocannon itself times.
 */

export interface MixEntry {
  op: Operation;
  weight: number;
}

export interface RunOptions {
  url: string;
  connections: number;
  seconds: number;
  /** autocannon gives up on a request after this long and counts a timeout. */
  timeoutSeconds: number;
  token: string;
  rng: () => number;
  mix: MixEntry[];
}

export interface Failure {
  op: string;
  status: number;
  code: string;
  message: string;
  count: number;
  /** The first bodies seen, cut to BODY_SAMPLE_CHARS. */
  bodies: string[];
}

export interface OpStats {
  requests: number;
  failed: number;
  /** Sent and never answered: timed out or lost with its connection. */
  unanswered: number;
  latenciesMs: number[];
}

export interface RunResult {
  seconds: number;
  ops: Map<string, OpStats>;
  failures: Failure[];
  /** In flight when the run ended, younger than the timeout: neither answered nor failed. */
  cutOff: number;
  /** autocannon's own figures: latency of 2xx responses (ms), requests per second, error counters. */
  autocannon: autocannon.Result;
}

const BODY_SAMPLE_CHARS = 2_000;
const BODIES_PER_FAILURE = 3;

/** autocannon's per-request context, carrying the id of the request sent. */
interface Tagged {
  id: number;
}

interface InFlight {
  op: string;
  sentAt: number;
}

export function runLoad(options: RunOptions, started: (stop: () => void) => void): Promise<RunResult> {
  const ops = new Map<string, OpStats>(options.mix.map((m) => [m.op.key, { requests: 0, failed: 0, unanswered: 0, latenciesMs: [] }]));
  const failures = new Map<string, Failure>();
  // Requests in flight by id; what is left at the end never got an answer.
  const inFlight = new Map<number, InFlight>();
  let nextId = 0;
  const total = options.mix.reduce((sum, m) => sum + m.weight, 0);
  const choose = (): Operation => {
    let u = options.rng() * total;
    for (const m of options.mix) if ((u -= m.weight) < 0) return m.op;
    return options.mix[options.mix.length - 1]!.op;
  };

  const fail = (op: string, status: number, code: string, message: string, body: string) => {
    ops.get(op)!.failed++;
    const key = `${op}\u0000${status}\u0000${code}\u0000${message}`;
    const failure = failures.get(key) ?? { op, status, code, message, count: 0, bodies: [] };
    failure.count++;
    if (failure.bodies.length < BODIES_PER_FAILURE) failure.bodies.push(body.trim().slice(0, BODY_SAMPLE_CHARS));
    failures.set(key, failure);
  };

  const request: autocannon.Request = {
    method: 'POST',
    path: '/graphql',
    // autocannon gives each connection a fresh context per request (one request in the list, no pipelining).
    setupRequest: (req, context) => {
      const op = choose();
      const id = nextId++;
      (context as Tagged).id = id;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (op.write) headers.authorization = `Bearer ${options.token}`;
      const body = JSON.stringify(op.next(options.rng));
      inFlight.set(id, { op: op.key, sentAt: performance.now() });
      return { ...req, headers: { ...req.headers, ...headers }, body };
    },
    onResponse: (status, body, context) => {
      const { id } = context as Tagged;
      const sent = inFlight.get(id);
      if (!sent) return;
      inFlight.delete(id);
      const stats = ops.get(sent.op)!;
      stats.requests++;
      stats.latenciesMs.push(performance.now() - sent.sentAt);
      const problem = checkBody(status, body);
      if (problem) fail(sent.op, status, problem.code, problem.message, body);
    },
  };

  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: options.timeoutSeconds,
        requests: [request],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - t0) / 1000;
        // Sent before the stop and unanswered for longer than the timeout: timed out or lost with their connection.
        // Younger ones were merely cut off by the end of the run.
        const oldest = performance.now() - options.timeoutSeconds * 1000;
        let cutOff = 0;
        for (const { op, sentAt } of inFlight.values()) {
          if (sentAt > oldest) {
            cutOff++;
            continue;
          }
          ops.get(op)!.requests++;
          ops.get(op)!.unanswered++;
        }
        resolve({ seconds, ops, failures: [...failures.values()].sort((a, b) => b.count - a.count), cutOff, autocannon: result });
      },
    );
    started(() => instance.stop());
  });
}

export interface Primed {
  op: string;
  ms: number;
  failure?: Failure;
}

const PRIME_TIMEOUT_MS = 60_000;

/**
 * Each operation once, one after the other: a server that has been up a while has had its queries planned, which
 * on a cold database takes seconds per query shape; 50 clients asking for the same new shape at once would each
 * wait for it.
 */
export async function prime(options: Pick<RunOptions, 'url' | 'token' | 'rng' | 'mix'>): Promise<Primed[]> {
  const primed: Primed[] = [];
  for (const { op } of options.mix) {
    const started = performance.now();
    let status = 0;
    let body: string;
    try {
      const res = await fetch(`${options.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(op.write ? { authorization: `Bearer ${options.token}` } : {}) },
        body: JSON.stringify(op.next(options.rng)),
        signal: AbortSignal.timeout(PRIME_TIMEOUT_MS),
      });
      status = res.status;
      body = await res.text();
    } catch (error) {
      body = `no answer: ${(error as Error).message}`;
    }
    const ms = Math.round(performance.now() - started);
    const problem = status ? checkBody(status, body) : { code: 'NO_ANSWER', message: body };
    primed.push({ op: op.key, ms, ...(problem ? { failure: { op: op.key, status, ...problem, count: 1, bodies: [body.trim().slice(0, BODY_SAMPLE_CHARS)] } } : {}) });
  }
  return primed;
}

/** Why a response is a failure, or undefined when it is a GraphQL answer without errors. */
function checkBody(status: number, body: string): { code: string; message: string } | undefined {
  let parsed: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return { code: 'NOT_JSON', message: body.slice(0, 120) };
  }
  const first = parsed.errors?.[0];
  if (first) return { code: String(first.extensions?.code ?? 'NO_CODE'), message: String(first.message) };
  if (status < 200 || status > 299) return { code: 'HTTP_STATUS', message: `HTTP ${status}` };
  if (parsed.data == null) return { code: 'NO_DATA', message: 'no data and no errors' };
  return undefined;
}
