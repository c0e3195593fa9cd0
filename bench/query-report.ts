import os from 'node:os';
import type { Database } from '../src/db/database.js';
import type { Loaded, MemoryPhase, Sequential } from './measure.js';
import type { GraphSize } from './neo4j.js';
import type { Picks } from './query-ops.js';
import type { OperationProfile } from './query-profile.js';

/** The read benchmark's report: Markdown (aligned, so the console shows the same text) and JSON. */

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  neo4j: string;
  os: string;
  loadAverage: number[];
}

export interface OperationResult {
  key: string;
  label: string;
  sequential: Sequential;
  loaded: Loaded[];
  profile?: OperationProfile;
}

/** How and where a report was made. */
interface ReportHeader {
  date: string;
  command: string;
  machine: Machine;
  neo4jMemory: { heap: string; pageCache: string };
  transport: string;
  /** The machine is shared: its load when the report was written, next to the one at the start. */
  loadAverageEnd: number[];
}

/** One graph size, loaded and measured. */
export interface ScaleStep {
  graph: GraphSize;
  loadSeconds: number;
  picks: Picks;
  operations: OperationResult[];
  memory: MemoryPhase[];
}

export interface RunReport extends ReportHeader, ScaleStep {}

export interface ScaleReport extends ReportHeader {
  steps: ScaleStep[];
}

/** The issue's targets (issue 10), on this machine. */
export const TARGETS = { p50Ratio: 1.25, throughputRatio: 0.8, p95Ms: 50, growth: 1.5, rssMiB: 300 };

export async function machine(db: Database): Promise<Machine> {
  const [row] = await db.read('bench.version', 'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition');
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    neo4j: row ? `${String(row.name)} ${String(row.version)} ${String(row.edition)}` : 'unknown',
    os: `${os.type()} ${os.release()}`,
    loadAverage: loadAverage(),
  };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number) => (n < 10 ? fmt(n, 2) : n < 100 ? fmt(n, 1) : fmt(n));
const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 2)}×` : '');

/** A Markdown table with padded columns: the first left-aligned, the rest right-aligned. */
function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(3, ...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export const loadAverage = () => os.loadavg().map((l) => Math.round(l * 10) / 10);

function machineLines(r: { machine: Machine; neo4jMemory: { heap: string; pageCache: string }; transport: string; loadAverageEnd: number[] }): string[] {
  const m = r.machine;
  return [
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; load average (1/5/15 min) ${m.loadAverage.join(' / ')} at the start, ${r.loadAverageEnd.join(' / ')} at the end (shared machine).`,
    `- Node ${m.node}; ${m.neo4j} (heap ${r.neo4jMemory.heap}, page cache ${r.neo4jMemory.pageCache}), local, throwaway.`,
    `- GraphQL: ${r.transport}. Raw: the same questions as hand-written Cypher (bench/raw-queries.ts) through neo4j-driver \`executeQuery\`, routing READ, its own driver.`,
  ];
}

const FLOOR_LINE =
  '- HTTP floor: the raw side\'s queries and shaping served by a bare node:http server in its own process (bench/floor-server.ts, one request per ' +
  'operation, so one hop for the ten pages\' ten queries): what any HTTP API in front of the database pays on this machine. GraphQL/floor is what the GraphQL layer itself costs.';

const graphLine = (g: GraphSize, loadSeconds: number) =>
  `${fmt(g.articles)} articles, ${fmt(g.statements)} statements, ${fmt(g.entities)} entities, ${fmt(g.relationships)} relationships (loaded in ${fmt(loadSeconds, 1)} s)`;

function picksLine(p: Picks): string {
  return (
    `busiest speaker ${p.busiest.id} (${fmt(p.busiest.said)} statements); mid-frequency ${p.mid.id} (#${p.mid.rank}, ${fmt(p.mid.said)} statements), ` +
    `searched as "${p.typo}"; topic ${p.topic.id} (${fmt(p.topic.about)} statements about it); hub article ${p.article.id} (${p.article.mentions} mentions, ` +
    `one of them the busiest speaker); path ${p.mid.id} → ${p.pathTo.id} (${p.pathTo.hops} hops)`
  );
}

function sequentialTable(ops: OperationResult[]): string {
  const withFloor = ops.some((o) => o.sequential.floor);
  return table(
    [
      'operation',
      'runs',
      'GraphQL p50',
      'p95',
      'p99',
      'raw p50',
      'p95',
      'p99',
      'GraphQL/raw p50',
      'p95',
      ...(withFloor ? ['floor p50', 'GraphQL/floor p50'] : []),
      'trips',
      'server db ms',
      'db hits GraphQL',
      'raw',
    ],
    ops.map(({ label, sequential: s, profile }) => {
      const server = [fmt(s.trips, s.trips % 1 ? 1 : 0), ms(s.dbMs)];
      const hits = profile ? [fmt(profile.graphqlHits), fmt(profile.rawHits)] : ['', ''];
      if (s.error) return [label, fmt(s.graphql.runs), 'FAILED', '', '', '', '', '', '', '', ...(withFloor ? ['', ''] : []), ...server, ...hits];
      const [g, r, f] = [s.graphql, s.raw, s.floor];
      const floor = withFloor ? (f ? [ms(f.p50), ratio(g.p50, f.p50)] : ['', '']) : [];
      return [label, fmt(g.runs), ms(g.p50), ms(g.p95), ms(g.p99), ms(r.p50), ms(r.p95), ms(r.p99), ratio(g.p50, r.p50), ratio(g.p95, r.p95), ...floor, ...server, ...hits];
    }),
  );
}

function loadedTable(ops: OperationResult[]): string {
  const withFloor = ops.some((o) => o.loaded.some((l) => l.floor));
  const rows = ops.flatMap(({ label, loaded }) =>
    loaded.map((l) => {
      const errors = l.graphql.errors + l.raw.errors + (l.floor?.errors ?? 0);
      const floor = withFloor ? (l.floor ? [fmt(l.floor.rate, 1), ratio(l.graphql.rate, l.floor.rate)] : ['', '']) : [];
      return [
        label,
        String(l.clients),
        fmt(l.graphql.rate, 1),
        fmt(l.raw.rate, 1),
        ratio(l.graphql.rate, l.raw.rate),
        ...floor,
        ms(l.graphql.p95),
        ms(l.raw.p95),
        errors ? `${l.graphql.errors} / ${l.raw.errors}${l.floor ? ` / ${l.floor.errors}` : ''}` : '0',
      ];
    }),
  );
  return table(
    [
      'operation',
      'clients',
      'GraphQL req/s',
      'raw req/s',
      'GraphQL/raw',
      ...(withFloor ? ['floor req/s', 'GraphQL/floor'] : []),
      'GraphQL p95',
      'raw p95',
      `errors G / raw${withFloor ? ' / floor' : ''}`,
    ],
    rows,
  );
}

function memoryTable(phases: MemoryPhase[]): string {
  // A server of its own process is sampled only once started, after the first load.
  const server = (p: MemoryPhase) => (p.server ? [fmt(p.server.peakMiB), fmt(p.server.afterMiB)] : ['–', '–']);
  const apart = phases.some((p) => p.server);
  return table(
    ['phase', ...(apart ? ['server peak RSS MiB', 'server RSS after MiB'] : []), 'benchmark peak RSS MiB', 'RSS after MiB', 'heap used after MiB'],
    phases.map((p) => [p.phase, ...(apart ? server(p) : []), fmt(p.peakMiB), fmt(p.afterMiB), fmt(p.heapUsedMiB)]),
  );
}

/** What the memory table measures. */
function memoryNote(phases: MemoryPhase[]): string {
  return phases.some((p) => p.server)
    ? 'Resident memory of the server in its own process, and of the benchmark process (its HTTP clients, the raw driver and the loader).'
    : 'Resident memory of the benchmark process, which holds the server, its HTTP clients and the raw driver: an upper bound on the server alone.';
}

/** Which operations miss which target of issue 10, in words. */
export function targetLines(r: RunReport): string[] {
  const ok = r.operations.filter((o) => !o.sequential.error);
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  const p50 = ok.filter((o) => o.sequential.graphql.p50 > TARGETS.p50Ratio * o.sequential.raw.p50);
  const p95 = ok.filter((o) => o.sequential.graphql.p95 > TARGETS.p95Ms);
  const at32 = ok.filter((o) => o.loaded.some((l) => l.clients === 32 && l.graphql.rate < TARGETS.throughputRatio * l.raw.rate));
  const loadedPhases = r.memory.filter((m) => m.phase.startsWith('concurrent'));
  const apart = loadedPhases.some((m) => m.server);
  const loadedPeak = Math.max(0, ...loadedPhases.map((m) => (apart ? (m.server?.peakMiB ?? 0) : m.peakMiB)));
  const show = (o: OperationResult, value: string) => `${o.key} (${value})`;
  return [
    `- p50 ≤ ${TARGETS.p50Ratio}× raw at concurrency 1: missed by ${list(p50.map((o) => show(o, ratio(o.sequential.graphql.p50, o.sequential.raw.p50))))}.`,
    ...(ok.some((o) => o.sequential.floor)
      ? [
          `- For comparison, not a target: p50 within ${TARGETS.p50Ratio}× the HTTP floor, missed by ${list(
            ok.filter((o) => o.sequential.floor && o.sequential.graphql.p50 > TARGETS.p50Ratio * o.sequential.floor.p50).map((o) => show(o, ratio(o.sequential.graphql.p50, o.sequential.floor!.p50))),
          )}.`,
        ]
      : []),
    `- p95 ≤ ${TARGETS.p95Ms} ms at concurrency 1: missed by ${list(p95.map((o) => show(o, `${ms(o.sequential.graphql.p95)} ms`)))}.`,
    ...(ok.some((o) => o.loaded.some((l) => l.clients === 32))
      ? [
          `- throughput ≥ ${TARGETS.throughputRatio}× raw at 32 clients: missed by ${list(
            at32.map((o) => {
              const l = o.loaded.find((x) => x.clients === 32)!;
              return show(o, ratio(l.graphql.rate, l.raw.rate));
            }),
          )}.`,
        ]
      : []),
    ...(loadedPeak
      ? [
          `- RSS ≤ ${TARGETS.rssMiB} MB under load: peak ${fmt(loadedPeak)} MiB ${apart ? 'for the server in its own process' : 'for the whole process (server, clients and raw driver together)'} — ${loadedPeak <= TARGETS.rssMiB ? 'met' : 'missed'}.`,
        ]
      : []),
    `- Failed: ${list(r.operations.filter((o) => o.sequential.error).map((o) => o.key))}.`,
  ];
}

export function runMarkdown(r: RunReport, sequentialNote: string, loadedNote: string): string {
  const failures = r.operations.filter((o) => o.sequential.error || o.loaded.some((l) => l.graphql.errors || l.raw.errors || l.floor?.errors));
  return [
    `# Read benchmark: the GraphQL API against hand-written Cypher`,
    '',
    `${r.date}. \`${r.command}\``,
    '',
    ...machineLines(r),
    ...(r.operations.some((o) => o.sequential.floor) ? [FLOOR_LINE] : []),
    `- Graph: ${graphLine(r.graph, r.loadSeconds)}.`,
    `- Picked: ${picksLine(r.picks)}.`,
    '',
    `## One request at a time`,
    '',
    sequentialNote,
    '',
    sequentialTable(r.operations),
    ...(r.operations.some((o) => o.loaded.length) ? ['', `## Concurrent clients`, '', loadedNote, '', loadedTable(r.operations)] : []),
    '',
    `## Memory`,
    '',
    memoryNote(r.memory),
    '',
    memoryTable(r.memory),
    '',
    `## Targets of issue 10`,
    '',
    ...targetLines(r),
    ...(failures.length
      ? [
          '',
          '## Failures',
          '',
          ...failures.flatMap((o) => [
            ...(o.sequential.error ? [`- ${o.key}: ${o.sequential.error.split('\n')[0]}`] : []),
            ...o.loaded.flatMap((l) =>
              ([['GraphQL', l.graphql], ['raw', l.raw], ['HTTP floor', l.floor]] as const).flatMap(([name, side]) =>
                side?.errors ? [`- ${o.key}, ${l.clients} clients, ${name}: ${side.errors} errors, first: ${side.firstError?.split('\n')[0]}`] : [],
              ),
            ),
          ]),
        ]
      : []),
    '',
  ].join('\n');
}

export function scaleMarkdown(r: ScaleReport): string {
  const sizes = r.steps.map((s) => s.graph.articles);
  const label = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : fmt(n));
  const [first, last] = [r.steps[0]!, r.steps.at(-1)!];
  const rows = first.operations.map((o) => {
    const at = (step: ScaleStep) => step.operations.find((x) => x.key === o.key);
    const cells = r.steps.flatMap((step) => {
      const s = at(step)?.sequential;
      return !s || s.error ? ['FAILED', ''] : [ms(s.graphql.p50), ms(s.graphql.p95)];
    });
    const [a, b] = [at(first), at(last)];
    const ok = a && b && !a.sequential.error && !b.sequential.error;
    const growth = (pick: (x: OperationResult) => number) => (ok ? ratio(pick(b), pick(a)) : '');
    const hits = a?.profile && b?.profile ? `${fmt(a.profile.graphqlHits)} → ${fmt(b.profile.graphqlHits)}` : '';
    return [
      o.label,
      ...cells,
      growth((x) => x.sequential.graphql.p50),
      growth((x) => x.sequential.graphql.p95),
      growth((x) => x.sequential.raw.p50),
      hits,
    ];
  });
  const header = [
    'operation',
    ...sizes.flatMap((n) => [`${label(n)} p50`, 'p95']),
    `growth p50 ${label(sizes[0]!)}→${label(sizes.at(-1)!)}`,
    'p95',
    'raw p50',
    'db hits GraphQL',
  ];
  const flatMiss = first.operations.filter((o) => {
    const b = last.operations.find((x) => x.key === o.key);
    return b && !o.sequential.error && !b.sequential.error && b.sequential.graphql.p50 > TARGETS.growth * o.sequential.graphql.p50;
  });
  return [
    `# Read benchmark, scale run: how each operation grows with the corpus`,
    '',
    `${r.date}. \`${r.command}\``,
    '',
    ...machineLines(r),
    ...r.steps.map((s) => `- At ${label(s.graph.articles)}: ${graphLine(s.graph, s.loadSeconds)}; busiest speaker ${s.picks.busiest.id} with ${fmt(s.picks.busiest.said)} statements, topic ${s.picks.topic.id} with ${fmt(s.picks.topic.about)}.`),
    '',
    'Latency of the GraphQL request (ms, one at a time, alternating with its raw Cypher twin); growth = largest corpus / smallest. The articles were added to the same database between sizes (no reload).',
    '',
    table(header, rows),
    '',
    `Flat within ${TARGETS.growth}× at p50 (target of issue 10): missed by ${flatMiss.length ? flatMiss.map((o) => o.key).join(', ') : 'none'}${r.steps.length < 2 ? ' (one size only)' : ''}.`,
    '',
    memoryTable(r.steps.flatMap((s) => s.memory.map((m) => ({ ...m, phase: `${label(s.graph.articles)}: ${m.phase}` })))),
    '',
  ].join('\n');
}

/** The JSON report: the profiles reduced to their db hits (the plan trees go to the plans file). */
export function reportJson(r: RunReport | ScaleReport): string {
  return JSON.stringify(r, (key, value) => (key === 'profile' && value ? { graphqlHits: value.graphqlHits, rawHits: value.rawHits, error: value.error } : value), 2);
}
