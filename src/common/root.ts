import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one holding package.json), found from this file whether it runs as TypeScript from
 * src/ or compiled into .build/src/ (`npm start`): files the server reads at run time (the GraphQL schema, the
 * seed, the IDE's operations, the story explorer's build, the local Neo4j) are found from here in both cases.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();

/** A path inside the project: `fromRoot('schema', 'article.graphql')`. */
export const fromRoot = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
