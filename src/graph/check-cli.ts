import { parseArgs } from 'node:util';
import { commandDatabase } from '../db/command-database.js';
import { checkGraph } from './check.js';

const USAGE = `Usage:
  npm run check:graph

Compares what ingestion keeps at write time (connections and their ranks, day counts, the entity and date on
links) with the same counted from the graph itself, and prints how many of each differ. Reads only; on a large
graph it takes minutes. A difference is a fault in the writes that kept the structure: report it with the example
printed.

Reads NEO4J_URI, or the local Neo4j (LOCAL_NEO4J_BOLT_PORT), which must be running (npm run db:start).
Exit status: 0 all exact, 2 something differs, 1 the check failed.`;

// A whole-graph read: far longer than an API query gets.
const CHECK_TIMEOUT_MS = 3_600_000;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean' } } });
  if (values.help || positionals.length) {
    console.error(USAGE);
    return values.help ? 0 : 1;
  }
  const db = commandDatabase(CHECK_TIMEOUT_MS);
  try {
    const results = await checkGraph(db);
    const width = Math.max(...results.map((r) => r.name.length));
    for (const r of results) {
      // An extra item (a day count of a day without items, say) has no example to give.
      const verdict = r.wrong ? `${r.wrong.toLocaleString('en-US')} differ${r.example ? `, e.g. ${r.example}` : ''}` : 'exact';
      console.log(`${r.name.padEnd(width)}  ${r.checked.toLocaleString('en-US')} checked, ${verdict}`);
    }
    return results.some((r) => r.wrong) ? 2 : 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
