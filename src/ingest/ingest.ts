import { Neo4jError } from 'neo4j-driver';
import { ENTITY_LABELS } from '../common/ids.js';
import type { Database } from '../db/database.js';
import { MERGE_AFFILIATIONS, MERGE_ARTICLES, MERGE_RESPONSES, MERGE_STATEMENTS, mergeEntities } from './cypher.js';
import type { ArticleDocument } from './document.js';
import { type ArticlePlan, batchEntities, planArticle } from './plan.js';
import { resolveEntities } from './resolve.js';

export interface Written {
  id: string;
  created: boolean;
}

export interface IngestResult {
  articles: Written[];
  entities: Written[];
  statements: Written[];
}

const CONSTRAINT_RACE = 'Neo.ClientError.Schema.ConstraintValidationFailed';
const ATTEMPTS = 3;

/**
 * Writes a batch of articles in one transaction: all of them with their entities, statements and links, or
 * none. Two writers creating the same new entity at once collide on its uniqueness constraint; the loser
 * retries, then resolves to the winner's node, so no entity is ever duplicated.
 */
export async function ingestDocuments(db: Database, documents: readonly ArticleDocument[]): Promise<IngestResult> {
  // The same article twice in one batch: its last version wins, as it would loaded one after the other.
  const plans = [...new Map(documents.map(planArticle).map((p) => [p.id, p])).values()];
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeBatch(db, plans);
    } catch (error) {
      if (!(error instanceof Neo4jError && error.code === CONSTRAINT_RACE) || attempt === ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt * Math.random()));
    }
  }
}

function writeBatch(db: Database, plans: readonly ArticlePlan[]): Promise<IngestResult> {
  const candidates = batchEntities(plans);
  return db.write('ingest.batch', async (run) => {
    const ids = await resolveEntities(run, candidates);
    const id = (key: string) => ids.get(key)!;
    const entities: Written[] = [];
    for (const label of ENTITY_LABELS) {
      const rows = candidates.filter((c) => c.label === label).map((c) => ({ ...c, id: id(c.key) }));
      if (rows.length) entities.push(...(await run<Written>(mergeEntities(label), { rows })));
    }
    const articles = plans.map(({ entities: _, ...p }) => ({ ...p, source: p.source && id(p.source), authors: p.authors.map(id), mentions: p.mentions.map(id) }));
    const written = await run<Written>(MERGE_ARTICLES, { articles });
    const affiliations = plans.flatMap((p) => p.affiliations).map((a) => ({ ...a, person: id(a.person), organisation: id(a.organisation) }));
    await run(MERGE_AFFILIATIONS, { rows: affiliations });
    const statements = plans.flatMap((p) => p.statements).map((s) => ({ ...s, speaker: id(s.speaker), about: s.about.map(id) }));
    const said = await run<Written>(MERGE_STATEMENTS, { rows: statements });
    await run(MERGE_RESPONSES, { rows: statements.filter((s) => s.respondsTo) });
    return { articles: written, entities: dedupeWritten(entities), statements: dedupeWritten(said) };
  });
}

/** Two candidates resolved to one entity are reported once (created if either write created it). */
function dedupeWritten(rows: Written[]): Written[] {
  const byId = new Map<string, Written>();
  for (const row of rows) byId.set(row.id, { id: row.id, created: row.created || (byId.get(row.id)?.created ?? false) });
  return [...byId.values()];
}
