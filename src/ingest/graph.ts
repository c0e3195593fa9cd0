import { bound, type FieldSpec, type Specs } from '../graph/spec.js';

/** Writes reported back: `UNWIND`s the written ids (root values of the mutation) and binds each node. */
const writes = (rootKey: string, label: string): FieldSpec => ({
  kind: 'object',
  bind: (scope, _args, build) => {
    const [write, v] = [build.variable(), build.variable()];
    return { match: `UNWIND ${scope[rootKey]} AS ${write} MATCH (${v}:${label} {id: ${write}.id})`, scope: { node: v, write } };
  },
});

const outcome: FieldSpec = { kind: 'value', cypher: (s) => `CASE WHEN ${s.write}.created THEN 'CREATED' ELSE 'MATCHED' END` };

/** The written article (a root value of the mutation), with the other writes in scope for the payload. */
const ingested: FieldSpec = {
  kind: 'object',
  bind: (scope, _args, build) => {
    const v = build.variable();
    return { match: `MATCH (${v}:Article {id: ${scope.article}.id})`, scope: { ...scope, node: v, write: scope.article! } };
  },
};

export const ingestSpecs: Specs = {
  Mutation: { fields: { ingestArticle: ingested, ingestRawArticle: ingested } },
  IngestArticlePayload: {
    fields: {
      article: bound(),
      outcome,
      entities: writes('entities', 'Entity'),
      statements: writes('statements', 'Statement'),
    },
  },
  EntityWrite: { fields: { outcome, entity: bound() } },
  StatementWrite: { fields: { outcome, statement: bound() } },
};
