import { h } from './dom';

/** A stretch of an article's body to mark: offsets are JavaScript string indices, as the API gives them. */
export interface Span {
  start: number;
  end: number;
  /** The statement it came from, set on the <mark> as data-statement. */
  statement: string;
}

/**
 * An article's body as paragraphs, with each span in a <mark>. Where spans overlap, the shorter one wins its
 * words, so a quotation inside a reported sentence stays clickable.
 */
export function articleBody(body: string, spans: Span[]): HTMLElement {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end);
  const cuts = new Set([0, body.length, ...valid.flatMap((s) => [s.start, s.end])]);
  for (let i = body.indexOf('\n\n'); i >= 0; i = body.indexOf('\n\n', i + 2)) cuts.add(i);
  const points = [...cuts].sort((a, b) => a - b);
  const paragraphs: HTMLElement[] = [h('p')];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const text = body.slice(from, to);
    const breaks = text.split(/\n\n+/);
    breaks.forEach((piece, j) => {
      if (j > 0) paragraphs.push(h('p'));
      if (!piece) return;
      const covering = valid.filter((s) => s.start <= from && s.end >= to).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
      paragraphs.at(-1)!.append(covering ? h('mark', { 'data-statement': covering.statement }, piece) : piece);
    });
  }
  return h('div', { class: 'article-body' }, ...paragraphs.filter((p) => p.childNodes.length));
}

interface Evidence {
  article: { id: string };
  start: number;
  end: number;
}

/**
 * Where a statement sits in an article's body: its evidence for that article, or, for a statement without
 * evidence, its own words where the body has them verbatim (a quotation).
 */
export function spanIn(body: string, articleId: string, statement: { id: string; text: string; evidence: Evidence[] }): Span | null {
  const evidence = statement.evidence.find((e) => e.article.id === articleId);
  if (evidence) return { start: evidence.start, end: evidence.end, statement: statement.id };
  const at = body.indexOf(statement.text);
  return at >= 0 ? { start: at, end: at + statement.text.length, statement: statement.id } : null;
}
