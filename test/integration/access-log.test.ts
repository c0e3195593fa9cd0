import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import type { ServerDeps } from '../../src/server.js';
import { type Harness, serveHttp, startHarness } from './harness.js';

let h: Harness;
let base: string;
const lines: Record<string, any>[] = [];
const servers: { close: () => Promise<void> }[] = [];

/** A server over the harness's database whose log lines land in `lines`. */
async function serve(deps: Partial<ServerDeps> = {}): Promise<string> {
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  const server = await serveHttp({ ...h.deps, logger, ...deps });
  servers.push(server);
  return server.base;
}

beforeAll(async () => {
  h = await startHarness();
  base = await serve();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await h.close();
});

const post = (body: unknown, requestId: string) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(body) });

const accessLines = (requestId: string) => lines.filter((l) => l.msg === 'request' && l.requestId === requestId);

/** The request's access line, written once its answer has gone out (the client may see it a moment earlier). */
async function accessLine(requestId: string): Promise<Record<string, any>> {
  await vi.waitFor(() => expect(accessLines(requestId)).toHaveLength(1));
  return accessLines(requestId)[0]!;
}

describe('the access log', () => {
  it('writes one line per request with method, path, operation, status, duration, request id, cost and outcome', async () => {
    const response = await post({ query: 'query Count { statements(first: 2) { totalCount } }' }, 'access-ok');
    const body = await response.json();
    const line = await accessLine('access-ok');
    expect(line).toMatchObject({ level: 30, method: 'POST', path: '/graphql', status: 200, operation: 'Count', outcome: 'ok' });
    expect(line.cost).toBe(body.extensions.cost.requested);
    expect(line.ms).toBeGreaterThanOrEqual(0);
    expect(typeof line.time).toBe('string');
  });

  it('gives the code of the first error as the outcome', async () => {
    await post({ query: 'query Nobody { person(id: "person:nobody-at-all") { name } }' }, 'access-missing');
    expect(await accessLine('access-missing')).toMatchObject({ status: 200, operation: 'Nobody', outcome: 'NOT_FOUND' });
    await post({ query: '{ statements(first: 1) { nope } }' }, 'access-invalid');
    expect(await accessLine('access-invalid')).toMatchObject({ status: 400, operation: 'anonymous', outcome: 'GRAPHQL_VALIDATION_FAILED' });
    expect((await accessLine('access-invalid')).cost).toBeUndefined();
  });

  it('logs requests refused before GraphQL with their code, and no operation read', async () => {
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'access-json' }, body: '{"query"' });
    expect(await accessLine('access-json')).toMatchObject({ status: 400, operation: 'none', outcome: 'BAD_REQUEST' });
    await fetch(`${base}/nowhere`, { headers: { 'x-request-id': 'access-404' } });
    const line = await accessLine('access-404');
    expect(line).toMatchObject({ method: 'GET', path: '/nowhere', status: 404, outcome: 'NOT_FOUND' });
    expect(line.operation).toBeUndefined();
  });

  it('keeps the query string out of the log: a GET operation is logged by its path and name', async () => {
    const query = encodeURIComponent('query Secretive($q: String!) { search(query: $q, first: 1) { __typename } }');
    const variables = encodeURIComponent(JSON.stringify({ q: 'private words' }));
    await fetch(`${base}/graphql?query=${query}&variables=${variables}`, { headers: { 'x-request-id': 'access-get', 'apollo-require-preflight': 'true' } });
    const line = await accessLine('access-get');
    expect(line).toMatchObject({ method: 'GET', path: '/graphql', operation: 'Secretive' });
    expect(JSON.stringify(line)).not.toContain('private');
  });

  it('leaves out probes and scrapes that succeed, but not a refused readiness probe', async () => {
    await fetch(`${base}/health`, { headers: { 'x-request-id': 'access-health' } });
    await fetch(`${base}/metrics`, { headers: { 'x-request-id': 'access-metrics' } });
    const starting = await serve({ started: () => false });
    expect((await fetch(`${starting}/ready`, { headers: { 'x-request-id': 'access-ready' } })).status).toBe(503);
    expect(await accessLine('access-ready')).toMatchObject({ path: '/ready', status: 503, outcome: 'SERVICE_UNAVAILABLE' });
    // Both answered before the refused probe was logged, so their lines would be there by now.
    expect(accessLines('access-health')).toEqual([]);
    expect(accessLines('access-metrics')).toEqual([]);
  });
});
