import { EntityNetworkDocument, NetworkEdgeDocument, type LinkFragment } from '../../client/generated/graphql';
import { call } from './api';
import { failure, h, loading } from './dom';
import { articleLink, count, day, entityLink, typeBadge } from './format';
import { Graph } from './graph';
import { links } from './router';
import { statementCard } from './statement';

const NEIGHBOURS = 12;

interface Centre {
  __typename: string;
  id: string;
  name: string;
}

/**
 * An entity's network, drawn: its heaviest links first, never the whole graph. Clicking a node expands it (its own
 * neighbours join the drawing); clicking an edge shows the statements and articles behind it.
 */
export function network(centre: Centre, neighbours: LinkFragment[]): HTMLElement {
  const canvas = h('div', { class: 'graph', id: 'network', 'aria-label': `The network of ${centre.name}` });
  const details = h('div', { class: 'details', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Click a node to expand it, a line to see what lies behind it.'));
  const names = new Map<string, Centre>([[centre.id, centre]]);
  const weights = new Map<string, LinkFragment>();
  let graph: Graph;

  const draw = (from: Centre, found: LinkFragment[]) => {
    for (const link of found) {
      names.set(link.entity.id, link.entity);
      weights.set(`${from.id}|${link.entity.id}`, link);
    }
    graph.add(
      [{ id: from.id, label: from.name, type: from.__typename, focus: from.id === centre.id }, ...found.map((l) => ({ id: l.entity.id, label: l.entity.name, type: l.entity.__typename }))],
      found.map((l) => ({ source: from.id, target: l.entity.id, weight: l.weight })),
    );
    graph.markExpanded(from.id);
    canvas.dataset.nodes = String(graph.cy.nodes().length);
    canvas.dataset.edges = String(graph.cy.edges().length);
  };

  const expand = async (id: string) => {
    const entity = names.get(id)!;
    details.replaceChildren(h('p', {}, typeBadge(entity.__typename), ' ', entityLink(entity), ' · ', h('a', { href: links.connect(centre.id, id) }, `How is it connected to ${centre.name}?`)));
    if (graph.isExpanded(id)) return;
    const status = loading(`Expanding ${entity.name}…`);
    details.append(status);
    try {
      const data = await call(EntityNetworkDocument, { id, first: NEIGHBOURS });
      const node = data.node;
      if (node && 'network' in node) draw(entity, node.network);
      status.textContent = node && 'network' in node ? `${count(node.network.length, 'neighbour')} of ${entity.name} drawn.` : '';
    } catch (error) {
      status.replaceWith(failure(error));
    }
  };

  const showEdge = async (a: string, b: string) => {
    const [first, second] = [names.get(a)!, names.get(b)!];
    const link = weights.get(`${a}|${b}`) ?? weights.get(`${b}|${a}`);
    details.replaceChildren(
      h('h3', {}, entityLink(first), ' — ', entityLink(second)),
      link
        ? h('p', { class: 'muted' }, `Mentioned together in ${count(link.coMentions, 'article')}; ${count(link.statementsBy + link.statementsAbout, 'statement')} by one about the other; seen ${day(link.firstSeen)} – ${day(link.lastSeen)}.`)
        : '',
      loading(),
    );
    try {
      const data = await call(NetworkEdgeDocument, { a, b, first: 10 });
      const said = [...data.aAboutB.edges, ...data.bAboutA.edges].map((e) => statementCard(e.node, h('div', { class: 'source' }, 'in ', e.node.reportedIn.flatMap((r, i) => [i ? '; ' : '', articleLink(r, e.node.id)]))));
      details.lastElementChild!.replaceWith(
        h('h4', {}, 'What they said of each other'),
        said.length ? h('ul', { class: 'statements' }, ...said) : h('p', { class: 'muted' }, 'Neither said anything about the other.'),
        h('h4', {}, `Articles mentioning both (${data.together.totalCount})`),
        h('ul', { class: 'articles' }, ...data.together.edges.map((e) => h('li', {}, articleLink(e.node)))),
      );
    } catch (error) {
      details.lastElementChild!.replaceWith(failure(error));
    }
  };

  // The canvas must be in the page, with its size, before Cytoscape can draw on it.
  requestAnimationFrame(() => {
    graph = new Graph(canvas, 'network', { node: (id) => void expand(id), edge: (a, b) => void showEdge(a, b) });
    draw(centre, neighbours);
  });
  return h('section', { class: 'panel network-panel' }, h('h2', {}, 'Network'), h('div', { class: 'network' }, canvas, details));
}
