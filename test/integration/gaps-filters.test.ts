import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, ok, uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Filters and bounds of the README's API summary, each on data of the test's own.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('articles(filter:)', () => {
  it('keeps the articles mentioning an entity, or from one source, or both, newest first', async () => {
    const t = uniqueTag();
    const entities = [{ ref: 'dam', type: 'TOPIC', name: `Dam ${t}` }, { ref: 'canal', type: 'TOPIC', name: `Canal ${t}` }];
    const article = (title: string, source: string, publishedAt: string, mentions: string[]) =>
      ingest({ title: `${title} ${t}`, source: `${source} ${t}`, publishedAt, entities, mentions });
    const a1 = await article('Dam approved', 'Gazette', '2023-02-01', ['dam']);
    const a2 = await article('Canal dug', 'Gazette', '2023-02-03', ['canal']);
    const a3 = await article('Dam and canal', 'Courier', '2023-02-02', ['dam', 'canal']);
    const [dam, gazette] = [a1.entity(`Dam ${t}`), a1.entity(`Gazette ${t}`)];
    const query = `query ($mentioning: ID, $source: ID, $from: Date) {
      articles(filter: { mentioning: $mentioning, source: $source, from: $from }) { totalCount edges { node { id } } } }`;
    const ids = async (filter: Record<string, string>) => {
      const { articles } = await ok(h, query, filter);
      expect(articles.totalCount).toBe(articles.edges.length);
      return articles.edges.map((e: any) => e.node.id);
    };
    expect(await ids({ mentioning: dam })).toEqual([a3.article, a1.article]);
    expect(await ids({ source: gazette })).toEqual([a2.article, a1.article]);
    expect(await ids({ mentioning: dam, source: gazette })).toEqual([a1.article]);
    expect(await ids({ mentioning: a3.entity(`Canal ${t}`), from: '2023-02-03' })).toEqual([a2.article]);
    const wrongKind = await h.execute(query, { source: dam });
    expect(wrongKind.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('statements(filter: { quote })', () => {
  it('keeps direct quotations, or only reported speech', async () => {
    const t = uniqueTag();
    const said = [true, false, true, false, true].map((quote, i) => ({ speaker: 'p', text: `Line ${i} ${t}`, quote }));
    const speaker = (await ingest({ title: `Quotes ${t}`, publishedAt: '2023-04-01', entities: [{ ref: 'p', type: 'PERSON', name: `Hamid ${t}` }], statements: said })).entity(`Hamid ${t}`);
    const query = 'query ($speaker: ID, $quote: Boolean) { statements(filter: { speaker: $speaker, quote: $quote }) { edges { node { text quote } } } }';
    const texts = async (quote?: boolean) => (await ok(h, query, { speaker, quote })).statements.edges.map((e: any) => e.node.text).sort();
    const textsWhere = (quote: boolean) => said.filter((s) => s.quote === quote).map((s) => s.text).sort();
    expect(await texts(true)).toEqual(textsWhere(true));
    expect(await texts(false)).toEqual(textsWhere(false));
    expect(await texts()).toHaveLength(said.length);
  });
});

describe('timeline(role: BY)', () => {
  it("walks only what the entity said, in date order, page by page, and leaves out what others said about it", async () => {
    const t = uniqueTag();
    const days = ['2022-05-04', '2022-01-09', '2022-11-30', '2022-03-15', '2022-08-01'];
    const byHer = days.map((saidOn, i) => ({ speaker: 'n', text: `Her point ${i} ${t}`, saidOn, about: i === 0 ? ['n'] : [] }));
    const aboutHer = ['2022-02-02', '2022-06-06', '2022-12-12'].map((saidOn, i) => ({ speaker: 'o', text: `On her ${i} ${t}`, saidOn, about: ['n'] }));
    const loaded = await ingest({
      title: `A year of speeches ${t}`, publishedAt: '2023-01-05',
      entities: [{ ref: 'n', type: 'PERSON', name: `Nasreen ${t}` }, { ref: 'o', type: 'PERSON', name: `Obaid ${t}` }],
      statements: [...aboutHer, ...byHer],
    });
    const entity = loaded.entity(`Nasreen ${t}`);
    const query = `query ($entity: ID!, $after: String) { timeline(entity: $entity, role: BY, first: 2, after: $after) {
      totalCount edges { role date node { text } } pageInfo { hasNextPage endCursor } } }`;
    const pages: any[][] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const { timeline } = await ok(h, query, { entity, after });
      expect(timeline.totalCount).toBe(byHer.length);
      pages.push(timeline.edges);
      if (!timeline.pageInfo.hasNextPage) break;
      after = timeline.pageInfo.endCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const sorted = [...byHer].sort((a, b) => a.saidOn.localeCompare(b.saidOn));
    expect(pages.flat()).toEqual(sorted.map((s) => ({ role: 'BY', date: s.saidOn, node: { text: s.text } })));
    const any = await ok(h, '{ timeline(entity: "' + entity + '") { totalCount } }');
    expect(any.timeline.totalCount).toBe(byHer.length + aboutHer.length);
  });
});

describe('topSpeakers(from:, to:)', () => {
  it('counts only the statements within the dates, both inclusive, and ranks the speakers by that count', async () => {
    const t = uniqueTag();
    const on = (speaker: string, days: string[]) => days.map((saidOn, i) => ({ speaker, text: `${speaker} on tariffs ${i} ${t}`, saidOn, about: ['k'] }));
    const loaded = await ingest({
      title: `Tariff debate ${t}`, publishedAt: '2021-06-01',
      entities: [
        { ref: 'k', type: 'TOPIC', name: `Tariffs ${t}` },
        { ref: 'alia', type: 'PERSON', name: `Alia ${t}` },
        { ref: 'basit', type: 'PERSON', name: `Basit ${t}` },
        { ref: 'chand', type: 'PERSON', name: `Chand ${t}` },
      ],
      statements: [
        ...on('alia', ['2020-01-01', '2020-06-01', '2021-03-01', '2021-04-01', '2021-05-01']),
        ...on('basit', ['2020-02-01', '2020-07-07', '2020-12-31']),
        ...on('chand', ['2019-12-31']),
      ],
    });
    const query = 'query ($about: ID!, $from: Date, $to: Date) { topSpeakers(about: $about, from: $from, to: $to) { count firstDate lastDate speaker { name } } }';
    const about = loaded.entity(`Tariffs ${t}`);
    const all = await ok(h, query, { about });
    expect(all.topSpeakers).toEqual([
      { speaker: { name: `Alia ${t}` }, count: 5, firstDate: '2020-01-01', lastDate: '2021-05-01' },
      { speaker: { name: `Basit ${t}` }, count: 3, firstDate: '2020-02-01', lastDate: '2020-12-31' },
      { speaker: { name: `Chand ${t}` }, count: 1, firstDate: '2019-12-31', lastDate: '2019-12-31' },
    ]);
    const in2020 = await ok(h, query, { about, from: '2020-01-01', to: '2020-12-31' });
    expect(in2020.topSpeakers).toEqual([
      { speaker: { name: `Basit ${t}` }, count: 3, firstDate: '2020-02-01', lastDate: '2020-12-31' },
      { speaker: { name: `Alia ${t}` }, count: 2, firstDate: '2020-01-01', lastDate: '2020-06-01' },
    ]);
  });
});

describe('Organisation.members(at:)', () => {
  it('lists the people holding a role on that day, open-ended roles included, both ends inclusive', async () => {
    const t = uniqueTag();
    const people = ['First chair', 'Second chair', 'Treasurer'].map((name, i) => ({ ref: `p${i}`, type: 'PERSON', name: `${name} ${t}` }));
    const club = (await ingest({
      title: `Rowing club elects ${t}`, publishedAt: '2016-01-02',
      entities: [...people, { ref: 'club', type: 'ORGANISATION', name: `Rowing club ${t}` }],
      affiliations: [
        { person: 'p0', organisation: 'club', role: 'Chair', since: '2010-01-01', until: '2015-12-31' },
        { person: 'p1', organisation: 'club', role: 'Chair', since: '2016-01-01' },
        { person: 'p2', organisation: 'club', role: 'Treasurer' },
      ],
      mentions: ['club'],
    })).entity(`Rowing club ${t}`);
    const query = 'query ($id: ID!, $at: Date) { organisation(id: $id) { members(at: $at) { role person { name } } } }';
    const members = async (at?: string) =>
      (await ok(h, query, { id: club, at })).organisation.members.map((m: any) => `${m.person.name.replace(` ${t}`, '')}: ${m.role}`).sort();
    expect(await members()).toEqual(['First chair: Chair', 'Second chair: Chair', 'Treasurer: Treasurer']);
    expect(await members('2009-12-31')).toEqual(['Treasurer: Treasurer']);
    expect(await members('2012-05-05')).toEqual(['First chair: Chair', 'Treasurer: Treasurer']);
    expect(await members('2015-12-31')).toEqual(['First chair: Chair', 'Treasurer: Treasurer']);
    expect(await members('2016-01-01')).toEqual(['Second chair: Chair', 'Treasurer: Treasurer']);
  });
});
