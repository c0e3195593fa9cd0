import { describe, expect, it } from 'vitest';
import { figures, overlaps, sameSpeaker, scoreArticle, scoreTokens } from '../../src/extract/score.js';

describe('the extraction scorer', () => {
  it('tokenises as the dev-data README says: lower case, accents folded, possessive dropped, repeats kept', () => {
    expect(scoreTokens('Zürich’s “mayor” said: no, no!')).toEqual(['zurich', 'mayor', 'said', 'no', 'no']);
  });

  it('matches when at least half of each side’s tokens are shared, counting repeats', () => {
    expect(overlaps(scoreTokens('the wall will be built'), scoreTokens('that the wall will be built soon'))).toBeGreaterThan(0);
    expect(overlaps(scoreTokens('the wall'), scoreTokens('that the wall will be built soon by Mexico'))).toBe(0);
    expect(overlaps(scoreTokens('no no no no'), scoreTokens('no way at all'))).toBe(0);
  });

  it('accepts a speaker whose name contains the gold words or the reverse', () => {
    expect(sameSpeaker('Donald Trump', 'Trump')).toBe(true);
    expect(sameSpeaker('Trump', 'Donald J. Trump')).toBe(true);
    expect(sameSpeaker('Hillary Clinton', 'Trump')).toBe(false);
    expect(sameSpeaker('Merkel', 'Bundeskanzlerin Angela Merkel')).toBe(true);
    expect(sameSpeaker('Donald Trump', 'Mr. Trump')).toBe(false);
  });

  it('counts precision over predictions, recall over gold, speaker accuracy over matched named speakers', () => {
    const score = scoreArticle(
      [
        { text: 'that the wall will be built', speaker: 'Donald Trump', quote: false },
        { text: 'we will win so much', speaker: 'Hillary Clinton', quote: true },
        { text: 'something nobody said at all', speaker: 'Nobody', quote: false },
      ],
      [
        { content: 'the wall will be built', speaker: 'Trump', speakerKind: 'name', direct: false },
        { content: '“We will win so much”', speaker: 'he', speakerKind: 'pronoun', direct: true },
        { content: 'taxes will go down for everyone', speaker: 'officials', speakerKind: 'nominal', direct: false },
      ],
    );
    const f = figures(score.tally);
    expect(f.precision).toBeCloseTo(2 / 3);
    expect(f.recall).toBeCloseTo(2 / 3);
    expect(f.speakerAccuracy).toBe(1);
    expect(f.quoteAccuracy).toBe(1);
    expect(score.missed.map((g) => g.speaker)).toEqual(['officials']);
    expect(score.spurious.map((p) => p.speaker)).toEqual(['Nobody']);
  });
});
