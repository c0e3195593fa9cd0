import { describe, expect, it } from 'vitest';
import { CompiledCache } from '../../src/graph/reader.js';

describe('the cache of compiled queries', () => {
  const entry = (cypher: string) => ({ cypher });

  it('builds an entry once and hands the same one back', () => {
    const cache = new CompiledCache<{ cypher: string }>(1_000);
    let builds = 0;
    const build = () => (builds++, entry('RETURN 1'));
    const first = cache.get('a', build);
    expect(cache.get('a', build)).toBe(first);
    expect(builds).toBe(1);
  });

  it('holds no more than its bound, dropping the least recently used first', () => {
    // Each entry counts its Cypher and its key, two bytes a character: 2 × (9 + 1).
    const cache = new CompiledCache<{ cypher: string }>(60);
    for (const key of ['a', 'b', 'c']) cache.get(key, () => entry('x'.repeat(9)));
    expect(cache.held).toEqual({ entries: 3, bytes: 60 });
    cache.get('a', () => entry('never built'));
    cache.get('d', () => entry('x'.repeat(9)));
    // b was the least recently used (a was used again): it went, a stayed.
    expect(cache.held).toEqual({ entries: 3, bytes: 60 });
    let rebuilt = false;
    cache.get('a', () => ((rebuilt = true), entry('x'.repeat(9))));
    expect(rebuilt).toBe(false);
    cache.get('b', () => ((rebuilt = true), entry('x'.repeat(9))));
    expect(rebuilt).toBe(true);
    // One larger than the rest empties the cache down to what fits beside it.
    cache.get('big', () => entry('x'.repeat(25)));
    expect(cache.held).toEqual({ entries: 1, bytes: 56 });
  });

  it('counts what an entry holds besides its Cypher', () => {
    const cache = new CompiledCache<{ cypher: string }>(1_000, 300);
    for (const key of ['a', 'b', 'c', 'd']) cache.get(key, () => entry('x'.repeat(9)));
    // 320 bytes apiece: three fit.
    expect(cache.held).toEqual({ entries: 3, bytes: 960 });
  });
});
