import { describe, expect, it } from 'vitest';
import { batchConnections } from '../../src/entity/connections.js';

// What an ingest batch adds to CONNECTED and what it has counted again (src/entity/connections.ts).
describe('batchConnections', () => {
  it('adds new articles and statements to their pairs, once per pair, in pair order', () => {
    const { add, recount } = batchConnections({
      articles: [
        { created: true, publishedAt: '2022-01-02', mentions: ['topic:t', 'person:b', 'person:a', 'person:a'] },
        { created: true, publishedAt: '2022-01-05', mentions: ['person:b', 'person:a'] },
      ],
      statements: [
        // 00:30 in Karachi on the 5th is the 4th in UTC: earlier than the article of the 5th.
        { created: true, at: '2022-01-05T00:30:00+05:00', speakers: ['person:b'], about: ['person:a', 'person:b'] },
        { created: true, at: '2022-01-04T00:00:00Z', speakers: ['person:a'], about: ['person:b'] },
        { created: true, at: '2022-01-06T00:00:00Z', speakers: ['person:a'], about: ['person:b'] },
      ],
      cleared: [],
    });
    expect(recount).toEqual([]);
    expect(add).toEqual([
      // Two articles, one statement by b about a (ba: by the higher id about the lower), two by a about b.
      // Each direction's statements keep their own first and last date, for topSpeakers.
      {
        lo: 'person:a', hi: 'person:b', co: 2, ab: 2, ba: 1, first: '2022-01-02', last: '2022-01-06T00:00:00Z',
        abFirst: '2022-01-04T00:00:00Z', abLast: '2022-01-06T00:00:00Z', baFirst: '2022-01-05T00:30:00+05:00', baLast: '2022-01-05T00:30:00+05:00',
      },
      { lo: 'person:a', hi: 'topic:t', co: 1, ab: 0, ba: 0, first: '2022-01-02', last: '2022-01-02', abFirst: null, abLast: null, baFirst: null, baLast: null },
      { lo: 'person:b', hi: 'topic:t', co: 1, ab: 0, ba: 0, first: '2022-01-02', last: '2022-01-02', abFirst: null, abLast: null, baFirst: null, baLast: null },
    ]);
  });

  it('counts again every pair an existing article or statement touches, old version included', () => {
    const { add, recount } = batchConnections({
      articles: [{ created: false, publishedAt: '2022-01-02', mentions: ['person:c', 'person:a'] }],
      statements: [{ created: false, at: '2022-01-03T00:00:00Z', speakers: ['person:a'], about: ['topic:t', 'person:a'] }],
      cleared: [{ mentioned: ['person:a', 'person:b'], dropped: [['person:d', 'person:a']] }],
    });
    expect(add).toEqual([]);
    expect(recount).toEqual([
      ['person:a', 'person:b'],
      ['person:a', 'person:c'],
      ['person:a', 'person:d'],
      ['person:a', 'topic:t'],
    ]);
  });

  it('leaves an article or statement that came back unchanged alone, so a re-load counts nothing again', () => {
    const { add, recount } = batchConnections({
      articles: [{ created: false, sameDate: true, publishedAt: '2022-01-02', mentions: ['person:b', 'person:a'] }],
      statements: [{ created: false, sameDate: true, aboutBefore: ['person:b'], at: '2022-01-02T00:00:00Z', speakers: ['person:a'], about: ['person:b'] }],
      cleared: [{ mentioned: ['person:a', 'person:b'], dropped: [] }],
    });
    expect({ add, recount }).toEqual({ add: [], recount: [] });
  });
});
