import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../src/common/ids.js';
import { slug } from '../../src/common/text.js';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { IngestQueue } from '../../src/ingest/group.js';
import { onIngest } from '../../src/ingest/ingest.js';
import { uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** An article of its own people, plus a shared person `with` (created by whichever article is written first). */
function article(t: string, n: number, withPerson?: string): ArticleDocument {
  const entities = [
    { ref: 'p', type: 'PERSON', name: `Speaker ${n} ${t}` },
    { ref: 'topic', type: 'TOPIC', name: `Topic ${n} ${t}` },
    ...(withPerson ? [{ ref: 'shared', type: 'PERSON', name: withPerson }] : []),
  ];
  const checked = validateDocument({
    url: `https://group.example/${t}/${n}`, title: `Article ${n} ${t}`, publishedAt: `2023-05-${String(n + 1).padStart(2, '0')}`, source: `Wire ${t}`,
    entities, mentions: entities.map((e) => e.ref),
    statements: [{ speaker: 'p', text: `Statement ${n} ${t}`, about: ['topic', ...(withPerson ? ['shared'] : [])] }],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.document;
}

/** The articles of each committed transaction through the harness's database while `work` runs. */
async function batchesDuring(work: () => Promise<unknown>): Promise<number[]> {
  const sizes: number[] = [];
  const stop = onIngest(h.db, (result) => sizes.push(result.articles.length));
  try {
    await work();
  } finally {
    stop();
  }
  return sizes;
}

describe('articles sent to the API at once', () => {
  it('are written together while another write runs, each told what it wrote as if written in turn', async () => {
    const t = uniqueTag();
    const queue = new IngestQueue(h.db);
    const shared = `Shared ${t}`;
    let results: Awaited<ReturnType<IngestQueue['ingest']>>[] = [];
    const batches = await batchesDuring(async () => {
      // The first starts a transaction at once; the next four arrive while it runs, and wait for the next one.
      results = await Promise.all([article(t, 0), ...[1, 2, 3, 4].map((n) => article(t, n, shared))].map((a) => queue.ingest(a)));
    });
    expect(batches).toEqual([1, 4]);
    expect(results.map((r) => r.articles.map((a) => a.created))).toEqual([[true], [true], [true], [true], [true]]);
    // The shared person: created by the first article of the group that names it, matched by the others.
    const sharedId = makeId('Person', slug(shared));
    expect(results.slice(1).map((r) => r.entities.find((e) => e.id === sharedId)?.created)).toEqual([true, false, false, false]);
    // Each article is told of its own entities and statements only.
    expect(results.map((r) => r.entities.length)).toEqual([3, 4, 4, 4, 4]);
    expect(results.map((r) => r.statements.length)).toEqual([1, 1, 1, 1, 1]);
    const [row] = await h.db.read('test.group', 'MATCH (p:Person {name: $name}) RETURN count(p) AS n, COUNT { (p)<-[:MENTIONS]-() } AS mentioned', { name: shared });
    expect(row).toEqual({ n: 1, mentioned: 4 });
  });

  it('the same article twice at once: written once, created for the first and matched for the second', async () => {
    const t = uniqueTag();
    const queue = new IngestQueue(h.db);
    const [, first, second] = await Promise.all([queue.ingest(article(t, 0)), queue.ingest(article(t, 1)), queue.ingest(article(t, 1))]);
    expect([first!.articles[0]!.created, second!.articles[0]!.created]).toEqual([true, false]);
    expect([first!.statements[0]!.created, second!.statements[0]!.created]).toEqual([true, false]);
    const [row] = await h.db.read('test.group', 'MATCH (a:Article {url: $url}) RETURN count(a) AS n', { url: `https://group.example/${t}/1` });
    expect(row).toEqual({ n: 1 });
  });

  it('one article the database refuses fails alone: the others of its group are written, and nothing of it', async () => {
    const t = uniqueTag();
    const queue = new IngestQueue(h.db);
    const refused = article(t, 2);
    // A stray node holding the id the refused article's topic would get: the Entity id constraint refuses it.
    const decoy = makeId('Topic', slug(`Topic 2 ${t}`));
    await h.db.write('test.decoy', (run) => run('CREATE (:Entity {id: $id})', { id: decoy }));
    try {
      let outcomes: PromiseSettledResult<unknown>[] = [];
      const batches = await batchesDuring(async () => {
        outcomes = await Promise.allSettled([article(t, 0), article(t, 1), refused, article(t, 3)].map((a) => queue.ingest(a)));
      });
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      // Refused by the same node again when tried alone: the database's own error, not a conflict worth retrying.
      expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
      // The first alone; the group of three refused whole, then its articles one by one.
      expect(batches).toEqual([1, 1, 1]);
      const rows = await h.db.read(
        'test.group',
        'UNWIND range(0, 3) AS n RETURN n, EXISTS { MATCH (:Article {url: $prefix + n}) } AS article, EXISTS { MATCH (:Person {name: "Speaker " + n + " " + $t}) } AS speaker ORDER BY n',
        { prefix: `https://group.example/${t}/`, t },
      );
      expect(rows.map((r) => [r.article, r.speaker])).toEqual([[true, true], [true, true], [false, false], [true, true]]);
    } finally {
      await h.db.write('test.decoy', (run) => run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: decoy }));
    }
  });
});

describe('a full queue', () => {
  it('refuses what does not fit with SERVICE_UNAVAILABLE, and writes what it took', async () => {
    const t = uniqueTag();
    const queue = new IngestQueue(h.db, { maxWaiting: 2 });
    // The first is being written (not waiting), the next two wait, the fourth finds the queue full.
    const outcomes = await Promise.allSettled([0, 1, 2, 3].map((n) => queue.ingest(article(t, n))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    const [row] = await h.db.read('test.group', 'MATCH (a:Article) WHERE a.url STARTS WITH $prefix RETURN count(a) AS n', { prefix: `https://group.example/${t}/` });
    expect(row).toEqual({ n: 3 });
    // Once it has drained, it takes articles again.
    await expect(queue.ingest(article(t, 3))).resolves.toMatchObject({ articles: [{ created: true }] });
  });

  it('counts the text waiting too: a large article waits alone', async () => {
    const t = uniqueTag();
    const queue = new IngestQueue(h.db, { maxWaitingChars: 5_000 });
    const large = { ...article(t, 2), body: 'x'.repeat(6_000) };
    const outcomes = await Promise.allSettled([article(t, 0), article(t, 1), large, article(t, 3)].map((a) => queue.ingest(a)));
    // The second waits; the large one would take the waiting text past the limit; the fourth fits beside the second.
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    await expect(queue.ingest(large)).resolves.toMatchObject({ articles: [{ created: true }] });
  });
});

describe('ingestArticle under concurrency', () => {
  it('answers every one of a burst of mutations with its own outcome', async () => {
    const t = uniqueTag();
    const shared = `Shared ${t}`;
    const INGEST = `mutation ($input: ArticleInput!) { ingestArticle(input: $input) { outcome article { title } entities { outcome entity { name } } } }`;
    const inputs = [0, 1, 2, 3, 4, 5].map((n) => article(t, n, shared));
    const answers = await Promise.all(inputs.map((input) => h.write(INGEST, { input })));
    expect(answers.map((a) => a.errors)).toEqual(Array(6).fill(undefined));
    expect(answers.map((a) => a.data!.ingestArticle.article.title)).toEqual(inputs.map((i) => i.title));
    expect(answers.map((a) => a.data!.ingestArticle.outcome)).toEqual(Array(6).fill('CREATED'));
    const sharedOutcomes = answers.map((a) => a.data!.ingestArticle.entities.find((e: any) => e.entity.name === shared).outcome);
    expect(sharedOutcomes.filter((o: string) => o === 'CREATED')).toHaveLength(1);
  });
});
