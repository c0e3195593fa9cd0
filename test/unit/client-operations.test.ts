import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, specifiedRules, validate, type DocumentNode, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as generated from '../../client/generated/graphql.js';
import type { ArticlePageQuery, EntityPageQuery, SearchQuery, SearchQueryVariables, TimelineQuery } from '../../client/generated/graphql.js';
import { operationCost } from '../../src/common/cost.js';
import { limitRules, limitsFrom } from '../../src/common/limits.js';
import { loadConfig } from '../../src/config.js';
import { buildSchema } from '../../src/schema.js';

const folder = new URL('../../client/operations/', import.meta.url);
const written = readdirSync(folder).filter((f) => f.endsWith('.graphql')).map((f) => readFileSync(new URL(f, folder), 'utf8'));
const operationNames = written.flatMap((source) =>
  parse(source).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [])),
);
/** The typed documents a client sends: each operation with the fragments it spreads. */
const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as [string, DocumentNode][];

const operationOf = (document: DocumentNode) => document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;

/** Values for required variables without a default, as the explorer would give them; the rest keep their defaults. */
const SAMPLES: Record<string, unknown> = { ID: 'person:imran-khan', String: 'imran khan', Date: '2022-09-28' };
function sampleVariables(operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.type.kind !== Kind.NON_NULL_TYPE || definition.defaultValue) continue;
    variables[definition.variable.name.value] = SAMPLES[namedType(definition.type)];
  }
  return variables;
}
const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

describe('the typed client operations (client/operations)', () => {
  const schema = buildSchema();
  const defaults = loadConfig({});

  it('are all generated as typed documents, one per operation', () => {
    expect(operationNames.length).toBeGreaterThanOrEqual(15);
    expect(documents.map(([name]) => name).sort()).toEqual(operationNames.map((n) => `${n}Document`).sort());
  });

  it('cover what the explorer shows: search, entity page and network, timeline, paths, article, related stories, the five seeded questions', () => {
    expect(operationNames).toEqual(
      expect.arrayContaining([
        'Search', 'EntityPage', 'EntityNetwork', 'NetworkEdge', 'Timeline', 'ArticleText', 'Paths', 'ArticlePage', 'RelatedStories',
        'StoriesConnecting', 'WhatWasSaidAbout', 'SaidOnTheDay', 'RolesAtTheTime', 'WhatTheySaidAndWhere', 'ConcernsAndResponses',
      ]),
    );
  });

  it.each(documents)('%s validates against the schema and the default depth, alias and root-field limits', (_name, document) => {
    const rules = [...specifiedRules, ...limitRules(limitsFrom(defaults))];
    expect(validate(schema, document, rules).map((e) => e.message)).toEqual([]);
  });

  it.each(documents)('%s costs no more than the default MAX_COST with its default page sizes', (_name, document) => {
    const operation = operationOf(document);
    const cost = operationCost(schema, document, operation, sampleVariables(operation));
    // null would mean the sample variables do not fit the operation, and nothing was measured.
    expect(cost).not.toBeNull();
    expect(cost!).toBeLessThanOrEqual(defaults.MAX_COST);
  });

  it('type dates and date-times as the strings the server sends, and results as the operation selects them', () => {
    type Edge = TimelineQuery['timeline']['edges'][number];
    expectTypeOf<Edge['date']>().toEqualTypeOf<string>();
    expectTypeOf<Edge['node']['saidOn']>().toEqualTypeOf<string | null>();
    expectTypeOf<NonNullable<Edge['article']>['publishedAt']>().toEqualTypeOf<string>();
    expectTypeOf<Edge['node']['evidence'][number]['start']>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<ArticlePageQuery['article']>['body']>().toEqualTypeOf<string | null>();
    expectTypeOf<SearchQuery['search'][number]['highlights']>().toEqualTypeOf<string[]>();
    expectTypeOf<SearchQueryVariables['query']>().toEqualTypeOf<string>();
    // A node is told apart by __typename: only a Person has affiliations, only an Organisation members.
    type Page = NonNullable<EntityPageQuery['node']>;
    expectTypeOf<Extract<Page, { __typename: 'Person' }>>().toHaveProperty('affiliations');
    expectTypeOf<Extract<Page, { __typename: 'Organisation' }>>().toHaveProperty('members');
  });
});
