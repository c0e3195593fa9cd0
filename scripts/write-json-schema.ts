import { writeFileSync } from 'node:fs';
import { articleDocumentJsonSchema, JSON_SCHEMA_PATH } from '../src/ingest/json-schema.js';

writeFileSync(JSON_SCHEMA_PATH, `${JSON.stringify(articleDocumentJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${JSON_SCHEMA_PATH.pathname}`);
