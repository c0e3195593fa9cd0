import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let base: string;
const logLines: string[] = [];


beforeAll(async () => {
  h = await startHarness();
  base = await h.serve({}, { logger: createLogger('info', { write: (line: string) => void logLines.push(line) }) });
});
afterAll(async () => {
  await h.close();
});

const post = (body: unknown, headers: Record<string, string> = {}, at = base) =>
  fetch(`${at}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const raw = (body: string, headers: Record<string, string>, at = base) => fetch(`${at}/graphql`, { method: 'POST', headers, body });

/** Express's own error page shows a stack with absolute paths; nothing of it may reach a client. */
const expectNoInternals = (text: string) => expect(text).not.toMatch(/<html|<pre>|stack|node_modules|\/work\/|\.js:\d+|\.ts:\d+/i);

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

  it('answers a query sent with GET when it carries a preflight header, as CSRF prevention requires', async () => {
    const url = `${base}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    expect(await (await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).json()).toMatchObject({ data: { __typename: 'Query' } });
    const forged = await fetch(url);
    expect(forged.status).toBe(400);
    expect((await forged.json()).errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('names a syntax error without leaking internals', async () => {
    const response = await post({ query: '{ person(id: ) { name } }' });
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts/);
  });
});

describe('requests that never reach GraphQL get JSON errors', () => {
  it('malformed JSON: 400, GraphQL-shaped, with the request id', async () => {
    const response = await raw('{"query": "{ __typename }"', { 'content-type': 'application/json', 'x-request-id': 'trace-bad-json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBe('trace-bad-json');
    const text = await response.text();
    expectNoInternals(text);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', requestId: 'trace-bad-json' } }],
    });
  });

  it('a body over MAX_BODY_BYTES: 413, naming the limit', async () => {
    const small = await h.serve({ MAX_BODY_BYTES: 1024 });
    const response = await post({ query: '{ __typename }', padding: 'x'.repeat(2048) }, {}, small);
    expect(response.status).toBe(413);
    const text = await response.text();
    expectNoInternals(text);
    expect(JSON.parse(text).errors[0]).toMatchObject({ message: expect.stringContaining('1024 bytes'), extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await post({ query: '{ __typename }' }, {}, small)).status).toBe(200);
  });

  it('a body that is not JSON: 415, telling the content type to use', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/graphql']) {
      const response = await raw('{ __typename }', { 'content-type': contentType });
      expect(response.status).toBe(415);
      const body = await response.json();
      expect(body.errors[0]).toMatchObject({ message: expect.stringContaining('application/json'), extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    }
  });

  it('another method on /graphql: 405', async () => {
    const response = await fetch(`${base}/graphql`, { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect((await response.json()).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('an unknown route: 404 in JSON, not GraphQL-shaped', async () => {
    const response = await fetch(`${base}/graphiql/../../etc/passwd?x=<script>`, { headers: { 'x-request-id': 'trace-404' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/graphql'), requestId: 'trace-404' } });
  });

  it('logs each refusal as one JSON line carrying the request id', async () => {
    await raw('{oops', { 'content-type': 'application/json', 'x-request-id': 'trace-log' });
    const line = logLines.map((l) => JSON.parse(l)).find((entry) => entry.requestId === 'trace-log');
    expect(line).toMatchObject({ requestId: 'trace-log', path: '/graphql', status: 400, code: 'BAD_REQUEST', reason: 'entity.parse.failed' });
    expect(logLines.every((l) => JSON.parse(l).requestId !== undefined)).toBe(true);
  });
});

describe('browsers on other origins (CORS_ORIGINS)', () => {
  const preflight = (at: string, origin: string) =>
    fetch(`${at}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });

  it('by default, no origin gets CORS headers', async () => {
    const response = await preflight(base, 'https://app.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an allowed origin gets its preflight answered and may read responses; another origin gets nothing', async () => {
    const at = await h.serve({ CORS_ORIGINS: ['https://app.example', 'https://other.example'] });
    const allowed = await preflight(at, 'https://app.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type,authorization,apollo-require-preflight,x-request-id');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST');
    const call = await post({ query: '{ __typename }' }, { origin: 'https://app.example' }, at);
    expect(call.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(call.headers.get('access-control-expose-headers')).toContain('x-request-id');

    const refused = await preflight(at, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-headers')).toBeNull();
    const refusedCall = await post({ query: '{ __typename }' }, { origin: 'https://evil.example' }, at);
    expect(refusedCall.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('`*` allows any origin', async () => {
    const at = await h.serve({ CORS_ORIGINS: ['*'] });
    expect((await preflight(at, 'https://anyone.example')).headers.get('access-control-allow-origin')).toBe('*');
  });
});
