import type { StatementCardFragment } from '../../client/generated/graphql';
import { h, type Child } from './dom';
import { day, entityLink, kindBadge } from './format';

/**
 * A statement as every list shows it: its kind, its day (marked when only the article's date is known), its
 * words, who said it, in which role that day, and whom it is about. `extra` goes at the end (its article, a
 * button to show the source).
 */
export function statementCard(statement: StatementCardFragment, ...extra: Child[]): HTMLElement {
  const roles = statement.speakerRoles.map((r) => `${r.role}, ${r.organisation.name}`).join('; ');
  const words = statement.quote ? `“${statement.text}”` : statement.text;
  return h(
    'li',
    { class: 'statement', 'data-statement': statement.id },
    h(
      'div',
      { class: 'meta' },
      kindBadge(statement.kind),
      h('time', { datetime: statement.date }, day(statement.date)),
      statement.saidOn ? null : h('span', { class: 'approx', title: 'The day it was said is not known: this is the date of the article reporting it.' }, 'article date'),
    ),
    h(statement.quote ? 'blockquote' : 'p', { class: 'words' }, words),
    h(
      'div',
      { class: 'who' },
      entityLink(statement.speaker),
      roles ? h('span', { class: 'role' }, ` (${roles} at the time)`) : null,
      statement.about.length ? [' about ', ...statement.about.flatMap((a, i) => [i ? ', ' : '', entityLink(a)])] : null,
    ),
    ...extra,
  );
}
