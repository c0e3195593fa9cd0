import type { Build } from './spec.js';

/**
 * Conditions keeping `value` (a Cypher date-time with the offset it was recorded in) between two days, both
 * inclusive, compared on its own local day: what `date(value)` returns and what the API shows as a `date`.
 * Comparing instants instead would let 2023-01-01T00:30+05:00 (2022-12-31 in UTC) through `to: 2022-12-31`.
 * The instant bounds, widened by the widest offsets there are (+14:00 and -12:00), let a range index serve the
 * seek; the local-day conditions then decide.
 */
export function localDayRange(value: string, from: unknown, to: unknown, build: Build): string[] {
  const where: string[] = [];
  if (from != null) {
    const p = build.param(from);
    where.push(`${value} >= datetime(${p}) - duration('PT14H')`, `date(${value}) >= date(${p})`);
  }
  if (to != null) {
    const p = build.param(to);
    where.push(`${value} < datetime(${p}) + duration('P1DT12H')`, `date(${value}) <= date(${p})`);
  }
  return where;
}
