import { describe, expect, it } from 'vitest';
import { LimitExceededError } from '../../src/common/errors.js';
import { MAX_CYPHER_CHARS, MAX_SUBQUERY_NESTING } from '../../src/graph/compile.js';
import { compile, compileQuery } from './compile-helper.js';

/** `level` wrapped around itself `depth` times, around `name`. */
const nest = (level: (inner: string) => string, depth: number) => Array.from({ length: depth }).reduce<string>((inner) => level(inner), 'name');
const statementsAbout = (inner: string) => `statementsAbout { edges { node { about { ${inner} } } } }`;
const network = (inner: string) => `network { entity { ${inner} } }`;
const DEPTHS = Array.from({ length: 30 }, (_, i) => i + 1);

// Each level is a field of interface type (Entity): compiling its sub-selection once per possible type, as the
// compiler once did, tripled the Cypher at every level (528,000 characters at depth 7; depth 10 never finished).
// The nesting cap (tested below) would stop these before depth 30, so it is lifted here to see the growth itself.
describe.each([
  ['statementsAbout { edges { node { about { … } } } }', statementsAbout],
  ['network { entity { … } }', network],
])('nesting %s', (_, level) => {
  const compiled = DEPTHS.map((depth) => compileQuery(`{ person(id: "person:x") { ${nest(level, depth)} } }`, Infinity));
  const steps = (measure: (c: (typeof compiled)[number]) => number) => compiled.slice(1).map((c, i) => measure(c) - measure(compiled[i]!));

  it('adds the same number of compiled fields at every level, from 1 to 30', () => {
    expect(new Set(steps((c) => c.fieldsCompiled))).toEqual(new Set([2]));
  });

  it('adds about the same amount of Cypher at every level (variable names gain a digit now and then)', () => {
    const growth = steps((c) => c.cypher.length);
    expect(Math.max(...growth)).toBeLessThan(Math.min(...growth) * 1.1);
  });

  it('compiles 30 levels well within the size cap', () => {
    expect(compiled.at(-1)!.cypher.length).toBeLessThan(MAX_CYPHER_CHARS / 3);
  });
});

describe('the compile size cap', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error;
    }
    throw new Error('compiled without refusal');
  };

  it('refuses a selection whose Cypher would exceed it, naming the limit and the size', () => {
    const wide = Array.from({ length: 200 }, (_, i) => `a${i}: ${nest(network, 5)}`).join(' ');
    const error = refusal(() => compileQuery(`{ person(id: "person:x") { ${wide} } }`));
    expect(error).toBeInstanceOf(LimitExceededError);
    const { extensions } = error as LimitExceededError;
    expect(extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'compiledSize', max: MAX_CYPHER_CHARS });
    expect(extensions.actual).toBeGreaterThan(MAX_CYPHER_CHARS);
  });

  it('stops as soon as a selection that multiplies through fragments passes it, instead of building it whole', () => {
    // Each fragment spreads the next twice: 2^24 leaves if built whole, which would not finish.
    const fragments = Array.from({ length: 24 }, (_, i) => `fragment F${i} on Entity { a: ${network(`...F${i + 1}`)} b: ${network(`...F${i + 1}`)} }`);
    const query = `{ person(id: "person:x") { ...F0 } } ${fragments.join(' ')} fragment F24 on Entity { name }`;
    expect(refusal(() => compile(query))).toBeInstanceOf(LimitExceededError);
  });
});

describe('the subquery nesting cap', () => {
  // Statement.responses is a list of statements: each level is one more subquery inside the last.
  const responses = (depth: number) => `{ statement(id: "statement:x") { ${Array.from({ length: depth }).reduce<string>((inner) => `responses { ${inner} }`, 'text')} } }`;

  it(`compiles ${MAX_SUBQUERY_NESTING} nested subqueries (the lookup and ${MAX_SUBQUERY_NESTING - 1} levels of responses)`, () => {
    expect(compileQuery(responses(MAX_SUBQUERY_NESTING - 1)).cypher).toContain('RETURN');
  });

  it('refuses one more, naming the limit, before building it', () => {
    let error: unknown;
    try {
      compileQuery(responses(MAX_SUBQUERY_NESTING));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LimitExceededError);
    expect((error as LimitExceededError).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'nesting', max: MAX_SUBQUERY_NESTING, actual: MAX_SUBQUERY_NESTING + 1 });
    expect((error as Error).message).toMatch(/13 levels deep, more than the 12 allowed/);
  });
});
