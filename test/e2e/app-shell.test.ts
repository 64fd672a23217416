// The web app's shell: URLs that restore views (filters, Back), direct loads of detail routes
// through the SPA fallback, and the theme toggle.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestSession, signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import type { TestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService } from '../support/factories.ts';

/** A link of the navigation by its page title (Incidents may carry the backlog count after it). */
const navLink = (page: Page, title: string) => page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: new RegExp(`^${title}\\b`) });

let t: TestDatabase;
let browser: Browser;
let viewer: TestSession;
let baseUrl: string;

// checkout-api: AI fails 1 of 3 each week (plus one linked to incident 123); search-api: one
// human deployment a week.
const weeks = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23'];
const records = [
  makeService({ id: 'checkout-api', domain: 'checkout', tier: 1 }),
  makeService({ id: 'search-api', domain: 'search', tier: 2 }),
  ...weeks.flatMap((monday) => [
    makeDeployment({ service: 'checkout-api', ai: AI, status: 'rolled_back', finished_at: `${monday}T09:00:00.000Z` }),
    makeDeployment({ service: 'checkout-api', ai: AI, finished_at: `${monday}T10:00:00.000Z` }),
    makeDeployment({ service: 'checkout-api', ai: AI, finished_at: `${monday}T11:00:00.000Z` }),
    makeDeployment({ service: 'search-api', ai: HUMAN, finished_at: `${monday}T13:00:00.000Z` }),
  ]),
  makeIncident({ id: '123', title: 'Checkout errors after a deploy', services: ['checkout-api'], impact_started_at: '2026-02-09T10:30:00.000Z' }),
];

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
  ({ t, baseUrl, browser, viewer } = dashboard);
}, 180_000);

afterAll(() => dashboard?.close());

async function drawn(page: Page): Promise<void> {
  await page.locator('[data-testid="chart-cfr-trend"][data-state="drawn"]').waitFor({ timeout: 30_000 });
}

describe('web app shell', () => {
  it('restores a pasted view from its URL, and Back restores the previous filter', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/?domain=search`);
    await drawn(page);
    const domain = page.getByLabel('Domain');
    expect(await domain.inputValue()).toBe('search');
    await expect.poll(() => page.getByTestId('headline-ai').innerText()).toContain('No deployments');
    expect(await page.getByTestId('headline-human').innerText()).toContain('0 failed of 4 deployments');

    await domain.selectOption('checkout');
    await expect.poll(() => new URL(page.url()).searchParams.get('domain')).toBe('checkout');
    await expect.poll(() => page.getByTestId('headline-ai').innerText()).toContain('5 failed of 12 deployments');
    expect(await page.getByTestId('headline-human').innerText()).toContain('No deployments');

    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('domain')).toBe('search');
    await expect.poll(() => page.getByTestId('headline-ai').innerText()).toContain('No deployments');
    expect(await domain.inputValue()).toBe('search');
    expect(await page.getByTestId('headline-human').innerText()).toContain('0 failed of 4 deployments');

    // Navigation links keep the filters, and mark the current page.
    expect(await navLink(page, 'Incidents').getAttribute('href')).toBe('/incidents?domain=search');
    expect(await navLink(page, 'Overview').getAttribute('aria-current')).toBe('page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains a number on keyboard focus: its definition and its n', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.goto(`${baseUrl}/`);
    await drawn(page);
    const value = page.getByTestId('headline-ai').getByRole('button');
    await value.focus();
    const tip = page.getByTestId('headline-ai').getByRole('tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toMatch(/AI-assisted production deployments that were rolled back[\s\S]*n = 12 deployments/);
    expect(await page.getByTestId('headline-ai').innerText()).toMatch(/95 % CI \d+\.\d%–\d+\.\d%/);
    await page.close();
  });

  it('switches to the dark theme and keeps it on reload', async () => {
    const page = await signedInPage(browser, baseUrl, viewer, { colorScheme: 'light' });
    await page.goto(`${baseUrl}/`);
    await drawn(page);
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe('rgb(246, 248, 250)');
    await page.getByTestId('theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(13, 17, 23)');
    await page.reload();
    await drawn(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(13, 17, 23)');
    await page.close();

    // Without a choice, the system's dark preference applies.
    const system = await signedInPage(browser, baseUrl, viewer, { colorScheme: 'dark' });
    await system.goto(`${baseUrl}/deployments`);
    await system.getByRole('heading', { name: 'Deployments', exact: true }).waitFor();
    expect(await system.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(13, 17, 23)');
    await system.close();
  });

  it('loads a detail route directly from a pasted URL (SPA fallback), and unknown API paths stay JSON', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    const response = await page.goto(`${baseUrl}/incidents/123`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Checkout errors after a deploy' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('incident-facts').innerText()).toContain('SEV1');
    expect(await navLink(page, 'Incidents').getAttribute('aria-current')).toBe('page');

    await page.goto(`${baseUrl}/incidents/does-not-exist`);
    await page.getByText('No such incident.').waitFor({ timeout: 30_000 });

    await page.goto(`${baseUrl}/services/checkout-api`);
    await page.getByRole('heading', { name: 'checkout-api', exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('service-facts').innerText(), { timeout: 15_000 }).toContain('Tier 1');

    await page.goto(`${baseUrl}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor({ timeout: 30_000 });

    const api = await fetch(`${baseUrl}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
    await page.close();
  });

  it('gives every page of the navigation a heading', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.goto(`${baseUrl}/`);
    const titles = ['Incidents', 'Deployments', 'SLOs', 'Governance', 'Weekly review', 'Services', 'Data quality', 'Overview'];
    for (const title of titles) {
      await navLink(page, title).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 10_000 });
      // A page may name its view in the title too (the Weekly review its week).
      expect(await page.title()).toMatch(new RegExp(`^${title}( .+)? · sevscope$`));
    }
    await page.close();
  });

  it('keeps a table\'s sort in the URL: a pasted link restores it, Back undoes a change', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.goto(`${baseUrl}/?weeks_sort=-rate`);
    await drawn(page);
    const table = page.getByTestId('cfr-weeks');
    const firstRate = () => table.locator('tbody tr').first().locator('td').nth(4).innerText();
    await table.waitFor(); // the details are open because the URL has a table sort
    expect(await firstRate()).toBe('66.7%'); // AI, week of 9 Feb: 2 failed of 3 (one through incident 123)
    expect(await table.getByRole('columnheader', { name: /CFR/ }).getAttribute('aria-sort')).toBe('descending');

    await table.getByRole('button', { name: 'CFR', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('weeks_sort')).toBe('rate');
    expect(await firstRate()).toBe('0.0%');
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('weeks_sort')).toBe('-rate');
    await expect.poll(firstRate).toBe('66.7%');

    // Whether the table is open is in the URL too.
    await page.goto(`${baseUrl}/`);
    await drawn(page);
    expect(await table.isVisible()).toBe(false);
    await page.getByText('The weekly numbers as a table').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('section')).toBe('weeks');
    await page.goto(`${baseUrl}/?section=weeks`);
    await table.waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('shows the demo banner when the server says it holds the demo data', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.route('**/api/health', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), demo: { loaded: true, loaded_at: '2026-12-01T07:00:00.000Z', loading: false, records_loaded: null } } });
    });
    await page.goto(`${baseUrl}/slos`);
    expect(await page.getByTestId('demo-banner').innerText()).toContain('Demo data — a generated year for a fictional retailer');
    await page.close();

    // A first start serves before the demo is in: the banner says it is loading, and how far.
    const loading = await signedInPage(browser, baseUrl, viewer);
    await loading.route('**/api/health', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), demo: { loaded: false, loaded_at: null, loading: true, records_loaded: 15000 } } });
    });
    await loading.goto(`${baseUrl}/slos`);
    expect(await loading.getByTestId('demo-banner').innerText()).toContain('Loading the demo data — a generated year for a fictional retailer: 15,000 of about 69,000 records');
    await loading.close();

    const plain = await signedInPage(browser, baseUrl, viewer);
    await plain.goto(`${baseUrl}/slos`);
    await plain.getByRole('heading', { name: 'SLOs' }).waitFor();
    await plain.waitForLoadState('networkidle');
    expect(await plain.getByTestId('demo-banner').count()).toBe(0);
    await plain.close();
  });

  it('compares a tile with the period of the same length before, and says when the change may be noise', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    // From 16 Feb to the default end (the day after the last deployment); the period before it
    // holds the week of 9 Feb, when 2 of 3 AI-assisted deployments failed.
    await page.goto(`${baseUrl}/?from=2026-02-16`);
    await drawn(page);
    const delta = page.getByTestId('headline-ai-delta');
    await delta.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('headline-ai').innerText()).toContain('2 failed of 6 deployments');
    expect((await delta.innerText()).replace(/\s+/g, " ").trim()).toMatch(/^−33\.3 pp vs the previous \d+ days \(66\.7%\) · intervals overlap: may be noise$/);
    await page.close();
  });
});
