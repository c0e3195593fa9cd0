import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractPool } from '../../src/extract/pool.js';
import { uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await closeExtractPool();
  await h.close();
});

const EXTRACT = `query ($input: RawArticleInput!) { extract(input: $input) {
  title publishedAt source language warnings
  entities { ref type name aliases }
  statements { ref text kind quote saidOn speaker { ref name type } about { name } respondsTo evidence { start end snippet method confidence } }
  unattributed { text evidence { start end snippet } }
} }`;

const INGEST_RAW = `mutation ($input: RawArticleInput!) { ingestRawArticle(input: $input) {
  outcome
  article { id title body source { name } }
  statements { outcome statement { id text quote speaker { name } evidence { article { id } start end snippet method confidence } } }
} }`;

/** A short report of my own, with a direct quote and reported speech, each speaker named. */
function report(tag = uniqueTag()) {
  return {
    title: `Mayor Anna Berg rejects toll on bridge ${tag}`,
    publishedAt: '2024-05-08',
    source: `City Courier ${tag}`,
    language: 'en',
    body:
      `Mayor Anna Berg on Tuesday rejected plans for a toll on the new bridge ${tag}.\n\n` +
      '“The bridge belongs to everyone,” Berg told reporters. “Nobody will pay to cross it.”\n\n' +
      'Council member Tom Reyes said that the city could not afford the bridge without a toll.',
  };
}

/** A web page of the same story, with navigation, scripts and a footer around it. */
function page(tag = uniqueTag()) {
  const { title, body } = report(tag);
  const paragraphs = body.split('\n\n').map((p) => `<p>${p}</p>`).join('\n<script>document.write("advert")</script>\n');
  return `<!doctype html><html lang="en"><head><title>${title} | City Courier</title>
<meta property="og:title" content="${title}"><meta property="og:site_name" content="City Courier ${tag}">
<meta property="article:published_time" content="2024-05-08T09:30:00+02:00">
<script>window.tracker = "tracking code";</script></head>
<body><nav>Home | World | Sport</nav><article><h1>${title}</h1>\n${paragraphs}</article><footer>© City Courier</footer></body></html>`;
}

const countNodes = async () => (await h.db.read('test.count', 'MATCH (n) RETURN count(n) AS n'))[0]!.n as number;

describe('extract: what a raw article would load, without loading it', () => {
  it('finds the statements with their speakers, each with the words of the body it was taken from, and writes nothing', async () => {
    const input = report();
    const before = await countNodes();
    // No token: extraction only reads.
    const { data, errors } = await h.execute(EXTRACT, { input });
    expect(errors).toBeUndefined();
    const extraction = data!.extract;
    expect(extraction).toMatchObject({ title: input.title, publishedAt: input.publishedAt, source: input.source, language: 'en' });
    expect(extraction.statements.length).toBeGreaterThan(0);
    for (const s of [...extraction.statements, ...extraction.unattributed]) {
      expect(s.evidence.snippet).toBe(input.body.slice(s.evidence.start, s.evidence.end));
      expect(s.evidence.snippet.length).toBeGreaterThan(0);
    }
    for (const s of extraction.statements) {
      expect(s.evidence.method).not.toBe('MANUAL');
      expect(s.evidence.confidence).toBeGreaterThan(0);
      expect(s.evidence.confidence).toBeLessThanOrEqual(1);
      expect(extraction.entities).toContainEqual(expect.objectContaining(s.speaker));
    }
    const quote = extraction.statements.find((s: any) => s.text.includes('The bridge belongs to everyone'));
    expect(quote).toMatchObject({ quote: true, speaker: { name: 'Anna Berg', type: 'PERSON' } });
    expect(await countNodes()).toBe(before);
  });

  it('answers under aliases like any other field', async () => {
    const input = report();
    const { data, errors } = await h.execute(
      'query ($input: RawArticleInput!) { x: extract(input: $input) { headline: title said: statements { who: speaker { n: name } words: text } } }',
      { input },
    );
    expect(errors).toBeUndefined();
    expect(data!.x.headline).toBe(input.title);
    expect(data!.x.said.length).toBeGreaterThan(0);
    for (const s of data!.x.said) expect([typeof s.who.n, typeof s.words]).toEqual(['string', 'string']);
  });

  it('costs 100 more than its selection', async () => {
    const { errors, extensions } = (await h.execute('query ($input: RawArticleInput!) { extract(input: $input) { title } }', { input: report() })) as any;
    expect(errors).toBeUndefined();
    expect(extensions.cost.requested).toBe(101);
  });

  it('reads a web page: main text, headline, date and source from the page, never its scripts', async () => {
    const tag = uniqueTag();
    const { data, errors } = await h.execute(EXTRACT, { input: { body: page(tag), format: 'HTML' } });
    expect(errors).toBeUndefined();
    const extraction = data!.extract;
    expect(extraction).toMatchObject({ title: report(tag).title, publishedAt: '2024-05-08T09:30:00+02:00', source: `City Courier ${tag}`, language: 'en' });
    const quote = extraction.statements.find((s: any) => s.text.includes('The bridge belongs to everyone'));
    expect(quote.speaker.name).toBe('Anna Berg');
    expect(JSON.stringify(extraction)).not.toMatch(/advert|tracking code/);
    // What the input gives wins over what the page says.
    const given = await h.execute(EXTRACT, { input: { body: page(tag), format: 'HTML', title: 'Given headline', publishedAt: '2024-05-09' } });
    expect(given.data!.extract).toMatchObject({ title: 'Given headline', publishedAt: '2024-05-09', source: `City Courier ${tag}` });
  });

  it('gives no statements and says why for a language it has no cues for', async () => {
    const { data, errors } = await h.execute(EXTRACT, { input: { ...report(), language: 'fi' } });
    expect(errors).toBeUndefined();
    expect(data!.extract.statements).toEqual([]);
    expect(data!.extract.warnings.join(' ')).toMatch(/fi/);
  });
});

describe('ingestRawArticle: extracts and loads in one go', () => {
  it('needs a bearer token, and writes nothing without one', async () => {
    const input = report();
    const before = await countNodes();
    const { errors } = await h.execute(INGEST_RAW, { input });
    expect(errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await countNodes()).toBe(before);
  });

  it('loads what extract shows, and each statement keeps the sentence it came from', async () => {
    const input = report();
    const shown = (await h.execute(EXTRACT, { input })).data!.extract;
    const { data, errors } = await h.write(INGEST_RAW, { input });
    expect(errors).toBeUndefined();
    const payload = data!.ingestRawArticle;
    expect(payload.outcome).toBe('CREATED');
    expect(payload.article).toMatchObject({ title: input.title, body: input.body, source: { name: input.source } });
    expect(payload.statements.map((s: any) => s.statement.text).sort()).toEqual(shown.statements.map((s: any) => s.text).sort());
    for (const { statement } of payload.statements) {
      const extracted = shown.statements.find((s: any) => s.text === statement.text);
      expect(statement.evidence).toEqual([{ article: { id: payload.article.id }, ...extracted.evidence }]);
      expect(statement.speaker.name).toBe(extracted.speaker.name);
    }
    const quote = payload.statements.find((s: any) => s.statement.text.includes('The bridge belongs to everyone')).statement;
    expect(quote.evidence[0].snippet).toContain('The bridge belongs to everyone');
  });

  it('is idempotent: loading the same raw article again matches everything', async () => {
    const input = report();
    const first = (await h.write(INGEST_RAW, { input })).data!.ingestRawArticle;
    const before = await countNodes();
    const { data, errors } = await h.write(INGEST_RAW, { input });
    expect(errors).toBeUndefined();
    expect(data!.ingestRawArticle.outcome).toBe('MATCHED');
    expect(data!.ingestRawArticle.statements.every((s: any) => s.outcome === 'MATCHED')).toBe(true);
    expect(data!.ingestRawArticle.article).toEqual(first.article);
    expect(await countNodes()).toBe(before);
  });

  it('loads a web page', async () => {
    const tag = uniqueTag();
    const { data, errors } = await h.write(INGEST_RAW, { input: { body: page(tag), format: 'HTML' } });
    expect(errors).toBeUndefined();
    expect(data!.ingestRawArticle.article).toMatchObject({ title: report(tag).title, source: { name: `City Courier ${tag}` } });
    expect(data!.ingestRawArticle.article.body).not.toMatch(/advert|tracking code|<p>/);
  });
});

describe('bad raw input is refused with the field at fault, and nothing is written', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['an empty body', { body: '  \n ' }, 'input.body', /empty/],
    ['binary data', { body: 'PK\u0003\u0004\u0000\u0000binary' }, 'input.body', /binary/],
    ['a date that is not a date', { publishedAt: 'last Tuesday' }, 'input.publishedAt', /ISO 8601/],
    ['a day that does not exist', { publishedAt: '2024-02-30' }, 'input.publishedAt', /ISO 8601/],
    ['no headline', { title: null }, 'input.title', /required/],
    ['a web page without a date', { body: '<html><body><p>Nothing to date it.</p></body></html>', format: 'HTML', publishedAt: null }, 'input.publishedAt', /page does not give it/],
  ];
  it.each(cases)('%s', async (_what, change, path, message) => {
    const input = { ...report(), ...change };
    const before = await countNodes();
    for (const [operation, run] of [['extract', h.execute], ['ingestRawArticle', h.write]] as const) {
      const query = operation === 'extract' ? EXTRACT : INGEST_RAW;
      const { data, errors } = await run(query, { input });
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: path, problems: [{ path, message: expect.stringMatching(message) }] });
      expect(errors![0].message).toContain(path);
    }
    expect(await countNodes()).toBe(before);
  });
});
