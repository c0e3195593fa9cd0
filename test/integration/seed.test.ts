import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema } from '../../src/db/schema.js';
import { loadSeed } from '../../src/ingest/seed.js';
import { seed } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';
import { graphSnapshot } from './snapshot.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Every test here may run alone: each finds the seed loaded.
  await seed();
});
afterAll(() => h.close());

const snapshot = () => graphSnapshot(h.db);

describe('the seed', () => {
  it('loads idempotently: a second load reports everything matched and leaves the same graph', async () => {
    const before = await snapshot();
    const again = await loadSeed(h.db);
    const created = (rows: { created: boolean }[]) => rows.map((r) => r.created);
    expect(created(again.articles)).toEqual([false]);
    expect(created(again.statements)).toEqual(Array(16).fill(false));
    expect(again.entities.length).toBeGreaterThanOrEqual(19);
    expect(created(again.entities)).toEqual(Array(again.entities.length).fill(false));
    expect(await snapshot()).toEqual(before);
    const [seeded] = await h.db.read('test.seeded', "MATCH (:Article {title: $title})<-[:REPORTED_IN]-(s:Statement) RETURN count(s) AS n", {
      title: 'Imran welcomes audio leak, calls for cypher to also be leaked',
    });
    expect(seeded!.n).toBe(16);
  });

  it('gives every node a stable id with its kind as prefix', async () => {
    // Day counts are no thing of their own but a count kept for an entity, keyed by it (graph/day-counts.ts).
    const rows = await h.db.read('test.ids', 'MATCH (n) WHERE NOT n:Redirect AND NOT n:DayCount RETURN labels(n) AS labels, n.id AS id');
    for (const { labels, id } of rows as { labels: string[]; id: string }[]) {
      const label = labels.find((l) => l !== 'Entity')!;
      expect(id.startsWith(`${label.toLowerCase()}:`)).toBe(true);
    }
  });
});

describe('the graph schema', () => {
  it('applies again without error and holds a uniqueness constraint on every node key', async () => {
    await applySchema(h.db);
    const rows = await h.db.read('test.constraints', 'SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *');
    const unique = rows.filter((r) => r.type === 'UNIQUENESS').map((r) => `${(r.labelsOrTypes as string[])[0]}.${(r.properties as string[])[0]}`);
    expect(unique).toEqual(expect.arrayContaining(['Person.id', 'Organisation.id', 'Topic.id', 'Statement.id', 'Article.id', 'Article.url', 'Entity.id']));
  });

  it('refuses a second node with an existing id', async () => {
    await expect(h.db.write('test.duplicate', (run) => run("CREATE (:Person {id: 'person:imran-khan', name: 'Copy'})"))).rejects.toThrow(/already exists/);
  });

  it('has the full-text index that search uses, online', async () => {
    const rows = await h.db.read('test.indexes', "SHOW INDEXES YIELD name, type, state WHERE type = 'FULLTEXT' RETURN name, state");
    expect(rows).toEqual([{ name: 'text_search', state: 'ONLINE' }]);
  });
});
