import cytoscape, { type Core, type ElementDefinition, type EventObject } from 'cytoscape';
import { TYPE_COLOURS } from './format';

declare global {
  interface Window {
    /** The graphs on the page, by name, for scripting the explorer from the browser's console (and its tests). */
    explorer?: Record<string, Core>;
  }
}

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  /** Drawn larger: the entity a view is about, or a path's ends. */
  focus?: boolean;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** Line width grows with it. */
  weight?: number;
  label?: string;
}

/** An undirected edge's id: the same whichever end is named first, so an edge seen from both ends is drawn once. */
export const edgeId = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

const width = (weight = 1) => Math.min(14, 1.5 + Math.log2(weight) * 2);

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'background-color': 'data(colour)',
      color: '#0f172a',
      'font-size': 11,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'ellipsis',
      'text-max-width': '140px',
      width: 22,
      height: 22,
    },
  },
  { selector: 'node[?focus]', style: { width: 36, height: 36, 'font-weight': 'bold', 'font-size': 13 } },
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#0f172a' } },
  { selector: 'node:selected', style: { 'underlay-color': '#facc15', 'underlay-opacity': 0.6, 'underlay-padding': 6 } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#94a3b8', 'curve-style': 'bezier', opacity: 0.8 } },
  { selector: 'edge[label]', style: { label: 'data(label)', 'font-size': 9, color: '#475569', 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
  { selector: 'edge:selected', style: { 'line-color': '#f59e0b' } },
];

/**
 * A graph drawn with Cytoscape.js: nodes coloured by type, edges as wide as they are heavy. Views add to it as the
 * user explores and hear about clicks on nodes and edges.
 */
export class Graph {
  readonly cy: Core;

  /** `container` must be in the page already: Cytoscape measures it. */
  constructor(container: HTMLElement, name: string, handlers: { node?: (id: string) => void; edge?: (source: string, target: string) => void }) {
    this.cy = cytoscape({ container, style: STYLE, minZoom: 0.2, maxZoom: 3 });
    const { node, edge } = handlers;
    if (node) this.cy.on('tap', 'node', (e: EventObject) => node(e.target.id()));
    if (edge) this.cy.on('tap', 'edge', (e: EventObject) => edge(e.target.data('source'), e.target.data('target')));
    window.explorer = { ...window.explorer, [name]: this.cy };
  }

  /** Adds what is not drawn yet (nodes by id, edges by their two ends), then lays the whole graph out again. */
  add(nodes: GraphNode[], edges: GraphEdge[], layout: cytoscape.LayoutOptions = { name: 'cose', animate: false, randomize: false, idealEdgeLength: () => 90, nodeRepulsion: () => 20000, padding: 30 }): void {
    const added: ElementDefinition[] = [];
    for (const n of nodes) {
      if (this.cy.getElementById(n.id).nonempty()) continue;
      added.push({ group: 'nodes', data: { id: n.id, label: n.label, type: n.type, colour: TYPE_COLOURS[n.type] ?? '#64748b', focus: n.focus ?? false } });
    }
    for (const e of edges) {
      const id = edgeId(e.source, e.target);
      if (this.cy.getElementById(id).nonempty()) continue;
      added.push({ group: 'edges', data: { id, source: e.source, target: e.target, width: width(e.weight), weight: e.weight ?? 1, ...(e.label ? { label: e.label } : {}) } });
    }
    this.cy.add(added);
    this.cy.layout(layout).run();
  }

  markExpanded(id: string): void {
    this.cy.getElementById(id).addClass('expanded');
  }

  isExpanded(id: string): boolean {
    return this.cy.getElementById(id).hasClass('expanded');
  }

  clear(): void {
    this.cy.elements().remove();
  }
}
