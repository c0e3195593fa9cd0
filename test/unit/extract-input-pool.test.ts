import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import type { RawRecord } from '../../src/extract/input/files.js';
import { inputHash } from '../../src/extract/input/input-hash.js';
import { extractRecords, type StoredInput } from '../../src/extract/input/records.js';
import { closeExtractPool, createExtractPool, extractInWorker } from '../../src/extract/pool.js';
import { type RawArticle, validateRawArticle } from '../../src/extract/raw.js';

const seed = async (): Promise<RawArticle> => {
  const line = await readFile(new URL('../../seed/express-tribune-2022-09-28-imran-audio-leak.raw.ndjson', import.meta.url), 'utf8');
  const checked = validateRawArticle(JSON.parse(line));
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.raw;
};

const short = (i: number) => ({
  title: `Short story ${i}`,
  publishedAt: '2023-05-02',
  body: `"The pier reopens on Friday," harbour master Ada Voss ${i} said on Monday.`,
});

afterAll(() => closeExtractPool());

describe('extraction in worker threads', () => {
  it('gives the same extraction as in-process, on the shared pool', async () => {
    const raw = await seed();
    const [inWorker, again] = await Promise.all([extractInWorker(raw), extractInWorker(short(1) as RawArticle)]);
    expect(inWorker).toEqual(extractArticle(raw));
    expect(again.document.title).toBe('Short story 1');
  });

  it('delivers outcomes in input order though a long article ahead of short ones finishes last', async () => {
    const pool = createExtractPool({ threads: 2 });
    try {
      const raw = await seed();
      const long = { ...raw, title: 'The long one', body: Array.from({ length: 8 }, () => raw.body).join('\n\n') };
      const input: RawRecord[] = [long, short(1), { title: 'No body', publishedAt: '2023-05-02' }, short(2), short(3)].map((value, i) => ({ file: 'in.ndjson', line: i + 1, value }));
      async function* records() {
        yield* input;
      }
      const outcomes = [];
      for await (const o of extractRecords(pool, records())) outcomes.push(o);
      expect(outcomes.map((o) => ['extraction' in o ? o.extraction.document.title : 'problems' in o ? o.problems : o, o.record.line])).toEqual([
        ['The long one', 1],
        ['Short story 1', 2],
        [[{ path: 'body', message: 'is missing' }], 3],
        ['Short story 2', 4],
        ['Short story 3', 5],
      ]);
    } finally {
      await pool.close();
    }
  });

  it('passes article documents through untouched only when asked to', async () => {
    const pool = createExtractPool({ threads: 1 });
    try {
      const document = { ...short(4), entities: [], statements: [] };
      const run = async (passDocuments: boolean) => {
        const outcomes = [];
        for await (const o of extractRecords(pool, (async function* () { yield { file: 'd.json', line: 1, value: document }; })(), { passDocuments })) outcomes.push(o);
        return outcomes;
      };
      expect(await run(true)).toEqual([{ record: { file: 'd.json', line: 1, value: document }, document }]);
      const [extracted] = await run(false);
      expect(extracted && 'extraction' in extracted && extracted.extraction.document.title).toBe('Short story 4');
    } finally {
      await pool.close();
    }
  });

  it('skips raw articles stored from the same input, looked up a chunk at a time, unless an earlier record of the run is the same article', async () => {
    const pool = createExtractPool({ threads: 2 });
    try {
      const url = (i: number) => `https://wire.example/pier/${i}`;
      const [one, two, three, four] = [1, 2, 3, 4].map((i) => ({ ...short(i), url: url(i) }));
      const fourEarlier = { ...four!, body: `${four!.body} "Bring a coat," she added.` };
      const input: RawRecord[] = [one, two, three, fourEarlier, four].map((value, i) => ({ file: 'in.ndjson', line: i + 1, value }));
      const hashOf = (r: object) => inputHash('fp', (validateRawArticle(r) as { raw: RawArticle }).raw);
      // Two and four were stored from these very inputs; the run also loads another version of four before it.
      const stored = new Map<string, StoredInput>([
        [hashOf(two!), { id: 'article:pier-2', url: url(2) }],
        [hashOf(four!), { id: 'article:pier-4', url: url(4) }],
      ]);
      const lookups: string[][] = [];
      const lookup = async (hashes: string[]) => {
        lookups.push(hashes);
        return new Map(hashes.flatMap((h) => (stored.has(h) ? [[h, stored.get(h)!] as const] : [])));
      };
      async function* records() {
        yield* input;
      }
      const outcomes = [];
      for await (const o of extractRecords(pool, records(), { ahead: 4, stored: { fingerprint: 'fp', lookup } })) outcomes.push(o);
      expect(outcomes.map((o) => ('stored' in o ? ['stored', o.stored.id] : 'extraction' in o ? [(o.extraction.document.body ?? '').slice(-5), o.inputHash] : o))).toEqual([
        [one!.body.slice(-5), hashOf(one!)],
        ['stored', 'article:pier-2'],
        [three!.body.slice(-5), hashOf(three!)],
        ['dded.', hashOf(fourEarlier)],
        [four!.body.slice(-5), hashOf(four!)],
      ]);
      expect(lookups.map((l) => l.length)).toEqual([4, 1]);
    } finally {
      await pool.close();
    }
  });
});
