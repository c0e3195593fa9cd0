import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Distinct operation names given a label of their own; later ones are counted as `other`. */
export const MAX_OPERATION_LABELS = 100;

/** What a GraphQL name may be, shortened: anything else a client sends is not a name worth a label. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const OUTCOME = /^(ok|[A-Z][A-Z_]{0,63})$/;

/**
 * How a request to /graphql is named: its operation's name when it has a sane one, `anonymous` when it has none,
 * `none` when no operation was read (bad JSON, a refused method), `other` for anything else.
 */
export function operationName(name: string | null | undefined): string {
  if (name === undefined) return 'none';
  if (name === null || name === '') return 'anonymous';
  return OPERATION_NAME.test(name) ? name : 'other';
}

/** Written per ingest (src/ingest/ingest.ts `onIngest`): each node with whether the write created it. */
interface Ingested {
  articles: readonly { created: boolean }[];
  statements: readonly { created: boolean }[];
  entities: readonly { created: boolean }[];
}

let processRegistry: Registry | undefined;

/** CPU, memory, event loop, GC: one set per process, however many servers it runs (the tests run several). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The server's metrics, in a registry of its own (never prom-client's global one), served at /metrics.
 * Every label has a bounded set of values: operation names come from clients, so only the first
 * MAX_OPERATION_LABELS distinct ones get a label; query names and outcomes (error codes) come from the code.
 */
export class Metrics {
  readonly registry: Registry;
  private readonly operations = new Set<string>();
  private readonly requests: Histogram<'operation' | 'outcome'>;
  private readonly queries: Histogram<'query'>;
  private readonly articles: Counter<'result'>;
  private readonly statements: Counter<'result'>;
  private readonly entities: Counter<'result'>;
  private readonly rejected: Counter;
  private readonly batches: Histogram;
  private waiting: () => number = () => 0;

  constructor() {
    const registers = [new Registry()];
    this.requests = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Requests to /graphql by operation name and outcome (ok, or the first error code), from arrival to the last byte sent.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.queries = new Histogram({
      name: 'neo4j_query_duration_seconds',
      help: 'Cypher statements by query name (a root field such as Query.person, or ingest.batch), until their rows were read.',
      labelNames: ['query'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ['result'], registers });
    this.articles = counter('ingest_articles_total', 'Articles written, by result: created, or updated (loaded again).');
    this.statements = counter('ingest_statements_total', 'Statements written, by result: created, or matched (already known, now also reported here).');
    this.entities = counter('ingest_entities_total', 'Entities written, by result: created, or matched (resolved to one already known).');
    this.rejected = new Counter({ name: 'ingest_rejected_total', help: 'Articles that ingest mutations refused as bad input (nothing was written).', registers });
    this.batches = new Histogram({
      name: 'ingest_transaction_articles',
      help: 'Articles per committed ingest transaction: 1 for an ingestArticle alone, more when concurrent ones went together (group commit) or in bulk.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000],
      registers,
    });
    const waiting = () => this.waiting();
    new Gauge({
      name: 'ingest_queue_articles',
      help: "Articles sent to this server waiting for their transaction (the API's write queue, src/ingest/group.ts).",
      registers,
      collect() {
        this.set(waiting());
      },
    });
    this.registry = Registry.merge([processMetrics(), registers[0]!]);
  }

  /** One request to /graphql, answered (or abandoned by its client) after `seconds`. */
  request(name: string | null | undefined, outcome: string, seconds: number): void {
    this.requests.observe({ operation: this.operationLabel(operationName(name)), outcome: OUTCOME.test(outcome) ? outcome : 'other' }, seconds);
  }

  readonly query = ({ name, ms }: { name: string; ms: number }): void => {
    this.queries.observe({ query: name }, ms / 1000);
  };

  readonly ingested = ({ articles, statements, entities }: Ingested): void => {
    const count = (counter: Counter<'result'>, rows: readonly { created: boolean }[], otherwise: string) => {
      const created = rows.filter((r) => r.created).length;
      if (created) counter.inc({ result: 'created' }, created);
      if (rows.length > created) counter.inc({ result: otherwise }, rows.length - created);
    };
    count(this.articles, articles, 'updated');
    count(this.statements, statements, 'matched');
    count(this.entities, entities, 'matched');
    this.batches.observe(articles.length);
  };

  /** Where the queue gauge reads the number of articles waiting. */
  queue(waiting: () => number): void {
    this.waiting = waiting;
  }

  refused(articles: number): void {
    if (articles > 0) this.rejected.inc(articles);
  }

  private operationLabel(name: string): string {
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }
}
