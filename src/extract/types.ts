import type { ArticleDocument, EVIDENCE_METHODS, STATEMENT_KINDS } from '../ingest/document.js';

export type { RawArticle } from './raw.js';

/**
 * A statement extraction found but could not give a speaker (an unresolved "he", "sources"): reported for review
 * with a low confidence, never attributed to the nearest name, and not loaded.
 */
export interface UnattributedStatement {
  text: string;
  kind: (typeof STATEMENT_KINDS)[number];
  quote: boolean;
  /** The words naming the source as they appear in the text, when there are any. */
  speakerText: string | null;
  start: number;
  end: number;
  method: (typeof EVIDENCE_METHODS)[number];
  confidence: number;
}

/** What extraction makes of one raw article. */
export interface Extraction {
  /** The article document, ready for ingestion: entities, affiliations, statements with evidence. */
  document: ArticleDocument;
  unattributed: UnattributedStatement[];
  /** For people: e.g. "language de-CH has no cue lexicon; the article loads with no statements". */
  warnings: string[];
}
