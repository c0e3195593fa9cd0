/**
 * npm run eval:extract -- <annotated.ndjson> [more.ndjson] [--json] [--errors N]
 * Scores extraction against annotated articles (raw article + `attributions`, see ../shared/dev-data/README.md):
 * precision, recall, F1, speaker accuracy and, where the annotation has them, quote, kind and date accuracy; speed
 * counts extraction time only; peak resident memory is the process's.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { extractArticle } from './extract.js';
import { validateDocument } from '../ingest/document.js';
import { validateRawArticle } from './raw.js';
import { addTally, emptyTally, type Figures, figures, type GoldAttribution, type Predicted, scoreArticle, type Tally } from './score.js';

export interface Evaluation {
  articles: number;
  /** Records that are not valid raw articles (e.g. a date that is not a date): not extracted, not scored. */
  skipped: number;
  /** Articles whose extracted document would not load (a fault of extraction): scored as predicting nothing. */
  invalid: number;
  tally: Tally;
  figures: Figures;
  /** Time spent in extractArticle, in milliseconds. */
  ms: number;
  misses: string[];
  spurious: string[];
  speakers: string[];
}

/** Extracts and scores every annotated record of the NDJSON files. */
export function evaluate(files: readonly string[]): Evaluation {
  const tally = emptyTally();
  const out: Evaluation = { articles: 0, skipped: 0, invalid: 0, tally, figures: figures(tally), ms: 0, misses: [], spurious: [], speakers: [] };
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { title?: string; attributions?: GoldAttribution[] };
      const checked = validateRawArticle(record);
      if (!checked.ok) {
        out.skipped++;
        continue;
      }
      const t0 = performance.now();
      const x = extractArticle(checked.raw);
      out.ms += performance.now() - t0;
      out.articles++;
      const loads = validateDocument(x.document).ok;
      if (!loads) out.invalid++;
      const names = new Map(x.document.entities.map((en) => [en.ref, en.name]));
      const predicted: Predicted[] = (loads ? x.document.statements : []).map((s) => ({ text: s.text, speaker: names.get(s.speaker) ?? '', quote: s.quote, kind: s.kind, saidOn: s.saidOn ?? null }));
      const score = scoreArticle(predicted, record.attributions ?? []);
      addTally(tally, score.tally);
      const where = `[${record.title?.slice(0, 50)}]`;
      for (const g of score.missed) out.misses.push(`${where} (${g.speakerKind}: ${g.speaker} / ${g.cue}) ${g.content.slice(0, 160)}`);
      for (const p of score.spurious) out.spurious.push(`${where} (${p.speaker}) ${p.text.slice(0, 160)}`);
      for (const w of score.wrongSpeaker) out.speakers.push(`${where} predicted "${w.predicted.speaker}", gold "${w.gold.speaker}": ${w.gold.content.slice(0, 100)}`);
    }
  }
  return { ...out, figures: figures(tally) };
}

function main(argv: string[]): void {
  const json = argv.includes('--json');
  const e = argv.indexOf('--errors');
  const errors = e >= 0 ? Number(argv[e + 1]) : 0;
  const files = argv.filter((a, i) => !a.startsWith('--') && !(e >= 0 && i === e + 1));
  if (!files.length || !(errors >= 0)) {
    process.stderr.write('usage: npm run eval:extract -- <annotated.ndjson> [more.ndjson] [--json] [--errors N]\n');
    process.exit(2);
  }
  const { articles, skipped, invalid, tally, figures: f, ms, misses, spurious, speakers } = evaluate(files);
  const rate = ms > 0 ? articles / (ms / 1000) : 0;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  if (json) {
    process.stdout.write(JSON.stringify({ articles, skipped, invalid, ...f, ...tally, articlesPerSecond: rate, peakRssMb: rssMb }) + '\n');
  } else {
    const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);
    process.stdout.write(
      [
        `articles          ${articles}${skipped ? ` (${skipped} invalid records skipped)` : ''}`,
        `invalid documents ${invalid}${invalid ? ' (would not load; scored as predicting nothing)' : ''}`,
        `precision         ${pct(f.precision)}  (${tally.predictedMatched} / ${tally.predicted} statements)`,
        `recall            ${pct(f.recall)}  (${tally.goldMatched} / ${tally.gold} attributions)`,
        `F1                ${pct(f.f1)}`,
        `speaker accuracy  ${pct(f.speakerAccuracy)}  (${tally.speakerRight} / ${tally.speakerPairs} named speakers)`,
        `quote accuracy    ${pct(f.quoteAccuracy)}`,
        `kind accuracy     ${pct(f.kindAccuracy)}`,
        `date accuracy     ${pct(f.dateAccuracy)}`,
        `speed             ${rate.toFixed(0)} articles/s (extraction only)`,
        `peak RSS          ${rssMb.toFixed(0)} MB`,
      ].join('\n') + '\n',
    );
  }
  if (errors > 0) {
    const sample = (list: string[]) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / errors)) === 0).slice(0, errors);
    process.stderr.write(`\n# missed (${misses.length})\n${sample(misses).join('\n')}\n`);
    process.stderr.write(`\n# spurious (${spurious.length})\n${sample(spurious).join('\n')}\n`);
    process.stderr.write(`\n# wrong speaker (${speakers.length})\n${sample(speakers).join('\n')}\n`);
  }
}

// Run as a script (npm run eval:extract), not when imported by a test.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
