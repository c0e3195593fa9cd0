import { createRequire } from 'node:module';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { joinBoltMessages } from '../../src/db/bolt-messages.js';
import { Database } from '../../src/db/database.js';

// A record over 64 KB reaches the driver in several pieces; src/db/bolt-messages.ts joins them before decoding.

const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
const CombinedBuffer = (fromDriver('neo4j-driver-bolt-connection/lib/channel/combined-buf.js') as { default: { prototype: { getUInt8(p: number): number } } }).default;

// Multi-byte characters (two, three and four bytes in UTF-8), so some fall across the pieces' boundaries.
const PREFIX = 'Zażółć gęślą jaźń ✓ 𝄞 ';
const ROWS = 6_000;
const BIG = `RETURN [x IN range(0, $n - 1) | {text: $prefix + toString(x), third: toFloat(x) / 3, n: x, at: date('2024-01-01') + duration({days: x % 365})}] AS rows`;

let db: Database;
beforeAll(() => {
  db = new Database({ uri: inject('neo4jUri'), user: 'neo4j', password: process.env.NEO4J_TEST_PASSWORD ?? '', queryTimeoutMs: 30_000 });
});
afterAll(() => db.driver.close());

describe('answers larger than one Bolt chunk', () => {
  it('are joined into one buffer for the installed driver (its internals have the expected shape)', () => {
    expect(joinBoltMessages()).toBe(true);
  });

  it('decode to the same values as they were sent, without reading through the combined buffer', async () => {
    const original = CombinedBuffer.prototype.getUInt8;
    let combinedReads = 0;
    CombinedBuffer.prototype.getUInt8 = function (position: number) {
      combinedReads++;
      return original.call(this, position);
    };
    try {
      const [row] = await db.read('test.bigRecord', BIG, { n: neo4j.int(ROWS), prefix: PREFIX });
      const rows = row!.rows as { text: string; third: number; n: number; at: string }[];
      expect(rows).toHaveLength(ROWS);
      const start = Date.UTC(2024, 0, 1);
      rows.forEach((r, x) => {
        expect(r).toEqual({ text: PREFIX + x, third: x / 3, n: x, at: new Date(start + (x % 365) * 86_400_000).toISOString().slice(0, 10) });
      });
      // Over 200 KB: several chunks, all read from the joined buffer.
      expect(Buffer.byteLength(JSON.stringify(rows))).toBeGreaterThan(200_000);
      expect(combinedReads).toBe(0);
    } finally {
      CombinedBuffer.prototype.getUInt8 = original;
    }
  });
});
