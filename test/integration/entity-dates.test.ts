import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema } from '../../src/db/schema.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { dbHits, ingest, ok, settlePlanner, uniqueTag, withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Links between an entity and its dated items (SAID, ABOUT, MENTIONS, PUBLISHED_BY) carry the entity's id and the
// item's date, so that one entity's newest items are a range read of an index (src/graph/entity-dates.ts).
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Links of the entities `ids` whose `entity` or `at` differs from what their ends say. */
const OUT_OF_STEP = `
MATCH (x)-[r:SAID|ABOUT|MENTIONS|PUBLISHED_BY]->(y) WHERE x.id IN $ids OR y.id IN $ids
WITH r, CASE type(r) WHEN 'SAID' THEN [x, y] ELSE [y, x] END AS ends
WITH r, ends[0] AS entity, ends[1] AS item
WHERE r.entity IS NULL OR r.entity <> entity.id OR r.at IS NULL OR r.at <> coalesce(item.at, item.publishedAt)
RETURN type(r) AS type, entity.id AS entity, r.entity AS says`;

const linksOf = (ids: string[]) => h.db.read('test.links', 'MATCH (x)-[r:SAID|ABOUT|MENTIONS|PUBLISHED_BY]->(y) WHERE x.id IN $ids OR y.id IN $ids RETURN count(r) AS n', { ids });

describe('links between an entity and its dated items', () => {
  it('stay in step with their ends when a new version of an article moves a statement and when entities merge', async () => {
    const t = uniqueTag();
    const entities = [
      { ref: 'p', type: 'PERSON', name: `Rukhsana ${t}` },
      { ref: 'q', type: 'TOPIC', name: `Levies ${t}` },
    ];
    const remark = { speaker: 'p', text: `Levies will fall ${t}`, about: ['q'] };
    const url = `https://paper.example/${t}/levies`;
    // Reported first on 1 March, then again on 1 May by another article.
    const first = await ingest({ url, title: `Levies ${t}`, source: `Gazette ${t}`, publishedAt: '2022-03-01', entities, statements: [remark], mentions: ['p', 'q'] });
    await ingest({ url: `${url}-later`, title: `Levies again ${t}`, source: `Gazette ${t}`, publishedAt: '2022-05-01', entities, statements: [remark], mentions: ['p'] });
    const [p, q] = [first.entity(`Rukhsana ${t}`), first.entity(`Levies ${t}`)];
    const dateOf = async () => (await ok(h, `{ person(id: "${p}") { statements { edges { node { date } } } } }`)).person.statements.edges.map((e: any) => e.node.date);
    expect(await dateOf()).toEqual(['2022-03-01']);

    // The March article's new version drops the remark: it now dates from May, and so do its links.
    await ingest({ url, title: `Levies ${t}`, source: `Gazette ${t}`, publishedAt: '2022-03-01', entities, statements: [], mentions: ['q'] });
    expect(await dateOf()).toEqual(['2022-05-01']);
    // Its day in the full-text index moves too: text filters page by it (statement/text-days.ts).
    expect(await h.db.read('test.day', 'MATCH (s:Statement) WHERE s.text = $text RETURN s.searchDay AS day', { text: remark.text })).toEqual([{ day: 'day20220501' }]);
    const { topic } = await ok(h, `{ topic(id: "${q}") { statementsAbout { edges { node { date } } } mentionedIn { edges { node { publishedAt } } } } }`);
    expect(topic.statementsAbout.edges).toEqual([{ node: { date: '2022-05-01' } }]);
    expect(topic.mentionedIn.edges.map((e: any) => e.node.publishedAt.slice(0, 10))).toEqual(['2022-03-01']);

    // A duplicate of p, merged into p: its links now carry p's id, and p's lists include them.
    const dup = await ingest({ title: `Elsewhere ${t}`, source: `Courier ${t}`, publishedAt: '2022-06-01', entities: [{ ref: 'd', type: 'PERSON', name: `R. Begum ${t}` }], statements: [{ speaker: 'd', text: `Another remark ${t}` }], mentions: ['d'] });
    const d = dup.entity(`R. Begum ${t}`);
    const merged = await h.write(`mutation { mergeEntities(into: "${p}", from: ["${d}"]) { mergedIds } }`);
    expect(merged.errors).toBeUndefined();
    const { person } = await ok(h, `{ person(id: "${p}") { statements { edges { node { date } } } mentionedIn { totalCount edges { node { title } } } } }`);
    expect(person.statements.edges).toEqual([{ node: { date: '2022-06-01' } }, { node: { date: '2022-05-01' } }]);
    expect(person.mentionedIn.edges.map((e: any) => e.node.title)).toEqual([`Elsewhere ${t}`, `Levies again ${t}`]);

    const ids = [p, q, d, ...(await h.db.read('test.sources', 'MATCH (o:Organisation) WHERE o.name ENDS WITH $t RETURN o.id AS id', { t })).map((r) => r.id as string)];
    expect((await linksOf(ids))[0]!.n).toBeGreaterThan(5);
    expect(await h.db.read('test.links', OUT_OF_STEP, { ids })).toEqual([]);
  });

  it('are filled in by the start-up migration where a graph written before them lacks them', async () => {
    const t = uniqueTag();
    const loaded = await ingest({
      title: `Old data ${t}`, source: `Archive ${t}`, publishedAt: '2021-01-01',
      entities: [{ ref: 'p', type: 'PERSON', name: `Old Speaker ${t}` }],
      statements: [{ speaker: 'p', text: `Old remark ${t}`, about: ['p'] }], mentions: ['p'],
    });
    const p = loaded.entity(`Old Speaker ${t}`);
    const ids = [p, ...(await h.db.read('test.sources', 'MATCH (o:Organisation) WHERE o.name ENDS WITH $t RETURN o.id AS id', { t })).map((r) => r.id as string)];
    await h.db.write('test.strip', (run) =>
      run('MATCH (x)-[r:SAID|ABOUT|MENTIONS|PUBLISHED_BY]->(y) WHERE x.id IN $ids OR y.id IN $ids REMOVE r.entity, r.at', { ids }));
    expect(await h.db.read('test.links', OUT_OF_STEP, { ids })).toHaveLength(4);
    // Nor is its remark about itself marked: topSpeakers about it finds nobody.
    await h.db.write('test.strip', (run) => run('MATCH (s:Statement {text: $text}) REMOVE s.selfOf', { text: `Old remark ${t}` }));
    const speakersOf = async () => (await ok(h, `{ topSpeakers(about: "${p}") { count speaker { id } } }`)).topSpeakers;
    expect(await speakersOf()).toEqual([]);
    // Without them the person's lists are empty: nothing reaches these links through the indexes.
    expect((await ok(h, `{ person(id: "${p}") { statements { edges { node { date } } } } }`)).person.statements.edges).toEqual([]);

    await h.db.write('test.forget', (run) => run("MATCH (m:Migration) WHERE m.id ENDS WITH '-entity-date' OR m.id = 'migration:statement-self' DETACH DELETE m"));
    await applySchema(h.db);
    expect(await h.db.read('test.links', OUT_OF_STEP, { ids })).toEqual([]);
    expect((await ok(h, `{ person(id: "${p}") { statements { edges { node { date } } } } }`)).person.statements.edges).toEqual([{ node: { date: '2021-01-01' } }]);
    const migrations = await h.db.read('test.migrations', "MATCH (m:Migration) WHERE m.id ENDS WITH '-entity-date' RETURN m.id AS id ORDER BY id");
    expect(migrations.map((m) => m.id)).toEqual(['about', 'mentions', 'published_by', 'said'].map((type) => `migration:${type}-entity-date`));
    expect(await speakersOf()).toEqual([{ count: 1, speaker: { id: p } }]);
  });
});

/** `count` articles by one source, each mentioning one person who says one thing about one topic. */
function busyEntities(t: string, name: string, count: number): ArticleDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    const checked = validateDocument({
      title: `${name} day ${i} ${t}`, source: `${name} Times ${t}`, publishedAt: day,
      entities: [
        { ref: 'p', type: 'PERSON', name: `${name} ${t}` },
        { ref: 'k', type: 'TOPIC', name: `${name} topic ${t}` },
        { ref: 'c', type: 'PERSON', name: `${name} critic ${t}` },
      ],
      // The person speaks, and is spoken about, every day.
      statements: [
        { speaker: 'p', text: `${name} remark ${i} ${t}`, about: ['k'] },
        { speaker: 'c', text: `${name} critic's reply ${i} ${t}`, about: ['p'] },
      ],
      mentions: ['p', 'k'],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return checked.document;
  });
}

describe('a page of an entity with many statements and articles', () => {
  it('costs Neo4j about what the same page costs for an entity with few', async () => {
    const t = uniqueTag();
    const [few, many] = [15, 150];
    await withLoader(async (db) => {
      await ingestDocuments(db, busyEntities(t, 'Quiet', few));
      await ingestDocuments(db, busyEntities(t, 'Busy', many));
    });
    await settlePlanner(h);
    const ids = await h.db.read('test.ids', 'MATCH (e:Entity) WHERE e.name ENDS WITH $t RETURN e.name AS name, e.id AS id', { t });
    const id = (name: string) => ids.find((r) => r.name === name)!.id as string;
    const pages = (name: string) => [
      `{ person(id: "${id(`${name} ${t}`)}") { statements(first: 5) { edges { node { text } } pageInfo { hasNextPage } } mentionedIn(first: 5) { edges { node { title } } } } }`,
      `{ topic(id: "${id(`${name} topic ${t}`)}") { statementsAbout(first: 5) { edges { node { text } } } } }`,
      `{ organisation(id: "${id(`${name} Times ${t}`)}") { published(first: 5) { edges { node { title } } } } }`,
      `{ timeline(entity: "${id(`${name} ${t}`)}", first: 5, order: NEWEST_FIRST) { edges { role node { text } } pageInfo { hasNextPage } } }`,
      `{ statements(filter: { speaker: "${id(`${name} ${t}`)}", from: "2020-01-01" }, first: 5) { edges { node { text } } } }`,
      `{ articles(filter: { mentioning: "${id(`${name} topic ${t}`)}" }, first: 5) { edges { node { title } } } }`,
      // Not an index of dates, but kept at write time too (entity/connections.ts): one link, however many articles.
      `{ person(id: "${id(`${name} ${t}`)}") { network(first: 5) { weight firstSeen lastSeen entity { name } } } }`,
      `{ topSpeakers(about: "${id(`${name} topic ${t}`)}", first: 5) { count firstDate lastDate speaker { name } } }`,
      // About a prolific speaker: what they said about themselves comes from an index, not from all they said.
      `{ topSpeakers(about: "${id(`${name} ${t}`)}", first: 5) { count speaker { name } } }`,
    ];
    const [quiet, busy] = [pages('Quiet'), pages('Busy')];
    for (let i = 0; i < quiet.length; i++) {
      const [small, large] = [await dbHits(h, quiet[i]!), await dbHits(h, busy[i]!)];
      // Reading the items to sort them costs at least one hit per item (an index entry, a label, an id), so ten
      // times the items would cost 135 more hits at the least (916 against 106 for the first page without the
      // index order). Statistics moved by the other test files' writes can change the plan a little between the
      // two runs (70 and 118 hits were seen once), hence no tighter bound.
      expect(large, `${busy[i]}: ${small} db hits with ${few} items, ${large} with ${many}`).toBeLessThan(small + (many - few));
    }
    // And the pages are the newest: the busy person's last five days.
    const { person } = await ok(h, `{ person(id: "${id(`Busy ${t}`)}") { statements(first: 5) { edges { node { text } } pageInfo { hasNextPage } } } }`);
    expect(person.statements.edges.map((e: any) => e.node.text)).toEqual([149, 148, 147, 146, 145].map((i) => `Busy remark ${i} ${t}`));
    expect(person.statements.pageInfo.hasNextPage).toBe(true);
  });
});

describe('date filters', () => {
  it("compare a statement's and an article's own day, in the offset they were recorded in", async () => {
    const t = uniqueTag();
    // 00:30 on 1 January in Karachi is still 31 December in UTC.
    const loaded = await ingest({
      title: `New year ${t}`, publishedAt: '2023-01-01T00:30:00+05:00',
      entities: [{ ref: 'p', type: 'PERSON', name: `Early Riser ${t}` }],
      statements: [{ speaker: 'p', text: `First words of the year ${t}` }], mentions: ['p'],
    });
    const p = loaded.entity(`Early Riser ${t}`);
    const count = async (from: string, to: string) => {
      const data = await ok(h, `query ($p: ID!, $from: Date, $to: Date) {
        statements(filter: { speaker: $p, from: $from, to: $to }) { totalCount edges { node { date } } }
        timeline(entity: $p, from: $from, to: $to) { totalCount }
        articles(filter: { mentioning: $p, from: $from, to: $to }) { totalCount }
        all: articles(filter: { from: $from, to: $to }, first: 100) { edges { node { id } } } }`, { p, from, to });
      expect(data.statements.edges.map((e: any) => e.node.date)).toEqual(data.statements.totalCount ? ['2023-01-01'] : []);
      const inAll = data.all.edges.some((e: any) => e.node.id === loaded.article) ? 1 : 0;
      return [data.statements.totalCount, data.timeline.totalCount, data.articles.totalCount, inAll];
    };
    expect(await count('2022-12-31', '2022-12-31')).toEqual([0, 0, 0, 0]);
    expect(await count('2023-01-01', '2023-01-01')).toEqual([1, 1, 1, 1]);
    expect(await count('2022-12-01', '2023-01-01')).toEqual([1, 1, 1, 1]);
    expect(await count('2023-01-02', '2023-02-01')).toEqual([0, 0, 0, 0]);
  });

  it('count what lies in range, by parts, exactly at the edges of the widest offsets', async () => {
    // totalCount adds up the instants surely in range and the two ends, where each local day is checked
    // (graph/days.ts). Each day below has items at the first and last minute of its local day in +14:00 and -12:00,
    // the instants where the parts meet and where the seeks stop, and one dated on its own day (midnight UTC).
    const t = uniqueTag();
    const days = ['2023-03-10', '2023-03-11', '2023-03-12'];
    const times = ['T00:00:00+14:00', 'T23:59:00+14:00', 'T00:00:00-12:00', 'T23:59:00-12:00', 'T12:00:00Z'];
    const entities = [{ ref: 'p', type: 'PERSON', name: `Edge Walker ${t}` }];
    const items = days.flatMap((day) => [
      ...times.map((time, i) => ({ day, publishedAt: `${day}${time}`, saidOn: undefined, n: i })),
      { day, publishedAt: `${day}T12:00:00Z`, saidOn: day, n: times.length },
    ]);
    const documents = items.map(({ day, publishedAt, saidOn, n }) => {
      const statement = { speaker: 'p', text: `Edge ${day} ${n} ${t}`, ...(saidOn ? { saidOn } : {}) };
      const checked = validateDocument({ title: `Edge ${day} ${n} ${t}`, publishedAt, entities, statements: [statement], mentions: ['p'] });
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return checked.document;
    });
    const written = await withLoader((db) => ingestDocuments(db, documents));
    const p = written.entities[0]!.id;
    // Over the whole graph, other files' items may fall in range too: counted here one by one, on their local day.
    const counted = async (label: 'Statement' | 'Article', property: string, from: string | null, to: string | null) => {
      const [row] = await h.db.read('test.days', `MATCH (n:${label}) WHERE ($from IS NULL OR date(n.${property}) >= date($from))
        AND ($to IS NULL OR date(n.${property}) <= date($to)) RETURN count(n) AS n`, { from, to });
      return Number(row!.n);
    };

    const ends = ['2023-03-09', ...days, '2023-03-13'];
    const windows = [
      ...ends.flatMap((from) => ends.map((to) => ({ from, to }))),
      ...ends.flatMap((day) => [{ from: day, to: null }, { from: null, to: day }]),
    ];
    for (const { from, to } of windows) {
      const inRange = items.filter(({ day }) => (from === null || day >= from) && (to === null || day <= to)).length;
      const data = await ok(h, `query ($p: ID!, $from: Date, $to: Date) {
        bySpeaker: statements(filter: { speaker: $p, from: $from, to: $to }, first: 100) { totalCount edges { node { id } } }
        mentioning: articles(filter: { mentioning: $p, from: $from, to: $to }, first: 100) { totalCount edges { node { id } } }
        timeline(entity: $p, from: $from, to: $to, first: 100) { totalCount edges { date } }
        statements(filter: { from: $from, to: $to }, first: 1) { totalCount }
        articles(filter: { from: $from, to: $to }, first: 1) { totalCount } }`, { p, from, to });
      const window = `from ${from} to ${to}`;
      expect(data.bySpeaker.totalCount, window).toBe(inRange);
      expect(data.bySpeaker.edges, window).toHaveLength(inRange);
      expect(data.mentioning.totalCount, window).toBe(inRange);
      expect(data.mentioning.edges, window).toHaveLength(inRange);
      expect(data.timeline.totalCount, window).toBe(inRange);
      expect(data.timeline.edges, window).toHaveLength(inRange);
      expect(data.statements.totalCount, window).toBe(await counted('Statement', 'at', from, to));
      expect(data.articles.totalCount, window).toBe(await counted('Article', 'publishedAt', from, to));
    }
  });
});
