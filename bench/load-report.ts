import type { Failure, OpStats, Primed, RunResult } from './load-run.js';
import type { GraphSize } from './neo4j.js';
import type { CheckResult } from '../src/graph/check.js';

/** The figures of a load run, as JSON (kept whole) and as Markdown and a console table (for people). */

export type Phase = 'before' | 'prime' | 'warm-up' | 'run' | 'after';

export interface Usage {
  rssMiB: number;
  /** Of one core, since the previous sample. */
  cpuPercent?: number;
}

export interface ProcessSample {
  /** Seconds since the server was ready. */
  t: number;
  phase: Phase;
  server?: Usage;
  neo4j?: Usage;
}

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface OperationRow extends Latency {
  op: string;
  requests: number;
  failed: number;
  unanswered: number;
}

/**
 * During the measured run, from the medians of its thirds. A server's heap grows for a while under a new load
 * before it levels off, so memory is "flat" when the last third is within FLAT_GROWTH of the middle one.
 */
export interface ProcessSummary {
  firstThirdMiB: number;
  middleThirdMiB: number;
  lastThirdMiB: number;
  peakMiB: number;
  growthPercent: number;
  slopeMiBPerMinute: number;
  flat: boolean;
  meanCpuPercent: number;
}

export interface LoadReport {
  finishedAt: string;
  ok: boolean;
  setup: Record<string, unknown>;
  graph: GraphSize;
  /** The first request of each operation, one at a time, before the warm-up (ms each). */
  prime: Primed[];
  warmup: { seconds: number; requests: number; failed: number; unanswered: number; cutOff: number };
  run: {
    seconds: number;
    connections: number;
    requests: number;
    requestsPerSecond: number;
    latencyMs: Latency;
    failed: number;
    unanswered: number;
    cutOff: number;
    /** The machine's 1-minute load average before and after the run: other work slows the server down. */
    machineLoad: { before: number; after: number };
    /** autocannon's own counters, for cross-checking: its latency covers 2xx responses only. */
    autocannon: { latencyMs: Latency; requestsPerSecond: number; bytesPerSecond: number; non2xx: number; errors: number; timeouts: number };
  };
  operations: OperationRow[];
  failures: (Failure & { phase: Phase })[];
  processes: { server?: ProcessSummary; neo4j?: ProcessSummary; samples: ProcessSample[] };
  /** What the run's writes kept at write time, checked against the graph after it (src/graph/check.ts). */
  kept: CheckResult[];
  /** The server's log: pino's JSON lines by level, and lines that are not JSON. */
  server: { stop: { code: number | null; signal: string | null; ms: number; killed: boolean }; logFile: string; warnings: number; errors: number; notJson: number; firstLogLines: string[] };
}

const FLAT_GROWTH = 0.1;

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}

export function operationRows(result: RunResult): OperationRow[] {
  const row = (op: string, s: OpStats): OperationRow => ({ op, requests: s.requests, failed: s.failed, unanswered: s.unanswered, ...latency(s.latenciesMs) });
  return [...result.ops].map(([op, s]) => row(op, s));
}

export function totals(result: RunResult) {
  const all = [...result.ops.values()];
  const sum = (f: (s: OpStats) => number) => all.reduce((n, s) => n + f(s), 0);
  return {
    requests: sum((s) => s.requests),
    failed: sum((s) => s.failed),
    unanswered: sum((s) => s.unanswered),
    latencyMs: latency(all.flatMap((s) => s.latenciesMs)),
  };
}

export function autocannonFigures(result: RunResult): LoadReport['run']['autocannon'] {
  const a = result.autocannon;
  return {
    latencyMs: { p50: a.latency.p50, p90: a.latency.p90, p99: a.latency.p99, max: a.latency.max },
    requestsPerSecond: a.requests.average,
    bytesPerSecond: a.throughput.average,
    non2xx: a.non2xx,
    errors: a.errors,
    timeouts: a.timeouts,
  };
}

export function summariseProcess(samples: ProcessSample[], of: 'server' | 'neo4j'): ProcessSummary | undefined {
  const during = samples.filter((s) => s.phase === 'run' && s[of] !== undefined).map((s) => ({ t: s.t, ...s[of]! }));
  const points = during.map((s) => ({ t: s.t, v: s.rssMiB }));
  const cpu = during.flatMap((s) => (s.cpuPercent === undefined ? [] : [s.cpuPercent]));
  if (points.length < 3) return undefined;
  const third = Math.floor(points.length / 3);
  const median = (vs: number[]) => percentile([...vs].sort((a, b) => a - b), 50);
  const first = median(points.slice(0, third).map((p) => p.v));
  const middle = median(points.slice(third, -third).map((p) => p.v));
  const last = median(points.slice(-third).map((p) => p.v));
  // Least-squares slope over the whole run.
  const mt = points.reduce((s, p) => s + p.t, 0) / points.length;
  const mv = points.reduce((s, p) => s + p.v, 0) / points.length;
  const slope = points.reduce((s, p) => s + (p.t - mt) * (p.v - mv), 0) / points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  const growth = (last - first) / first;
  return {
    firstThirdMiB: Math.round(first),
    middleThirdMiB: Math.round(middle),
    lastThirdMiB: Math.round(last),
    peakMiB: Math.round(Math.max(...points.map((p) => p.v))),
    growthPercent: Math.round(growth * 1000) / 10,
    slopeMiBPerMinute: Math.round(slope * 60 * 10) / 10,
    flat: last <= middle * (1 + FLAT_GROWTH),
    meanCpuPercent: Math.round(cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length)),
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number) => (n < 100 ? fmt(n, 1) : fmt(n));

function rows(report: LoadReport): string[][] {
  const t = report.run;
  return [
    ['operation', 'requests', 'failed', 'no answer', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    ...report.operations.map((o) => [o.op, fmt(o.requests), fmt(o.failed), fmt(o.unanswered), ms(o.p50), ms(o.p90), ms(o.p99), ms(o.max)]),
    ['all', fmt(t.requests), fmt(t.failed), fmt(t.unanswered), ms(t.latencyMs.p50), ms(t.latencyMs.p90), ms(t.latencyMs.p99), ms(t.latencyMs.max)],
  ];
}

export function consoleTable(report: LoadReport): string {
  const cells = rows(report);
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function processLine(name: string, m: ProcessSummary | undefined): string {
  if (!m) return `${name}: not sampled`;
  return (
    `${name}: CPU ${m.meanCpuPercent} % of a core on average; RSS ${fmt(m.firstThirdMiB)} → ${fmt(m.middleThirdMiB)} → ${fmt(m.lastThirdMiB)} MiB ` +
    `(medians of the run's thirds; ${m.growthPercent >= 0 ? '+' : ''}${fmt(m.growthPercent, 1)} % over the run), ` +
    `slope ${fmt(m.slopeMiBPerMinute, 1)} MiB/min, peak ${fmt(m.peakMiB)} MiB: ` +
    (m.flat ? 'flat' : `NOT flat (the last third more than ${FLAT_GROWTH * 100} % above the middle one)`)
  );
}

function stopLine(stop: LoadReport['server']['stop']): string {
  const how = stop.signal ? `ended by ${stop.signal}` : `exited with code ${stop.code}`;
  return stop.killed ? `did not exit in time, killed (${how})` : `${how} in ${fmt(stop.ms)} ms`;
}

export function summaryLines(report: LoadReport): string[] {
  const r = report.run;
  const a = r.autocannon;
  return [
    `${fmt(r.requests)} requests in ${fmt(r.seconds, 1)} s over ${r.connections} connections: ${fmt(r.requestsPerSecond, 1)} requests/s; ` +
      `latency p50 ${ms(r.latencyMs.p50)} ms, p90 ${ms(r.latencyMs.p90)} ms, p99 ${ms(r.latencyMs.p99)} ms, max ${ms(r.latencyMs.max)} ms ` +
      `(machine load average ${fmt(r.machineLoad.before, 1)} before, ${fmt(r.machineLoad.after, 1)} after, on ${report.setup.cpus} CPUs).`,
    `Failed: ${fmt(r.failed)} (non-2xx or GraphQL errors, read from the bodies), without an answer: ${fmt(r.unanswered)}, ` +
      `cut off by the end of the run: ${fmt(r.cutOff)}; warm-up: ${fmt(report.warmup.failed + report.warmup.unanswered)} failed of ${fmt(report.warmup.requests)}.`,
    `First request of each operation, one at a time (query planning on a cold database): ` +
      `${report.prime.map((p) => `${p.op} ${fmt(p.ms)} ms${p.failure ? ' FAILED' : ''}`).join(', ')}.`,
    `autocannon's count: ${fmt(a.requestsPerSecond, 1)} requests/s (${fmt(a.bytesPerSecond / 1024)} KiB/s), 2xx latency p50 ${a.latencyMs.p50} / p99 ${a.latencyMs.p99} / max ${a.latencyMs.max} ms, ` +
      `${fmt(a.non2xx)} non-2xx, ${fmt(a.errors)} errors (${fmt(a.timeouts)} timeouts).`,
    processLine('Server', report.processes.server),
    processLine('Neo4j', report.processes.neo4j),
    `Server log (LOG_LEVEL=warn): ${fmt(report.server.warnings)} warnings, ${fmt(report.server.errors)} errors, ` +
      `${fmt(report.server.notJson)} lines not JSON, in ${report.server.logFile}.`,
    `Server stopped with SIGTERM after the run: ${stopLine(report.server.stop)}.`,
    `What the concurrent writes kept at write time, against the graph after the run (npm run check:graph): ` +
      `${report.kept.map((k) => `${k.name} ${fmt(k.checked)} ${k.wrong ? `WRONG ${fmt(k.wrong)} (e.g. ${k.example})` : 'exact'}`).join(', ')}.`,
  ];
}

export function markdown(report: LoadReport): string {
  const cells = rows(report);
  const mdRow = (r: string[]) => `| ${r.join(' | ')} |`;
  const setup = Object.entries(report.setup).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
  const graph = Object.entries(report.graph).map(([k, v]) => `${fmt(v)} ${k}`).join(', ');
  const failures = report.failures.flatMap((f) => [
    `- **${f.op}** (${f.phase}), ${fmt(f.count)}×: HTTP ${f.status}, \`${f.code}\`: ${f.message}`,
    ...f.bodies.slice(0, 1).map((b) => `  \`\`\`json\n  ${b}\n  \`\`\``),
  ]);
  return [
    `# Load run: ${report.ok ? 'no failed request, every kept count exact' : 'FAILED REQUESTS OR WRONG COUNTS'}`,
    '',
    `${report.finishedAt}. \`npm run load\`: ${setup}.`,
    `Graph: ${graph}.`,
    '',
    ...summaryLines(report).map((l) => `- ${l}`),
    '',
    mdRow(cells[0]!),
    mdRow(cells[0]!.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...cells.slice(1).map(mdRow),
    '',
    ...(failures.length ? ['## Failures (first body of each kind)', '', ...failures, ''] : []),
    ...(report.server.firstLogLines.length ? ['## First server log lines', '', '```', ...report.server.firstLogLines, '```', ''] : []),
  ].join('\n');
}
