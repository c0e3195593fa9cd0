import { BadInputError } from '../common/errors.js';
import { bound, type FieldSpec, type Specs } from '../graph/spec.js';
import { toLuceneQuery } from './lucene.js';

/** The full-text index over names, aliases, statement text and article titles and bodies (see db/schema.ts). */
export const SEARCH_INDEX = 'search';

const LABEL_BY_TYPE: Record<string, string> = {
  PERSON: 'Person',
  ORGANISATION: 'Organisation',
  TOPIC: 'Topic',
  STATEMENT: 'Statement',
  ARTICLE: 'Article',
};

const search: FieldSpec = {
  kind: 'object',
  bind: (_scope, args, build) => {
    const query = toLuceneQuery(args.query as string);
    if (!query) throw new BadInputError(`${build.path}.query: give at least one word to search for.`, `${build.path}.query`);
    const first = args.first as number;
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw new BadInputError(`${build.path}.first must be between 1 and 100, got ${first}.`, `${build.path}.first`);
    }
    const types = (args.types as string[] | null) ?? Object.keys(LABEL_BY_TYPE);
    const [node, score] = [build.variable(), build.variable()];
    return {
      match:
        `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', ${build.param(query)}) YIELD node AS ${node}, score AS ${score}` +
        ` WHERE any(label IN labels(${node}) WHERE label IN ${build.param(types.map((t) => LABEL_BY_TYPE[t]))})`,
      scope: { node, score },
      limit: build.int(first),
    };
  },
  orderBy: (s) => `${s.score} DESC`,
};

export const searchSpecs: Specs = {
  SearchHit: {
    fields: {
      score: { kind: 'value', cypher: (s) => s.score! },
      node: bound(),
    },
  },
  Query: { fields: { search } },
};
