import { mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputHash, programFingerprint } from '../../src/extract/input/input-hash.js';
import { type RawArticle, validateRawArticle } from '../../src/extract/raw.js';

const raw = (value: Record<string, unknown>): RawArticle => {
  const checked = validateRawArticle(value);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.raw;
};

describe("a raw article's input hash", () => {
  it('is the same for the same article however its record is written, and differs with any field or the program', () => {
    const article = { title: 'Pier reopens', publishedAt: '2023-05-02', body: '"The pier reopens on Friday," Ada Voss said.', url: 'https://wire.example/pier' };
    const reordered = { body: article.body, url: article.url, publishedAt: article.publishedAt, title: article.title, id: 'annotated-7', attributions: [] };
    expect(inputHash('p1', raw(reordered))).toBe(inputHash('p1', raw(article)));
    const others = [raw({ ...article, body: `${article.body} ` }), raw({ ...article, title: 'Pier reopens.' }), raw({ ...article, source: 'Wire' }), raw({ ...article, language: 'en' })];
    const hashes = new Set([inputHash('p1', raw(article)), inputHash('p2', raw(article)), ...others.map((r) => inputHash('p1', r))]);
    expect(hashes.size).toBe(6);
  });

  it("takes in every file of the program's source and the lockfile beside it", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'fingerprint-'));
    const src = path.join(root, 'src');
    await mkdir(path.join(src, 'extract', 'lang'), { recursive: true });
    await writeFile(path.join(src, 'extract', 'lang', 'en.ts'), 'export const cues = ["said"];');
    await writeFile(path.join(src, 'main.ts'), 'start();');
    const seen = [await programFingerprint(src)];
    expect(await programFingerprint(src)).toBe(seen[0]);
    await writeFile(path.join(src, 'extract', 'lang', 'en.ts'), 'export const cues = ["said", "told"];');
    seen.push(await programFingerprint(src));
    await rename(path.join(src, 'main.ts'), path.join(src, 'server.ts'));
    seen.push(await programFingerprint(src));
    await writeFile(path.join(root, 'package-lock.json'), '{"packages":{}}');
    seen.push(await programFingerprint(src));
    expect(new Set(seen).size).toBe(4);
  });
});
