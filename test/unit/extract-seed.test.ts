import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import { validateRawArticle } from '../../src/extract/raw.js';
import { validateDocument } from '../../src/ingest/document.js';

const line = readFileSync(new URL('../../seed/express-tribune-2022-09-28-imran-audio-leak.raw.ndjson', import.meta.url), 'utf8').split('\n')[0];
const checked = validateRawArticle(JSON.parse(line));
if (!checked.ok) throw new Error('the raw seed record is invalid');
const raw = checked.raw;
const { document: doc } = extractArticle(raw);

const entity = (name: string) => {
  const e = doc.entities.find((x) => x.name === name);
  if (!e) throw new Error(`no entity named ${name}`);
  return e;
};
const by = (name: string) => doc.statements.filter((s) => s.speaker === entity(name).ref);
const withText = (name: string, words: string) => {
  const s = by(name).find((x) => x.text.includes(words));
  if (!s) throw new Error(`${name} has no statement with "${words}"`);
  return s;
};

describe('the raw seed article, extracted', () => {
  it('is a valid article document that keeps the body and metadata unchanged', () => {
    expect(validateDocument(doc).ok).toBe(true);
    expect(doc).toMatchObject({ title: raw.title, publishedAt: '2022-09-28', source: 'The Express Tribune', language: 'en', body: raw.body });
  });

  it('gives every statement evidence that points at its own words in the body', () => {
    for (const s of doc.statements) {
      const taken = raw.body.slice(s.evidence!.start, s.evidence!.end);
      expect(taken.startsWith(s.text.split(' … ')[0])).toBe(true);
      expect(s.evidence!.confidence).toBeGreaterThan(0);
    }
  });

  it('gives statements only to those the article reports as speaking, never to things it talks about ("the audios")', () => {
    const speakers = new Set(doc.statements.map((s) => doc.entities.find((e) => e.ref === s.speaker)!.name));
    expect([...speakers].sort()).toEqual(
      ['A reporter', 'Azam Khan', 'Cyber experts', 'Imran Khan', 'Kokab Zuberi', 'Several government ministers', 'The opposition'],
    );
  });

  it('finds the allegation about Shehbaz Sharif, made by "the PTI leader", Imran Khan', () => {
    const s = withText('Imran Khan', 'Shehbaz Sharif had leaked the audio');
    expect(s.kind).toBe('ALLEGATION');
    expect(s.about).toContain(entity('Shehbaz Sharif').ref);
    expect(s.saidOn).toBe('2022-09-28');
  });

  it("dates Imran Khan's press talk to Wednesday 2022-09-28 and keeps its kinds and quotes", () => {
    expect(withText('Imran Khan', 'authenticity of the audio leak')).toMatchObject({ kind: 'CONFIRMATION', saidOn: '2022-09-28' });
    expect(withText('Imran Khan', 'that it is “a good thing”')).toMatchObject({ quote: false, saidOn: '2022-09-28' });
    expect(by('Imran Khan').find((s) => s.text === 'a good thing')).toMatchObject({ quote: true, saidOn: '2022-09-28' });
    expect(by('Imran Khan').find((s) => s.text === 'play to it')).toMatchObject({ quote: true, saidOn: '2022-09-28' });
    expect(withText('Imran Khan', 'should also be released')).toMatchObject({ kind: 'DEMAND', saidOn: '2022-09-28' });
    expect(withText('Imran Khan', 'yet to play to it completely').saidOn).toBe('2022-09-28');
    expect(withText('Imran Khan', 'play to it”').saidOn).toBe('2022-09-28');
  });

  it('attributes the audio quote to Imran Khan ("the PTI chief"), undated, about America, answered by Azam Khan', () => {
    const audio = withText('Imran Khan', 'Now we have to play with this');
    expect(audio).toMatchObject({ quote: true, saidOn: null });
    expect(audio.text).toBe('Now we have to play with this. Don’t take America’s name, just play with this');
    expect(audio.about).toContain(entity('America').ref);
    const advice = withText('Azam Khan', 'a meeting be held');
    expect(advice.respondsTo).toBe(audio.ref);
  });

  it('turns titles and appositions into roles: chief of PTI, director of the forensic centre, a principal secretary', () => {
    const imran = entity('Imran Khan');
    const pti = entity('Pakistan Tehreek-e-Insaf');
    expect(pti.aliases).toContain('PTI');
    expect(doc.affiliations).toContainEqual({ person: imran.ref, organisation: pti.ref, role: 'Chief' });
    expect(doc.affiliations).toContainEqual({ person: entity('Kokab Zuberi').ref, organisation: entity('Forensic Research and Services Centre').ref, role: 'Director' });
    expect(entity('Azam Khan').description).toMatch(/principal secretary/);
    expect(doc.affiliations.filter((a) => a.person === entity('Azam Khan').ref)).toEqual([]);
  });

  it("gives Kokab Zuberi his quote, the Bitcoin claim and \"He\"'s claim about law enforcement, and names the newspaper", () => {
    expect(withText('Kokab Zuberi', 'The dark web is part of the internet that requires special software').quote).toBe(true);
    expect(withText('Kokab Zuberi', 'Bitcoin').quote).toBe(false);
    expect(withText('Kokab Zuberi', 'busy in operations').text).toMatch(/^that law enforcement agencies/);
    expect(entity('The Express Tribune').type).toBe('ORGANISATION');
  });

  it("keeps the opposition's concern about the PMO and the ministers' denial in reply as groups", () => {
    const opposition = entity('The opposition');
    expect(opposition).toMatchObject({ type: 'ORGANISATION', kind: 'GROUP' });
    const pmo = entity("Prime Minister's Office");
    expect(pmo.aliases).toContain('PMO');
    const concern = by('The opposition').find((s) => s.about.includes(pmo.ref));
    expect(concern).toBeDefined();
    const denial = withText('Several government ministers', 'pointed to no wrongdoing');
    expect(entity('Several government ministers').kind).toBe('GROUP');
    expect(denial).toMatchObject({ kind: 'DENIAL', respondsTo: concern!.ref });
  });

  it('gives cyber experts their claim and, through "They", their opinion of Monday 2022-09-26', () => {
    expect(withText('Cyber experts', 'available on the dark web').kind).toBe('CLAIM');
    expect(withText('Cyber experts', 'not up to the mark')).toMatchObject({ kind: 'OPINION', saidOn: '2022-09-26' });
  });
});
