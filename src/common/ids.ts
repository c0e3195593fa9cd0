import { BadInputError } from './errors.js';

/**
 * Ids are `<prefix>:<key>`, e.g. `person:imran-khan`. The prefix names the label, so a lookup by id is always an
 * index seek on one label (never a scan of every node), and the mapping below is the whitelist of labels.
 */
export const LABEL_BY_PREFIX = {
  person: 'Person',
  organisation: 'Organisation',
  topic: 'Topic',
  statement: 'Statement',
  article: 'Article',
} as const;

export type Label = (typeof LABEL_BY_PREFIX)[keyof typeof LABEL_BY_PREFIX];
export const ENTITY_LABELS = ['Person', 'Organisation', 'Topic'] as const satisfies readonly Label[];
export const SPEAKER_LABELS = ['Person', 'Organisation'] as const satisfies readonly Label[];

/** The label an id belongs to, checked against the labels the caller accepts. */
export function labelOf(id: string, field: string, allowed: readonly Label[] = Object.values(LABEL_BY_PREFIX)): Label {
  const prefix = id.slice(0, id.indexOf(':')) as keyof typeof LABEL_BY_PREFIX;
  const label = Object.hasOwn(LABEL_BY_PREFIX, prefix) ? LABEL_BY_PREFIX[prefix] : undefined;
  if (!label || !allowed.includes(label)) {
    const kinds = allowed.map((l) => `${l.toLowerCase()}:…`).join(', ');
    throw new BadInputError(`${field}: "${id}" is not a valid id here; expected one of ${kinds}.`, field);
  }
  return label;
}

export function makeId(label: Label, key: string): string {
  const prefix = Object.entries(LABEL_BY_PREFIX).find(([, l]) => l === label)![0];
  return `${prefix}:${key}`;
}
