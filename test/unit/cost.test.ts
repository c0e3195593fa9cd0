import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from '../../src/common/cost.js';
import { schema } from './compile-helper.js';

describe('operationCost', () => {
  it('counts one document anew for each set of variables, however often it is asked', () => {
    const text = 'query Page($id: ID!, $n: Int) { person(id: $id) { statements(first: $n) { edges { node { text about { name } } } } } }';
    const document = parse(text);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const cost = (variables: Record<string, unknown>) => operationCost(schema, document, operation, variables);
    // A document parsed afresh is counted afresh: what the kept costs must equal.
    const fresh = (variables: Record<string, unknown>) => {
      const again = parse(text);
      return operationCost(schema, again, again.definitions[0] as OperationDefinitionNode, variables);
    };
    const [small, large] = [cost({ id: 'person:a', n: 2 }), cost({ id: 'person:a', n: 20 })];
    expect(large).toBeGreaterThan(5 * small!);
    expect([small, large]).toEqual([fresh({ id: 'person:a', n: 2 }), fresh({ id: 'person:a', n: 20 })]);
    // Asked again, in either order, each set of variables keeps its own cost.
    expect([cost({ id: 'person:a', n: 20 }), cost({ id: 'person:a', n: 2 })]).toEqual([large, small]);
    // Variables that do not fit the operation have no cost (execution refuses them), and that is not kept for others.
    expect(cost({ id: 'person:a', n: 'many' })).toBeNull();
    expect(cost({ id: 'person:b', n: 2 })).toBe(small);
  });
});
