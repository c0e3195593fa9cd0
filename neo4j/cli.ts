// npm run db:start | db:stop | db:status — manage the local Neo4j instance described by
// LOCAL_NEO4J_BOLT_PORT / LOCAL_NEO4J_DIR, with LOCAL_NEO4J_HEAP / LOCAL_NEO4J_PAGE_CACHE (see launcher.ts for the
// defaults).
import { localOptionsFromEnv, neo4jStatus, startNeo4j, stopNeo4j } from './launcher.js';

const USAGE = 'Usage: tsx neo4j/cli.ts start|stop|status';

async function run(command: string | undefined): Promise<number> {
  const opts = localOptionsFromEnv();
  switch (command) {
    case 'start': {
      const { uri, alreadyRunning, memoryKept } = await startNeo4j(opts);
      console.log(alreadyRunning ? `Neo4j already running at ${uri}` : `Neo4j running at ${uri} (data: ${opts.dir})`);
      if (memoryKept) console.warn(`Note: ${memoryKept}.`);
      return 0;
    }
    case 'stop':
      console.log((await stopNeo4j(opts)) ? 'Neo4j stopped' : 'Neo4j was not running');
      return 0;
    case 'status': {
      const { running, pid, uri } = await neo4jStatus(opts);
      if (running) console.log(`Neo4j running at ${uri} (pid ${pid}, data: ${opts.dir})`);
      else if (pid !== undefined) console.log(`Neo4j process ${pid} is up but not answering at ${uri}`);
      else console.log(`Neo4j is not running (${uri}, data: ${opts.dir})`);
      return running ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return 1;
  }
}

try {
  process.exitCode = await run(process.argv[2]);
} catch (err) {
  console.error(`Error: ${(err as Error).message}`);
  process.exitCode = 1;
}
