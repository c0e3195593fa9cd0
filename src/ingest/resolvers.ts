import type { GraphQLResolveInfo } from 'graphql';
import { requireWriter } from '../common/auth.js';
import { BadInputError } from '../common/errors.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/graphql.js';
import { type ArticleDocument, type DocumentProblem, validateDocument } from './document.js';
import { ingestQueue } from './group.js';

export const ingestResolvers: Resolvers = {
  Mutation: {
    ingestArticle: async (_parent, { input }, context, info) => {
      requireWriter(context);
      const checked = validateDocument(withoutNulls(input));
      if (!checked.ok) throw inputProblems('The article was not loaded', checked.problems);
      return ingestAndReport(checked.document, context, info);
    },
  },
};

/**
 * Loads one article (with any others arriving meanwhile, see group.ts) and answers the payload's selection
 * (IngestArticlePayload) from what it wrote.
 */
export async function ingestAndReport<T>(document: ArticleDocument, context: Context, info: GraphQLResolveInfo): Promise<T> {
  const { articles, entities, statements } = await ingestQueue(context.db).ingest(document);
  return context.graph.resolve<T>({}, info, { article: articles[0], entities, statements });
}

/** BAD_USER_INPUT naming every problem by its path in the argument (`input.statements[0].speaker`). */
export function inputProblems(what: string, found: readonly DocumentProblem[]): BadInputError {
  const problems = found.map((p) => ({ path: `input.${p.path}`, message: p.message }));
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return new BadInputError(`${what}: ${summary}`, problems[0]!.path, problems);
}

/** GraphQL passes explicit nulls; the document format treats an absent value and null alike. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
