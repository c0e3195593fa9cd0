import path from 'node:path';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Core } from 'cytoscape';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_BUILD } from '../../src/explore/serve.js';
import { ok, seed } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// End to end, in a real headless browser: Debian's Chromium driven by playwright-core (.ci/run installs it;
// CHROMIUM_PATH points elsewhere). Outside CI a machine without it skips these tests, saying so; in CI they fail.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
/** Where the tests leave their screenshots (the README's come from here). */
export const SCREENSHOTS = 'test-results/screenshots';
// A browser on a busy two-core machine: generous waits, each one still a failure when it runs out.
const WAIT = { timeout: 30_000 };

declare global {
  interface Window {
    /** The explorer's graphs by name (explore/src/graph.ts). */
    explorer?: Record<string, Core>;
  }
}

const IMRAN = 'person:imran-khan';
const SHEHBAZ = 'person:shehbaz-sharif';

let h: Harness;
let base: string;
let browser: Browser;
/** Every URL the pages asked for, and what the browser complained about (CSP violations, script errors). */
const requested: string[] = [];
const complaints: string[] = [];

beforeAll(async () => {
  expect(existsSync(path.join(EXPLORER_BUILD, 'index.html')), 'the explorer is not built: npm test builds it (npm run build:explore)').toBe(true);
  h = await startHarness();
  await seed();
  base = await h.serve();
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && complaints.push(m.text()));
  page.on('pageerror', (e) => complaints.push(String(e)));
  await page.goto(base + path);
  return page;
}

/** Clicks a node of a Cytoscape graph where it is drawn on the canvas, as a user would. */
async function clickNode(page: Page, graph: string, container: string, id: string): Promise<void> {
  const at = await page.evaluate(([g, n]) => window.explorer![g!]!.getElementById(n!).renderedPosition(), [graph, id]);
  const box = (await page.locator(container).boundingBox())!;
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

describe.skipIf(!haveChromium && !process.env.CI)('in a browser', { timeout: 180_000 }, () => {
  it('the GraphQL IDE loads from this server, runs its first example and shows the result', async () => {
    const page = await open('/graphql');
    await page.locator('.graphiql-execute-button').click(WAIT);
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), WAIT).toMatch(/"data"/);
    expect(await result.innerText()).toMatch(/Shehbaz Sharif/); // the first example: what was said about him
    await page.screenshot({ path: `${SCREENSHOTS}/ide.png` });
    await page.close();
  });

  it('the explorer finds Imran Khan as you type and opens his page: roles, network and timeline', async () => {
    const page = await open('/explore');
    await page.locator('.home input').fill('Imran');
    const suggestion = page.locator(`.home .suggestions li[data-id="${IMRAN}"]`);
    await suggestion.waitFor(WAIT);
    expect(await page.locator('.home .suggestions li').count()).toBeGreaterThan(1);
    expect(await page.locator('.home .suggestions mark').count()).toBeGreaterThan(0); // highlighted snippets
    await page.screenshot({ path: `${SCREENSHOTS}/explorer-search.png` });
    await suggestion.click();

    await page.waitForURL(/#\/entity\/person%3Aimran-khan$/, WAIT);
    await expect.poll(() => page.locator('h1').innerText(), WAIT).toBe('Imran Khan');
    expect(await page.locator('.roles').innerText()).toMatch(/Prime Minister, Government of Pakistan 18 Aug 2018 – 10 Apr 2022/);
    await page.locator('#network[data-nodes]').waitFor(WAIT);
    const { node } = await ok(h, `{ node(id: "${IMRAN}") { ... on Entity { network(first: 15) { entity { id } } } } }`);
    expect(Number(await page.getAttribute('#network', 'data-nodes'))).toBe(node.network.length + 1);
    await page.locator('.timeline .statement').first().waitFor(WAIT);
    const { timeline } = await ok(h, `{ timeline(entity: "${IMRAN}") { totalCount } }`);
    expect(timeline.totalCount).toBeGreaterThanOrEqual(8);
    expect(await page.locator('.timeline .statement').count()).toBe(Math.min(timeline.totalCount, 20));
    await page.close();
  });

  it('clicking a node of the network expands it; clicking an edge shows what lies behind it', async () => {
    const page = await open(`/explore#/entity/${encodeURIComponent(IMRAN)}`);
    await page.locator('#network[data-nodes]').waitFor(WAIT);
    const edgesBefore = Number(await page.getAttribute('#network', 'data-edges'));
    await clickNode(page, 'network', '#network', 'person:azam-khan');
    await expect.poll(() => page.evaluate(() => window.explorer!.network!.getElementById('person:azam-khan').hasClass('expanded')), WAIT).toBe(true);
    expect(Number(await page.getAttribute('#network', 'data-edges'))).toBeGreaterThan(edgesBefore);
    await expect.poll(() => page.locator('.network-panel .details').innerText(), WAIT).toMatch(/neighbours? of Azam Khan drawn/);

    // The edge Imran Khan — Shehbaz Sharif: what one said about the other, and the articles mentioning both.
    // A point of the edge no node is drawn over (the layout depends on what else the graph holds, and a node may
    // lie on the edge's midpoint): a click there is a click on the edge.
    const mid = await page.evaluate(([a, b]) => {
      const cy = window.explorer!.network!;
      const edge = cy.edges().filter((e) => [e.data('source'), e.data('target')].sort().join() === [a, b].sort().join());
      const [from, to] = [edge.renderedSourceEndpoint(), edge.renderedTargetEndpoint()];
      const along = (t: number) => ({ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t });
      const clear = (p: { x: number; y: number }) =>
        cy
          .nodes()
          .map((n) => {
            const at = n.renderedPosition();
            return Math.hypot(at.x - p.x, at.y - p.y) > Math.max(n.renderedWidth(), n.renderedHeight()) / 2 + 6;
          })
          .every(Boolean);
      return [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map(along).find(clear) ?? edge.renderedMidpoint();
    }, [IMRAN, SHEHBAZ]);
    const box = (await page.locator('#network').boundingBox())!;
    await page.mouse.click(box.x + mid.x, box.y + mid.y);
    const details = page.locator('.network-panel .details');
    const { articles } = await ok(h, `{ articles(filter: {mentioningAll: ["${IMRAN}", "${SHEHBAZ}"]}) { totalCount } }`);
    expect(articles.totalCount).toBeGreaterThan(0);
    await expect.poll(() => details.innerText(), WAIT).toContain(`Articles mentioning both (${articles.totalCount})`);
    expect(await details.innerText()).toMatch(/Imran Khan alleged that Prime Minister Shehbaz Sharif had leaked the audio conversation/);
    await page.screenshot({ path: `${SCREENSHOTS}/explorer-entity.png`, fullPage: true });
    await page.close();
  });

  it("a statement of the timeline shows the sentence it came from, highlighted in its article's text", async () => {
    const { statements } = await ok(h, `{ statements(filter: {speaker: "${IMRAN}"}, first: 50) { edges { node { id evidence { snippet } } } } }`);
    const alleged = statements.edges.find((e: any) => e.node.evidence[0]?.snippet.startsWith('The PTI leader further alleged'));
    expect(alleged).toBeDefined();
    const page = await open(`/explore#/entity/${encodeURIComponent(IMRAN)}`);
    const item = page.locator(`.timeline .statement[data-statement="${alleged.node.id}"]`);
    await item.locator('button', { hasText: 'Show the source sentence' }).click(WAIT);
    const mark = item.locator('.source-text mark');
    await mark.waitFor(WAIT);
    expect(await mark.innerText()).toBe(alleged.node.evidence[0].snippet);
    // The rest of the article is there around it, not only the sentence.
    expect(await item.locator('.source-text').innerText()).toMatch(/The ousted premier talked to media personnel/);
    await item.screenshot({ path: `${SCREENSHOTS}/explorer-timeline.png` });
    await page.close();
  });

  it('finds and draws the paths from Imran Khan to Shehbaz Sharif, each step explained', async () => {
    const page = await open(`/explore#/entity/${encodeURIComponent(IMRAN)}`);
    await page.getByRole('link', { name: 'How is Imran Khan connected to…?' }).click(WAIT);
    await page.getByRole('combobox', { name: 'To' }).fill('Shehbaz');
    await page.locator(`.suggestions li[data-id="${SHEHBAZ}"]`).click(WAIT);
    await page.waitForURL(/#\/connect\?from=person%3Aimran-khan&to=person%3Ashehbaz-sharif$/, WAIT);
    await page.locator('#paths-graph[data-nodes]').waitFor(WAIT);
    const { paths } = await ok(h, `{ paths(from: "${IMRAN}", to: "${SHEHBAZ}") { steps { node { id } } } }`);
    expect(await page.locator('.paths > li').count()).toBe(paths.length);
    const drawn = new Set(paths.flatMap((p: any) => p.steps.map((s: any) => s.node.id)));
    expect(Number(await page.getAttribute('#paths-graph', 'data-nodes'))).toBe(drawn.size);
    const told = await page.locator('.paths').innerText();
    expect(told).toMatch(/was Prime Minister \(18 Aug 2018 – 10 Apr 2022\) at\s+Government of Pakistan/);
    expect(told).toMatch(/has as Prime Minister \(since 11 Apr 2022\)\s+Shehbaz Sharif/);
    await page.screenshot({ path: `${SCREENSHOTS}/explorer-paths.png`, fullPage: true });
    await page.close();
  });

  it('an article shows its statements in reading order and marks the one a link points at', async () => {
    const { articles } = await ok(h, `{ articles(filter: {mentioning: "${IMRAN}"}, first: 1) { edges { node { id statements(first: 50) { edges { node { id text evidence { start snippet } } } } } } } }`);
    const article = articles.edges[0].node;
    const statements = article.statements.edges.map((e: any) => e.node);
    const chosen = statements.find((s: any) => s.text === 'play to it');
    const page = await open(`/explore#/article/${encodeURIComponent(article.id)}?statement=${encodeURIComponent(chosen.id)}`);
    await page.locator('.reading-order .statement').first().waitFor(WAIT);
    const order = await page.locator('.reading-order .statement').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.statement));
    const byPosition = [...statements].sort((a: any, b: any) => a.evidence[0].start - b.evidence[0].start).map((s: any) => s.id);
    expect(order).toEqual(byPosition);
    await expect.poll(() => page.locator('.article-body mark.selected').allInnerTexts(), WAIT).toEqual(['play to it']);
    expect(await page.locator('.quoted').innerText()).toMatch(/^Imran Khan 8/);
    await page.screenshot({ path: `${SCREENSHOTS}/explorer-article.png`, fullPage: true });
    await page.close();
  });

  it('asked for nothing but this server, and broke no rule of its content policy', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(complaints.filter((c) => !/status of 404/.test(c))).toEqual([]);
  });
});
