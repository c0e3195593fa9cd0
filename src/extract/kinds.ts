import type { Cue, Kind, LanguageTable } from './lang/types.js';
import type { Token } from './segment.js';

/**
 * The kind of a statement from its cue, refined by its content: a plain "said" whose content says what should be
 * done is a DEMAND; an assertion set against what came before ("However, … insisted that … no wrongdoing") and
 * negated is a DENIAL.
 */
export function kindOf(cue: Cue | null, content: readonly Token[], sentence: readonly Token[], lang: LanguageTable): Kind {
  const kind = cue?.kind ?? 'CLAIM';
  if (kind !== 'CLAIM') return kind;
  if (contrasted(sentence, lang) && content.some((t) => lang.negations.has(t.lower))) return 'DENIAL';
  if (content.some((t) => lang.demandWords.has(t.lower))) return 'DEMAND';
  return kind;
}

/** The sentence opens with "However", "But" …: it answers something said before. */
export function contrasted(sentence: readonly Token[], lang: LanguageTable): boolean {
  return !!sentence[0] && lang.contrasts.has(sentence[0].lower);
}
