import type { LayoutOptions } from 'cytoscape';
import { EntityNameDocument, PathsDocument, type PathStepsFragment } from '../../client/generated/graphql';
import { call } from './api';
import { clip, failure, h, loading } from './dom';
import { count, day, entityLink, nodeTitle, period, typeBadge } from './format';
import { Graph } from './graph';
import { links } from './router';
import { searchBox } from './search-box';

type Step = PathStepsFragment['steps'][number];

/** How a step reads, by the relationship walked and its direction (FORWARD: from the previous node to this one). */
const VERBS: Record<string, [forward: string, backward: string]> = {
  SAID: ['said', 'was said by'],
  ABOUT: ['is about', 'is the subject of'],
  REPORTED_IN: ['was reported in', 'reports'],
  MENTIONS: ['mentions', 'is mentioned in'],
  PUBLISHED_BY: ['was published by', 'published'],
  WROTE: ['wrote', 'was written by'],
  AFFILIATED_WITH: ['belongs to', 'counts as a member'],
  RESPONDS_TO: ['responds to', 'drew the response'],
};

function verb(step: Step): string {
  const [forward, backward] = VERBS[step.relationship ?? ''] ?? [step.relationship ?? '', step.relationship ?? ''];
  if (step.relationship === 'AFFILIATED_WITH' && step.role) {
    const when = period(step.since, step.until);
    const [is, has] = step.until ? ['was', 'had'] : ['is', 'has'];
    return step.direction === 'FORWARD' ? `${is} ${step.role}${when ? ` (${when})` : ''} at` : `${has} as ${step.role}${when ? ` (${when})` : ''}`;
  }
  return step.direction === 'FORWARD' ? forward : backward;
}

function stepNode(node: Step['node']): Node {
  if ('name' in node) return entityLink(node);
  if ('text' in node) return h('span', { class: 'quote' }, `“${clip(node.text, 120)}”`, h('span', { class: 'muted' }, ` (${day(node.date)})`));
  return h('a', { href: links.article(node.id) }, node.title);
}

/** "How are these two connected?": two entities picked by search, their shortest paths drawn and told step by step. */
export async function pathsPage(from: string | null, to: string | null, hops: number): Promise<HTMLElement> {
  const [a, b] = await Promise.all([from, to].map(async (id) => (id ? (await call(EntityNameDocument, { id })).node : null)));
  const chosen = (node: typeof a, role: 'from' | 'to') =>
    h('div', { class: 'end' }, h('span', { class: 'muted' }, role === 'from' ? 'From ' : 'To '), node && 'name' in node ? [typeBadge(node.__typename), ' ', entityLink(node)] : h('em', {}, 'pick an entity'));
  const picker = (role: 'from' | 'to') =>
    searchBox({
      label: role === 'from' ? 'From' : 'To',
      placeholder: role === 'from' ? 'From: a person, organisation or topic' : 'To: a person, organisation or topic',
      types: ['PERSON', 'ORGANISATION', 'TOPIC'],
      onPick: (hit) => (location.hash = role === 'from' ? links.connect(hit.node.id, to, hops) : links.connect(from, hit.node.id, hops)),
    });
  const hopsSelect = h('select', { 'aria-label': 'At most' }, ...[2, 3, 4, 5, 6].map((n) => h('option', { value: n, selected: n === hops }, `${n} steps`)));
  hopsSelect.addEventListener('change', () => (location.hash = links.connect(from, to, Number(hopsSelect.value))));
  const result = h('div', { class: 'paths-result' });
  const page = h(
    'div',
    { class: 'paths-page' },
    h('header', { class: 'page-head' }, h('h1', {}, 'How are these two connected?')),
    h('div', { class: 'pickers' }, h('div', {}, chosen(a, 'from'), picker('from')), h('div', {}, chosen(b, 'to'), picker('to')), h('label', {}, 'at most ', hopsSelect)),
    result,
  );
  if (a && b) void showPaths(a.id, b.id, hops, result);
  return page;
}

async function showPaths(from: string, to: string, hops: number, into: HTMLElement): Promise<void> {
  into.replaceChildren(loading('Looking for the shortest paths…'));
  try {
    const { paths } = await call(PathsDocument, { from, to, maxHops: hops, first: 3 });
    if (!paths.length) {
      into.replaceChildren(h('p', { class: 'empty' }, `No path of at most ${hops} steps. Allow more steps, or pick someone closer.`));
      return;
    }
    const canvas = h('div', { class: 'graph', id: 'paths-graph', 'aria-label': 'The shortest paths, drawn' });
    const list = h('ol', { class: 'paths' }, ...paths.map((p) => h('li', {}, h('p', { class: 'muted' }, count(p.length, 'step')), h('ol', { class: 'steps' }, ...p.steps.map(stepItem)))));
    into.replaceChildren(canvas, list);
    const nodes = paths.flatMap((p) => p.steps.map((s) => ({ id: s.node.id, label: 'text' in s.node ? `“${nodeTitle(s.node, 60)}”` : nodeTitle(s.node, 60), type: s.node.__typename, focus: s.node.id === from || s.node.id === to })));
    const edges = paths.flatMap((p) => p.steps.slice(1).map((s, i) => ({ source: p.steps[i]!.node.id, target: s.node.id, label: s.role ?? verb(s) })));
    requestAnimationFrame(() => {
      const graph = new Graph(canvas, 'paths', {});
      graph.add(nodes, edges, { name: 'breadthfirst', roots: [from], directed: false, spacingFactor: 1.1, animate: false } as LayoutOptions);
      canvas.dataset.nodes = String(graph.cy.nodes().length);
    });
  } catch (error) {
    into.replaceChildren(failure(error));
  }
}

function stepItem(step: Step, i: number): HTMLElement {
  return h('li', { class: 'step' }, i ? h('span', { class: 'verb' }, `${verb(step)} `) : null, stepNode(step.node));
}
