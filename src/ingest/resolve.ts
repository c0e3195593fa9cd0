import { ENTITY_LABELS } from '../common/ids.js';
import type { Runner } from '../db/database.js';
import { KEEP_PLAN } from '../db/keep-plan.js';
import { collisionId, type EntityCandidate, type EntityLabel } from './plan.js';

/**
 * Entity resolution looks names up by exact key: each folded name and alias of an entity is a `NameKey` node,
 * `(:NameKey {id: 'namekey:person|imran khan'})-[:NAMES]->(entity)`, so "which entities have this name" is one
 * seek on the constraint's index. (A property list is not indexed element by element, and `nameKeys CONTAINS`
 * probes a text index per name, which made resolution the largest cost of a batch.) The entity's `nameKeys`
 * string stays for name filters and search; the two are written together.
 *
 * src/db/schema.ts applies NAME_KEY_SCHEMA (the uniqueness constraint keeps concurrent writers from making one
 * key twice, and its index serves the lookups) and NAME_KEY_MIGRATION (it gives the entities of a graph loaded
 * before name keys theirs).
 */
export const NAME_KEY_SCHEMA = ['CREATE CONSTRAINT name_key_id IF NOT EXISTS FOR (n:NameKey) REQUIRE n.id IS UNIQUE'];

export const NAME_KEY_MIGRATION = {
  id: 'migration:name-keys',
  cypher: `MATCH (n:Entity) WHERE n.nameKeys IS NOT NULL AND NOT EXISTS { (n)<-[:NAMES]-(:NameKey) }
  CALL (n) {
    WITH n, [l IN labels(n) WHERE l IN [${ENTITY_LABELS.map((l) => `'${l}'`).join(', ')}]][0] AS label
    UNWIND [k IN split(n.nameKeys, '|') WHERE k <> ''] AS key
    MERGE (k:NameKey {id: 'namekey:' + toLower(label) + '|' + key})
    MERGE (k)-[:NAMES]->(n)
  } IN TRANSACTIONS OF 1000 ROWS`,
};

/** The id of the NameKey node of one folded name (or alias) of entities of one label. */
const nameKeyPrefix = (label: EntityLabel) => `namekey:${label.toLowerCase()}|`;

/** Whether entity `v` may be the candidate `e`: an entity with another Wikidata id never is. */
const fits = (v: string) => `(e.wikidataId IS NULL OR ${v}.wikidataId IS NULL OR ${v}.wikidataId = e.wikidataId)`;

/**
 * ingest.resolve.<Label>: the existing entities each candidate could be. Its name (`names[0]`) is looked up among
 * every name and alias of the label's entities (its name key) and among primary names alone, its aliases only
 * among primary names (`nameKey`, range-indexed). Two of each are enough to tell one from several, so a name many
 * entities share ("Khan") costs no more than a rare one. For each entity it could be, the name keys that entity holds, so only the missing ones
 * are written. Labels come from the closed list ENTITY_LABELS.
 */
const resolveQuery = (label: EntityLabel) => `${KEEP_PLAN}
UNWIND $rows AS e
CALL (e) {
  OPTIONAL MATCH (w:${label} {wikidataId: e.wikidataId})
  RETURN w LIMIT 1
}
WITH e, w,
  COLLECT { MATCH (:NameKey {id: $prefix + e.names[0]})-[:NAMES]->(c:${label}) WHERE ${fits('c')} RETURN DISTINCT c LIMIT 2 } AS byName,
  COLLECT { UNWIND tail(e.names) AS alias MATCH (c:${label} {nameKey: alias}) WHERE ${fits('c')} RETURN DISTINCT c LIMIT 2 } AS byAlias,
  COLLECT { MATCH (c:${label} {nameKey: e.names[0]}) WHERE ${fits('c')} RETURN c LIMIT 2 } AS byOwnName,
  // The holder of the new id, if any: a concurrent writer may have just created this very entity.
  head(COLLECT { MATCH (h:${label} {id: e.newId}) RETURN h }) AS holder
RETURN e.key AS key, w.id AS byWikidata, [c IN byName | c.id] AS byName, [c IN byAlias | c.id] AS byAlias, [c IN byOwnName | c.id] AS byOwnName,
  CASE WHEN holder IS NULL THEN null ELSE ${fits('holder')} END AS newIdHolderFits,
  [x IN [w, holder] + byName + byAlias + byOwnName WHERE x IS NOT NULL | [x.id, [(x)<-[:NAMES]-(k:NameKey) | k.id]]] AS nameKeysOf`;

/**
 * ingest.nameKeys: links each written entity to the keys of names it did not have yet, creating the keys that
 * are new. Rows come sorted by key, so concurrent writers take the keys' locks in one order.
 */
const LINK_NAME_KEYS = `${KEEP_PLAN}
UNWIND $rows AS row
MATCH (n:Entity) WHERE elementId(n) = row.node
MERGE (k:NameKey {id: row.key})
MERGE (k)-[:NAMES]->(n)`;

interface Resolution {
  key: string;
  byWikidata: string | null;
  byName: string[];
  byAlias: string[];
  /** Entities whose own (primary) name is the candidate's name. */
  byOwnName: string[];
  /** Null when no entity holds the new id yet. */
  newIdHolderFits: boolean | null;
  /** [entity id, ids of its name keys] for each entity above. */
  nameKeysOf: [string, string[]][];
}

/** What resolution chose for one candidate: the entity's id, and those of its names that entity lacks. */
export interface Resolved {
  id: string;
  newNameKeys: string[];
}

/**
 * Maps each candidate key to an entity: the entity with the same Wikidata id; else the one entity whose names
 * or aliases include the candidate's name, or, of several, the one whose own name it is; else the one whose
 * primary name is one of the candidate's aliases (two people who merely share an alias, "Saleh", are not one
 * person); else a new entity. An entity with another Wikidata id is never a match by name. Runs inside the ingest
 * transaction, so what it reads is what the writes build on.
 */
export async function resolveEntities(run: Runner, candidates: readonly EntityCandidate[]): Promise<Map<string, Resolved>> {
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  // The labels' queries go out together: the transaction runs them one after the other without a round trip between.
  const resolved = await Promise.all(
    ENTITY_LABELS.map((label) => {
      const rows = candidates
        .filter((c) => c.label === label)
        .map((c) => ({ key: c.key, wikidataId: c.wikidataId, names: c.keys.map((k) => k.slice(1, -1)), newId: c.newId }));
      return rows.length ? run<Resolution>(resolveQuery(label), { rows, prefix: nameKeyPrefix(label) }) : [];
    }),
  );
  return new Map(
    resolved.flat().map((r) => {
      const candidate = byKey.get(r.key)!;
      const id = chooseId(r, candidate);
      const held = new Set(r.nameKeysOf.find(([entity]) => entity === id)?.[1]);
      const prefix = nameKeyPrefix(candidate.label);
      return [r.key, { id, newNameKeys: candidate.keys.map((k) => prefix + k.slice(1, -1)).filter((k) => !held.has(k)) }];
    }),
  );
}

function chooseId(r: Resolution, candidate: Parameters<typeof collisionId>[0]): string {
  if (r.byWikidata) return r.byWikidata;
  if (r.byName.length === 1) return r.byName[0]!;
  // A name several entities hold, one as its own: "Hillary Clinton" is Hillary Clinton, not "Hillary Rodham Clinton"
  // who has it as an alias. Without this, the first article naming both made every later "Hillary Clinton" a third
  // entity (under a collision id), splitting her statements in two on the English development set.
  if (r.byName.length > 1 && r.byOwnName.length === 1) return r.byOwnName[0]!;
  if (r.byName.length === 0 && r.byAlias.length === 1) return r.byAlias[0]!;
  // Nothing had the name when it was looked up, yet its id is taken now: a concurrent writer created this very entity
  // and committed in between (each read sees the latest commit). Its node is ours; a collision id would duplicate it.
  if (r.byName.length === 0 && r.byAlias.length === 0 && r.newIdHolderFits === true) return candidate.newId;
  // Ambiguous or unknown: a new entity, under an id no same-named entity holds.
  return r.newIdHolderFits === null ? candidate.newId : collisionId(candidate);
}

/** Links the written entities to the name keys resolution found them lacking (sent with the links, no wait). */
export function linkNameKeys(run: Runner, entities: { node: string; newNameKeys: readonly string[] }[]): Promise<unknown> | undefined {
  const rows = entities.flatMap(({ node, newNameKeys }) => newNameKeys.map((key) => ({ node, key })));
  if (!rows.length) return undefined;
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return run(LINK_NAME_KEYS, { rows });
}
