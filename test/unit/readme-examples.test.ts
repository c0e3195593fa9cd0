import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/ingest/document.js';
import { buildSchema } from '../../src/schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = (language: string) => [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('the README', () => {
  it('shows an article document that validates as printed', () => {
    const documents = blocks('json').map((b) => JSON.parse(b) as object).filter((b) => 'statements' in b);
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) {
      const result = validateDocument(document);
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
  });

  it('shows GraphQL operations that the schema accepts as printed', () => {
    const schema = buildSchema();
    const operations = blocks('graphql');
    expect(operations.length).toBeGreaterThan(5);
    for (const operation of operations) {
      expect(validate(schema, parse(operation)).map((e) => `${e.message}\n${operation}`)).toEqual([]);
    }
  });
});
