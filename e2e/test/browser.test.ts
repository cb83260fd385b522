import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { largeLineage } from './support/large-lineage.js';
import {
  freePorts,
  startAlmanac,
  waitForHttp,
  type RunningAlmanac,
} from './support/start-almanac.js';

/**
 * The product as a user starts it: `node apps/api/dist/start.js` (what `npm start` runs once the API
 * and the web app are built) with no database and no Redis configured, exactly as a new user runs it:
 * embedded PostgreSQL in a fresh data directory and in-process jobs, driven through Chromium.
 */

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const START_SCRIPT = join(REPO_ROOT, 'apps', 'api', 'dist', 'start.js');
const WEB_BUILD = join(REPO_ROOT, 'apps', 'web', '.next', 'BUILD_ID');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The embedded warehouse is the embedded server's `postgres` database.
const CLV = 'shop_warehouse.postgres.marts.customer_lifetime_value';
const CUSTOMERS = 'shop_warehouse.postgres.raw.customers';
const VALID_ORDERS = 'shop_warehouse.postgres.marts.valid_orders';
const SEGMENTS = 'shop_warehouse.postgres.marts.customer_segments';
const STG_CUSTOMERS = 'shop_warehouse.postgres.staging.stg_customers';
const CONVERSION_RATE = 'shop_warehouse.postgres.marts.conversion_rate_daily';

async function mustExist(path: string, what: string, mode = constants.R_OK): Promise<void> {
  try {
    await access(path, mode);
  } catch {
    throw new Error(`${what} is required for the end-to-end test but ${path} is missing`);
  }
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function text(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ state: 'visible' });
  return (await locator.innerText()).trim();
}

/** Waits until React has hydrated the header's search box, so that it answers keys. */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    `Object.keys(document.querySelector('[data-testid="header-search"]') ?? {})` +
      `.some((key) => key.startsWith('__react'))`,
  );
}

/** Waits for the search page to show the results of `query` (not of a prefix typed on the way). */
async function resultsFor(page: Page, query: string): Promise<void> {
  await page.getByRole('heading', { name: `Search results for “${query}”`, exact: true }).waitFor();
}

/** An attribute of every search result on the page, in order. */
async function hitAttributes(page: Page, name: string): Promise<(string | null)[]> {
  const hits = await page.getByTestId('search-hit').all();
  return Promise.all(hits.map((hit) => hit.getAttribute(name)));
}

/** Sends metadata records through the public ingest endpoint, as a connector would. */
async function ingest(records: object[]): Promise<{ created: number; errors: unknown[] }> {
  const response = await fetch(`${almanacApiUrl()}/api/v1/ingest`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await adminToken()}`,
      'content-type': 'application/x-ndjson',
    },
    body: records.map((record) => `${JSON.stringify(record)}\n`).join(''),
  });
  return (await response.json()) as { created: number; errors: unknown[] };
}

async function adminToken(): Promise<string> {
  return (await readFile(join(dataDirOf(), 'admin-token'), 'utf8')).trim();
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(`${almanacApiUrl()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Labels a column, as a classifier would. */
async function tagColumn(target: string, tagFqn: string): Promise<void> {
  const summary = await ingest([{ kind: 'tag_label', target, tag: { tagFqn } }]);
  expect(summary).toMatchObject({ created: 1, errors: [] });
}

const lineageNode = (fqn: string) => `[data-testid="lineage-node"][data-fqn="${fqn}"]`;

let currentDataDir = '';
let currentApiUrl = '';
const dataDirOf = () => currentDataDir;
const almanacApiUrl = () => currentApiUrl;

describe('Almanac in a browser', () => {
  let dataDir: string | undefined;
  let almanac: RunningAlmanac | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    await mustExist(START_SCRIPT, 'The built API (npx nx run-many -t build)');
    await mustExist(WEB_BUILD, 'The built web app (npx nx run-many -t build)');
    await mustExist(CHROMIUM, 'Chromium', constants.X_OK);

    dataDir = await mkdtemp(join(tmpdir(), 'almanac-e2e-data-'));
    const [apiPort, webPort] = await freePorts(2);
    currentDataDir = dataDir;
    currentApiUrl = `http://127.0.0.1:${apiPort}`;

    // Jest's own variables must not leak into the product (NODE_ENV=test confuses `next start`).
    const {
      NODE_ENV: _nodeEnv,
      NODE_OPTIONS: _nodeOptions,
      ALMANAC_WEB_URL: _webUrl,
      ALMANAC_ADMIN_TOKEN: _adminToken,
      DATABASE_URL: _databaseUrl,
      REDIS_URL: _redisUrl,
      ...inherited
    } = process.env;
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(inherited)) if (value !== undefined) env[key] = value;
    Object.assign(env, {
      API_PORT: String(apiPort),
      WEB_PORT: String(webPort),
      ALMANAC_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      PIPELINE_SAMPLE_EVENTS: '20000',
      NEXT_TELEMETRY_DISABLED: '1',
    });

    almanac = await startAlmanac({
      startScript: START_SCRIPT,
      cwd: REPO_ROOT,
      env,
      timeoutMs: 90_000,
    });
    // start.js prints the link as soon as `next start` is spawned; wait until it listens.
    await waitForHttp(`${almanac.webUrl}/signin`, 30_000);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
  }, 150_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (almanac) {
      await almanac.stop();
      const stderr = almanac.output().split('--- stderr ---\n')[1]?.trim();
      if (stderr) console.log(`Almanac stderr during the test:\n${stderr}`);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('signs in with the one-time link and lands on the asset list', async () => {
    await page.goto(almanac!.signInUrl);
    expect(pathOf(page)).toBe('/assets');
    expect(await text(page, '[data-testid="viewer-name"]')).toBe('admin');
    expect(await text(page, '[data-testid="total-count"]')).toMatch(/^\d+ assets/);
  });

  it('filters the list by type and finds a table the shop pipeline built', async () => {
    await page.getByRole('link', { name: 'table', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('type') === 'table');
    const count = await text(page, '[data-testid="total-count"]');
    expect(count).toMatch(/^\d+ assets of type table$/);
    expect(Number(count.split(' ')[0])).toBeGreaterThanOrEqual(20);
    const row = page.getByRole('row').filter({ hasText: CLV });
    await row.waitFor();
    expect(await row.innerText()).toContain('analytics');
    const validOrders = page.getByRole('row').filter({ hasText: 'marts.valid_orders' });
    expect(await validOrders.innerText()).toContain('dana');
  });

  it('pages through the list with the cursor', async () => {
    const firstFqns = () => page.locator('table.data tbody tr td.fqn').allInnerTexts();
    await page.goto(`${almanac!.webUrl}/assets?first=10`);
    const total = await text(page, '[data-testid="total-count"]');
    const pageOne = await firstFqns();
    expect(pageOne).toHaveLength(10);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL((url) => url.searchParams.has('after'));
    const pageTwo = await firstFqns();
    expect(pageTwo).toHaveLength(10);
    expect(pageTwo.filter((fqn) => pageOne.includes(fqn))).toEqual([]);
    expect(await text(page, '[data-testid="total-count"]')).toBe(total);
  });

  it('shows a table with its columns, owner and version history', async () => {
    await page.goto(`${almanac!.webUrl}/assets?type=table`);
    await page.getByRole('link', { name: CLV, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/asset');
    expect(new URL(page.url()).searchParams.get('fqn')).toBe(CLV);

    expect(await text(page, '[data-testid="asset-fqn"]')).toBe(CLV);
    expect(await text(page, '[data-testid="asset-description"]')).toContain('lifetime value');
    expect(await text(page, '[data-testid="asset-owners"]')).toBe('analytics');
    expect(await text(page, '[data-testid="asset-version"]')).toBe('0.1');

    const column = await text(page, '[data-testid="columns"] tr[data-column="lifetime_value"]');
    expect(column).toContain('numeric');
    expect(column).toContain("Sum of the customer's valid order totals.");
    const key = await text(page, '[data-testid="columns"] tr[data-column="customer_id"]');
    expect(key).toContain('The customer.');

    const history = await text(page, '[data-testid="versions"] tbody');
    expect(history).toMatch(/^0\.1\s+created\s+almanac/);

    const shot = join(await mkdtemp(join(tmpdir(), 'almanac-e2e-shots-')), 'asset-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`Screenshot of the asset page: ${shot}`);
  });

  it('shows column tags', async () => {
    await tagColumn(`${CUSTOMERS}.email`, 'PII.Sensitive');
    await page.goto(`${almanac!.webUrl}/asset?fqn=${encodeURIComponent(CUSTOMERS)}`);
    const email = await text(page, '[data-testid="columns"] tr[data-column="email"]');
    expect(email).toContain('PII.Sensitive');
    const country = await text(page, '[data-testid="columns"] tr[data-column="country"]');
    expect(country).not.toContain('PII');
  });

  it('shows sampled values, masked on a personal-data column for a data consumer', async () => {
    const stored = await postJson('/api/v1/samples', {
      tables: [
        {
          table: CUSTOMERS,
          columns: [
            { name: 'email', values: ['ann@example.com', null] },
            { name: 'country', values: ['DE', 'FR'] },
          ],
        },
      ],
    });
    expect(stored.status).toBe(200);
    const sampleOf = (target: Page, column: string) =>
      text(target, `[data-testid="columns"] tr[data-column="${column}"] td.sample`);

    await page.goto(`${almanac!.webUrl}/asset?fqn=${encodeURIComponent(CUSTOMERS)}`);
    expect(await sampleOf(page, 'email')).toContain('ann@example.com');

    const issued = await postJson('/graphql', {
      query: `mutation { createToken(name: "casey", role: "DataConsumer") { token } }`,
    });
    const { data } = (await issued.json()) as { data: { createToken: { token: string } } };
    const context = await browser!.newContext();
    try {
      const consumer = await context.newPage();
      await consumer.goto(`${almanac!.webUrl}/signin`);
      await consumer.getByLabel('API token').fill(data.createToken.token);
      await consumer.getByRole('button', { name: 'Sign in' }).click();
      await consumer.waitForURL((url) => url.pathname === '/assets');
      await consumer.goto(`${almanac!.webUrl}/asset?fqn=${encodeURIComponent(CUSTOMERS)}`);
      const email = await sampleOf(consumer, 'email');
      expect(email).toContain('*****');
      expect(email).toContain('masked');
      expect(email).not.toContain('ann@example.com');
      expect(await sampleOf(consumer, 'country')).toContain('DE, FR');
    } finally {
      await context.close();
    }
  });

  it('draws the lineage of a mart, upstream to the left and downstream to the right', async () => {
    await page.goto(`${almanac!.webUrl}/asset?fqn=${encodeURIComponent(CLV)}`);
    await page.getByRole('link', { name: 'Lineage', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'lineage');
    await page.locator(lineageNode(VALID_ORDERS)).waitFor();
    expect(await page.locator(lineageNode(CLV)).getAttribute('data-depth')).toBe('0');
    expect(await page.locator(lineageNode(VALID_ORDERS)).getAttribute('data-depth')).toBe('-1');
    expect(await page.locator(lineageNode(SEGMENTS)).getAttribute('data-depth')).toBe('1');
    const x = async (fqn: string) => (await page.locator(lineageNode(fqn)).boundingBox())!.x;
    expect(await x(VALID_ORDERS)).toBeLessThan(await x(CLV));
    expect(await x(CLV)).toBeLessThan(await x(SEGMENTS));
  });

  it('expands and collapses by depth, and collapses one branch', async () => {
    const stats = () => text(page, '[data-testid="lineage-stats"]');
    const shown = async () => Number((await stats()).split(' ')[0]);
    const everything = await shown();
    expect(everything).toBeGreaterThan(5);

    await page.getByLabel('Upstream depth').selectOption('1');
    await page.waitForURL((url) => url.searchParams.get('upstream') === '1');
    await page.locator(lineageNode(VALID_ORDERS)).waitFor();
    await expect(shown()).resolves.toBeLessThan(everything);
    await page.getByLabel('Upstream depth').selectOption('3');
    await page.waitForURL((url) => url.searchParams.get('upstream') === '3');

    await page.getByRole('button', { name: `Collapse downstream of ${CLV}` }).click();
    expect(await stats()).toMatch(/^1 of \d+ assets/);
    expect(await page.locator(lineageNode(SEGMENTS)).count()).toBe(0);
    await page.getByRole('button', { name: `Expand downstream of ${CLV}` }).click();
    await page.locator(lineageNode(SEGMENTS)).waitFor();
    expect(await shown()).toBe(everything);
  });

  it("switches to column level and highlights one column's path", async () => {
    await page.getByLabel('Column level').check();
    const root = page.locator(lineageNode(CLV));
    await root.locator('li[data-column="lifetime_value"]').waitFor();
    await root.getByRole('button', { name: 'lifetime_value', exact: true }).click();
    expect(await text(page, '[data-testid="selected-column"]')).toContain(`${CLV}.lifetime_value`);
    const source = page.locator(`${lineageNode(VALID_ORDERS)} li[data-column="order_total"]`);
    expect(await source.getAttribute('class')).toContain('highlighted');
    expect(await page.locator('.react-flow__edge.highlighted').count()).toBeGreaterThan(0);
    const unrelated = page.locator(`${lineageNode(CLV)} li[data-column="company_name"]`);
    expect(await unrelated.getAttribute('class')).toBeNull();

    const shot = join(await mkdtemp(join(tmpdir(), 'almanac-e2e-shots-')), 'lineage.png');
    await page.screenshot({ path: shot });
    console.log(`Screenshot of the column-level lineage: ${shot}`);

    const edges = () => page.locator('.react-flow__edge').count();
    const directOnly = await edges();
    await page.getByLabel('Indirect').check();
    await page.waitForFunction(
      `document.querySelectorAll('.react-flow__edge').length > ${directOnly}`,
    );
  });

  it('lists the impact of a change with the owners to notify, and downloads it as CSV', async () => {
    await page.goto(`${almanac!.webUrl}/asset?fqn=${encodeURIComponent(STG_CUSTOMERS)}&tab=impact`);
    const clvRow = await text(page, `[data-testid="impact-assets"] tr[data-fqn="${CLV}"]`);
    expect(clvRow).toContain('analytics');
    expect(await text(page, '[data-testid="impact-summary"]')).toContain('analytics');
    expect(await page.locator('[data-testid="impact-columns"] tbody tr').count()).toBeGreaterThan(
      0,
    );

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const response = await page.request.get(new URL(href!, almanac!.webUrl).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const csv = await response.text();
    expect(csv.split('\n')[0]).toBe('kind,depth,type,fqn,owners');
    expect(csv).toContain(CLV);
  });

  it('stays responsive with a lineage graph of more than 1,000 tables', async () => {
    const graph = largeLineage(10, 120);
    expect(await ingest(graph.records)).toMatchObject({ errors: [] });
    const url = `${almanac!.webUrl}/asset?fqn=${encodeURIComponent(graph.root)}&tab=lineage&upstream=0&downstream=10`;

    let started = performance.now();
    await page.goto(url);
    await page.locator(lineageNode(graph.root)).waitFor();
    const firstView = performance.now() - started;
    expect(await text(page, '[data-testid="lineage-stats"]')).toBe(
      `${graph.tableCount} of ${graph.tableCount} assets · ${graph.edgeCount} edges`,
    );

    started = performance.now();
    await page.getByLabel('Column level').check();
    await page.locator(`${lineageNode(graph.root)} li[data-column="id"]`).waitFor();
    const columnSwitch = performance.now() - started;

    started = performance.now();
    await page.locator(`${lineageNode(graph.root)} li[data-column="id"] button`).click();
    await page.locator('[data-testid="selected-column"]').waitFor();
    const highlight = performance.now() - started;

    started = performance.now();
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForFunction("document.querySelectorAll('.react-flow__node').length > 500");
    const wholeGraph = performance.now() - started;

    console.log(
      `Lineage graph of ${graph.tableCount} tables and ${graph.edgeCount} edges: first view ` +
        `${firstView.toFixed(0)} ms, column level ${columnSwitch.toFixed(0)} ms, column path ` +
        `${highlight.toFixed(0)} ms, whole graph on screen ${wholeGraph.toFixed(0)} ms`,
    );
    expect(firstView).toBeLessThan(15_000);
    expect(columnSwitch).toBeLessThan(5_000);
    expect(highlight).toBeLessThan(5_000);
    expect(wholeGraph).toBeLessThan(10_000);
  });

  it('searches from the header box as you type, best match first and highlighted', async () => {
    await page.goto(`${almanac!.webUrl}/assets`);
    await hydrated(page);
    await page.getByTestId('header-search').pressSequentially('customer lifetime', { delay: 30 });
    await page.waitForURL(
      (url) => url.pathname === '/search' && url.searchParams.get('q') === 'customer lifetime',
    );
    await resultsFor(page, 'customer lifetime');
    expect(await text(page, '[data-testid="search-total"]')).toMatch(/^\d+ results?$/);
    const first = page.getByTestId('search-hit').first();
    expect(await first.getAttribute('data-fqn')).toBe(CLV);
    expect(await first.locator('.hit-type').innerText()).toBe('table');
    const marked = (await first.locator('em').allInnerTexts()).map((word) => word.toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    // The API marks whole words that start with a query term.
    expect(marked.filter((word) => !/^(customer|lifetime)/.test(word))).toEqual([]);
    expect(await first.innerText()).not.toContain('<em>');
    const href = await first.getByRole('link').first().getAttribute('href');
    const link = new URL(href!, almanac!.webUrl);
    expect([link.pathname, link.searchParams.get('fqn'), link.searchParams.get('type')]).toEqual([
      '/asset',
      CLV,
      'table',
    ]);
  });

  it('finds a table despite a typo in the query', async () => {
    await page.getByTestId('header-search').fill('convrsion rate');
    await resultsFor(page, 'convrsion rate');
    expect(await hitAttributes(page, 'data-fqn')).toContain(CONVERSION_RATE);
  });

  it('narrows the results with a facet, and Back widens them again', async () => {
    await page.getByTestId('header-search').fill('customer');
    await resultsFor(page, 'customer');
    const total = async () =>
      Number((await text(page, '[data-testid="search-total"]')).split(' ')[0]);
    const everything = await total();

    const tables = page.locator('[data-facet="type"] input[value="table"]');
    await tables.check();
    await page.waitForURL((url) => url.searchParams.getAll('type').includes('table'));
    const narrowed = await total();
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(everything);
    expect(await tables.isChecked()).toBe(true);
    expect(new Set(await hitAttributes(page, 'data-type'))).toEqual(new Set(['table']));
    expect(new URL(page.url()).searchParams.get('q')).toBe('customer');

    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/search' && !url.searchParams.has('type'));
    expect(await total()).toBe(everything);
  });

  it('opens the selected result with the keyboard, after / focuses the search box', async () => {
    await page.goto(`${almanac!.webUrl}/assets`);
    await hydrated(page);
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('header-search');
    await page.keyboard.type('customer lifetime');
    await resultsFor(page, 'customer lifetime');
    await page.keyboard.press('ArrowDown');
    const selected = page.locator('[data-testid="search-hit"][aria-selected="true"]');
    await selected.waitFor();
    expect(await selected.getAttribute('data-fqn')).toBe(CLV);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/asset');
    expect(new URL(page.url()).searchParams.get('fqn')).toBe(CLV);
    expect(await text(page, '[data-testid="asset-fqn"]')).toBe(CLV);
  });

  it('shows why the API refused a search', async () => {
    await page.goto(`${almanac!.webUrl}/search?q=orders&f=colour:red`);
    expect(await text(page, 'p[role="alert"]')).toContain('colour');
  });

  it('answers an unknown FQN with a not-found message', async () => {
    await page.goto(`${almanac!.webUrl}/asset?fqn=${encodeURIComponent('no.such."asset"')}`);
    expect(await text(page, 'h1')).toContain('404');
    expect(await text(page, '.not-found')).toContain('no.such."asset"');
  });

  it('refuses a sign-in link that was already used', async () => {
    const context = await browser!.newContext();
    try {
      const fresh = await context.newPage();
      await fresh.goto(almanac!.signInUrl);
      expect(pathOf(fresh)).toBe('/signin');
      expect(await text(fresh, 'p[role="alert"]')).toMatch(/invalid, expired or already used/);
      await fresh.goto(`${almanac!.webUrl}/assets`);
      expect(pathOf(fresh)).toBe('/signin');
    } finally {
      await context.close();
    }
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await page.goto(`${almanac!.webUrl}/assets`);
    expect(pathOf(page)).toBe('/signin');
  });
});
