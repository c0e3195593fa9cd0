import type { ParseArgsConfig } from 'node:util';
import type { RawArticle } from '../raw.js';

/** The metadata flags of `npm run extract` and `npm run ingest -- --extract`, for parseArgs. */
export const METADATA_OPTIONS = {
  title: { type: 'string' },
  published: { type: 'string' },
  source: { type: 'string' },
  url: { type: 'string' },
  language: { type: 'string' },
  author: { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

export const METADATA_USAGE = `Article metadata (a .txt file's only metadata; over an .html page's own; for .json/.ndjson records, only
where a record lacks the field):
  --title TEXT        headline (.txt without it: the first non-empty line)
  --published DATE    publication date, 2022-09-28 or 2022-09-28T14:30:00Z (a .txt file needs it)
  --source NAME       publication, e.g. "The Express Tribune"
  --url URL           the article's address
  --language TAG      e.g. en, de, ur-PK
  --author NAME       an author (repeat for several)`;

interface MetadataValues {
  title?: string;
  published?: string;
  source?: string;
  url?: string;
  language?: string;
  author?: string[];
}

/** The flags given, as the raw article fields they set. */
export function metadataFlags(values: MetadataValues): Partial<RawArticle> {
  const fields: Partial<RawArticle> = {
    title: values.title,
    publishedAt: values.published,
    source: values.source,
    url: values.url,
    language: values.language,
    authors: values.author,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** `--threads N`: a whole number of at least 1, or the default (undefined) when not given. */
export function threadsFlag(value: string | undefined): number | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 'invalid';
}
