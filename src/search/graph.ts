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

/**
 * The longest search text accepted. Nobody types more, and Lucene's typo-tolerant matching of a very long term is
 * slow: a 100 KB string kept a search busy for 7–11 s.
 */
export const MAX_SEARCH_LENGTH = 500;

/**
 * A full-text lookup binding `node` (and `score`, when named) for the user's text; BAD_USER_INPUT when it has no
 * words or is longer than MAX_SEARCH_LENGTH.
 */
export function fullTextCall(text: string, mode: 'any' | 'all', node: string, build: Build, field: string, score?: string): string {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new BadInputError(`${field} is ${text.length} characters long; at most ${MAX_SEARCH_LENGTH} are searched.`, field);
  }
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
