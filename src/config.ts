import { z } from 'zod';

/** `true`/`false` (or 1/0, yes/no) from the environment; `fallback` when unset. */
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const commaList = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Development conveniences (introspection, "Did you mean" suggestions) are on unless NODE_ENV=production.
const production = process.env.NODE_ENV === 'production';

// The environment is parsed once, here; a bad value stops the process with every problem named.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//, 'must be a bolt:// or neo4j:// URI').optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().optional(),
  // How long to wait for a connection to the database before answering SERVICE_UNAVAILABLE.
  NEO4J_CONNECT_TIMEOUT_MS: positiveInt(1_000),
  // Connections this server keeps to the database at most (the driver's pool); requests beyond them queue.
  NEO4J_MAX_CONNECTIONS: positiveInt(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QUERY_TIMEOUT_MS: positiveInt(10_000),
  WRITE_TIMEOUT_MS: positiveInt(60_000),
  // Waiting for the database, applying the schema and seeding at start, all together.
  STARTUP_TIMEOUT_MS: positiveInt(300_000),
  // On SIGTERM/SIGINT, how long in-flight requests get to finish.
  SHUTDOWN_GRACE_MS: positiveInt(10_000),
  MAX_PAGE_SIZE: positiveInt(100),
  // Operation limits, checked before any work (src/common/limits.ts).
  MAX_DEPTH: positiveInt(16),
  MAX_ALIASES: positiveInt(30),
  MAX_ROOT_FIELDS: positiveInt(10),
  MAX_TOKENS: positiveInt(1_000),
  MAX_DIRECTIVES: positiveInt(20),
  MAX_COST: positiveInt(50_000),
  MAX_BODY_BYTES: positiveInt(2 * 1024 * 1024),
  // Per-client budget of operation cost per minute; 0 turns rate limiting off.
  RATE_LIMIT_COST_PER_MINUTE: z.coerce.number().int().min(0).default(0),
  // Browser origins allowed to call the API (CORS); `*` allows any; empty allows none.
  CORS_ORIGINS: commaList,
  INTROSPECTION: flag(!production),
  SUGGESTIONS: flag(!production),
  // Bearer tokens allowed to write (comma-separated); none means the API is read-only.
  API_TOKENS: commaList.refine((tokens) => tokens.every((t) => t.length >= 16), 'each token must be at least 16 characters'),
  // GET /metrics (Prometheus text format) on the API's port; with a token, scrapers must send it as a bearer token.
  METRICS: flag(true),
  // A browser's GET of /graphql gets a self-hosted GraphiQL with example operations (src/ide/); off, a short JSON 404.
  IDE: flag(true),
  // The story explorer at /explore (explore/, built by npm start); off, /explore is a 404.
  EXPLORE: flag(true),
  METRICS_TOKEN: z.string().default('').refine((t) => t === '' || t.length >= 16, 'must be empty or at least 16 characters'),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  throw new Error(`Invalid configuration:\n${problems}`);
}
