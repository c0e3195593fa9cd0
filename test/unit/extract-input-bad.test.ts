import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawInputFiles, readRawRecords } from '../../src/extract/input/files.js';
import { aboutRecord, checkRecord, describeProblems } from '../../src/extract/input/records.js';
import type { RawArticle } from '../../src/extract/raw.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'extract-bad-'));
});

/** Writes the input, reads it as `npm run extract` does, and gives the message of each record that is refused. */
async function refusals(name: string, content: string | Buffer, flags: Partial<RawArticle> = {}): Promise<string[]> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  const messages: string[] = [];
  for await (const record of readRawRecords(await rawInputFiles(file), flags)) {
    const checked = checkRecord(record);
    if ('problems' in checked) messages.push(aboutRecord(record, describeProblems(checked.problems)).slice(dir.length + 1));
  }
  return messages;
}

const good = { title: 'Ferry back in service', publishedAt: '2023-06-01', body: 'The ferry runs again, the operator said.' };
const published = { publishedAt: '2023-06-01' };

describe('each bad input is one clear refusal naming its record', () => {
  it('an empty body', async () => {
    expect(await refusals('empty.txt', 'Only a headline\n\n   \n', published)).toEqual(['empty.txt:1: body: is empty — "Only a headline"']);
    expect(await refusals('empty.ndjson', JSON.stringify({ ...good, body: ' ' }))).toEqual(['empty.ndjson:1: body: is empty — "Ferry back in service"']);
  });

  it('a binary file', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await refusals('picture.txt', bytes, published)).toEqual(['picture.txt:1: body: is not text (it holds binary data)']);
    expect(await refusals('picture.html', bytes)).toEqual(['picture.html:1: (page): is not text (it holds binary data)']);
  });

  it('a 10 MB text', async () => {
    const tenMegabytes = `A very long story\n\n${'All work and no play. '.repeat(480_000)}`;
    expect(await refusals('long.txt', tenMegabytes, published)).toEqual(['long.txt:1: body: is longer than 1,000,000 characters (the file holds 10,560,019 bytes)']);
    expect(await refusals('long.ndjson', JSON.stringify({ ...good, body: tenMegabytes }))).toEqual([
      'long.ndjson:1: body: is longer than 1,000,000 characters — "Ferry back in service"',
    ]);
  });

  it('an HTML page with nothing but scripts', async () => {
    const page = `<html><head><title>Breaking</title><script>${'track();'.repeat(1000)}</script></head><body><script>render("story")</script><noscript>Enable JavaScript</noscript></body></html>`;
    expect(await refusals('app.html', page, published)).toEqual(['app.html:1: body: is empty — "Breaking"']);
  });

  it('a date that is not a date', async () => {
    expect(await refusals('notdate.ndjson', JSON.stringify({ ...good, publishedAt: 'next Tuesday' }))).toEqual([
      'notdate.ndjson:1: publishedAt: must be an ISO 8601 date (2022-09-28) or date-time with offset (2022-09-28T14:30:00Z) — "Ferry back in service"',
    ]);
    expect(await refusals('feb30.txt', 'Leap\n\nText.', { publishedAt: '2023-02-30' })).toEqual([
      'feb30.txt:1: publishedAt: must be an ISO 8601 date (2022-09-28) or date-time with offset (2022-09-28T14:30:00Z) — "Leap"',
    ]);
  });

  it('a .txt file without --published, or a page that gives no date', async () => {
    expect(await refusals('undated.txt', 'Ferry back\n\nThe ferry runs again.')).toEqual([
      'undated.txt:1: publishedAt: needs --published YYYY-MM-DD (a .txt file carries no date) — "Ferry back"',
    ]);
    expect(await refusals('undated.html', '<html><body><h1>Ferry back</h1><p>The ferry runs again.</p></body></html>')).toEqual([
      'undated.html:1: publishedAt: the page gives no date: pass --published YYYY-MM-DD — "Ferry back"',
    ]);
  });

  it('a JSON line that is not JSON, and a record that is not an object, while the good lines around them read', async () => {
    const lines = [JSON.stringify(good), '{"title": "Cut off', '["an", "array"]', '42', JSON.stringify({ ...good, title: 'Second good one' })];
    expect(await refusals('mixed.ndjson', lines.join('\n'))).toEqual([
      expect.stringMatching(/^mixed\.ndjson:2: \(record\): not valid JSON \(.+\)$/),
      'mixed.ndjson:3: (record): must be a JSON object with title, publishedAt and body',
      'mixed.ndjson:4: (record): must be a JSON object with title, publishedAt and body',
    ]);
  });

  it('a record missing its fields, or with fields of the wrong type', async () => {
    expect(await refusals('fields.ndjson', [JSON.stringify({ id: 'x' }), JSON.stringify({ ...good, authors: 'Ann Lee', url: 'ftp://files.example' })].join('\n'))).toEqual([
      'fields.ndjson:1: title: is missing; publishedAt: is missing; body: is missing',
      'fields.ndjson:2: url: must be an http(s) URL; authors: must be a list, not string — "Ferry back in service"',
    ]);
  });
});
