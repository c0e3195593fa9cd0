import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// The five questions the seed article must answer, asked the way a client would.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await seed();
});
afterAll(() => h.close());

const SAID = `text kind quote saidOn date speaker { __typename id name } about { id name }
  reportedIn { title publishedAt source { name } }`;

describe('the seeded article answers', () => {
  it('what was said about Shehbaz Sharif, by whom and when: Imran Khan alleged on 2022-09-28 that he leaked the audio', async () => {
    const { data, errors } = await h.execute(`{ person(id: "person:shehbaz-sharif") { name statementsAbout { edges { node { ${SAID} } } } } }`);
    expect(errors).toBeUndefined();
    const statements = data!.person.statementsAbout.edges.map((e: any) => e.node);
    const allegation = statements.find((s: any) => s.kind === 'ALLEGATION');
    expect(allegation).toMatchObject({
      speaker: { __typename: 'Person', id: 'person:imran-khan', name: 'Imran Khan' },
      saidOn: '2022-09-28',
      reportedIn: [{ source: { name: 'The Express Tribune' } }],
    });
    expect(allegation.text).toMatch(/Shehbaz Sharif had leaked the audio/);
    expect(allegation.about.map((a: any) => a.id)).toContain('person:shehbaz-sharif');
  });

  it("everything Imran Khan said on 2022-09-28, plus what he is heard saying in the leaked audio with Azam Khan's advice", async () => {
    const { data, errors } = await h.execute(`{
      onTheDay: statements(filter: { speaker: "person:imran-khan", from: "2022-09-28", to: "2022-09-28" }, first: 50) {
        totalCount edges { node { id ${SAID} responses { text speaker { name } } } } } }`);
    expect(errors).toBeUndefined();
    const said = data!.onTheDay.edges.map((e: any) => e.node);
    const dated = said.filter((s: any) => s.saidOn === '2022-09-28');
    expect(dated.map((s: any) => s.kind).sort()).toEqual(['ALLEGATION', 'CLAIM', 'CONFIRMATION', 'DEMAND', 'DEMAND', 'OPINION', 'OTHER']);
    expect(dated.map((s: any) => s.text).join(' | ')).toMatch(/authenticity/);
    expect(dated.find((s: any) => s.quote && s.kind === 'OPINION').text).toBe('a good thing');
    expect(dated.some((s: any) => /yet to play to it completely/.test(s.text))).toBe(true);
    expect(dated.some((s: any) => s.kind === 'DEMAND' && /cypher/i.test(s.text))).toBe(true);

    // The audio's own date is unknown, so it sorts and filters by its article's date, with saidOn left empty.
    const audio = said.find((s: any) => /America/.test(s.text));
    expect(audio).toMatchObject({ saidOn: null, date: '2022-09-28', quote: true });
    expect(audio.about.map((a: any) => a.name)).toEqual(expect.arrayContaining(['United States']));
    expect(audio.responses).toEqual([expect.objectContaining({ speaker: { name: 'Azam Khan' } })]);
    expect(audio.responses[0].text).toMatch(/meeting/);
    expect(data!.onTheDay.totalCount).toBe(said.length);
  });

  it('Azam Khan was principal secretary to the Prime Minister at the time; Imran Khan was PTI chief and prime minister', async () => {
    const { data, errors } = await h.execute(`{
      azam: person(id: "person:azam-khan") { atTheTime: affiliations(at: "2021-06-01") { role organisation { name } } now: affiliations(at: "2022-09-28") { role } }
      imran: person(id: "person:imran-khan") { atTheTime: affiliations(at: "2021-06-01") { role since until organisation { name } } now: affiliations(at: "2022-09-28") { role organisation { name } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.azam.atTheTime).toEqual([{ role: 'Principal Secretary to the Prime Minister', organisation: { name: "Prime Minister's Office" } }]);
    expect(data!.azam.now).toEqual([]);
    expect(data!.imran.atTheTime.map((a: any) => a.role).sort()).toEqual(['Chairman', 'Prime Minister']);
    expect(data!.imran.now).toEqual([{ role: 'Chairman', organisation: { name: 'Pakistan Tehreek-e-Insaf' } }]);
  });

  it('what Kokab Zuberi said, and to which newspaper', async () => {
    const { data, errors } = await h.execute(`{ person(id: "person:kokab-zuberi") {
      affiliations { role organisation { name } }
      statements { edges { node { text quote reportedIn { source { name } } } } } } }`);
    expect(errors).toBeUndefined();
    const statements = data!.person.statements.edges.map((e: any) => e.node);
    expect(statements).toHaveLength(3);
    expect(statements.find((s: any) => s.quote).text).toMatch(/^The dark web is part of the internet that requires special software/);
    expect(statements.some((s: any) => /Bitcoin/.test(s.text))).toBe(true);
    expect(new Set(statements.flatMap((s: any) => s.reportedIn.map((a: any) => a.source.name)))).toEqual(new Set(['The Express Tribune']));
    expect(data!.person.affiliations[0]).toMatchObject({ role: 'Director', organisation: { name: 'Forensic Research and Services Centre' } });
  });

  it("the opposition's concern about the security of the Prime Minister's Office, and the ministers' denial of it", async () => {
    const { data, errors } = await h.execute(`{ organisation(id: "organisation:prime-ministers-office") {
      statementsAbout { edges { node { kind text speaker { name } responses { kind text speaker { name } } } } } } }`);
    expect(errors).toBeUndefined();
    const concern = data!.organisation.statementsAbout.edges.map((e: any) => e.node).find((s: any) => /security/.test(s.text));
    expect(concern.speaker.name).toBe('The Opposition');
    expect(concern.responses).toEqual([
      expect.objectContaining({ kind: 'DENIAL', speaker: { name: 'Government of Pakistan' }, text: expect.stringMatching(/no wrongdoing/) }),
    ]);
  });
});
