import { labelOf } from '../common/ids.js';
import type { FieldSpec, Specs } from '../graph/spec.js';
import { byId, property } from '../graph/spec.js';

/** `node(id)`: the id's prefix names the label, so this is the same index seek as `person(id)` and the others. */
const nodeLookup: FieldSpec = {
  kind: 'object',
  bind: (scope, args, build) => {
    const label = labelOf(args.id as string, `${build.path}.id`);
    return (byId(label) as Extract<FieldSpec, { kind: 'object' }>).bind(scope, args, build);
  },
  notFound: (args) => `No node with id "${args.id}".`,
};

/** `Node.id` is the same property on every node, so a selection on the interface compiles it once. */
export const nodeSpecs: Specs = { Node: { fields: { id: property('id') } }, Query: { fields: { node: nodeLookup } } };
