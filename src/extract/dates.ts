import type { LanguageTable } from './lang/types.js';
import type { Token } from './segment.js';

/**
 * The day a statement was made, from the words of its attribution (not its content: "said on Monday that the data
 * hacked last year …" is Monday's), relative to the publication date. Weekdays are the latest such day on or before
 * publication ("on Wednesday" in a Wednesday paper is that day); "yesterday", "today", "on Sept. 12", "am
 * 3. Dezember 2004" are days; "last year" and "recently" are not, and give null.
 */
export function dayOf(tokens: readonly Token[], publishedAt: string, lang: LanguageTable): string | null {
  const pub = new Date(`${publishedAt.slice(0, 10)}T00:00:00Z`);
  const d = lang.dates;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].lower;
    for (const n of [3, 2, 1]) {
      const phrase = tokens.slice(i, i + n).map((x) => x.lower).join(' ');
      const rel = d.relativeDays.get(phrase);
      if (rel !== undefined) return iso(addDays(pub, rel));
    }
    const weekday = d.weekdays.get(w);
    if (weekday !== undefined && (tokens[i].cap || lang.code === 'de')) {
      const before = tokens[i - 1]?.lower ?? '';
      if (['next', 'until', 'by', 'nächsten', 'kommenden', 'bis'].includes(before)) continue;
      const pubWeekday = (pub.getUTCDay() + 6) % 7;
      let back = (pubWeekday - weekday + 7) % 7;
      if (back === 0 && d.previous.has(before)) back = 7;
      return iso(addDays(pub, -back));
    }
    const month = d.months.get(w);
    if (month !== undefined && tokens[i].cap) {
      // "Sept. 12", "September 12, 2016", "12. September 2016", "3 December".
      let k = i + 1;
      if (tokens[k]?.text === '.') k++;
      let day = /^\d{1,2}$/.test(tokens[k]?.text ?? '') ? Number(tokens[k].text) : NaN;
      let yearAt = k + 1;
      if (Number.isNaN(day)) {
        const p = i - (tokens[i - 1]?.text === '.' ? 2 : 1);
        day = /^\d{1,2}$/.test(tokens[p]?.text ?? '') ? Number(tokens[p].text) : NaN;
        yearAt = i + 1;
      }
      if (Number.isNaN(day) || day < 1 || day > 31) continue;
      if (tokens[yearAt]?.text === ',') yearAt++;
      const year = /^\d{4}$/.test(tokens[yearAt]?.text ?? '') ? Number(tokens[yearAt].text) : undefined;
      let date = new Date(Date.UTC(year ?? pub.getUTCFullYear(), month - 1, day));
      if (date.getUTCMonth() !== month - 1) continue;
      if (year === undefined && date > pub) date = new Date(Date.UTC(pub.getUTCFullYear() - 1, month - 1, day));
      return iso(date);
    }
  }
  return null;
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
