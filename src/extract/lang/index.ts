import { german } from './de.js';
import { english } from './en.js';
import type { LanguageTable } from './types.js';

const TABLES: readonly LanguageTable[] = [english, german];

/** The cue table for a language tag ("en", "en-GB", "de-CH"), or null when extraction has none for it. */
export function tableFor(language: string): LanguageTable | null {
  const primary = language.toLowerCase().split('-')[0];
  return TABLES.find((t) => t.code === primary) ?? null;
}
