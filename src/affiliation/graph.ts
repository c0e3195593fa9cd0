import type { Binding, Build, FieldSpec, Scope, Specs } from '../graph/spec.js';
import { bound } from '../graph/spec.js';

/** Binds AFFILIATED_WITH from `person` to `organisation`; with `at` (a Cypher date), only roles held that day. */
function affiliationBinding(person: string, organisation: string, at: string | null, build: Build): Binding {
  const rel = build.variable();
  const where = at ? [`(${rel}.since IS NULL OR ${rel}.since <= ${at})`, `(${rel}.until IS NULL OR ${rel}.until >= ${at})`] : [];
  return { match: `MATCH (${person}:Person)-[${rel}:AFFILIATED_WITH]->(${organisation}:Organisation)`, where, scope: { rel, person, organisation } };
}

const byStartDate = (s: Scope) => `${s.rel}.since DESC, ${s.organisation}.name, ${s.person}.name`;

/** A person's roles (or an organisation's members), optionally only those held on the date `at`. */
export function affiliations(side: 'person' | 'organisation'): FieldSpec {
  return {
    kind: 'object',
    bind: (scope, args, build) => {
      const other = build.variable();
      const [p, o] = side === 'person' ? [scope.node!, other] : [other, scope.node!];
      return affiliationBinding(p, o, args.at != null ? `date(${build.param(args.at)})` : null, build);
    },
    orderBy: byStartDate,
  };
}

/** The roles a statement's speaker held on the statement's date. */
export const speakerRoles: FieldSpec = {
  kind: 'object',
  bind: (scope, _args, build) => {
    const [speaker, organisation] = [build.variable(), build.variable()];
    const binding = affiliationBinding(speaker, organisation, `date(${scope.node}.at)`, build);
    return { ...binding, match: `MATCH (${speaker}:Person)-[:SAID]->(${scope.node}) ${binding.match}` };
  },
  orderBy: byStartDate,
};

/** Affiliation is a relationship: its fields read the relationship and its two ends, already bound. */
export const affiliationSpecs: Specs = {
  Affiliation: {
    fields: {
      role: { kind: 'value', cypher: (s) => `${s.rel}.role` },
      since: { kind: 'value', cypher: (s) => `${s.rel}.since` },
      until: { kind: 'value', cypher: (s) => `${s.rel}.until` },
      person: bound('person'),
      organisation: bound('organisation'),
    },
  },
};

