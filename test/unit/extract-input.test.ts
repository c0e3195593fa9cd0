import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRawRecords, type RawRecord, rawInputFiles, readRawRecords } from '../../src/extract/input/files.js';
import { rawFromHtml } from '../../src/extract/input/html.js';
import { checkRecord } from '../../src/extract/input/records.js';
import type { RawArticle } from '../../src/extract/raw.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/raw/', import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);

async function read(file: string, flags: Partial<RawArticle> = {}): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  for await (const r of readRawRecords(await rawInputFiles(file), flags)) records.push(r);
  return records;
}

/** The one article a file holds, validated. */
async function article(file: string, flags: Partial<RawArticle> = {}): Promise<RawArticle> {
  const [record, ...more] = await read(file, flags);
  expect(more).toEqual([]);
  const checked = checkRecord(record!);
  if (!('raw' in checked)) throw new Error(`not an article: ${JSON.stringify(checked)}`);
  return checked.raw;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'extract-input-'));
});

describe('a .txt file', () => {
  it('has its first non-empty line as the headline and the rest as the body; the flags give the rest', async () => {
    const raw = await article(fixture('valley-road.txt'), { publishedAt: '2023-02-14', source: 'Valley Post', language: 'en' });
    expect(raw.title).toBe('Floods close the valley road for a week');
    expect(raw.body).toMatch(/^Heavy rain flooded the valley road on Monday/);
    expect(raw.body).toMatch(/only supermarket\.$/);
    expect(raw.body).not.toContain('Floods close the valley road for a week');
    expect(raw).toMatchObject({ publishedAt: '2023-02-14', source: 'Valley Post', language: 'en', authors: [] });
  });

  it('is all body when --title is given', async () => {
    const raw = await article(fixture('valley-road.txt'), { title: 'Valley road closed', publishedAt: '2023-02-14' });
    expect(raw.title).toBe('Valley road closed');
    expect(raw.body).toMatch(/^Floods close the valley road for a week\n\nHeavy rain/);
  });

  it('reads Windows line ends and a byte-order mark as plain text', async () => {
    const file = path.join(dir, 'windows.txt');
    await writeFile(file, '\uFEFFCouncil meets\r\n\r\nThe council met on Monday.\r\nIt agreed.\r\n');
    const raw = await article(file, { publishedAt: '2023-01-02' });
    expect(raw.title).toBe('Council meets');
    expect(raw.body).toBe('The council met on Monday.\nIt agreed.');
  });
});

describe('an .html page', () => {
  it('gives its headline, date, source, authors, url and language, and its main text as paragraphs', async () => {
    const raw = await article(fixture('harbour-sea-wall.html'));
    expect(raw).toMatchObject({
      title: 'Harbour council approves new sea wall',
      publishedAt: '2023-03-14T09:30:00+00:00',
      source: 'The Coastal Courier',
      url: 'https://courier.example/news/sea-wall',
      language: 'en-GB',
      authors: ['Mara Quill', 'Ted Brine'],
    });
    const paragraphs = raw.body.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toBe(
      'The harbour council on Tuesday approved a new sea wall after a winter of flooding. Mayor Ina Ferro said the wall would "protect every home on the front".',
    );
    expect(paragraphs[2]).toMatch(/^The council denied the claim/);
    expect(raw.body).not.toMatch(/Home|News|© Courier|do not read me|ad content|color: red/);
  });

  it('takes the flags over what the page says', async () => {
    const raw = await article(fixture('harbour-sea-wall.html'), { title: 'Sea wall approved', publishedAt: '2023-03-15', source: 'Courier', language: 'en' });
    expect(raw).toMatchObject({ title: 'Sea wall approved', publishedAt: '2023-03-15', source: 'Courier', language: 'en', authors: ['Mara Quill', 'Ted Brine'] });
  });

  it('full of scripts, styles and templates, still gives its text and none of theirs', async () => {
    const raw = await article(fixture('scripts-everywhere.html'));
    expect(raw.body).not.toContain('SCRIPT-TEXT');
    expect(raw.body).not.toContain('enable JavaScript');
    expect(raw.body.split('\n\n')).toEqual([
      'Der Stadtrat hat am Montag mit großer Mehrheit für den Bau einer neuen Brücke über den Fluss gestimmt.',
      '„Die alte Brücke trägt den Verkehr nicht mehr“, sagte Bürgermeisterin Hanna Brandt nach der Sitzung.',
      'Die Opposition kritisierte die Kosten von zwölf Millionen Euro als zu hoch.',
    ]);
    // Its date, source and author are in a JSON-LD @graph, after a JSON-LD block that does not parse.
    expect(raw).toMatchObject({ title: 'Stadtrat stimmt für neue Brücke', publishedAt: '2024-05-06T18:00:00+02:00', source: 'Flussblatt', authors: ['Lene Auer'], language: 'de-DE' });
  });

  it.each([
    ['<meta itemprop="datePublished" content="2021-07-09">', '2021-07-09'],
    ['<time datetime="2021-07-09T10:00:00">9 July</time>', '2021-07-09'],
    ['<meta property="article:published_time" content="2021-07-09T10:00:00.000Z">', '2021-07-09T10:00:00.000Z'],
    ['<meta property="article:published_time" content="July 9, 2021">', '2021-07-09'],
    ['<meta property="article:published_time" content="soon">', undefined],
  ])('reads the date of %s as %s', (tag, date) => {
    expect(rawFromHtml(`<html><head>${tag}</head><body><p>Text.</p></body></html>`).publishedAt).toBe(date);
  });

  it('reduces the page language to a tag the record accepts', () => {
    const lang = (attr: string) => rawFromHtml(`<html lang="${attr}"><body><p>Text.</p></body></html>`).language;
    expect([lang('en_US'), lang('DE'), lang('english'), lang('pt-BR-x-extra-long-subtag')]).toEqual(['en-US', 'de', undefined, 'pt']);
  });

  it('read from a fragment without <html> or <body> still gives its text', () => {
    expect(rawFromHtml('<p>First <b>bold</b> part.</p><p>Second.</p>', { title: 'T' })).toEqual({ title: 'T', body: 'First bold part.\n\nSecond.' });
  });
});

describe('.json and .ndjson records', () => {
  it('are raw articles whose other keys (id, attributions, notes) are ignored', async () => {
    const records = await read(fixture('records.ndjson'));
    expect(records.map((r) => r.line)).toEqual([1, 2]);
    const raws = records.map((r) => checkRecord(r)).map((c) => ('raw' in c ? c.raw : c));
    expect(raws[0]).toEqual({
      title: 'Library to open on Sundays',
      publishedAt: '2023-11-02',
      source: 'Town Crier',
      language: 'en',
      authors: ['Ola Penn'],
      body: expect.stringMatching(/^The town library will open on Sundays/),
    });
    expect(raws[1]).toMatchObject({ title: 'Bus fares to rise in spring', publishedAt: '2023-11-03T08:00:00Z' });
    expect(Object.keys(raws[1]!)).not.toContain('notes');
  });

  it('get the flags only for the fields they lack', async () => {
    const records = await read(fixture('records.ndjson'), { language: 'en-GB', source: 'Flag Source' });
    expect(records.map((r) => r.value)).toMatchObject([{ language: 'en', source: 'Town Crier' }, { language: 'en-GB', source: 'Town Crier' }]);
  });

  it('in a .json file are one record or an array of them, numbered by position', async () => {
    const file = path.join(dir, 'two.json');
    await writeFile(file, JSON.stringify([{ title: 'A', publishedAt: '2020-01-01', body: 'a' }, { title: 'B', publishedAt: '2020-01-02', body: 'b' }]));
    expect((await read(file)).map((r) => [r.line, (r.value as RawArticle).title])).toEqual([[1, 'A'], [2, 'B']]);
    expect(await countRawRecords([file])).toBe(2);
  });
});

describe('a folder', () => {
  it('gives the articles of its supported files in name order, other files aside', async () => {
    const folder = path.join(dir, 'mixed');
    await mkdir(folder);
    await copyFile(fixture('valley-road.txt'), path.join(folder, 'b-road.txt'));
    await copyFile(fixture('harbour-sea-wall.html'), path.join(folder, 'c-wall.htm'));
    await copyFile(fixture('records.ndjson'), path.join(folder, 'a-records.ndjson'));
    await writeFile(path.join(folder, 'notes.md'), '# not an input');
    await writeFile(path.join(folder, 'old.rejects.ndjson'), '{}');
    await writeFile(path.join(folder, 'ingest-rejects.ndjson'), '{}');
    const files = await rawInputFiles(folder);
    expect(files.map((f) => path.basename(f))).toEqual(['a-records.ndjson', 'b-road.txt', 'c-wall.htm']);
    expect(await countRawRecords(files)).toBe(4);
    const titles = (await read(folder, { publishedAt: '2023-02-14' })).map((r) => (r.value as RawArticle).title);
    expect(titles).toEqual(['Library to open on Sundays', 'Bus fares to rise in spring', 'Floods close the valley road for a week', 'Harbour council approves new sea wall']);
  });

  it('is the only kind of input besides the supported files', async () => {
    await expect(rawInputFiles(path.join(dir, 'nothing-here.txt'))).rejects.toThrow(/No such file or folder: .*nothing-here\.txt/);
    const pdf = path.join(dir, 'story.pdf');
    await writeFile(pdf, '%PDF-1.4');
    await expect(rawInputFiles(pdf)).rejects.toThrow(/story\.pdf is not a supported input: expected \.txt, \.html/);
  });
});
