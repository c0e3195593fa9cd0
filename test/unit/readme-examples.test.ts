import { readFileSync } from 'node:fs';
import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from '../../src/common/cost.js';
import { limitRules, limitsFrom } from '../../src/common/limits.js';
import { loadConfig } from '../../src/config.js';
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

  it('shows GraphQL operations that the schema accepts as printed, within the default limits', () => {
    const schema = buildSchema();
    const defaults = loadConfig({});
    const rules = [...specifiedRules, ...limitRules(limitsFrom(defaults))];
    const operations = blocks('graphql');
    expect(operations.length).toBeGreaterThan(5);
    for (const operation of operations) {
      const document = parse(operation);
      expect(validate(schema, document, rules).map((e) => `${e.message}\n${operation}`)).toEqual([]);
      const definition = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
      // Operations with variables are costed with their defaults: none of the README's needs a large page.
      expect(operationCost(schema, document, definition, {}) ?? 0).toBeLessThanOrEqual(defaults.MAX_COST);
    }
  });
});
