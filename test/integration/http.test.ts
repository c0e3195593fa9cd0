import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http.js';
import { createApolloServer } from '../../src/server.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let server: Server;
let base: string;
beforeAll(async () => {
  h = await startHarness();
  const apollo = createApolloServer(h.deps);
  await apollo.start();
  server = createApp(apollo, h.deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await h.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('over HTTP', () => {
  it('reports liveness and readiness', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers GraphQL and echoes the caller’s request id', async () => {
    const response = await post({ query: '{ statements(first: 1) { totalCount } }' }, { 'x-request-id': 'trace-123' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(typeof body.data.statements.totalCount).toBe('number');
  });

  it('names a syntax error without leaking internals', async () => {
    const response = await post({ query: '{ person(id: ) { name } }' });
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts/);
  });
});
