import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSetting } from '../../server/db/settings.repository.ts';
import { type TestSession, signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import type { TestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeDeployment, makeService } from '../support/factories.ts';

let t: TestDatabase;
let browser: Browser;
let viewer: TestSession;
let baseUrl: string;

// Four weeks of deployments on one service: AI fails 1 of 3 each week, humans 0 of 2, and
// one untagged deployment in the last week.
const weeks = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23'];
const records = [
  makeService({ id: 'checkout-api', domain: 'checkout', tier: 1 }),
  makeService({ id: 'search-api', domain: 'search', tier: 2 }),
  ...weeks.flatMap((monday) => [
    makeDeployment({ service: 'checkout-api', ai: AI, status: 'rolled_back', finished_at: `${monday}T09:00:00.000Z` }),
    makeDeployment({ service: 'checkout-api', ai: AI, finished_at: `${monday}T10:00:00.000Z` }),
    makeDeployment({ service: 'checkout-api', ai: AI, finished_at: `${monday}T11:00:00.000Z` }),
    makeDeployment({ service: 'checkout-api', ai: HUMAN, finished_at: `${monday}T12:00:00.000Z` }),
    makeDeployment({ service: 'search-api', ai: HUMAN, finished_at: `${monday}T13:00:00.000Z` }),
  ]),
  makeDeployment({ service: 'checkout-api', ai: UNKNOWN, finished_at: '2026-02-24T09:00:00.000Z' }),
];

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
  ({ t, baseUrl, browser, viewer } = dashboard);
}, 180_000);

afterAll(() => dashboard?.close());

describe('Overview page', () => {
  it('draws the weekly CFR chart with the period totals', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/`);
    const chart = page.locator('[data-testid="chart-cfr-trend"][data-state="drawn"]');
    await chart.waitFor({ timeout: 30_000 });
    // The last week has 2 of its 7 days in the period (it ends the day after the last
    // deployment): an edge point, hollow and off the solid line. So one solid line and band per
    // cohort with full weeks (AI, human), drawn as SVG paths by vega; the untagged cohort's only
    // deployment is in that last week. Every cohort-week is a point.
    expect(await chart.locator('svg .mark-line.rate_marks path').count()).toBe(2);
    expect(await chart.locator('svg .mark-area.interval_marks path').count()).toBe(2);
    expect(await chart.locator('svg .mark-symbol.weeks_marks path').count()).toBe(9);
    expect(await page.getByTestId('chart-notes').innerText()).toContain('The week of 23 Feb 2026 is partial: only 2 of its 7 days are in the period.');
    await expect.poll(() => page.getByTestId('headline-ai').innerText()).toContain('4 failed of 12 deployments');
    expect(await page.getByTestId('headline-ai').innerText()).toContain('33.3%');
    expect(await page.getByTestId('headline-human').innerText()).toContain('0 failed of 8 deployments');
    expect(await page.getByTestId('headline-unknown').innerText()).toContain('0 failed of 1 deployment');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps filters in the URL: a pasted link shows the same, narrower view', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.goto(`${baseUrl}/?domain=search`);
    await page.locator('[data-testid="chart-cfr-trend"][data-state="drawn"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('headline-human').innerText()).toContain('0 failed of 4 deployments');
    expect(await page.getByTestId('headline-ai').innerText()).toContain('No deployments');
    await page.close();
  });

  it('shows the API error instead of an empty chart for a bad filter', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.goto(`${baseUrl}/?from=yesterday`);
    const chart = page.locator('[data-testid="chart-cfr-trend"][data-state="error"]');
    await chart.waitFor({ timeout: 30_000 });
    expect(await chart.innerText()).toContain('from: expected a date');
    expect(await chart.locator('svg').count()).toBe(0);
    await page.close();
  });

  it('says plainly when the data is the generated demo, and not otherwise', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid="chart-cfr-trend"][data-state="drawn"]').waitFor({ timeout: 30_000 });
    expect(await page.getByText('Demo data —').count()).toBe(0); // this database holds real-looking test data
    await writeSetting(t.db, 'demo_loaded_at', new Date().toISOString()); // what loadDemo records
    await page.reload();
    await expect.poll(() => page.getByTestId('demo-banner').innerText()).toBe(
      'Demo data — a generated year for a fictional retailer. Load your own with sevscope ingest.',
    );
    await page.close();
  });
});
