import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { fold } from '../../src/common/text.js';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';
import { startOwnNeo4j } from './own-neo4j.js';

// Behaviour on a generated corpus, in a database of its own so that every expected count can be worked out from
// the documents alone (entities are keyed by type and name: the corpus spells each entity the same way).
const docs = generateCorpus({ articles: 300, seed: 5 });
let h: Harness;
let stop: () => Promise<void>;
beforeAll(async () => {
  const own = await startOwnNeo4j('corpus', 3);
  stop = own.stop;
  h = await startHarness(own.uri);
  await withLoader(async (db) => {
    for (let i = 0; i < docs.length; i += 100) await ingestDocuments(db, docs.slice(i, i + 100));
  }, own.uri);
}, 300_000);
afterAll(async () => {
  await h?.close();
  await stop?.();
});

function valid(value: unknown): ArticleDocument {
  const checked = validateDocument(value);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.document;
}

const TYPENAME = { PERSON: 'Person', ORGANISATION: 'Organisation', TOPIC: 'Topic' } as const;
const key = (type: string, name: string) => `${type}|${fold(name)}`;
const refKey = (doc: ArticleDocument, ref: string) => {
  const e = doc.entities.find((x) => x.ref === ref)!;
  return key(TYPENAME[e.type], e.name);
};
/** A statement's date: when said, else its article's day. */
const statementDay = (doc: ArticleDocument, s: ArticleDocument['statements'][number]) => s.saidOn ?? doc.publishedAt.slice(0, 10);

async function idOf(type: string, name: string): Promise<string> {
  const [row] = await h.db.read('test.id', 'MATCH (e:Entity {nameKey: $k}) WHERE $label IN labels(e) RETURN e.id AS id', { k: fold(name), label: type });
  return row!.id as string;
}

/** The speaker with the given rank by number of statements. */
function speakerRanked(rank: number): { type: string; name: string } {
  const counts = new Map<string, { type: string; name: string; n: number }>();
  for (const d of docs) {
    for (const s of d.statements) {
      const e = d.entities.find((x) => x.ref === s.speaker)!;
      const k = key(TYPENAME[e.type], e.name);
      counts.set(k, { type: TYPENAME[e.type], name: e.name, n: (counts.get(k)?.n ?? 0) + 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[rank]!;
}

describe('network weights', () => {
  it('equal the co-mentions and statements counted in the documents', async () => {
    const centre = speakerRanked(5);
    const c = key(centre.type, centre.name);
    const expected = new Map<string, { co: number; by: number; about: number }>();
    const bump = (k: string, field: 'co' | 'by' | 'about') => {
      if (k === c) return;
      const row = expected.get(k) ?? { co: 0, by: 0, about: 0 };
      row[field]++;
      expected.set(k, row);
    };
    for (const d of docs) {
      const mentioned = new Set(d.mentions.map((r) => refKey(d, r)));
      if (mentioned.has(c)) mentioned.forEach((k) => bump(k, 'co'));
      for (const s of d.statements) {
        const speaker = refKey(d, s.speaker);
        const about = new Set(s.about.map((r) => refKey(d, r)));
        if (speaker === c) about.forEach((k) => bump(k, 'by'));
        if (about.has(c)) bump(speaker, 'about');
      }
    }
    const { data, errors } = await h.execute(`{ node(id: "${await idOf(centre.type, centre.name)}") { ... on Entity {
      network(first: 100) { weight coMentions statementsBy statementsAbout entity { __typename name } } } } }`);
    expect(errors).toBeUndefined();
    const actual = data!.node.network.map((l: any) => ({ k: key(l.entity.__typename, l.entity.name), co: l.coMentions, by: l.statementsBy, about: l.statementsAbout, weight: l.weight }));
    const wanted = [...expected]
      .map(([k, v]) => ({ k, ...v, weight: v.co + v.by + v.about }))
      .sort((a, b) => b.weight - a.weight);
    expect(actual.length).toBe(Math.min(100, wanted.length));
    expect(actual.map((a: any) => a.weight)).toEqual(wanted.slice(0, actual.length).map((w) => w.weight));
    for (const a of actual) expect(a).toEqual(wanted.find((w) => w.k === a.k));
  });
});

describe('timeline', () => {
  it("holds exactly the centre's statements by and about it within the dates, in date order", async () => {
    const centre = speakerRanked(2);
    const c = key(centre.type, centre.name);
    const [from, to] = ['2021-01-01', '2022-12-31'];
    const expected = docs.flatMap((d) =>
      d.statements
        .filter((s) => refKey(d, s.speaker) === c || s.about.some((r) => refKey(d, r) === c))
        .map((s) => ({ day: statementDay(d, s), text: s.text }))
        .filter((s) => s.day >= from && s.day <= to),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(100);
    const id = await idOf(centre.type, centre.name);
    const { data, errors } = await h.execute(`{ timeline(entity: "${id}", from: "${from}", to: "${to}", first: 100) { totalCount edges { date node { text } } } }`);
    expect(errors).toBeUndefined();
    const edges = data!.timeline.edges;
    expect(data!.timeline.totalCount).toBe(expected.length);
    expect(edges.map((e: any) => e.date)).toEqual([...edges.map((e: any) => e.date)].sort());
    expect(edges.map((e: any) => e.node.text).sort()).toEqual(expected.map((s) => s.text).sort());
  });
});

describe('paths', () => {
  const TYPES = ['SAID', 'ABOUT', 'REPORTED_IN', 'MENTIONS', 'PUBLISHED_BY', 'WROTE', 'AFFILIATED_WITH', 'RESPONDS_TO'];

  /** Breadth-first search over every relationship, ignoring direction: distance and number of shortest paths. */
  async function shortest(from: string, to: string) {
    const rows = await h.db.read('test.edges', 'MATCH (a)-[r]->(b) WHERE type(r) IN $types RETURN a.id AS a, type(r) AS t, b.id AS b', { types: TYPES });
    const next = new Map<string, string[]>();
    const link = (x: string, y: string) => next.set(x, [...(next.get(x) ?? []), y]);
    for (const r of rows as { a: string; b: string }[]) (link(r.a, r.b), link(r.b, r.a));
    const dist = new Map([[from, 0]]);
    const ways = new Map([[from, 1]]);
    const queue = [from];
    while (queue.length) {
      const x = queue.shift()!;
      for (const y of next.get(x) ?? []) {
        if (!dist.has(y)) (dist.set(y, dist.get(x)! + 1), ways.set(y, 0), queue.push(y));
        if (dist.get(y) === dist.get(x)! + 1) ways.set(y, ways.get(y)! + ways.get(x)!);
      }
    }
    // Every shortest path as the ids along it, once per way to walk it (two relationships between the same nodes
    // are two paths), walked back from `to` through nodes one hop nearer `from`.
    const walk = (y: string): string[][] =>
      y === from ? [[from]] : (next.get(y) ?? []).filter((x) => dist.get(x) === dist.get(y)! - 1).flatMap((x) => walk(x).map((p) => [...p, y]));
    const all = () => (dist.has(to) ? walk(to) : []);
    return { hops: dist.get(to), count: ways.get(to) ?? 0, all, edges: new Set((rows as { a: string; t: string; b: string }[]).map((r) => `${r.a}|${r.t}|${r.b}`)) };
  }

  /** Lists of ids in order: element by element, a list before the longer ones it begins. */
  const byIds = (x: string[], y: string[]) => {
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return x.length - y.length;
  };

  it('returns only paths that exist, all of the shortest length, and as many as there are up to first', async () => {
    const a = await idOf(speakerRanked(0).type, speakerRanked(0).name);
    for (const rank of [1, 7, 15]) {
      const b = await idOf(speakerRanked(rank).type, speakerRanked(rank).name);
      const truth = await shortest(a, b);
      const { data, errors } = await h.execute(`{ paths(from: "${a}", to: "${b}", maxHops: 6, first: 20) { length steps { relationship direction node { id } } } }`);
      expect(errors).toBeUndefined();
      const paths = data!.paths;
      expect(paths.length).toBe(Math.min(20, truth.count));
      for (const p of paths) {
        expect(p.length).toBe(truth.hops);
        expect(p.steps[0].node.id).toBe(a);
        expect(p.steps.at(-1).node.id).toBe(b);
        for (let i = 1; i < p.steps.length; i++) {
          const [x, y] = [p.steps[i - 1].node.id, p.steps[i].node.id];
          const [start, end] = p.steps[i].direction === 'FORWARD' ? [x, y] : [y, x];
          expect(truth.edges.has(`${start}|${p.steps[i].relationship}|${end}`)).toBe(true);
        }
      }
      expect(new Set(paths.map((p: any) => JSON.stringify(p.steps))).size).toBe(paths.length);
    }
  });

  it('returns the first of the shortest paths in order of the ids along them, however many there are', async () => {
    // Pairs of speakers by rank: the busiest with others two hops away, and less prominent ones four hops apart,
    // joined by tens to hundreds of shortest paths, where the paths are narrowed node by node before the sort.
    const pairs = [[0, 1], [0, 7], [0, 50], [20, 55], [20, 60], [30, 55], [30, 60], [40, 80]];
    let beyondTwoHops = 0;
    for (const [x, y] of pairs) {
      const [a, b] = [await idOf(speakerRanked(x!).type, speakerRanked(x!).name), await idOf(speakerRanked(y!).type, speakerRanked(y!).name)];
      const truth = await shortest(a, b);
      if (truth.count > 20_000) continue;
      const ordered = truth.all().sort(byIds);
      for (const first of [1, 3, 20]) {
        const { data, errors } = await h.execute(`{ paths(from: "${a}", to: "${b}", maxHops: 6, first: ${first}) { steps { node { id } } } }`);
        expect(errors).toBeUndefined();
        expect(data!.paths.map((p: any) => p.steps.map((s: any) => s.node.id))).toEqual(ordered.slice(0, first));
        // Where the paths outnumber those asked for, the ones returned must be the first, not any.
        if (truth.count > first && truth.hops! >= 3) beyondTwoHops++;
      }
    }
    expect(beyondTwoHops).toBeGreaterThanOrEqual(10);
  });

  it('returns no path when none is short enough', async () => {
    const a = await idOf(speakerRanked(0).type, speakerRanked(0).name);
    const b = await idOf(speakerRanked(15).type, speakerRanked(15).name);
    const truth = await shortest(a, b);
    const { data } = await h.execute(`{ paths(from: "${a}", to: "${b}", maxHops: ${truth.hops! - 1}) { length } }`);
    expect(data!.paths).toEqual([]);
  });
});

describe('search', () => {
  it('finds a person written with accents from plain letters and a typo', async () => {
    const accented = docs.flatMap((d) => d.entities).find((e) => e.type === 'PERSON' && /[çïë]/.test(e.name))!;
    const typed = fold(accented.name).replace(/.$/, '');
    const { data, errors } = await h.execute('query ($q: String!) { search(query: $q, types: [PERSON], first: 3) { node { ... on Person { name } } } }', { q: typed });
    expect(errors).toBeUndefined();
    expect(data!.search.map((hit: any) => hit.node.name)).toContain(accented.name);
  });
});

describe('keyset pagination while articles are being added', () => {
  it('never repeats or skips a statement that was there when the walk began', async () => {
    const topic = docs.flatMap((d) => d.entities).find((e) => e.type === 'TOPIC')!;
    const id = await idOf('Topic', topic.name);
    const page = `query ($after: String) { statements(filter: { about: "${id}" }, first: 10, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const before = (await h.db.read('test.before', 'MATCH (s:Statement)-[:ABOUT]->(:Topic {id: $id}) RETURN s.id AS id', { id })).map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const result: any = await h.execute(page, { after });
      seen.push(...result.data.statements.edges.map((e: any) => e.node.id));
      if (i === 0) {
        // New statements about the topic, both newer and older than anything listed so far.
        const add = (day: string, n: number) => ({
          title: `Late news ${n}`, publishedAt: day,
          entities: [{ ref: 's', type: 'PERSON', name: 'Late Speaker' }, { ref: 't', type: 'TOPIC', name: topic.name }],
          statements: [{ speaker: 's', text: `Late remark ${n}`, about: ['t'] }], mentions: ['t'],
        });
        await ingestDocuments(h.db, [add('2030-01-01', 1), add('1990-01-01', 2)].map(valid));
      }
      if (!result.data.statements.pageInfo.hasNextPage) break;
      after = result.data.statements.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Enough statements for several pages, and every one of them seen.
    expect(before.length).toBeGreaterThan(20);
    expect(seen).toEqual(expect.arrayContaining(before));
  });
});
