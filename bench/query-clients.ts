import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import neo4j, { type Driver } from 'neo4j-driver';
import { createLogger } from '../src/common/logger.js';
import { Database } from '../src/db/database.js';
import { toPlain } from '../src/db/values.js';
import { createApp } from '../src/http.js';
import { createApolloServer, createContext, type ServerContext, type ServerDeps } from '../src/server.js';
import type { QueryTally } from './measure.js';
import type { Picks } from './query-ops.js';

/** The two ways the read benchmark asks its questions: the GraphQL API, and hand-written Cypher through the driver. */

export type Row = Record<string, unknown>;
export type Data = Record<string, any>;

/** A wrong answer: an error in a response, or data failing an operation's check. */
export class ResponseError extends Error {}

/**
 * Checks run inside the timed part of a GraphQL request, so a message that prints the answer is given as a
 * function: printing a large answer (2 ms for the nested one) on every passing check would be charged to GraphQL.
 */
export function need(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new ResponseError(typeof message === 'string' ? message : message());
}

/** A query as sent, with its parameters: what PROFILE is run on. */
export interface Captured {
  name: string;
  cypher: string;
  params: Row;
}

/** The server's Database, which can also keep the parameters of what it sends, to PROFILE it afterwards. */
export class CapturingDatabase extends Database {
  captured: Captured[] | undefined;

  override read(name: string, cypher: string, params: Row = {}): Promise<Row[]> {
    this.captured?.push({ name, cypher, params });
    return super.read(name, cypher, params);
  }
}

export interface GraphQLClient {
  /** Where requests go, for the report. */
  readonly transport: string;
  /** The response's data; throws ResponseError when it holds errors. */
  execute(label: string, query: string, variables: Row): Promise<Data>;
  close(): Promise<void>;
}

/** GraphQL as a client pays for it: the project's HTTP app (src/http.ts) on an ephemeral loopback port, over keep-alive. */
export async function httpClient(deps: ServerDeps): Promise<GraphQLClient> {
  const apollo = await startedApollo(deps);
  const server = createApp(apollo, deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true });
  return {
    transport: `HTTP POST http://127.0.0.1:${port}/graphql (in-process server, keep-alive)`,
    async execute(label, query, variables) {
      const { status, body } = await post(agent, port, JSON.stringify({ query, variables }));
      return dataOf(label, status === 200 ? body : `HTTP ${status}: ${body}`);
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}

/**
 * The real server in its own process (compiled, `node .build/src/main.js`, started by the benchmark), over keep-alive:
 * as production runs it, with its memory apart from the benchmark's clients and raw driver.
 */
export function processClient(port: number): GraphQLClient {
  const agent = new http.Agent({ keepAlive: true });
  return {
    transport: `HTTP POST http://127.0.0.1:${port}/graphql (the server in its own process, keep-alive)`,
    async execute(label, query, variables) {
      const { status, body } = await post(agent, port, JSON.stringify({ query, variables }));
      return dataOf(label, status === 200 ? body : `HTTP ${status}: ${body}`);
    },
    async close() {
      agent.destroy();
    },
  };
}

/** The HTTP floor (bench/floor-server.ts) in its own process: an operation's raw answer, served over HTTP. */
export interface FloorClient {
  /** The entities the operations ask about, as the raw side's operations have them. */
  pick(picks: Picks): Promise<void>;
  ask(key: string): Promise<Data>;
  close(): Promise<void>;
}

export function floorClient(port: number): FloorClient {
  const agent = new http.Agent({ keepAlive: true });
  return {
    async pick(picks) {
      const { status, body } = await post(agent, port, JSON.stringify(picks), '/picks', 'PUT');
      if (status !== 200) throw new Error(`HTTP floor: PUT /picks answered ${status}: ${body}`);
    },
    async ask(key) {
      const { status, body } = await post(agent, port, '', `/op/${key}`);
      return dataOf(`${key} (HTTP floor)`, status === 200 ? body : `HTTP ${status}: ${body}`);
    },
    async close() {
      agent.destroy();
    },
  };
}

/**
 * The Cypher queries a server in its own process sent, read from its /metrics (neo4j_query_duration_seconds, all
 * query names together) before and after.
 */
export function metricsTally(port: number): QueryTally {
  const read = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
    const totals = { queries: 0, ms: 0 };
    for (const [, kind, value] of (await res.text()).matchAll(/^neo4j_query_duration_seconds_(count|sum)(?:\{[^}]*\})? (\S+)$/gm)) {
      if (kind === 'count') totals.queries += Number(value);
      else totals.ms += Number(value) * 1000;
    }
    return totals;
  };
  return async () => {
    const before = await read();
    return async () => {
      const after = await read();
      return { queries: after.queries - before.queries, ms: after.ms - before.ms };
    };
  };
}

/** Apollo's executeOperation with a fresh context per request: the server minus HTTP, for telling the two apart. */
export async function inProcessClient(deps: ServerDeps): Promise<GraphQLClient> {
  const apollo = await startedApollo(deps);
  return {
    transport: 'Apollo executeOperation (in-process, no HTTP)',
    async execute(label, query, variables) {
      const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(deps) });
      if (response.body.kind !== 'single') throw new ResponseError(`${label}: unexpected incremental response`);
      return dataOf(label, response.body.singleResult);
    },
    close: () => apollo.stop(),
  };
}

/** The server's dependencies as production has them (documented defaults), logging nothing. */
export function serverDeps(db: Database): ServerDeps {
  return { db, logger: createLogger('silent'), maxPageSize: 100, apiTokens: [] };
}

async function startedApollo(deps: ServerDeps): Promise<ApolloServer<ServerContext>> {
  const apollo = createApolloServer(deps);
  await apollo.start();
  return apollo;
}

function post(agent: http.Agent, port: number, body: string, path = '/graphql', method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, path, method, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function dataOf(label: string, response: string | { data?: unknown; errors?: readonly unknown[] }): Data {
  let parsed = response;
  if (typeof response === 'string') {
    try {
      parsed = JSON.parse(response);
    } catch {
      throw new ResponseError(`${label}: the response is not JSON: ${response.slice(0, 300)}`);
    }
  }
  const { data, errors } = parsed as { data?: Data | null; errors?: unknown[] };
  if (errors?.length) throw new ResponseError(`${label}: the response has errors: ${JSON.stringify(errors).slice(0, 500)}`);
  if (!data) throw new ResponseError(`${label}: the response has no data`);
  return data;
}

/** Hand-written Cypher through a driver of its own (as an application would hold one), in read transactions. */
export class RawClient {
  readonly driver: Driver;
  captured: Captured[] | undefined;

  constructor(uri: string) {
    this.driver = neo4j.driver(uri);
  }

  /** Rows as plain values (the same conversion the server applies), with the driver's values kept under `values`. */
  async query(name: string, cypher: string, params: Row = {}): Promise<{ rows: Row[]; values: Row[] }> {
    this.captured?.push({ name, cypher, params });
    const { records } = await this.driver.executeQuery(cypher, params, { routing: neo4j.routing.READ });
    const values = records.map((r) => r.toObject());
    // toPlain converts in place: each record's own map is copied, so `values` keeps the driver's values at the top.
    return { rows: values.map((v) => toPlain({ ...v }) as Row), values };
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
