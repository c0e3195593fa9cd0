/**
 * Normalisation maps characters one to one, so every offset into the normalised text is an offset into the raw body.
 * Quotation marks of every style („…“ «…» »…« “…” "…" ‘…’) become “ and ” (double) or ‘ and ’ (single) according
 * to whether they open or close; apostrophes become ', odd spaces a space. Quotes are paired within a paragraph; one
 * left open runs to the paragraph's end (the next paragraph of a long quotation opens again).
 */

export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark, or the paragraph's end when the quote is not closed there. */
  end: number;
  /** The quoted words: between the marks. */
  innerStart: number;
  innerEnd: number;
  closed: boolean;
}

export interface Normalised {
  text: string;
  quotes: QuoteSpan[];
}

const DOUBLE = new Set(['"', '“', '”', '„', '‟', '«', '»', '〝', '〞', '＂']);
const CLOSERS: Record<string, string> = { '“': '”“"', '„': '“”"', '‟': '”"', '«': '»', '»': '«', '"': '"”“', '〝': '〞', '”': '”"' };
const SINGLE = new Set(["'", '‘', '’', '‚', '‹', '›']);
const SINGLE_CLOSERS: Record<string, string> = { "'": "'’", '‘': "’'", '‚': '‘’', '‹': '›', '›': '‹', '’': "’'" };
const LETTER = /[\p{L}\p{N}]/u;
const SPACE_LIKE = /[\s(\[{—–-]/;

export function normalise(body: string): Normalised {
  const raw = doubledApostrophes(body);
  const out = raw.split('');
  const quotes: QuoteSpan[] = [];
  let paragraphStart = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === '\n') {
      pairQuotes(raw, out, paragraphStart, i, quotes);
      paragraphStart = i + 1;
    }
  }
  for (let i = 0; i < out.length; i++) if (out[i] === '\u00a0' || out[i] === '\u2009' || out[i] === '\u202f') out[i] = ' ';
  return { text: out.join(''), quotes };
}

/**
 * Some wire copy writes a double quotation mark as two apostrophes (''Like this,'' she said): one of the two becomes
 * a straight double quote, the other a space on the outer side, so offsets stay put and the pairing below applies.
 */
function doubledApostrophes(body: string): string {
  if (!body.includes("''")) return body;
  return body.replace(/''(?!')/g, (_, at: number) => (at > 0 && !/[\s(\[{—–-]/.test(body[at - 1]) ? '" ' : ' "'));
}

function pairQuotes(raw: string, out: string[], from: number, to: number, quotes: QuoteSpan[]): void {
  let double: { at: number; ch: string } | null = null;
  let single: { at: number; ch: string } | null = null;
  const before = (i: number) => (i > from ? raw[i - 1] : ' ');
  const after = (i: number) => (i + 1 < to ? raw[i + 1] : ' ');
  for (let i = from; i < to; i++) {
    const ch = raw[i];
    if (DOUBLE.has(ch)) {
      if (double && CLOSERS[double.ch]?.includes(ch) && !(/\s/.test(before(i)) && LETTER.test(after(i)))) {
        if (single) closeUnpaired(out, single.at), (single = null);
        out[double.at] = '“';
        out[i] = '”';
        quotes.push({ open: double.at, end: i + 1, innerStart: double.at + 1, innerEnd: i, closed: true });
        double = null;
      } else if (!double && opens(ch, before(i), after(i))) {
        double = { at: i, ch };
      } else {
        out[i] = '"';
      }
    } else if (SINGLE.has(ch)) {
      const inWord = LETTER.test(before(i)) && LETTER.test(after(i));
      if (inWord || (ch === '’' || ch === "'") && LETTER.test(before(i)) && !single) {
        out[i] = "'"; // an apostrophe: Don't, America's, Jones'
      } else if (single && SINGLE_CLOSERS[single.ch]?.includes(ch) && !LETTER.test(after(i))) {
        out[single.at] = '‘';
        out[i] = '’';
        quotes.push({ open: single.at, end: i + 1, innerStart: single.at + 1, innerEnd: i, closed: true });
        single = null;
      } else if (!single && SPACE_LIKE.test(before(i)) && LETTER.test(after(i)) || !single && before(i) === '“') {
        single = { at: i, ch };
      } else {
        out[i] = "'";
      }
    }
  }
  if (single) closeUnpaired(out, single.at);
  if (double) {
    out[double.at] = '“';
    const innerEnd = trimEnd(raw, double.at + 1, to);
    if (innerEnd > double.at + 1) quotes.push({ open: double.at, end: to, innerStart: double.at + 1, innerEnd, closed: false });
  }
}

function opens(ch: string, before: string, after: string): boolean {
  if (ch === '”' || ch === '"' || ch === '»' || ch === '«') return !LETTER.test(before) && !/\s/.test(after);
  return true;
}

/** A lone single quote is an apostrophe after all. */
function closeUnpaired(out: string[], at: number): void {
  out[at] = "'";
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && /\s/.test(text[to - 1])) to--;
  return to;
}
