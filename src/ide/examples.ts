import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { fromRoot } from '../common/root.js';

/** A tab of the IDE as GraphiQL's `defaultTabs` takes it: an operation, its variables and headers as JSON text. */
export interface ExampleTab {
  query: string;
  variables?: string;
  headers?: string;
}

const OPERATIONS = fromRoot('client', 'operations');

/** The client's operations that show the seed best, with variables naming its people where they have no default. */
const FROM_CLIENT: { file: string; operation: string; variables?: Record<string, unknown> }[] = [
  { file: 'seeded-questions.graphql', operation: 'WhatWasSaidAbout' },
  { file: 'seeded-questions.graphql', operation: 'SaidOnTheDay' },
  { file: 'seeded-questions.graphql', operation: 'RolesAtTheTime' },
  { file: 'seeded-questions.graphql', operation: 'WhatTheySaidAndWhere' },
  { file: 'seeded-questions.graphql', operation: 'ConcernsAndResponses' },
  { file: 'timeline.graphql', operation: 'Timeline', variables: { entity: 'person:imran-khan' } },
  { file: 'paths.graphql', operation: 'Paths', variables: { from: 'person:imran-khan', to: 'person:shehbaz-sharif' } },
  { file: 'search.graphql', operation: 'Search', variables: { query: 'audio leak' } },
];

// Article ids are derived from their content, so related stories start from the newest articles rather than an id.
const RELATED_STORIES = `# Related stories of the newest articles, most related first, with what they share.
query RelatedStories($articles: Int = 3, $related: Int = 5) {
  articles(first: $articles) {
    edges {
      node {
        title
        publishedAt
        related(first: $related) {
          score
          article { title publishedAt }
          sharedEntities { name }
          sharedStatements { text }
        }
      }
    }
  }
}
`;

const INGEST = `# Loads an article document (README, "The article document"); needs a bearer token from API_TOKENS in the
# headers pane. Ingesting the same document again updates it in place (outcome MATCHED).
mutation IngestArticle($input: ArticleInput!) {
  ingestArticle(input: $input) {
    outcome
    article { id title }
    entities { outcome entity { id name } }
    statements { outcome statement { id text kind } }
  }
}
`;

const INGEST_VARIABLES = {
  input: {
    title: 'Mayor opens the new river bridge',
    publishedAt: '2024-05-02',
    source: 'Example Gazette',
    entities: [
      { ref: 'mayor', type: 'PERSON', name: 'Ada Example' },
      { ref: 'council', type: 'ORGANISATION', name: 'Example City Council' },
    ],
    affiliations: [{ person: 'mayor', organisation: 'council', role: 'Mayor' }],
    statements: [{ ref: 's1', speaker: 'mayor', text: 'The bridge will cut the commute in half.', kind: 'CLAIM', quote: true, about: ['council'] }],
  },
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The IDE's example tabs, read from client/operations at start-up so they stay the operations the client uses. */
export function exampleTabs(): ExampleTab[] {
  const files = new Map<string, readonly DefinitionNode[]>();
  const definitions = (file: string) => {
    if (!files.has(file)) files.set(file, parse(readFileSync(path.join(OPERATIONS, file), 'utf8')).definitions);
    return files.get(file)!;
  };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const file of new Set(['fragments.graphql', ...FROM_CLIENT.map((c) => c.file)])) {
    for (const f of definitions(file).filter(isFragment)) fragments.set(f.name.value, f);
  }
  const fromClient = FROM_CLIENT.map(({ file, operation, variables }) => {
    const found = definitions(file).find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operation);
    if (!found) throw new Error(`client/operations/${file} has no operation ${operation}`);
    const tab: ExampleTab = { query: `# From client/operations/${file}\n${withFragments(found, fragments)}` };
    if (variables) tab.variables = json(variables);
    return tab;
  });
  return [
    ...fromClient,
    { query: RELATED_STORIES },
    { query: INGEST, variables: json(INGEST_VARIABLES), headers: json({ Authorization: 'Bearer <your token>' }) },
  ];
}

const isFragment = (d: DefinitionNode): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION;

/** The operation followed by every fragment it spreads, directly or through other fragments, each as written. */
function withFragments(operation: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): string {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`client/operations: fragment ${name} is not defined`);
        if (used.has(name)) return;
        used.set(name, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  return [operation, ...used.values()].map(asWritten).join('\n\n') + '\n';
}

/** A definition's text in its file, with the comment lines just above it (they say what it is for). */
function asWritten(definition: DefinitionNode): string {
  const { start, end, source } = definition.loc!;
  const before = source.body.slice(0, start).split('\n');
  before.pop(); // the start of the definition's own line
  let first = before.length;
  while (first > 0 && before[first - 1]!.startsWith('#')) first--;
  return [...before.slice(first), source.body.slice(start, end)].join('\n');
}
