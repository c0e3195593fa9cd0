import { createRequire } from 'node:module';

/**
 * Loads graphql-js as its release build, before anything else imports it. Outside NODE_ENV=production, graphql-js
 * follows every type check that answers no (`isListType` of a non-null type, and so on: thousands per large answer)
 * with a comparison of class names, to warn about two copies of the library; that was 0.5 ms of the nested
 * query's 8 ms of server CPU. graphql-js reads NODE_ENV once, as it loads, so it is set for that moment only:
 * for the rest of the server NODE_ENV keeps its meaning (src/config.ts).
 */
const env = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  createRequire(import.meta.url)('graphql');
} finally {
  if (env === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = env;
}
