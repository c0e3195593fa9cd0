import neo4j from 'neo4j-driver';
import { Database, type QueryEvent } from '../src/db/database.js';
import { toPlain } from '../src/db/values.js';
import { type Operator, operatorsOf } from './query-profile.js';

/**
 * Where ingestion spends its time, without copying its logic: the write queries are told apart by their Cypher
 * text, timed through `Database.onQuery`, and profiled by a Database whose write transactions run every query
 * with PROFILE and are then rolled back (so the graph is left as it was).
 */

type Row = Record<string, unknown>;
/** The `run` a write transaction hands to its work (whatever its exact signature in src/db/database.ts). */
type WriteRun = Parameters<Parameters<Database['write']>[1]>[0];

/** A short, stable name for an ingest query, from its Cypher. */
export function queryLabel(cypher: string): string {
  const text = cypher.replace(/\s+/g, ' ').trim();
  const label = /\((?:n|w|c):(\w+)[ )]/.exec(text)?.[1] ?? '';
  if (/CONNECTED \{key/.test(text)) return /RECOUNT|UNION ALL/.test(text) ? 'connections (recount)' : 'connections (add)';
  if (/MERGE \(k\)-\[:NAMES\]/.test(text)) return 'name keys';
  if (/MERGE \(d:DayCount/.test(text)) return /COUNT \{/.test(text) ? 'day counts (recount)' : 'day counts (add)';
  if (/e\.ranked IS NULL/.test(text)) return 'ranks';
  if (/MERGE \(n:\w+ \{id:/.test(text)) return `entities ${label}`;
  if (/wikidataId: e\.wikidataId|nameKeys CONTAINS/.test(text)) return `resolve ${label}`;
  if (/MERGE \(a:Article/.test(text)) return 'articles';
  if (/a\.planHash = p\.hash/.test(text)) return 'unchanged articles';
  if (/DETACH DELETE/.test(text)) return 'clear updated articles';
  if (/MERGE \(st:Statement/.test(text)) return 'statements';
  if (/CREATE \(x\)-\[:/.test(text)) return 'links (create)';
  if (/MERGE \(x\)-\[:/.test(text)) return 'links (merge), affiliations';
  if (/AFFILIATED_WITH/.test(text)) return 'affiliations';
  if (/RESPONDS_TO/.test(text)) return 'responses';
  return text.replace(/^UNWIND \$\w+ AS \w+ /, '').slice(0, 48);
}

/**
 * Sums time per query label over everything `db` runs until the returned function is called. Ingestion sends
 * some queries together (pipelined) and Neo4j runs them one after the other, so each query is counted from when
 * it was sent or, if later, when the one before it finished: the time it held the transaction.
 */
export function timeQueries(db: Database): { stop: () => void; totals: Map<string, { calls: number; ms: number }> } {
  const totals = new Map<string, { calls: number; ms: number }>();
  let lastEnd = 0;
  const stop = db.onQuery((event: QueryEvent) => {
    const end = performance.now();
    const ms = end - Math.max(end - event.ms, lastEnd);
    lastEnd = end;
    const key = queryLabel(event.cypher);
    const t = totals.get(key) ?? { calls: 0, ms: 0 };
    t.calls += 1;
    t.ms += ms;
    totals.set(key, t);
  });
  return { stop, totals };
}

export interface QueryProfile {
  label: string;
  ms: number;
  rows: number;
  dbHits: number;
  /** Node + relationship creations + properties set, from the query's counters. */
  writes: number;
  operators: Operator[];
}

/** Runs every write of `work` with PROFILE in one transaction, then rolls it back. */
export class ProfilingDatabase extends Database {
  readonly profiles: QueryProfile[] = [];

  constructor(private readonly settings: ConstructorParameters<typeof Database>[0]) {
    super(settings);
  }

  override async write<T>(_name: string, work: (run: WriteRun) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.settings.database, defaultAccessMode: neo4j.session.WRITE });
    const tx = session.beginTransaction({ timeout: this.settings.queryTimeoutMs });
    try {
      const run = async (cypher: string, params: Row = {}) => {
        const started = performance.now();
        const result = await tx.run(`PROFILE ${cypher}`, params);
        const ms = performance.now() - started;
        const c = result.summary.counters.updates();
        const operators = operatorsOf(result.summary.profile || undefined);
        this.profiles.push({
          label: queryLabel(cypher),
          ms,
          rows: result.records.length,
          dbHits: operators.reduce((sum, o) => sum + o.dbHits, 0),
          writes: c.nodesCreated + c.relationshipsCreated + c.propertiesSet,
          operators,
        });
        return result.records.map((record) => toPlain(record.toObject()) as Row);
      };
      return await work(run as WriteRun);
    } finally {
      await tx.rollback().catch(() => undefined);
      await session.close();
    }
  }
}
