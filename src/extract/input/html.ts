import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { RawArticle } from '../raw.js';
import { byline, clean, isoDate, languageTag, pageMetadata } from './html-meta.js';

/**
 * A raw article record from a web page: the main text by readability (over linkedom, a light DOM), the headline,
 * date, source, authors, url and language from the page's metadata. Values in `overrides` (the command's flags)
 * win over the page's. Unvalidated: `validateRawArticle` says what is missing or wrong.
 */
export function rawFromHtml(html: string, overrides: Partial<RawArticle> = {}): Record<string, unknown> {
  const { document } = parseHTML(wellFormed(html));
  // Metadata first: readability rewrites the document as it works.
  const meta = pageMetadata(document);
  const article = new Readability<Node>(document, { serializer: (node) => node }).parse();
  const content = article?.content ?? document.body;
  const page = {
    title: clean(article?.title) || meta.title,
    publishedAt: meta.publishedAt ?? isoDate(article?.publishedTime),
    source: meta.source ?? (clean(article?.siteName) || undefined),
    url: meta.url,
    language: meta.language ?? languageTag(article?.lang),
    authors: meta.authors.length ? meta.authors : byline(article?.byline),
    // Kept when empty: "body: is empty" says more about a page than "body: is missing".
    body: content ? paragraphs(content).join('\n\n') : '',
  };
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return Object.fromEntries(Object.entries({ ...page, ...given }).filter(([, v]) => v !== undefined));
}

/**
 * linkedom builds no <html> or <body> that the markup leaves out (a fragment, a page without <body>), and readability
 * needs them: wrap what the page has in them, its <head> and the <html> tag's attributes (lang) kept.
 */
function wellFormed(html: string): string {
  if (/<html[\s>]/i.test(html) && /<body[\s>]/i.test(html)) return html;
  const attributes = /<html(\s[^>]*)?>/i.exec(html)?.[1] ?? '';
  const inner = html.replace(/<!doctype[^>]*>|<\/?html(\s[^>]*)?>|<\/?body(\s[^>]*)?>/gi, '');
  const head = /<head[\s>][\s\S]*?<\/head>/i.exec(inner)?.[0];
  return `<!DOCTYPE html><html${attributes}>${head ?? '<head></head>'}<body>${head ? inner.replace(head, '') : inner}</body></html>`;
}

// Never text: code, styling and embedded objects. Readability drops most of them; a page it gives up on does not.
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'HEAD', 'SELECT', 'BUTTON']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2',
  'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/** The text of a node as paragraphs: one per block element, whitespace within each collapsed to single spaces. */
function paragraphs(root: Node): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const p = clean(current);
    if (p) out.push(p);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) current += node.textContent ?? '';
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}
