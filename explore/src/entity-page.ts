import { EntityPageDocument, type RoleFragment } from '../../client/generated/graphql';
import { call } from './api';
import { h } from './dom';
import { entityLink, period, typeBadge } from './format';
import { network } from './network';
import { links } from './router';
import { timeline } from './timeline';

const NEIGHBOURS = 15;

/** An entity's page: who it is, its roles over time, its network and its timeline. */
export async function entityPage(id: string): Promise<HTMLElement> {
  const { node } = await call(EntityPageDocument, { id, network: NEIGHBOURS });
  if (!node || !('name' in node)) throw new Error(`No person, organisation or topic has the id “${id}”.`);
  const roles = 'affiliations' in node ? node.affiliations : 'members' in node ? node.members : [];
  return h(
    'div',
    { class: 'entity-page' },
    h(
      'header',
      { class: 'page-head' },
      typeBadge(node.__typename),
      h('h1', {}, node.name),
      node.aliases.length ? h('p', { class: 'muted' }, `Also called ${node.aliases.join(', ')}`) : null,
      node.description ? h('p', {}, node.description) : null,
      h('p', {}, h('a', { href: links.connect(node.id) }, `How is ${node.name} connected to…?`)),
    ),
    roles.length ? rolesOverTime(roles, node.__typename === 'Person' ? 'organisation' : 'person') : null,
    h('div', { class: 'columns' }, network(node, node.network), timeline(node.id, node.name)),
  );
}

/** A person's roles (or an organisation's members), newest first, each with its dates where known. */
function rolesOverTime(roles: RoleFragment[], other: 'person' | 'organisation'): HTMLElement {
  return h(
    'section',
    { class: 'panel roles' },
    h('h2', {}, other === 'organisation' ? 'Roles over time' : 'Members'),
    h(
      'ul',
      {},
      ...roles.map((r) =>
        h('li', {}, h('strong', {}, r.role), other === 'organisation' ? ', ' : ' ', entityLink({ __typename: other === 'organisation' ? 'Organisation' : 'Person', ...r[other] }), h('span', { class: 'muted' }, ` ${period(r.since, r.until)}`)),
      ),
    ),
  );
}
