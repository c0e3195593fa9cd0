import { randomUUID } from 'node:crypto';
import { Neo4jError } from 'neo4j-driver';
import type { Database } from '../db/database.js';
import {
  ENTITY_LABELS,
  MERGE_AFFILIATIONS,
  MERGE_ARTICLES,
  MERGE_RESPONSES,
  MERGE_STATEMENTS,
  mergeEntities,
  statementRows,
} from './cypher.js';
import type { ArticleDocument } from './document.js';
import { type ArticlePlan, dedupe, planArticle } from './plan.js';

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
const ATTEMPTS = 5;

/**
 * Writes a batch of articles in one transaction: all of them with their entities, statements and links, or
 * none. Two writers creating the same new entity at once collide on its uniqueness constraint; the loser
 * retries and then finds the winner's node, so no entity is ever duplicated.
 */
export async function ingestDocuments(db: Database, documents: readonly ArticleDocument[]): Promise<IngestResult> {
  const plans = documents.map(planArticle);
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeBatch(db, plans);
    } catch (error) {
      if (!(error instanceof Neo4jError && error.code === CONSTRAINT_RACE) || attempt === ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
    }
  }
}

function writeBatch(db: Database, plans: readonly ArticlePlan[]): Promise<IngestResult> {
  const batch = randomUUID();
  const entities = dedupe(plans.flatMap((p) => p.entities));
  const statements = statementRows(plans);
  return db.write('ingest.batch', async (run) => {
    const written: Written[] = [];
    for (const label of ENTITY_LABELS) {
      const rows = entities.filter((e) => e.label === label);
      if (rows.length) written.push(...((await run(mergeEntities(label), { rows, batch })) as unknown as Written[]));
    }
    const articles = (await run(MERGE_ARTICLES, { articles: plans, batch })) as unknown as Written[];
    await run(MERGE_AFFILIATIONS, { rows: plans.flatMap((p) => p.affiliations) });
    const said = (await run(MERGE_STATEMENTS, { rows: statements, batch })) as unknown as Written[];
    await run(MERGE_RESPONSES, { rows: statements.filter((s) => s.respondsTo) });
    return { articles, entities: written, statements: said };
  });
}
