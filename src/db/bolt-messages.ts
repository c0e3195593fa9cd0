import { createRequire } from 'node:module';

/**
 * neo4j-driver hands a Bolt message that arrived in more than one piece to its decoder as a CombinedBuffer, whose
 * every byte read walks the list of pieces. Neo4j sends a message in chunks of at most 64 KB, and a socket read
 * may split one, so any record over about 64 KB (the answer of a nested query is one record) decodes at about half
 * speed: 4,000 small maps in one record cost 9.6 ms of Node CPU, against 5.3 ms split over ten records.
 *
 * This joins the pieces into one buffer when the message is complete (one copy of its bytes, microseconds),
 * before the driver decodes it. It reaches into the driver's internals, so it is applied only when they have the
 * shape it was written against (neo4j-driver 6.3): otherwise the driver is left as it is, only slower for large
 * answers, and `joinBoltMessages` says so (a test checks it, so a driver upgrade that changes them is noticed).
 */

interface Piece {
  _buffer?: unknown;
}

interface Dechunker {
  _currentMessage: Piece[];
  _onHeader(header: number): unknown;
}

let applied: boolean | undefined;

/** Installs the join once per process; true when it is in effect for the driver this project loads. */
export function joinBoltMessages(): boolean {
  applied ??= install();
  return applied;
}

function install(): boolean {
  try {
    // The copy of the connection package that neo4j-driver itself loads, not whichever one resolves from here.
    const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
    const { Dechunker } = fromDriver('neo4j-driver-bolt-connection/lib/channel/chunking.js') as { Dechunker?: { prototype: Dechunker } };
    const ChannelBuffer = (fromDriver('neo4j-driver-bolt-connection/lib/channel/channel-buf.js') as { default?: new (buffer: Buffer) => Piece }).default;
    const original = Dechunker?.prototype._onHeader;
    if (typeof original !== 'function' || typeof ChannelBuffer !== 'function') return false;
    Dechunker!.prototype._onHeader = function (this: Dechunker, header: number) {
      // Header 0 ends a message; its pieces are joined only when each is a plain Node buffer underneath.
      const pieces = this._currentMessage;
      if (header === 0 && Array.isArray(pieces) && pieces.length > 1 && pieces.every((p) => Buffer.isBuffer(p._buffer))) {
        this._currentMessage = [new ChannelBuffer(Buffer.concat(pieces.map((p) => p._buffer as Buffer)))];
      }
      return original.call(this, header);
    };
    return true;
  } catch {
    return false;
  }
}
