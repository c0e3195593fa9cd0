import { z } from 'zod';
import { articleDocument } from './document.js';

/** The article document as JSON Schema (draft 2020-12), for other tools; written by `npm run schema:json`. */
export function articleDocumentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(articleDocument, { io: 'input', target: 'draft-2020-12' }),
    title: 'Article document',
    description: 'One news article with the entities, affiliations and statements in it. refs are local to the document.',
  };
}

export const JSON_SCHEMA_PATH = new URL('../../schema/article-document.schema.json', import.meta.url);
