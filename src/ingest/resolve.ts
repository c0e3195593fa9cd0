import { ENTITY_LABELS } from '../common/ids.js';
import type { Runner } from '../db/database.js';
import { KEEP_PLAN } from './cypher.js';
import { collisionId, type EntityCandidate } from './plan.js';

/**
 * ingest.resolve.<Label>: the existing entities each candidate could be. The candidate's name is looked up
 * among every name and alias (`nameKeys`, `|name|alias|…|`, text-indexed); its aliases only among primary names
 * (`nameKey`, range-indexed): two people who merely share an alias ("Saleh") are not one person. An entity with
 * another Wikidata id is never a candidate by name. Labels come from the closed list ENTITY_LABELS.
 */
const resolveQuery = (label: (typeof ENTITY_LABELS)[number]) => `${KEEP_PLAN}
UNWIND $rows AS e
CALL (e) {
  OPTIONAL MATCH (w:${label} {wikidataId: e.wikidataId})
  RETURN w.id AS byWikidata LIMIT 1
}
CALL (e) {
  OPTIONAL MATCH (c:${label}) WHERE c.nameKeys CONTAINS e.name AND (e.wikidataId IS NULL OR c.wikidataId IS NULL OR c.wikidataId = e.wikidataId)
  RETURN collect(DISTINCT c.id) AS byName
}
CALL (e) {
  UNWIND e.aliases AS alias
  OPTIONAL MATCH (c:${label} {nameKey: alias}) WHERE e.wikidataId IS NULL OR c.wikidataId IS NULL OR c.wikidataId = e.wikidataId
  RETURN collect(DISTINCT c.id) AS byAlias
}
RETURN e.key AS key, byWikidata, byName, byAlias,
  // One read of the holder of the new id: null when none, else whether its Wikidata id allows it to be this one.
  head(COLLECT { MATCH (h:${label} {id: e.newId}) RETURN e.wikidataId IS NULL OR h.wikidataId IS NULL OR h.wikidataId = e.wikidataId }) AS newIdHolderFits`;

interface Resolution {
  key: string;
  byWikidata: string | null;
  byName: string[];
  byAlias: string[];
  /** Null when no entity holds the new id yet. */
  newIdHolderFits: boolean | null;
}

/**
 * Maps each candidate key to an entity id: the entity with the same Wikidata id; else the one entity whose names
 * or aliases include the candidate's name; else the one whose name is one of its aliases; else a new entity.
 * Runs inside the ingest transaction, so what it reads is what the writes build on.
 */
export async function resolveEntities(run: Runner, candidates: readonly EntityCandidate[]): Promise<Map<string, string>> {
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  // The labels' queries go out together: the transaction runs them one after the other without a round trip between.
  const resolved = await Promise.all(
    ENTITY_LABELS.map((label) => {
      const rows = candidates
        .filter((c) => c.label === label)
        .map((c) => ({ key: c.key, wikidataId: c.wikidataId, name: c.keys[0], aliases: c.keys.slice(1).map((k) => k.slice(1, -1)), newId: c.newId }));
      return rows.length ? run<Resolution>(resolveQuery(label), { rows }) : [];
    }),
  );
  return new Map(resolved.flat().map((r) => [r.key, chooseId(r, byKey.get(r.key)!)]));
}

function chooseId(r: Omit<Resolution, 'key'>, candidate: Parameters<typeof collisionId>[0]): string {
  if (r.byWikidata) return r.byWikidata;
  if (r.byName.length === 1) return r.byName[0]!;
  if (r.byName.length === 0 && r.byAlias.length === 1) return r.byAlias[0]!;
  // Nothing had the name when it was looked up, yet its id is taken now: a concurrent writer created this very entity
  // and committed in between (each read sees the latest commit). Its node is ours; a collision id would duplicate it.
  if (r.byName.length === 0 && r.byAlias.length === 0 && r.newIdHolderFits === true) return candidate.newId;
  // Ambiguous or unknown: a new entity, under an id no same-named entity holds.
  return r.newIdHolderFits === null ? candidate.newId : collisionId(candidate);
}
