import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  type SelectionSetNode,
  getDirectiveValues,
  isAbstractType,
} from 'graphql';

export interface Operation {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

/**
 * The fields selected on `type`, by response key, following fragments and honouring @skip/@include: the same
 * grouping graphql-js does when it executes, so the projection holds exactly what execution will read.
 */
export function collectFields(
  op: Operation,
  type: GraphQLObjectType,
  selectionSets: readonly (SelectionSetNode | undefined)[],
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(op, selection)) continue;
      if (selection.kind === 'Field') {
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
      } else if (selection.kind === 'InlineFragment') {
        if (!selection.typeCondition || applies(op, selection.typeCondition.name.value, type)) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = op.fragments[name];
        if (visited.has(name) || !fragment || !applies(op, fragment.typeCondition.name.value, type)) continue;
        visited.add(name);
        visit(fragment.selectionSet);
      }
    }
  };
  selectionSets.forEach(visit);
  return fields;
}

/** Possible types of an abstract type that select a response key with the same field nodes, so compile alike. */
export interface Branch {
  types: GraphQLObjectType[];
  nodes: FieldNode[];
}

/**
 * The fields selected on an abstract type, by response key: for each key, its possible types grouped by the field
 * nodes each would merge. A field selected on the interface (or in fragments covering every possible type) gives
 * one branch of all types; a concrete fragment adding to or repeating that key splits its type into a branch of
 * its own, holding the merged nodes, as graphql-js merges them for that runtime type.
 */
export function collectAbstractFields(
  op: Operation,
  type: GraphQLAbstractType,
  selectionSets: readonly (SelectionSetNode | undefined)[],
): Map<string, Branch[]> {
  const keys = new Map<string, Branch[]>();
  for (const possible of op.schema.getPossibleTypes(type)) {
    for (const [key, nodes] of collectFields(op, possible, selectionSets)) {
      const branches = keys.get(key) ?? [];
      const same = branches.find((b) => b.nodes.length === nodes.length && b.nodes.every((n, i) => n === nodes[i]));
      if (same) same.types.push(possible);
      else branches.push({ types: [possible], nodes });
      keys.set(key, branches);
    }
  }
  return keys;
}

function included(op: Operation, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, op.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, op.variableValues)?.if !== false;
}

function applies(op: Operation, condition: string, type: GraphQLObjectType): boolean {
  const conditionType = op.schema.getType(condition);
  if (conditionType === type) return true;
  return isAbstractType(conditionType) && op.schema.isSubType(conditionType, type);
}
