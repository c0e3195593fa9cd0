import { requireWriter } from '../common/auth.js';
import { BadInputError } from '../common/errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { validateDocument } from './document.js';
import { ingestDocuments } from './ingest.js';

export const ingestResolvers: Resolvers = {
  Mutation: {
    ingestArticle: async (_parent, { input }, context, info) => {
      requireWriter(context);
      const checked = validateDocument(withoutNulls(input));
      if (!checked.ok) {
        const problems = checked.problems.map((p) => ({ path: `input.${p.path}`, message: p.message }));
        const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        throw new BadInputError(`The article was not loaded: ${summary}`, problems[0]!.path, problems);
      }
      const { articles, entities, statements } = await ingestDocuments(context.db, [checked.document]);
      return context.graph.resolve({}, info, { article: articles[0], entities, statements });
    },
  },
};

/** GraphQL passes explicit nulls; the document format treats an absent value and null alike. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
