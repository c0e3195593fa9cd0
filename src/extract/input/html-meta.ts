export interface PageMetadata {
  title?: string;
  publishedAt?: string;
  source?: string;
  url?: string;
  language?: string;
  authors: string[];
}

/**
 * What a news page says about itself, from the places publishers put it: Open Graph and article meta tags,
 * schema.org JSON-LD and microdata, the canonical link, <html lang>, <time datetime>, and its first <h1>.
 */
export function pageMetadata(document: Document): PageMetadata {
  const meta = (selector: string) => clean(document.querySelector(selector)?.getAttribute('content')) || undefined;
  const ld = jsonLdArticle(document);
  const publisher = ld?.publisher;
  const dates = [
    meta('meta[property="article:published_time"]'),
    meta('meta[property="og:published_time"]'),
    meta('meta[itemprop="datePublished"]'),
    document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'),
    stringOf(ld?.datePublished),
    document.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  return {
    title: meta('meta[property="og:title"]') ?? (clean(document.querySelector('h1')?.textContent) || clean(document.querySelector('title')?.textContent) || undefined),
    publishedAt: dates.map(isoDate).find(Boolean),
    source: meta('meta[property="og:site_name"]') ?? (stringOf(isObject(publisher) ? publisher.name : publisher) || undefined),
    url: [document.querySelector('link[rel="canonical"]')?.getAttribute('href'), meta('meta[property="og:url"]')].map(httpUrl).find(Boolean),
    language: languageTag(document.documentElement?.getAttribute('lang')) ?? languageTag(meta('meta[property="og:locale"]')),
    authors: unique([...names(ld?.author), ...document.querySelectorAll('meta[name="author"]')].flatMap((a) =>
      typeof a === 'string' ? [a] : (byline(a.getAttribute('content')) ?? []),
    )),
  };
}

type Json = Record<string, unknown>;

/** The page's schema.org article in JSON-LD (arrays and @graph walked), or its first JSON-LD object. */
function jsonLdArticle(document: Document): Json | undefined {
  const nodes: Json[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) {
      nodes.push(v);
      collect(v['@graph']);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collect(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and says nothing about the article: other sources remain.
    }
  }
  return nodes.find((n) => /Article|BlogPosting|Report/.test(String(n['@type']))) ?? nodes.find((n) => 'datePublished' in n);
}

/** JSON-LD authors: a name, a Person object, or a list of either. */
function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(names);
  const name = clean(stringOf(isObject(v) ? v.name : v));
  return name ? [name] : [];
}

function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function httpUrl(v: string | null | undefined): string | undefined {
  const value = clean(v);
  return /^https?:\/\/\S+$/i.test(value) ? value : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values.map(clean).filter(Boolean))].slice(0, 50);
}

export function clean(v: string | null | undefined): string {
  return (v ?? '').replace(/\s+/g, ' ').trim();
}

/** A page's date as the ISO 8601 date or date-time the record needs, or undefined when it is not a date. */
export function isoDate(v: string | null | undefined): string | undefined {
  const value = clean(v);
  if (!value) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (iso) {
    const [, date, time, zone] = iso;
    // A time without an offset is no instant: keep its day only.
    return time && zone ? `${date}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}` : date;
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return undefined;
  // Parsed as the page wrote it ("September 28, 2022"): the calendar day it names.
  return `${parsed.getFullYear()}-${String(parsed.getMonth() + 1).padStart(2, '0')}-${String(parsed.getDate()).padStart(2, '0')}`;
}

/** "en_US", "EN-gb", "de-DE-1996" → a tag the record accepts ("en-US", "en-gb"), else its primary language, else none. */
export function languageTag(v: string | null | undefined): string | undefined {
  const tag = clean(v).replace(/_/g, '-');
  const [primary, ...rest] = tag.split('-');
  if (!primary || !/^[a-z]{2,3}$/i.test(primary)) return undefined;
  const full = [primary.toLowerCase(), ...rest].join('-');
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(full) ? full : primary.toLowerCase();
}

/** "By A. Reporter and B. Writer" → the names; a byline that is a sentence is left out. */
export function byline(v: string | null | undefined): string[] | undefined {
  const names = clean(v)
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|;|\band\b|&|\bund\b)\s*/)
    .map(clean)
    .filter((n) => n && n.length <= 100 && n.split(' ').length <= 6);
  return names.length ? names : undefined;
}
