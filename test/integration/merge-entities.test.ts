import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const INGEST = 'mutation ($input: ArticleInput!) { ingestArticle(input: $input) { entities { entity { id name } } } }';
const MERGE = `mutation ($into: ID!, $from: [ID!]!) { mergeEntities(into: $into, from: $from) {
  mergedIds entity { id name aliases ... on Person { statements { totalCount } affiliations { role organisation { name } } } statementsAbout { totalCount } mentionedIn { totalCount } } } }`;

/** Two articles that spell one person two ways that resolution cannot join ("Sheikh Rashid" / "Rashid Ahmed"). */
async function duplicates() {
  const u = randomUUID().slice(0, 6);
  const a = await h.write(INGEST, {
    input: {
      title: `A ${u}`, publishedAt: '2022-10-01', source: `Paper ${u}`,
      entities: [{ ref: 'p', type: 'PERSON', name: `Sheikh Rashid ${u}` }, { ref: 'o', type: 'ORGANISATION', name: `Party ${u}` }, { ref: 'x', type: 'PERSON', name: `Critic ${u}` }],
      affiliations: [{ person: 'p', organisation: 'o', role: 'President', since: '2008-01-01' }],
      statements: [{ speaker: 'p', text: `First remark ${u}` }, { speaker: 'x', text: `About him ${u}`, about: ['p'] }],
      mentions: ['p', 'o', 'x'],
    },
  });
  const b = await h.write(INGEST, {
    input: {
      title: `B ${u}`, publishedAt: '2022-10-02', source: `Paper ${u}`,
      entities: [{ ref: 'p', type: 'PERSON', name: `Rashid Ahmed ${u}`, aliases: [`SR ${u}`] }, { ref: 'o', type: 'ORGANISATION', name: `Party ${u}` }],
      affiliations: [{ person: 'p', organisation: 'o', role: 'President', until: '2023-01-01' }],
      statements: [{ speaker: 'p', text: `Second remark ${u}` }],
      mentions: ['p'],
    },
  });
  const id = (r: any, name: string) => r.data.ingestArticle.entities.find((e: any) => e.entity.name === name).entity.id as string;
  return { u, into: id(a, `Sheikh Rashid ${u}`), from: id(b, `Rashid Ahmed ${u}`) };
}

describe('mergeEntities', () => {
  it('moves every relationship to the survivor without doubling any, and keeps the other names as aliases', async () => {
    const { u, into, from } = await duplicates();
    const { data, errors } = await h.write(MERGE, { into, from: [from] });
    expect(errors).toBeUndefined();
    const merged = data!.mergeEntities;
    expect(merged.mergedIds).toEqual([from]);
    expect(merged.entity).toMatchObject({ id: into, name: `Sheikh Rashid ${u}` });
    expect(merged.entity.aliases).toEqual(expect.arrayContaining([`Rashid Ahmed ${u}`, `SR ${u}`]));
    expect(merged.entity.statements.totalCount).toBe(2);
    expect(merged.entity.statementsAbout.totalCount).toBe(1);
    expect(merged.entity.mentionedIn.totalCount).toBe(2);
    // The same role in the same party, known from both articles, is one affiliation with both dates.
    expect(merged.entity.affiliations).toEqual([{ role: 'President', organisation: { name: `Party ${u}` } }]);
    const [dates] = await h.db.read('test.dates', 'MATCH (:Person {id: $id})-[r:AFFILIATED_WITH]->() RETURN toString(r.since) AS since, toString(r.until) AS until', { id: into });
    expect(dates).toEqual({ since: '2008-01-01', until: '2023-01-01' });
  });

  it('keeps the merged id resolving to the survivor, through node(id) and person(id)', async () => {
    const { into, from } = await duplicates();
    await h.write(MERGE, { into, from: [from] });
    const { data } = await h.execute(`{ node(id: "${from}") { id } person(id: "${from}") { id } }`);
    expect(data).toEqual({ node: { id: into }, person: { id: into } });
  });

  it('sends later articles that use a merged name to the survivor', async () => {
    const { u, into, from } = await duplicates();
    await h.write(MERGE, { into, from: [from] });
    const later = await h.write(INGEST, { input: { title: `C ${u}`, publishedAt: '2022-10-03', entities: [{ ref: 'p', type: 'PERSON', name: `SR ${u}` }], mentions: ['p'] } });
    expect(later.data!.ingestArticle.entities[0].entity.id).toBe(into);
  });

  it('needs a token, ids of one kind that exist, and not the survivor among those merged', async () => {
    const { into, from } = await duplicates();
    expect((await h.execute(MERGE, { into, from: [from] })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.write(MERGE, { into, from: ['topic:x'] })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from[0]' });
    expect((await h.write(MERGE, { into, from: [into] })).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.write(MERGE, { into, from: [] })).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const missing = await h.write(MERGE, { into, from: ['person:does-not-exist', from] });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
    expect(missing.errors![0].message).toContain('person:does-not-exist');
    // Nothing was merged by the refused call.
    expect((await h.execute(`{ person(id: "${from}") { id } }`)).data!.person.id).toBe(from);
  });
});
