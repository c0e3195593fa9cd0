import { ServiceUnavailableError } from '../common/errors.js';
import type { Database } from '../db/database.js';
import type { ArticleDocument } from './document.js';
import { type IngestResult, ingestEach } from './ingest.js';
import { type ArticlePlan, MAX_BATCH_WEIGHT, planArticle, planWeight } from './plan.js';

/**
 * Articles sent to the API one by one (ingestArticle, ingestRawArticle) are written by one transaction at a
 * time per server, and those that arrive while one is being written go together in the next (group commit).
 *
 * Why: news articles share entities (the publisher, the people of the day), and every transaction that links to an
 * entity holds its lock until it commits. Concurrent transactions therefore queue on the same few locks anyway,
 * inside Neo4j, where the wait is neither fair nor bounded by anything but the lock timeout; under load that gave
 * ingests of 10–20 s and WRITE_CONFLICTs. Queued here, they wait in arrival order, hold no lock while waiting, and
 * a burst costs one transaction instead of one each. Each article is still all or nothing: a group that fails is
 * written again one article at a time, so one article's failure is its own.
 */
export class IngestQueue {
  private readonly waiting: Waiting[] = [];
  private waitingChars = 0;
  private writing = false;
  private readonly limits: QueueLimits;

  constructor(
    private readonly db: Database,
    limits: Partial<QueueLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get waitingArticles(): number {
    return this.waiting.length;
  }

  /**
   * Resolves once the article is committed, with what it wrote (as if written alone, after those before it).
   * Refused at once (SERVICE_UNAVAILABLE) when the queue is full: the client retries later, and the server's memory
   * stays bounded however many clients send articles at once.
   */
  ingest(document: ArticleDocument): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      const plan = planArticle(document);
      const chars = sizeOf(plan);
      const weight = planWeight(plan);
      if (this.waiting.length >= this.limits.maxWaiting || (this.waiting.length && this.waitingChars + chars > this.limits.maxWaitingChars)) {
        throw new ServiceUnavailableError('Too many articles are waiting to be written; try again shortly.');
      }
      this.waiting.push({ plan, chars, weight, resolve, reject });
      this.waitingChars += chars;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length) {
        const group = this.waiting.splice(0, this.groupSize());
        this.waitingChars -= group.reduce((n, w) => n + w.chars, 0);
        await this.write(group);
      }
    } finally {
      this.writing = false;
    }
  }

  /** How many of the waiting articles the next transaction writes: up to maxGroup, within MAX_BATCH_WEIGHT (plan.ts). */
  private groupSize(): number {
    let [size, weight] = [0, 0];
    for (const w of this.waiting.slice(0, this.limits.maxGroup)) {
      weight += w.weight;
      if (size && weight > MAX_BATCH_WEIGHT) break;
      size++;
    }
    return size;
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      const results = await ingestEach(this.db, group.map((w) => w.plan));
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const w of group) {
        await ingestEach(this.db, [w.plan]).then(([result]) => w.resolve(result!), w.reject);
      }
    }
  }
}

export interface QueueLimits {
  /** The most articles one transaction writes (fewer when they weigh more than MAX_BATCH_WEIGHT); the rest wait for the next. */
  maxGroup: number;
  /** The most articles waiting, and the most characters of text (bodies, titles, statements) they may hold. */
  maxWaiting: number;
  maxWaitingChars: number;
}

const DEFAULT_LIMITS: QueueLimits = {
  // Enough for any burst one server sees, few enough that one transaction stays well within the write timeout.
  maxGroup: 50,
  // Twenty groups: under a minute to drain at the rate `npm run load` measures (about 25 articles/s among 50 readers).
  maxWaiting: 1_000,
  // 64 million characters: 64 articles of the longest body accepted (MAX_BODY_CHARS), or thousands of usual ones.
  maxWaitingChars: 64 * 1024 * 1024,
};

/** The text an article holds, which is most of its plan's memory. */
const sizeOf = (plan: ArticlePlan) => (plan.body?.length ?? 0) + plan.title.length + plan.statements.reduce((n, s) => n + s.text.length, 0);

interface Waiting {
  plan: ArticlePlan;
  chars: number;
  /** What it costs a transaction (plan.ts planWeight). */
  weight: number;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<Database, IngestQueue>();

/** The queue of the API's article writes through `db`: one per database connection, so one per server. */
export function ingestQueue(db: Database): IngestQueue {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = new IngestQueue(db)));
  return queue;
}
