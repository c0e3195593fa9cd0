import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_OPERATION_LABELS } from '../../src/common/metrics.js';
import { uniqueTag } from './fixtures.js';
import { type Harness, startHarness, WRITE_TOKEN } from './harness.js';

let h: Harness;


beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function scrape(base: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${base}/metrics`, { headers });
  expect(response.status).toBe(200);
  return response.text();
}

interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of one metric in Prometheus's text format: `name{label="value",…} 12`. */
function samples(text: string, name: string): Sample[] {
  return text
    .split('\n')
    .map((line) => /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === name)
    .map((m) => ({ labels: Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]])), value: Number(m[3]) }));
}

/** The sum of a metric's samples carrying `labels` (0 when there are none). */
const valueOf = (text: string, name: string, labels: Record<string, string> = {}) =>
  samples(text, name)
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

/** A request is counted once its answer has gone out, which its client may see a moment before the server does. */
async function expectCounts(base: string, name: string, expected: [Record<string, string>, number][]): Promise<string> {
  let text = '';
  await vi.waitFor(async () => {
    text = await scrape(base);
    for (const [labels, count] of expected) expect(valueOf(text, name, labels), JSON.stringify(labels)).toBe(count);
  });
  return text;
}

const REQUESTS = 'graphql_request_duration_seconds_count';

describe('GET /metrics', () => {
  it('counts and times requests by operation name and outcome', async () => {
    const base = await h.serve();
    for (let i = 0; i < 2; i++) expect((await post(base, { query: 'query Lookup { __typename }' })).status).toBe(200);
    await post(base, { query: '{ __typename }' });
    await post(base, { query: 'query Broken { noSuchField }' });
    await post(base, { query: 'query Missing { person(id: "person:nobody-at-all") { name } }' });
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });

    const text = await expectCounts(base, REQUESTS, [
      [{ operation: 'Lookup', outcome: 'ok' }, 2],
      [{ operation: 'anonymous', outcome: 'ok' }, 1],
      [{ operation: 'Broken', outcome: 'GRAPHQL_VALIDATION_FAILED' }, 1],
      [{ operation: 'Missing', outcome: 'NOT_FOUND' }, 1],
      // The body was not JSON: no operation was read.
      [{ operation: 'none', outcome: 'BAD_REQUEST' }, 1],
    ]);
    // A histogram: every request falls in the last bucket, and its durations add up.
    expect(valueOf(text, 'graphql_request_duration_seconds_bucket', { operation: 'Lookup', outcome: 'ok', le: '+Inf' })).toBe(2);
    expect(valueOf(text, 'graphql_request_duration_seconds_sum', { operation: 'Lookup', outcome: 'ok' })).toBeGreaterThan(0);
  });

  it('is plain text in Prometheus’s format, with the process’s own metrics', async () => {
    const base = await h.serve();
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^# HELP graphql_request_duration_seconds /m);
    expect(text).toMatch(/^# TYPE graphql_request_duration_seconds histogram$/m);
    expect(valueOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('times Cypher by the name of each query', async () => {
    const base = await h.serve();
    const before = await scrape(base);
    const count = (text: string) => valueOf(text, 'neo4j_query_duration_seconds_count', { query: 'Query.statements' });
    await post(base, { query: 'query Stats { statements(first: 1) { totalCount } }' });
    const after = await scrape(base);
    expect(count(after) - count(before)).toBe(1);
    expect(valueOf(after, 'neo4j_query_duration_seconds_bucket', { query: 'Query.statements', le: '+Inf' })).toBe(count(after));
  });

  it('counts what ingestion created and matched, and the articles it refused', async () => {
    const base = await h.serve();
    const tag = uniqueTag();
    const input = {
      url: `https://metrics.example/${tag}`,
      title: `Mayor ${tag} opens the bridge`,
      publishedAt: '2025-06-01T10:00:00Z',
      source: `Gazette ${tag}`,
      authors: [`Writer ${tag}`],
      entities: [
        { ref: 'mayor', type: 'PERSON', name: `Lena ${tag}` },
        { ref: 'bridge', type: 'TOPIC', name: `Bridge ${tag}` },
      ],
      statements: [
        { ref: 's1', speaker: 'mayor', text: `The ${tag} bridge opens today.`, kind: 'CLAIM', about: ['bridge'] },
        { ref: 's2', speaker: 'mayor', text: `It was built on time.`, kind: 'CLAIM', about: ['bridge'] },
      ],
      mentions: ['mayor', 'bridge'],
    };
    const ingest = (body: unknown) => post(base, body, { authorization: `Bearer ${WRITE_TOKEN}` }).then((r) => r.json());
    const INGEST = 'mutation Load($input: ArticleInput!) { ingestArticle(input: $input) { outcome } }';

    expect((await ingest({ query: INGEST, variables: { input } })).data.ingestArticle.outcome).toBe('CREATED');
    let text = await scrape(base);
    expect(valueOf(text, 'ingest_articles_total', { result: 'created' })).toBe(1);
    expect(valueOf(text, 'ingest_statements_total', { result: 'created' })).toBe(2);
    // The two named entities, the source and the author.
    expect(valueOf(text, 'ingest_entities_total', { result: 'created' })).toBe(4);
    // One transaction of one article, and nothing left waiting.
    expect([valueOf(text, 'ingest_transaction_articles_count', {}), valueOf(text, 'ingest_transaction_articles_sum', {})]).toEqual([1, 1]);
    expect(valueOf(text, 'ingest_queue_articles', {})).toBe(0);

    expect((await ingest({ query: INGEST, variables: { input } })).data.ingestArticle.outcome).toBe('MATCHED');
    text = await scrape(base);
    expect(valueOf(text, 'ingest_articles_total', { result: 'updated' })).toBe(1);
    expect(valueOf(text, 'ingest_statements_total', { result: 'matched' })).toBe(2);
    expect(valueOf(text, 'ingest_entities_total', { result: 'matched' })).toBe(4);

    // One request loads the article again (a) and is refused the next (b), a statement by an unknown speaker.
    const bad = { ...input, statements: [{ ...input.statements[0], speaker: 'nobody' }] };
    const mixed = await ingest({
      query: 'mutation Two($a: ArticleInput!, $b: ArticleInput!) { a: ingestArticle(input: $a) { outcome } b: ingestArticle(input: $b) { outcome } }',
      variables: { a: input, b: bad },
    });
    expect(mixed.errors.map((e: any) => [e.path[0], e.extensions.code])).toEqual([['b', 'BAD_USER_INPUT']]);
    await ingest({ query: INGEST, variables: { input: { ...input, title: ' ' } } });
    await expectCounts(base, 'ingest_rejected_total', [[{}, 2]]);
    text = await scrape(base);
    expect(valueOf(text, 'ingest_articles_total', { result: 'updated' })).toBe(2);
  });

  it('keeps the set of operation labels bounded however many names clients make up', async () => {
    const base = await h.serve();
    await post(base, { query: 'query Early { __typename }' });
    const flood = MAX_OPERATION_LABELS + 50;
    for (let i = 0; i < flood; i++) await post(base, { query: `query Flood${i} { __typename }` });
    await post(base, { query: 'query Early { __typename }' });
    // A valid GraphQL name, but too long to be a label.
    await post(base, { query: `query ${'Long'.repeat(20)} { __typename }` });

    const text = await expectCounts(base, REQUESTS, [[{}, flood + 3]]);
    const operations = new Set(samples(text, REQUESTS).map((s) => s.labels.operation));
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 1);
    expect(operations.has(`Flood${flood - 1}`)).toBe(false);
    // Names seen before the flood keep their label; the rest are counted together.
    expect(valueOf(text, REQUESTS, { operation: 'Early' })).toBe(2);
    expect(valueOf(text, REQUESTS, { operation: 'other' })).toBeGreaterThanOrEqual(51);
  });

  it('labels names that are not GraphQL names, or too long, as other', async () => {
    const base = await h.serve();
    await post(base, { query: `query ${'Long'.repeat(20)} { __typename }` });
    // Not a name: the operation cannot be found, and the made-up name is not a label either.
    await post(base, { query: 'query Real { __typename }', operationName: 'x'.repeat(300) });
    await expectCounts(base, REQUESTS, [[{ operation: 'other' }, 2]]);
    const labels = samples(await scrape(base), REQUESTS).map((s) => s.labels.operation);
    expect(labels.every((l) => l === 'other')).toBe(true);
  });

  it('answers only scrapers sending METRICS_TOKEN, when one is set', async () => {
    const token = 'metrics-token-0123456789';
    const base = await h.serve({ METRICS_TOKEN: token });
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${WRITE_TOKEN}` } })).status).toBe(401);
    expect(await scrape(base, { authorization: `Bearer ${token}` })).toMatch(/^# TYPE graphql_request_duration_seconds histogram$/m);
  });

  it('is not served with METRICS=false', async () => {
    const base = await h.serve({ METRICS: false });
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });
});
