import { RateLimitedError } from './errors.js';

/** Buckets idle this long are full again, hence no different from absent ones, and are forgotten. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Optional rate limiting by cost (RATE_LIMIT_COST_PER_MINUTE): each client (its IP address) has a bucket holding
 * at most one minute's budget, refilled continuously at budget/60 per second. Every operation is charged its cost
 * (common/cost.ts) before it runs; when the bucket cannot pay, it is refused with RATE_LIMITED, HTTP 429 and the
 * seconds until it could run. An operation dearer than the whole budget is charged the whole budget, so it waits
 * for a full bucket rather than forever. In-process and in memory: each server instance counts on its own and
 * forgets on restart, which is enough to keep one client from taking over an instance, not a shared quota.
 * Behind a reverse proxy every client is the proxy unless Express's `trust proxy` is set.
 */
export class CostRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /** Takes `cost` from `client`'s budget, or throws RateLimitedError and takes nothing. */
  charge(client: string, cost: number): void {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(client, bucket);
    const price = Math.min(cost, this.perMinute);
    if (bucket.tokens < price) {
      const retryAfterSeconds = Math.ceil(((price - bucket.tokens) * 60) / this.perMinute);
      throw new RateLimitedError(
        `Rate limit: this client may spend ${this.perMinute} cost points per minute and this operation costs ${cost}; retry in ${retryAfterSeconds} s.`,
        retryAfterSeconds,
      );
    }
    bucket.tokens -= price;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [client, bucket] of this.buckets) if (now - bucket.at >= SWEEP_EVERY_MS) this.buckets.delete(client);
  }
}
