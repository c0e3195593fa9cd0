import { BadInputError } from '../common/errors.js';
import { bound, type Build, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';
import { toLuceneQuery } from './lucene.js';

/** The full-text index over names, aliases, statement text and article titles and bodies (see db/schema.ts). */
const SEARCH_INDEX = 'search';

const LABEL_BY_TYPE: Record<string, string> = {
  PERSON: 'Person',
  ORGANISATION: 'Organisation',
  TOPIC: 'Topic',
  STATEMENT: 'Statement',
  ARTICLE: 'Article',
};

/** A full-text lookup binding `node` (and `score`, when named) for the user's text; BAD_USER_INPUT when it has no words. */
export function fullTextCall(text: string, mode: 'any' | 'all', node: string, build: Build, field: string, score?: string): string {
  const query = toLuceneQuery(text, mode);
  if (!query) throw new BadInputError(`${field}: give at least one word to search for.`, field);
  return `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', ${build.param(query)}) YIELD node AS ${node}${score ? `, score AS ${score}` : ''}`;
}

const search: FieldSpec = {
  kind: 'object',
  bind: (_scope, args, build) => {
    const [node, score] = [build.variable(), build.variable()];
    const types = (args.types as string[] | null) ?? Object.keys(LABEL_BY_TYPE);
    const call = fullTextCall(args.query as string, 'any', node, build, `${build.path}.query`, score);
    return {
      match: `${call} WHERE any(label IN labels(${node}) WHERE label IN ${build.param(types.map((t) => LABEL_BY_TYPE[t]))})`,
      scope: { node, score },
      limit: sizeParam(build, args.first, 'first'),
    };
  },
  orderBy: (s) => `${s.score} DESC, ${s.node}.id`,
};

export const searchSpecs: Specs = {
  SearchHit: { fields: { score: { kind: 'value', cypher: (s) => s.score! }, node: bound() } },
  Query: { fields: { search } },
};
