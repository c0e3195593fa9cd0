import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import { validateRawArticle } from '../../src/extract/raw.js';
import { validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';
import { startOwnNeo4j } from './own-neo4j.js';

/**
 * The README's five questions, asked of a graph built with no human in between: the seed article's raw text
 * (seed/*.raw.ndjson), extracted and loaded into an empty database of this file's own. Where extraction cannot know
 * what the hand-made document says (Azam Khan's dates in office, which government Shehbaz Sharif leads), the
 * question is answered from what the article does say.
 */
let neo4j: Awaited<ReturnType<typeof startOwnNeo4j>>;
let h: Harness;
let body: string;

beforeAll(async () => {
  neo4j = await startOwnNeo4j('extracted-seed', 5);
  const line = (await readFile(new URL('../../seed/express-tribune-2022-09-28-imran-audio-leak.raw.ndjson', import.meta.url), 'utf8')).trim();
  const raw = validateRawArticle(JSON.parse(line));
  if (!raw.ok) throw new Error(JSON.stringify(raw.problems));
  body = raw.raw.body;
  const checked = validateDocument(extractArticle(raw.raw).document);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  await withLoader((db) => ingestDocuments(db, [checked.document]), neo4j.uri);
  h = await startHarness(neo4j.uri);
}, 300_000);

afterAll(async () => {
  await h?.close();
  await neo4j?.stop();
});

const SAID = `id text kind quote saidOn date speaker { __typename name } about { name }
  reportedIn { title source { name } } evidence { start end snippet method confidence }`;

async function ask(query: string): Promise<Record<string, any>> {
  const { data, errors } = await h.execute(query);
  expect(errors).toBeUndefined();
  return data!;
}

async function personNamed(name: string): Promise<string> {
  const data = await ask(`{ people(filter: { name: ${JSON.stringify(name)} }, first: 5) { edges { node { id name } } } }`);
  const found = data.people.edges.map((e: any) => e.node).find((p: any) => p.name === name);
  expect(found, `a person named ${name}`).toBeDefined();
  return found.id;
}

/** Every statement keeps the words it was taken from: its evidence is that stretch of the article. */
function expectEvidence(statement: any) {
  expect(statement.evidence).toHaveLength(1);
  const [e] = statement.evidence;
  expect(e.snippet).toBe(body.slice(e.start, e.end));
  expect(e.method).not.toBe('MANUAL');
  expect(e.confidence).toBeGreaterThan(0);
}

describe('the seed article, extracted from its raw text, answers', () => {
  it('what was said about Shehbaz Sharif and by whom: Imran Khan alleged that he leaked the audio', async () => {
    const id = await personNamed('Shehbaz Sharif');
    const data = await ask(`{ person(id: "${id}") { statementsAbout { edges { node { ${SAID} } } } } }`);
    const allegation = data.person.statementsAbout.edges.map((e: any) => e.node).find((s: any) => s.kind === 'ALLEGATION');
    expect(allegation).toMatchObject({ speaker: { __typename: 'Person', name: 'Imran Khan' }, reportedIn: [{ source: { name: 'The Express Tribune' } }] });
    expect(allegation.text).toMatch(/Shehbaz Sharif had leaked the audio/);
    expectEvidence(allegation);
  });

  it("what Imran Khan said on 2022-09-28, and in the leaked audio with Azam Khan's advice", async () => {
    const id = await personNamed('Imran Khan');
    const data = await ask(`{
      onTheDay: statements(filter: { speaker: "${id}", from: "2022-09-28", to: "2022-09-28" }, first: 50) {
        edges { node { ${SAID} responses { text speaker { name } } } } } }`);
    const said = data.onTheDay.edges.map((e: any) => e.node);
    said.forEach(expectEvidence);
    const dated = said.filter((s: any) => s.saidOn === '2022-09-28');
    expect(dated.find((s: any) => s.kind === 'CONFIRMATION').text).toMatch(/authenticity of the audio leak/);
    expect(dated.find((s: any) => s.text === 'a good thing')).toMatchObject({ quote: true });
    expect(dated.some((s: any) => s.kind === 'DEMAND' && /cypher/.test(s.text))).toBe(true);
    expect(dated.some((s: any) => /yet to play to it completely/.test(s.text))).toBe(true);

    // The audio's own day is unknown: it sorts by its article's date, with saidOn left empty.
    const audio = said.find((s: any) => /America/.test(s.text));
    expect(audio).toMatchObject({ quote: true, saidOn: null, date: '2022-09-28' });
    expect(audio.text).toMatch(/^Now we have to play with this/);
    expect(audio.about.map((a: any) => a.name)).toContain('America');
    expect(audio.responses).toEqual([expect.objectContaining({ speaker: { name: 'Azam Khan' } })]);
    expect(audio.responses[0].text).toMatch(/meeting be held/);
  });

  it('the roles they held: Imran Khan chief of PTI, Kokab Zuberi a director, Azam Khan his principal secretary at the time', async () => {
    const [imran, zuberi, azam] = [await personNamed('Imran Khan'), await personNamed('Kokab Zuberi'), await personNamed('Azam Khan')];
    const data = await ask(`{
      imran: person(id: "${imran}") { affiliations(at: "2022-09-28") { role organisation { name aliases } } }
      zuberi: person(id: "${zuberi}") { affiliations { role organisation { name } } }
      azam: person(id: "${azam}") { description } }`);
    expect(data.imran.affiliations).toEqual(
      expect.arrayContaining([{ role: expect.stringMatching(/chief/i), organisation: { name: 'Pakistan Tehreek-e-Insaf', aliases: expect.arrayContaining(['PTI']) } }]),
    );
    expect(data.zuberi.affiliations).toEqual(expect.arrayContaining([{ role: 'Director', organisation: { name: 'Forensic Research and Services Centre' } }]));
    expect(data.azam.description).toMatch(/principal secretary/i);
  });

  it('what Kokab Zuberi said, and to which newspaper', async () => {
    const id = await personNamed('Kokab Zuberi');
    const data = await ask(`{ person(id: "${id}") { statements(first: 20) { edges { node { ${SAID} } } } } }`);
    const said = data.person.statements.edges.map((e: any) => e.node);
    said.forEach(expectEvidence);
    expect(said.find((s: any) => s.quote).text).toMatch(/^The dark web is part of the internet that requires special software/);
    expect(said.some((s: any) => /Bitcoin/.test(s.text))).toBe(true);
    expect(said.some((s: any) => /law enforcement agencies/.test(s.text) && !s.quote)).toBe(true);
    expect(new Set(said.flatMap((s: any) => s.reportedIn.map((a: any) => a.source.name)))).toEqual(new Set(['The Express Tribune']));
  });

  it("the opposition's concern about the security of the Prime Minister's Office, and the ministers' denial", async () => {
    const data = await ask(`{ organisations(filter: { name: "PMO" }, first: 5) { edges { node { name
      statementsAbout { edges { node { ${SAID} responses { kind text speaker { __typename name } } } } } } } } }`);
    const office = data.organisations.edges.map((e: any) => e.node).find((o: any) => o.name === "Prime Minister's Office");
    expect(office).toBeDefined();
    const concern = office.statementsAbout.edges.map((e: any) => e.node).find((s: any) => /security/.test(s.text));
    expect(concern.speaker).toMatchObject({ __typename: 'Organisation', name: expect.stringMatching(/^the opposition$/i) });
    expectEvidence(concern);
    expect(concern.responses).toEqual([
      expect.objectContaining({ kind: 'DENIAL', speaker: { __typename: 'Organisation', name: expect.stringMatching(/government ministers/i) } }),
    ]);
    expect(concern.responses[0].text).toMatch(/no wrongdoing/);
  });
});
