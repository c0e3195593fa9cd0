import type { Database } from '../db/database.js';
import type { ArticleDocument } from './document.js';
import { type IngestResult, ingestEach } from './ingest.js';
import { type ArticlePlan, planArticle } from './plan.js';

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
  private writing = false;

  constructor(
    private readonly db: Database,
    /** The most articles one transaction writes; the rest wait for the next. */
    private readonly maxGroup = MAX_GROUP,
  ) {}

  /** Resolves once the article is committed, with what it wrote (as if written alone, after those before it). */
  ingest(document: ArticleDocument): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ plan: planArticle(document), resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length) await this.write(this.waiting.splice(0, this.maxGroup));
    } finally {
      this.writing = false;
    }
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

/** Enough for any burst the API sees, few enough that one transaction stays well within the write timeout. */
const MAX_GROUP = 50;

interface Waiting {
  plan: ArticlePlan;
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
