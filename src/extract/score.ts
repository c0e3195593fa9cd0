import { fold } from './entities.js';

/** One gold attribution of an annotated article (see ../shared/dev-data/README.md). */
export interface GoldAttribution {
  content: string;
  speaker: string | null;
  speakerKind: 'name' | 'pronoun' | 'nominal' | 'none';
  cue?: string | null;
  direct?: boolean;
  kind?: string;
  saidOn?: string | null;
}

/** One predicted statement: its text and the name of its speaker entity. */
export interface Predicted {
  text: string;
  speaker: string;
  quote: boolean;
  kind?: string;
  saidOn?: string | null;
}

export interface Tally {
  predicted: number;
  predictedMatched: number;
  gold: number;
  goldMatched: number;
  speakerPairs: number;
  speakerRight: number;
  quotePairs: number;
  quoteRight: number;
  kindPairs: number;
  kindRight: number;
  datePairs: number;
  dateRight: number;
}

export const emptyTally = (): Tally => ({
  predicted: 0, predictedMatched: 0, gold: 0, goldMatched: 0, speakerPairs: 0, speakerRight: 0, quotePairs: 0,
  quoteRight: 0, kindPairs: 0, kindRight: 0, datePairs: 0, dateRight: 0,
});

/** Word tokens as scored: lower-case runs of letters and digits, accents folded, a possessive 's dropped. */
export function scoreTokens(s: string): string[] {
  return fold(s).replace(/['’]s\b/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Tokens shared by both, counting repeats. */
function shared(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let n = 0;
  for (const t of b) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      n++;
      counts.set(t, c - 1);
    }
  }
  return n;
}

/** At least half of each one's tokens are shared with the other. */
export function overlaps(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const n = shared(a, b);
  return n * 2 >= a.length && n * 2 >= b.length ? n / Math.max(a.length, b.length) : 0;
}

/** "Trump" ~ "Donald Trump": the folded predicted name contains the gold speaker words, or the reverse. */
export function sameSpeaker(predicted: string, gold: string): boolean {
  const p = ` ${scoreTokens(predicted).join(' ')} `;
  const g = ` ${scoreTokens(gold).join(' ')} `;
  return g.trim().length > 0 && (p.includes(g) || g.includes(p));
}

export interface ArticleScore {
  tally: Tally;
  missed: GoldAttribution[];
  spurious: Predicted[];
  wrongSpeaker: { predicted: Predicted; gold: GoldAttribution }[];
}

/** Scores one article's predictions against its gold attributions, as the dev-data README describes. */
export function scoreArticle(predicted: Predicted[], gold: GoldAttribution[]): ArticleScore {
  const tally = emptyTally();
  const pt = predicted.map((p) => scoreTokens(p.text));
  const gt = gold.map((g) => scoreTokens(g.content));
  const matchedPred = new Set<number>();
  const missed: GoldAttribution[] = [];
  const wrongSpeaker: ArticleScore['wrongSpeaker'] = [];
  tally.predicted = predicted.length;
  tally.gold = gold.length;
  gold.forEach((g, gi) => {
    let best = -1;
    let bestScore = 0;
    pt.forEach((p, pi) => {
      const o = overlaps(p, gt[gi]);
      if (o > 0) matchedPred.add(pi);
      if (o > bestScore) [best, bestScore] = [pi, o];
    });
    if (best < 0) {
      missed.push(g);
      return;
    }
    tally.goldMatched++;
    const p = predicted[best];
    if (g.speakerKind === 'name' && g.speaker) {
      tally.speakerPairs++;
      if (sameSpeaker(p.speaker, g.speaker)) tally.speakerRight++;
      else wrongSpeaker.push({ predicted: p, gold: g });
    }
    if (typeof g.direct === 'boolean') {
      tally.quotePairs++;
      if (g.direct === p.quote) tally.quoteRight++;
    }
    if (g.kind && p.kind) {
      tally.kindPairs++;
      if (g.kind === p.kind) tally.kindRight++;
    }
    if (g.saidOn !== undefined && p.saidOn !== undefined) {
      tally.datePairs++;
      if ((g.saidOn ?? null) === (p.saidOn ?? null)) tally.dateRight++;
    }
  });
  tally.predictedMatched = matchedPred.size;
  return { tally, missed, spurious: predicted.filter((_, i) => !matchedPred.has(i)), wrongSpeaker };
}

export function addTally(into: Tally, t: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += t[k];
}

export interface Figures {
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number | null;
  quoteAccuracy: number | null;
  kindAccuracy: number | null;
  dateAccuracy: number | null;
}

export function figures(t: Tally): Figures {
  const ratio = (a: number, b: number) => (b ? a / b : null);
  const precision = ratio(t.predictedMatched, t.predicted) ?? 0;
  const recall = ratio(t.goldMatched, t.gold) ?? 0;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    speakerAccuracy: ratio(t.speakerRight, t.speakerPairs),
    quoteAccuracy: ratio(t.quoteRight, t.quotePairs),
    kindAccuracy: ratio(t.kindRight, t.kindPairs),
    dateAccuracy: ratio(t.dateRight, t.datePairs),
  };
}
