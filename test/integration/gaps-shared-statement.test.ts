import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { ingest, ok, uniqueTag, withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** One undated remark reported by two newspapers, the later report loaded first; each test has its own. */
function twoReports() {
  const t = uniqueTag();
  const remark = { speaker: 'm', text: `The bridge toll will not rise ${t}.` };
  const report = (paper: string, publishedAt: string, statements: object[]) => ({
    url: `https://${paper.toLowerCase()}.example/${t}`,
    title: `Toll frozen, says mayor ${t}`,
    publishedAt,
    source: `${paper} ${t}`,
    entities: [{ ref: 'm', type: 'PERSON', name: `Mayor Saima ${t}` }],
    statements,
    mentions: ['m'],
  });
  return {
    remark,
    later: (statements: object[] = [remark]) => report('Herald', '2023-03-20', statements),
    earlier: (statements: object[] = [remark]) => report('Dispatch', '2023-03-02', statements),
  };
}

const STATEMENT = 'query ($id: ID!) { statement(id: $id) { text saidOn date reportedIn { publishedAt source { name } } } }';
/** A revision that reports another remark in place of `text`. */
const insteadOf = (text: string) => [{ speaker: 'm', text: `Instead of: ${text}` }];

describe('a statement reported by two articles', () => {
  it('is one statement with both articles as its provenance, dated by the earliest of them', async () => {
    const { remark, later, earlier } = twoReports();
    const first = await ingest(later());
    const second = await ingest(earlier());
    const id = first.statement(remark.text);
    expect(second.statement(remark.text)).toBe(id);
    const { statement } = await ok(h, STATEMENT, { id });
    expect(statement).toEqual({
      text: remark.text,
      saidOn: null,
      date: '2023-03-02',
      // Provenance newest first.
      reportedIn: [
        { publishedAt: expect.stringMatching(/^2023-03-20/), source: { name: later().source } },
        { publishedAt: expect.stringMatching(/^2023-03-02/), source: { name: earlier().source } },
      ],
    });
    const [count] = await h.db.read('test.count', 'MATCH (s:Statement {text: $text}) RETURN count(s) AS n', { text: remark.text });
    expect(count!.n).toBe(1);
  });

  it('stays while one article still reports it, and is deleted when the last one drops it', async () => {
    const { remark, later, earlier } = twoReports();
    const id = (await ingest(later())).statement(remark.text);
    await ingest(earlier());

    await ingest(later(insteadOf(remark.text)));
    const { statement } = await ok(h, STATEMENT, { id });
    expect(statement.reportedIn.map((a: any) => a.source.name)).toEqual([earlier().source]);

    await ingest(earlier(insteadOf(remark.text)));
    const gone = await h.execute(STATEMENT, { id });
    expect(gone.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('takes the date of the earliest article still reporting it once the earliest drops it', async () => {
    const { remark, later, earlier } = twoReports();
    const id = (await ingest(later())).statement(remark.text);
    await ingest(earlier());
    await ingest(earlier(insteadOf(remark.text)));
    const { statement } = await ok(h, STATEMENT, { id });
    expect(statement.reportedIn.map((a: any) => a.source.name)).toEqual([later().source]);
    expect(statement.date).toBe('2023-03-20');
  });
});

describe('the day a statement was said', () => {
  it('stays when a later article reports it without a day, one article at a time or both in one batch', async () => {
    for (const together of [false, true]) {
      const { remark, later, earlier } = twoReports();
      // The Dispatch says when the mayor said it; the Herald, a later article, quotes the remark without a day.
      const dated = earlier([{ ...remark, saidOn: '2023-02-27' }]);
      const undated = later();
      const id = together ? await ingestTogether(dated, undated, remark.text) : (await ingest(dated), (await ingest(undated)).statement(remark.text));
      const { statement } = await ok(h, STATEMENT, { id });
      expect({ together, saidOn: statement.saidOn, date: statement.date }).toEqual({ together, saidOn: '2023-02-27', date: '2023-02-27' });
      expect(statement.reportedIn).toHaveLength(2);
    }
  });

  it('is the last day a report gave, and dates the statement', async () => {
    const { remark, later, earlier } = twoReports();
    await ingest(earlier([{ ...remark, saidOn: '2023-02-27' }]));
    const id = (await ingest(later([{ ...remark, saidOn: '2023-03-01' }]))).statement(remark.text);
    const { statement } = await ok(h, STATEMENT, { id });
    expect([statement.saidOn, statement.date]).toEqual(['2023-03-01', '2023-03-01']);
  });
});

/** Both documents in one transaction, as a bulk load's batch writes them; the id of the statement `text`. */
async function ingestTogether(first: object, second: object, text: string): Promise<string> {
  const docs = [first, second].map((d) => {
    const checked = validateDocument(d);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return checked.document;
  });
  await withLoader((db) => ingestDocuments(db, docs));
  const [row] = await h.db.read('test.statement', 'MATCH (s:Statement {text: $text}) RETURN s.id AS id', { text });
  return row!.id as string;
}
