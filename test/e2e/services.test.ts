import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService } from '../support/factories.ts';
import { checkPage } from '../support/page-checks.ts';

// March 2026. pay (Tier 1, payments): 3 AI-assisted deployments, one linked to a Sev1, and
// 2 human ones, one rolled back. web (Tier 2, web): 4 human deployments, none failed, a Sev2.
// search (Tier 3, web): no deployments. Ranked: pay (a Sev1), web (a Sev2), search.
const payAi = [1, 2, 3].map((day) => makeDeployment({ service: 'pay', ai: AI, finished_at: `2026-03-0${day}T09:00:00.000Z` }));
const payHuman = [
  makeDeployment({ service: 'pay', ai: HUMAN, status: 'rolled_back', finished_at: '2026-03-10T09:00:00.000Z' }),
  makeDeployment({ service: 'pay', ai: HUMAN, finished_at: '2026-03-11T09:00:00.000Z' }),
];
const web = [5, 6, 7, 8].map((day) => makeDeployment({ service: 'web', ai: HUMAN, finished_at: `2026-03-0${day}T09:00:00.000Z` }));
const outage = makeIncident({ title: 'payments down', severity: 'sev1', services: ['pay'], caused_by: [payAi[0]!.id], impact_started_at: '2026-03-01T12:00:00.000Z' });
const slow = makeIncident({ title: 'slow pages', severity: 'sev2', services: ['web'], impact_started_at: '2026-03-20T12:00:00.000Z' });
const records = [
  makeService({ id: 'pay', name: 'Payments', team: 'payments', domain: 'payment', tier: 1 }),
  makeService({ id: 'web', name: 'Web shop', team: 'web', domain: 'checkout', tier: 2, high_risk: false }),
  makeService({ id: 'search', name: 'Search', team: 'web', domain: 'search', tier: 3, high_risk: false }),
  ...payAi, ...payHuman, ...web, outage, slow,
];
const MARCH = 'from=2026-03-01&to=2026-04-01';

interface ApiService { id: string; name: string; risk_rank: number; deployments: number; failed: number; cfr: number | null; cfr_low: number | null; cfr_high: number | null; ai_cfr: number | null; ai_deployments: number }

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
}, 180_000);
afterAll(() => dashboard?.close());

async function api<T>(url: string): Promise<T> {
  const response = await dashboard.app.inject({ url, headers: dashboard.viewer.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

async function open(path: string, ready: string): Promise<Page> {
  const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
  await page.goto(`${dashboard.baseUrl}${path}`);
  await page.getByTestId(ready).waitFor({ timeout: 30_000 });
  return page;
}

/** The page's percent format (format.ts): one decimal. */
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const names = (page: Page) => page.getByTestId('services-table').locator('tbody tr td:nth-child(2)').allInnerTexts();

describe('Services page', () => {
  it("loads from a pasted URL ranked as the API ranks, with each service's deployments and CFR", async () => {
    const body = await api<{ services: ApiService[] }>(`/api/services?${MARCH}`);
    expect(body.services.map((s) => s.id)).toEqual(['pay', 'web', 'search']);
    const pay = body.services[0]!;
    // From the data above: 5 production deployments, 2 failed (the linked AI one, the rolled-back one).
    expect(pay).toMatchObject({ risk_rank: 1, deployments: 5, failed: 2, cfr: 2 / 5, ai_deployments: 3, ai_cfr: 1 / 3 });

    const page = await open(`/services?${MARCH}`, 'services-table');
    expect(await names(page)).toEqual(body.services.map((s) => s.name));
    const cells = await page.getByTestId('services-table').locator('tbody tr', { hasText: 'Payments' }).locator('td').allInnerTexts();
    expect(cells[0]).toBe('1');
    expect(cells[3]).toBe('payments · payment');
    expect(cells[4]).toBe(String(pay.deployments));
    expect(cells[6]).toBe(`${percent(pay.cfr!)} (${(pay.cfr_low! * 100).toFixed(1)}–${(pay.cfr_high! * 100).toFixed(1)})`);
    expect(cells[7]).toMatch(new RegExp(`^${percent(pay.ai_cfr!).replace('.', '\\.')} \\(`));
    expect(cells[9]).toBe('1 · 0');
    const searchCells = await page.getByTestId('services-table').locator('tbody tr', { hasText: 'Search' }).locator('td').allInnerTexts();
    expect(searchCells[6]).toBe('—');
    expect(searchCells[10]).toBe('not checked');
    expect(await page.getByTestId('services-card').getByRole('link', { name: 'Payments' }).getAttribute('href')).toBe(`/services/pay?${MARCH}`);
    expect(await page.locator('main').innerText()).toContain('Ranked by risk means');
    await page.close();
  });

  it('a filter change updates the URL and the rows; Back restores them', async () => {
    const body = await api<{ services: ApiService[] }>(`/api/services?${MARCH}&team=web`);
    expect(body.services.map((s) => s.id)).toEqual(['web', 'search']);
    const page = await open(`/services?${MARCH}`, 'services-table');
    await page.getByTestId('filter-team').selectOption('web');
    await expect.poll(() => new URL(page.url()).searchParams.get('team')).toBe('web');
    await expect.poll(() => names(page)).toEqual(body.services.map((s) => s.name));
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.has('team')).toBe(false);
    await expect.poll(() => names(page)).toEqual(['Payments', 'Web shop', 'Search']);
    // Sorting is in the URL too.
    await page.getByRole('button', { name: 'Deployments', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('deployments');
    await expect.poll(() => names(page)).toEqual(['Search', 'Web shop', 'Payments']);
    await page.close();
  });

  it('passes the page checks', async () => {
    const page = await open(`/services?${MARCH}`, 'services-table');
    await page.waitForLoadState('networkidle');
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    await page.close();
  }, 60_000);
});

describe('Service page', () => {
  it("shows the service's facts, its deployment count and CFR as the API gives them, its incidents and deployments", async () => {
    const [row] = (await api<{ services: ApiService[] }>(`/api/services?${MARCH}&service=pay`)).services;
    const summary = await api<{ dora: { deploys_per_week: number } }>(`/api/metrics/summary?${MARCH}&service=pay`);
    const deployments = await api<{ deployments: { id: string; linked_incidents: string[] }[] }>(`/api/deployments?${MARCH}&service=pay&production=true&limit=20`);
    expect(row!.deployments).toBe(payAi.length + payHuman.length);

    const page = await open(`/services/pay?${MARCH}`, 'service-facts');
    expect(await page.getByTestId('service-name').innerText()).toBe('Payments');
    expect(await page.getByTestId('service-facts').innerText()).toContain('Tier 1 · high-risk · payment domain · team payments');
    await expect.poll(() => page.getByTestId('tile-deployments').locator('.value').innerText()).toBe(String(row!.deployments));
    expect(await page.getByTestId('tile-cfr').locator('.value').innerText()).toBe(percent(row!.cfr!));
    expect(await page.getByTestId('tile-cfr').innerText()).toContain(`${row!.failed} failed of ${row!.deployments} deployments`);
    expect(await page.getByTestId('tile-cfr-ai').locator('.value').innerText()).toBe(percent(row!.ai_cfr!));
    await expect.poll(() => page.getByTestId('tile-deployments').innerText()).toContain(`${summary.dora.deploys_per_week.toFixed(1).replace(/\.0$/, '')} per week`);

    const deploymentRows = page.getByTestId('service-deployments').locator('tbody tr');
    await expect.poll(() => deploymentRows.count(), { timeout: 15_000 }).toBe(deployments.deployments.length);
    const linked = deployments.deployments.find((d) => d.linked_incidents.length > 0)!;
    expect(await page.getByTestId('service-deployments').getByRole('link', { name: linked.linked_incidents[0]! }).getAttribute('href')).toBe(`/incidents/${outage.id}`);
    await expect.poll(() => page.getByTestId('service-incidents').innerText(), { timeout: 15_000 }).toContain('payments down');
    await page.getByTestId('service-timeline').locator('[data-state="drawn"]').waitFor({ timeout: 30_000 });
    // Its trends: weekly CFR per cohort, and incidents per week (one Sev1 in the period).
    await page.locator('[data-testid="chart-service-cfr-trend"][data-state="drawn"]').waitFor({ timeout: 30_000 });
    const weekly = page.locator('[data-testid="chart-service-incidents-trend"][data-state="drawn"]');
    await weekly.waitFor({ timeout: 30_000 });
    // The spec's description reaches screen readers as an aria-label in the drawn SVG.
    expect(await weekly.locator('[aria-label*="All incidents that week: 1"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('a period change updates the URL and the figures; Back restores them', async () => {
    const [early] = (await api<{ services: ApiService[] }>(`/api/services?from=2026-03-01&to=2026-03-05&service=pay`)).services;
    expect(early!.deployments).toBe(3);
    const page = await open(`/services/pay?${MARCH}`, 'service-facts');
    await expect.poll(() => page.getByTestId('tile-deployments').locator('.value').innerText()).toBe('5');
    await page.getByLabel('To (exclusive)').fill('2026-03-05');
    await page.getByLabel('To (exclusive)').dispatchEvent('change');
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe('2026-03-05');
    await expect.poll(() => page.getByTestId('tile-deployments').locator('.value').innerText()).toBe(String(early!.deployments));
    await page.goBack();
    await expect.poll(() => page.getByTestId('tile-deployments').locator('.value').innerText()).toBe('5');
    await page.close();
  });

  it('says clearly when there is no such service', async () => {
    const page = await open('/services/no-such-service', 'service-not-found');
    expect(await page.getByTestId('service-not-found').innerText()).toContain('There is no service “no-such-service”.');
    expect(await page.locator('main h1').innerText()).toBe('Service not found');
    await page.close();
  });

  it('passes the page checks with its charts', async () => {
    const page = await open(`/services/pay?${MARCH}`, 'service-facts');
    await page.getByTestId('service-timeline').locator('[data-state="drawn"]').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    await page.close();
  }, 60_000);
});
