import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localOptionsFromEnv } from '../../neo4j/launcher.js';

describe('the local Neo4j from the environment', () => {
  it('has a 1 GiB heap and a 256 MiB page cache unless told otherwise', () => {
    expect(localOptionsFromEnv({})).toMatchObject({ port: 7687, heap: '1g', pageCache: '256m' });
    expect(localOptionsFromEnv({ LOCAL_NEO4J_HEAP: ' ', LOCAL_NEO4J_PAGE_CACHE: '' })).toMatchObject({ heap: '1g', pageCache: '256m' });
  });

  it('takes the sizes Neo4j takes, in k, m or g, either case', () => {
    const options = localOptionsFromEnv({ LOCAL_NEO4J_BOLT_PORT: '7700', LOCAL_NEO4J_DIR: 'x', LOCAL_NEO4J_HEAP: '4G', LOCAL_NEO4J_PAGE_CACHE: '1536m' });
    expect(options).toEqual({ port: 7700, dir: path.resolve('x'), heap: '4g', pageCache: '1536m' });
    expect(localOptionsFromEnv({ LOCAL_NEO4J_HEAP: '1048576k' }).heap).toBe('1048576k');
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['lots', '4', '4gb', '1.5g', '-2g', '0g', '04g', '4 g']) {
      expect(() => localOptionsFromEnv({ LOCAL_NEO4J_HEAP: bad })).toThrow(`LOCAL_NEO4J_HEAP must be a size such as 512m or 4g, got '${bad}'`);
      expect(() => localOptionsFromEnv({ LOCAL_NEO4J_PAGE_CACHE: bad })).toThrow(/^LOCAL_NEO4J_PAGE_CACHE must be a size/);
    }
  });

  it('refuses sizes the instance cannot work with', () => {
    expect(() => localOptionsFromEnv({ LOCAL_NEO4J_HEAP: '1023m' })).toThrow("LOCAL_NEO4J_HEAP must be at least 1g, got '1023m'");
    expect(() => localOptionsFromEnv({ LOCAL_NEO4J_PAGE_CACHE: '63m' })).toThrow("LOCAL_NEO4J_PAGE_CACHE must be at least 64m, got '63m'");
    expect(localOptionsFromEnv({ LOCAL_NEO4J_HEAP: '1024m', LOCAL_NEO4J_PAGE_CACHE: '64m' })).toMatchObject({ heap: '1024m', pageCache: '64m' });
  });
});
