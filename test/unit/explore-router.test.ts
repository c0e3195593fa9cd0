import { describe, expect, it } from 'vitest';
import { DEFAULT_HOPS, links, parseRoute } from '../../explore/src/router.js';

// The explorer's deep links: every view it draws can be shared as a URL and opens the same view again.
describe('explorer deep links', () => {
  it('round-trip an entity, an article with a marked statement, and a pair of entities', () => {
    expect(parseRoute(links.entity('person:imran-khan'))).toEqual({ view: 'entity', id: 'person:imran-khan' });
    expect(parseRoute(links.article('article:a-b', 'statement:c d'))).toEqual({ view: 'article', id: 'article:a-b', statement: 'statement:c d' });
    expect(parseRoute(links.connect('person:a', 'person:b', 6))).toEqual({ view: 'connect', from: 'person:a', to: 'person:b', hops: 6 });
    expect(parseRoute(links.connect('person:a'))).toEqual({ view: 'connect', from: 'person:a', to: null, hops: DEFAULT_HOPS });
  });

  it('keep ids with reserved characters intact', () => {
    const id = 'topic:what/why?#&=%';
    expect(parseRoute(links.entity(id))).toEqual({ view: 'entity', id });
    expect(parseRoute(links.article('article:1', id))).toEqual({ view: 'article', id: 'article:1', statement: id });
  });

  it('open the front page for anything else, and the default hops for a number out of range', () => {
    for (const hash of ['', '#', '#/', '#/nowhere/x', '#/entity/', '#/article']) expect(parseRoute(hash)).toEqual({ view: 'home' });
    expect(parseRoute('#/connect?hops=99')).toMatchObject({ hops: DEFAULT_HOPS });
    expect(parseRoute('#/connect?hops=2.5')).toMatchObject({ hops: DEFAULT_HOPS });
  });
});
