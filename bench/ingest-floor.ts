/**
 * The ingestion floor: the least a loader pays to put the benchmark corpus into this schema, as hand-written
 * Cypher. Each batch, in one transaction: entities merged by the id planned from their name (no resolution against
 * names and aliases already in the graph), articles and statements created when their id is new, and the links of
 * what was created (CREATE, like the project's loader), affiliations merged. It keeps what any loader must: one
 * transaction per batch, identity by uniqueness constraint, a re-load adding nothing, the same indexes (the
 * full-text index of names, statements, titles and bodies included). It leaves out everything the read side
 * keeps at write time: connections and their ranks, day counts, name keys, dates and entity ids on the links,
 * evidence, article versions. So `npm run ingest` against it is the price of those, and the floor's rate is what
 * this machine allows for the corpus at all.
 */
import type { Database } from '../src/db/database.js';
import type { ArticleDocument } from '../src/ingest/document.js';
import { type PlannedBatch, planBatch } from '../src/ingest/ingest.js';
import { planArticle } from '../src/ingest/plan.js';

const ENTITIES = (label: string) => `
UNWIND $rows AS r
MERGE (n:Entity:${label} {id: r.id}) ON CREATE SET n.name = r.name, n.aliases = r.aliases
RETURN r.id AS id, elementId(n) AS node`;

const ARTICLES = `
UNWIND $rows AS r
OPTIONAL MATCH (old:Article {id: r.id})
WITH r WHERE old IS NULL
CREATE (a:Article {id: r.id, url: r.url, title: r.title, publishedAt: datetime(r.publishedAt), language: r.language, body: r.body})
RETURN r.id AS id, elementId(a) AS node`;

/** Every statement of the batch, created or found: a new article may report one that an earlier article did. */
const STATEMENTS = `
UNWIND $rows AS r
OPTIONAL MATCH (old:Statement {id: r.id})
FOREACH (_ IN CASE WHEN old IS NULL THEN [1] ELSE [] END |
  CREATE (:Statement {id: r.id, text: r.text, kind: r.kind, quote: r.quote, at: datetime(r.at)}))
WITH r, old IS NULL AS created
MATCH (s:Statement {id: r.id})
RETURN r.id AS id, elementId(s) AS node, created`;

/** Links of one type between nodes written by this batch, by element id. */
const LINKS = (type: string) => `
UNWIND $rows AS r
MATCH (x) WHERE elementId(x) = r[0]
MATCH (y) WHERE elementId(y) = r[1]
CREATE (x)-[:${type}]->(y)`;

const AFFILIATIONS = `
UNWIND $rows AS r
MATCH (p) WHERE elementId(p) = r.person
MATCH (o) WHERE elementId(o) = r.organisation
MERGE (p)-[f:AFFILIATED_WITH {roleKey: r.roleKey}]->(o) ON CREATE SET f.role = r.role`;

const LABELS = ['Person', 'Organisation', 'Topic'] as const;

/**
 * Loads `docs` in transactions of `size`, one after the other, the next batch planned while one is written (as
 * `npm run ingest` does); `afterBatch` gets each batch's time.
 */
export async function floorLoad(db: Database, docs: readonly ArticleDocument[], size: number, afterBatch: (ms: number) => void): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  let started = performance.now();
  for (let i = 0; i < docs.length; i += size) {
    const planned = planBatch(docs.slice(i, i + size).map(planArticle));
    await writing;
    writing = floorBatch(db, planned).then(() => {
      const now = performance.now();
      afterBatch(now - started);
      started = now;
    });
  }
  await writing;
}

/** Writes one planned batch the floor's way (see the top). */
async function floorBatch(db: Database, { plans, candidates, statements }: PlannedBatch): Promise<void> {
  await db.write('floor.batch', async (run) => {
    const byLabel = (label: string) => [...new Map(candidates.filter((c) => c.label === label).map((c) => [c.newId, c])).values()];
    const [entityRows, articleRows, statementRows] = await Promise.all([
      Promise.all(LABELS.map((label) => run<{ id: string; node: string }>(ENTITIES(label), { rows: byLabel(label).map((c) => ({ id: c.newId, name: c.name, aliases: c.aliases })) }))),
      run<{ id: string; node: string }>(ARTICLES, { rows: plans.map(({ id, url, title, publishedAt, language, body }) => ({ id, url, title, publishedAt, language, body })) }),
      run<{ id: string; node: string; created: boolean }>(STATEMENTS, {
        rows: statements.map((s) => ({ id: s.id, text: s.text, kind: s.kind, quote: s.quote, at: s.saidOn ?? s.reports[0]!.publishedAt })),
      }),
    ]);
    const entityNode = new Map(entityRows.flat().map((e) => [e.id, e.node]));
    const newId = new Map(candidates.map((c) => [c.key, c.newId]));
    const entity = (key: string) => entityNode.get(newId.get(key)!)!;
    const article = new Map(articleRows.map((a) => [a.id, a.node]));
    const statement = new Map(statementRows.map((s) => [s.id, s]));

    const links: Record<string, [string, string][]> = { PUBLISHED_BY: [], WROTE: [], MENTIONS: [], REPORTED_IN: [], SAID: [], ABOUT: [], RESPONDS_TO: [] };
    const affiliations: Record<string, unknown>[] = [];
    for (const p of plans) {
      const a = article.get(p.id);
      if (!a) continue;
      if (p.source) links.PUBLISHED_BY!.push([a, entity(p.source)]);
      for (const key of p.authors) links.WROTE!.push([entity(key), a]);
      for (const key of p.mentions) links.MENTIONS!.push([a, entity(key)]);
      for (const f of p.affiliations) affiliations.push({ person: entity(f.person), organisation: entity(f.organisation), roleKey: f.roleKey, role: f.role });
    }
    for (const s of statements) {
      const { node: st, created } = statement.get(s.id)!;
      for (const r of s.reports) if (article.has(r.article)) links.REPORTED_IN!.push([st, article.get(r.article)!]);
      if (!created) continue;
      for (const key of s.speakers) links.SAID!.push([entity(key), st]);
      for (const key of s.about) links.ABOUT!.push([st, entity(key)]);
      for (const id of s.respondsTo) links.RESPONDS_TO!.push([st, statement.get(id)!.node]);
    }
    await Promise.all([
      ...Object.entries(links).filter(([, rows]) => rows.length).map(([type, rows]) => run(LINKS(type), { rows })),
      affiliations.length && run(AFFILIATIONS, { rows: affiliations }),
    ]);
  });
}
