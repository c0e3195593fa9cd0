import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  type GraphQLError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../config.js';
import { operationCost } from './cost.js';
import { BadInputError, LimitExceededError } from './errors.js';

/** How large an operation may be; every limit is checked before any work (see README, "Limits"). */
export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

export type LimitSettings = Pick<Config, 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_ROOT_FIELDS' | 'MAX_TOKENS' | 'MAX_DIRECTIVES' | 'MAX_COST'>;

export const limitsFrom = (s: LimitSettings): Limits => ({
  maxDepth: s.MAX_DEPTH,
  maxAliases: s.MAX_ALIASES,
  maxRootFields: s.MAX_ROOT_FIELDS,
  maxTokens: s.MAX_TOKENS,
  maxDirectives: s.MAX_DIRECTIVES,
  maxCost: s.MAX_COST,
});

const refusal = (what: string, limit: string, max: number, actual: number, hint = '') =>
  new LimitExceededError(`${what} ${actual} exceeds the limit of ${max}${hint}.`, { limit, max, actual });

/**
 * Validation rules refusing deep, alias-heavy, directive-heavy and wide operations. GraphQL Armor measures depth,
 * aliases and directives (following fragments once each, so cycles and fan-out cost nothing); the verdict is ours,
 * given in `onAccept` with Armor's own limit out of reach, so that the error carries our code and both numbers.
 * They run alongside graphql-js's own rules; the token limit (see `parseOptions` in server.ts) keeps the document
 * small enough that none of them, nor graphql-js's quadratic field-merging check, can take long.
 */
export function limitRules(limits: Limits): ValidationRule[] {
  const verdict =
    (what: string, limit: string, max: number) =>
    (context: ValidationContext | null, { n }: { n: number }) => {
      if (n > max) context?.reportError(refusal(what, limit, max, n));
    };
  const measureOnly = (what: string, limit: string, max: number) => ({
    n: Number.POSITIVE_INFINITY,
    propagateOnRejection: false,
    onAccept: [verdict(what, limit, max)],
  });
  const { validationRules } = new ApolloArmor({
    // Depth counts nested fields; fragments (`... on Person`) add none.
    maxDepth: { ...measureOnly('Query depth', 'depth', limits.maxDepth), flattenFragments: true },
    maxAliases: measureOnly('Alias count', 'aliases', limits.maxAliases),
    maxDirectives: measureOnly('Directive count', 'directives', limits.maxDirectives),
    // Tokens are limited while parsing, cost after validation (below); suggestions in server.ts.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [...validationRules, rootFieldsRule(limits.maxRootFields), expandedSelectionsRule()];
}

/** Each root field is its own database round trip, so their number is limited apart from depth and cost. */
function rootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const actual = rootFields(operation.selectionSet, context, new Set());
      if (actual > max) context.reportError(refusal('Root field count', 'rootFields', max, actual));
    },
  });
}

function rootFields(selectionSet: SelectionSetNode, context: ValidationContext, spread: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFields(selection.selectionSet, context, spread);
    else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += rootFields(fragment.selectionSet, context, spread);
    }
  }
  return count;
}

/**
 * Fragments spreading fragments can make a small document select billions of fields (each of 30 fragments
 * spreading the previous one twice). Counted here in linear time, each fragment once, before the cost is computed
 * over the expanded operation. Real operations (the README's, GraphiQL's introspection) expand to a few hundred.
 */
const MAX_EXPANDED_SELECTIONS = 5_000;

function expandedSelectionsRule(): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const actual = expandedSelections(operation.selectionSet, context, new Map());
      const max = MAX_EXPANDED_SELECTIONS;
      if (actual > max) context.reportError(refusal('Expanded selection count', 'expandedSelections', max, actual, ': spread fewer fragments'));
    },
  });
}

/** Every selection under `selectionSet` once fragments are expanded; a fragment inside itself counts nothing. */
function expandedSelections(selectionSet: SelectionSetNode, context: ValidationContext, fragments: Map<string, number>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    count += 1;
    if (selection.kind !== Kind.FRAGMENT_SPREAD) {
      if (selection.selectionSet) count += expandedSelections(selection.selectionSet, context, fragments);
      continue;
    }
    const name = selection.name.value;
    if (!fragments.has(name)) {
      fragments.set(name, 0);
      const fragment = context.getFragment(name);
      fragments.set(name, fragment ? expandedSelections(fragment.selectionSet, context, fragments) : 0);
    }
    count += fragments.get(name)!;
  }
  return count;
}

/** Every token of `source` up to its end or its first lexing error. Linear, and the body size is capped. */
function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A syntax error further on: the tokens before it are what the parser saw.
  }
  return count;
}

/** Something that may refuse an operation of a given cost (rate-limit.ts). */
export type CostCharge<C> = (context: C, cost: number) => void;

/**
 * The checks that need the parsed operation and its variables, and the reporting of every refusal:
 * - an operation over `maxTokens` was stopped by the parser; its error becomes QUERY_TOO_COMPLEX with the count;
 * - refusals from `limitRules` keep their code (Apollo files every validation error under
 *   GRAPHQL_VALIDATION_FAILED);
 * - subscriptions are refused as bad input (the schema has none);
 * - the cost is computed with the variables and refused over `maxCost`, then charged (rate limiting);
 * - an operation that runs reports its cost in `extensions.cost`.
 */
export function limitsPlugin<C extends object>(limits: Limits, charge?: CostCharge<C>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue, response }) {
          try {
            if (operation?.operation === 'subscription') {
              throw new BadInputError('Subscriptions are not supported: send a query or a mutation.');
            }
            const requested = operation ? operationCost(schema, document, operation, request.variables) : null;
            if (requested === null) return;
            if (requested > limits.maxCost) {
              throw refusal('Query cost', 'cost', limits.maxCost, requested, ': ask for smaller pages (`first`) or fewer nested lists');
            }
            charge?.(contextValue, requested);
            cost = requested;
          } catch (error) {
            const retryAfter = (error as GraphQLError).extensions?.retryAfterSeconds;
            response.http.status = retryAfter === undefined ? 400 : 429;
            if (retryAfter !== undefined) response.http.headers.set('retry-after', String(retryAfter));
            throw error;
          }
        },
        async didEncounterErrors(requestContext) {
          reportRefusals(limits, requestContext);
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, limit: limits.maxCost } };
        },
      };
    },
  };
}

function reportRefusals<C extends object>(limits: Limits, { errors, source, response }: GraphQLRequestContext<C>): void {
  if (!errors) return;
  const mutable = errors as GraphQLError[];
  mutable.forEach((error, i) => {
    if (error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && error.originalError instanceof LimitExceededError) {
      mutable[i] = error.originalError;
    } else if (error.extensions?.code === 'GRAPHQL_PARSE_FAILED' && source !== undefined) {
      const tokens = countTokens(source);
      if (tokens > limits.maxTokens) mutable[i] = refusal('Token count', 'tokens', limits.maxTokens, tokens);
    } else {
      return;
    }
    response.http.status = 400;
  });
}
