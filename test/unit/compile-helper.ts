import { type FragmentDefinitionNode, type GraphQLObjectType, type OperationDefinitionNode, parse } from 'graphql';
import { SelectionCompiler } from '../../src/graph/compile.js';
import { specs } from '../../src/graph/registry.js';
import { buildSchema } from '../../src/schema.js';

export const schema = buildSchema();

/** Compiles the first root field of `query` as the server would (the whole query it sends), without a database. */
export function compile(query: string, variableValues: Record<string, unknown> = {}) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  const compiler = new SelectionCompiler({ schema, fragments, variableValues }, specs, 100);
  const field = op.selectionSet.selections[0] as never;
  const compiled = compiler.query(schema.getQueryType() as GraphQLObjectType, [field], {}, 'q');
  return { ...compiled, params: compiler.params, fieldsCompiled: compiler.fieldsCompiled };
}

/** The whole read query for the first root field, as the server sends it (size-checked; nesting capped at `maxNesting`). */
export function compileQuery(query: string, maxNesting?: number) {
  const op = parse(query).definitions[0] as OperationDefinitionNode;
  const compiler = new SelectionCompiler({ schema, fragments: {}, variableValues: {} }, specs, 100, maxNesting);
  const compiled = compiler.query(schema.getQueryType() as GraphQLObjectType, [op.selectionSet.selections[0] as never], {}, 'q');
  return { ...compiled, fieldsCompiled: compiler.fieldsCompiled };
}
