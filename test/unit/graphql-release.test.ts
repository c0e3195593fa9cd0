import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// What src/main.ts loads first, in a process of its own: graphql-js must come up as its release build (no class
// name comparison after a failed instanceof), while NODE_ENV keeps whatever the operator set.
const script = `
import './src/graphql-release.ts';
import { GraphQLList, GraphQLString, isObjectType } from 'graphql';
import { instanceOf } from 'graphql/jsutils/instanceOf.js';
class GraphQLObjectType { get [Symbol.toStringTag]() { return 'GraphQLObjectType'; } }
let release = true;
try { isObjectType(new GraphQLObjectType()); } catch { release = false; }
console.log(JSON.stringify({ release, env: process.env.NODE_ENV ?? null, list: isObjectType(new GraphQLList(GraphQLString)), short: String(instanceOf).length < 120 }));
`;

/** The script's report, run with NODE_ENV set to `nodeEnv` (unset when undefined). */
async function load(nodeEnv: string | undefined) {
  const env = { ...process.env, NODE_ENV: nodeEnv };
  if (nodeEnv === undefined) delete env.NODE_ENV;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
    env,
  });
  return JSON.parse(stdout);
}

describe('graphql-js as the server loads it', () => {
  it('is the release build, and NODE_ENV is left as it was', async () => {
    expect(await load('development')).toEqual({ release: true, env: 'development', list: false, short: true });
  });

  it('leaves NODE_ENV unset when it was unset', async () => {
    expect(await load(undefined)).toMatchObject({ release: true, env: null });
  });
});
