import type { LanguageTable } from './lang/types.js';
import { tokenize } from './segment.js';

/**
 * Topics: what the headline is about, when the body keeps coming back to it. Word pairs and single words of the
 * title (no function words, no cue words, no verb forms) found at least three times in the body, singular or plural:
 * "audio leak", "cypher". A pair wins over its words.
 */
export function findTopics(title: string, body: string, lang: LanguageTable): string[] {
  if (lang.capitalisedNouns) return []; // capitalisation cannot tell a topic from a name there; not attempted
  const words = tokenize(title, 0, title.length).filter((t) => t.word).map((t) => t.lower);
  const lowerBody = body.toLowerCase();
  const good = (w: string) => w.length >= 4 && !lang.functionWords.has(w) && !lang.cues.has(w) && !/(ed|ing|ly)$/.test(w);
  const count = (phrase: string) => lowerBody.match(new RegExp(`\\b${escape(phrase)}s?\\b`, 'g'))?.length ?? 0;
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1]}`;
    if (good(words[i]) && good(words[i + 1]) && count(pair) >= 3) out.push(pair);
  }
  for (const w of words) if (good(w) && !out.some((p) => p.split(' ').includes(w)) && count(w) >= 3 && !out.includes(w)) out.push(w);
  return out.slice(0, 5);
}

/** Whether a topic phrase (or its plural) occurs in a text. */
export function mentionsTopic(text: string, topic: string): boolean {
  return new RegExp(`\\b${escape(topic)}s?\\b`, 'i').test(text);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
