import { labelOf } from '../common/ids.js';
import type { FieldSpec, Specs } from '../graph/spec.js';
import { byId } from '../graph/spec.js';

/** `node(id)`: the id's prefix names the label, so this is the same index seek as `person(id)` and the others. */
const nodeLookup: FieldSpec = {
  kind: 'object',
  bind: (scope, args, build) => {
    const label = labelOf(args.id as string, `${build.path}.id`);
    return (byId(label) as Extract<FieldSpec, { kind: 'object' }>).bind(scope, args, build);
  },
  notFound: (args) => `No node with id "${args.id}".`,
};

export const nodeSpecs: Specs = { Query: { fields: { node: nodeLookup } } };
