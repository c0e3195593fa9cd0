import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('configuration from the environment', () => {
  it('has the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config).toMatchObject({
      PORT: 4000,
      HOST: '0.0.0.0',
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: '',
      NEO4J_CONNECT_TIMEOUT_MS: 1_000,
      NEO4J_MAX_CONNECTIONS: 100,
      QUERY_TIMEOUT_MS: 10_000,
      WRITE_TIMEOUT_MS: 60_000,
      STARTUP_TIMEOUT_MS: 300_000,
      SHUTDOWN_GRACE_MS: 10_000,
      MAX_PAGE_SIZE: 100,
      MAX_DEPTH: 16,
      MAX_ALIASES: 30,
      MAX_ROOT_FIELDS: 10,
      MAX_TOKENS: 1_000,
      MAX_DIRECTIVES: 20,
      MAX_COST: 50_000,
      MAX_BODY_BYTES: 2 * 1024 * 1024,
      LOG_LEVEL: 'info',
      RATE_LIMIT_COST_PER_MINUTE: 0,
      CORS_ORIGINS: [],
      API_TOKENS: [],
      METRICS: true,
      METRICS_TOKEN: '',
      IDE: true,
      EXPLORE: true,
    });
  });

  it('reads numbers, lists and flags', () => {
    const config = loadConfig({
      PORT: '8080',
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      WRITE_TIMEOUT_MS: '120000',
      NEO4J_MAX_CONNECTIONS: '20',
      API_TOKENS: ' token-aaaaaaaaaaaaaaaa , token-bbbbbbbbbbbbbbbb ',
      CORS_ORIGINS: 'https://a.example,https://b.example',
      INTROSPECTION: 'no',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      WRITE_TIMEOUT_MS: 120_000,
      NEO4J_MAX_CONNECTIONS: 20,
      API_TOKENS: ['token-aaaaaaaaaaaaaaaa', 'token-bbbbbbbbbbbbbbbb'],
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      INTROSPECTION: false,
    });
  });

  it('names every bad variable at once', () => {
    const bad = {
      PORT: '70000',
      NEO4J_URI: 'http://localhost:7474',
      QUERY_TIMEOUT_MS: '-5',
      NEO4J_MAX_CONNECTIONS: '0',
      STARTUP_TIMEOUT_MS: 'soon',
      SHUTDOWN_GRACE_MS: '1.5',
      LOG_LEVEL: 'loud',
      API_TOKENS: 'short',
      SUGGESTIONS: 'maybe',
      METRICS_TOKEN: 'too-short',
    };
    let message = '';
    try {
      loadConfig(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:/);
    for (const name of Object.keys(bad)) expect(message).toContain(`${name}:`);
    expect(message).toContain('must be a bolt:// or neo4j:// URI');
    expect(message).toContain('at least 16 characters');
  });

});
