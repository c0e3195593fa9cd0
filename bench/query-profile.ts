import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import type { Captured, CapturingDatabase, GraphQLClient, RawClient } from './query-clients.js';
import type { Operation } from './query-ops.js';

/** Where each side's database time goes: every query of one run of an operation, run again under PROFILE. */

export interface Operator {
  depth: number;
  operator: string;
  details: string;
  rows: number;
  dbHits: number;
}

export interface Profile {
  query: Captured;
  ms: number;
  dbHits: number;
  operators: Operator[];
  plannerInfo: string;
}

/** Both sides of one operation: db hits per run (all its queries), and each query's profile. */
export interface OperationProfile {
  graphqlHits: number;
  rawHits: number;
  graphql: Profile[];
  raw: Profile[];
  /** A query PROFILE could not run. */
  error?: string;
}

const PROFILE_TIMEOUT_MS = 120_000;

/** The operators of a profiled plan, depth first, with their depth in the tree. */
export function operatorsOf(plan: ProfiledPlan | undefined | null, depth = 0): Operator[] {
  if (!plan) return [];
  const details = String(plan.arguments?.Details ?? '').replace(/\s+/g, ' ');
  return [
    { depth, operator: plan.operatorType.replace(/@neo4j$/, ''), details, rows: Number(plan.rows), dbHits: Number(plan.dbHits) },
    ...plan.children.flatMap((child) => operatorsOf(child, depth + 1)),
  ];
}

/** Runs the operation once on each side, keeping what each sends, then profiles it all through `driver`. */
export async function profileOperation(op: Operation, api: GraphQLClient, server: CapturingDatabase, raw: RawClient): Promise<OperationProfile> {
  const sent = { graphql: [] as Captured[], raw: [] as Captured[] };
  server.captured = sent.graphql;
  raw.captured = sent.raw;
  try {
    // A failing operation is profiled too, with what it sent before failing (its failure is reported elsewhere).
    await op.graphql(api).catch(() => undefined);
    await op.raw(raw).catch(() => undefined);
  } finally {
    server.captured = undefined;
    raw.captured = undefined;
  }
  const out: OperationProfile = { graphqlHits: 0, rawHits: 0, graphql: [], raw: [] };
  try {
    for (const side of ['graphql', 'raw'] as const) {
      for (const query of sent[side]) out[side].push(await profile(raw.driver, query));
    }
  } catch (e) {
    out.error = (e as Error).message;
  }
  out.graphqlHits = out.graphql.reduce((sum, p) => sum + p.dbHits, 0);
  out.rawHits = out.raw.reduce((sum, p) => sum + p.dbHits, 0);
  return out;
}

async function profile(driver: Driver, query: Captured): Promise<Profile> {
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

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
export const jsonParams = (params: Record<string, unknown>) =>
  JSON.stringify(params, (_k, v) => (neo4j.isInt(v) || typeof v === 'bigint' ? Number(v) : v));

/** A whole plan tree, indented, for the plans file. */
export function planTree(p: Profile): string {
  return [
    `${p.query.cypher}`,
    `params: ${jsonParams(p.query.params)}`,
    `${fmt(p.ms)} ms, ${fmt(p.dbHits)} db hits${p.plannerInfo ? ` (${p.plannerInfo})` : ''}`,
    ...p.operators.map((o) => `${'  '.repeat(o.depth)}${o.operator}  rows=${fmt(o.rows)} hits=${fmt(o.dbHits)}  ${o.details}`),
  ].join('\n');
}

/** The heaviest operators of a profile, for the console. */
export function profileSummary(p: Profile): string {
  const heavy = [...p.operators].sort((a, b) => b.dbHits - a.dbHits).slice(0, 6);
  // Subqueries inside a map projection run as nested plans: PROFILE counts their db hits on the Projection but
  // shows none of their operators.
  const nested = heavy[0] && heavy[0].operator === 'Projection' && heavy[0].dbHits > 0.9 * p.dbHits;
  return [
    `  PROFILE: ${fmt(p.ms)} ms, ${fmt(p.dbHits)} db hits, ${p.operators.length} operators; heaviest:`,
    ...heavy.map((o) => `    ${fmt(o.dbHits).padStart(11)} hits ${fmt(o.rows).padStart(9)} rows  ${o.operator}  ${o.details.slice(0, 140)}`),
    ...(nested ? ['    (the hits are in subqueries nested in the projection, which PROFILE does not break down)'] : []),
  ].join('\n');
}
