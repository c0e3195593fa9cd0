/**
 * The links of an ingest batch (ingest.ts) as the parameters of the link queries (cypher.ts CREATE_LINKS and
 * MERGE_LINKS): each node once, and each link as the positions of its ends among them.
 */
import { type Integer, int } from 'neo4j-driver';
import { Positions } from '../db/positions.js';
import type { AffiliationRow, EvidenceRow } from './plan.js';

/** `listed`: a MENTIONS that does not connect (entity/connections.ts CO_MENTIONED_MAX). */
const LINK_TYPES = ['publishedBy', 'wrote', 'mentions', 'listed', 'said', 'reportedIn', 'about', 'respondsTo'] as const;
type LinkType = (typeof LINK_TYPES)[number];

/** A link as positions of its ends among the query's nodes; a report (REPORTED_IN) adds its evidence or null. */
type LinkRow = [Integer, Integer] | [Integer, Integer, Record<string, unknown> | null];

/** The parameters of one link query (cypher.ts): its nodes once each, and links as positions among them. */
export class Links {
  private readonly nodes = new Positions();
  private readonly pairs = new Map<LinkType, Map<string, LinkRow>>(LINK_TYPES.map((t) => [t, new Map()]));
  private readonly affiliations: Record<string, unknown>[] = [];

  /** A link between two element ids, once however often it is added. */
  add(type: Exclude<LinkType, 'reportedIn'>, from: string, to: string): void {
    const [i, j] = [this.nodes.of(from), this.nodes.of(to)];
    this.pairs.get(type)!.set(`${i} ${j}`, [i, j]);
  }

  /** A statement reported in an article, with where in the article's body it was taken from, when known. */
  report(statement: string, article: string, evidence: EvidenceRow | null): void {
    const [i, j] = [this.nodes.of(statement), this.nodes.of(article)];
    this.pairs.get('reportedIn')!.set(`${i} ${j}`, [i, j, evidence && evidenceProperties(evidence)]);
  }

  affiliation(a: AffiliationRow, person: string, organisation: string): void {
    this.affiliations.push({ ...a, person: this.nodes.of(person), organisation: this.nodes.of(organisation) });
  }

  /** Query parameters, or undefined when there is nothing to write. */
  params(): Record<string, unknown> | undefined {
    if (!this.nodes.values.length) return undefined;
    const links = Object.fromEntries(LINK_TYPES.map((t) => [t, [...this.pairs.get(t)!.values()]]));
    return { nodes: this.nodes.values, affiliations: this.affiliations, ...links };
  }
}

/** Offsets as Cypher integers, to be stored as such (a JavaScript number would be stored as a float). */
function evidenceProperties({ start, end, startCodePoint, endCodePoint, method, confidence }: EvidenceRow): Record<string, unknown> {
  return { start: int(start), end: int(end), startCodePoint: int(startCodePoint), endCodePoint: int(endCodePoint), method, confidence };
}
