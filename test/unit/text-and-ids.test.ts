import { describe, expect, it } from 'vitest';
import { labelOf, makeId } from '../../src/common/ids.js';
import { fold, slug } from '../../src/common/text.js';

describe('fold', () => {
  it('ignores case, diacritics, punctuation and spacing', () => {
    expect(fold('  Shehbāz   SHARIF ')).toBe('shehbaz sharif');
    expect(fold('Pakistan Tehreek-e-Insaf')).toBe('pakistan tehreek e insaf');
    expect(fold('Zubéri, Kokab.')).toBe('zuberi kokab');
  });

  it("drops apostrophes instead of splitting words", () => {
    expect(fold("Prime Minister’s Office")).toBe('prime ministers office');
    expect(slug("Prime Minister's Office")).toBe('prime-ministers-office');
  });

  it('keeps non-Latin letters', () => {
    expect(fold('عمران خان')).toBe('عمران خان');
  });
});

describe('ids', () => {
  it('carry their label as prefix', () => {
    expect(makeId('Person', 'imran-khan')).toBe('person:imran-khan');
    expect(labelOf('organisation:pti', 'id')).toBe('Organisation');
  });

  it('name the field and the accepted kinds when an id does not fit', () => {
    expect(() => labelOf('topic:x', 'filter.speaker', ['Person', 'Organisation'])).toThrow(
      'filter.speaker: "topic:x" is not a valid id here; expected one of person:…, organisation:….',
    );
    expect(() => labelOf('constructor:x', 'id')).toThrow(/not a valid id/);
  });
});
