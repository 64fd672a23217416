import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSetting } from '../../server/db/settings.repository.ts';
import { type TestSession, signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import type { TestDatabase } from '../support/database.ts';
import type { MetricsSummary } from '../../web/src/lib/api/types.ts';
import { AI, HUMAN, UNKNOWN, makeDeployment, makeIncident, makeService } from '../support/factories.ts';
import { checkPage } from '../support/page-checks.ts';

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

// The board's view over eight weeks (2 Feb – 29 Mar 2026) on two services. Every week: four
// AI-assisted deployments (three on checkout, one on search) and two human ones (one each). In
// the first four weeks one AI checkout deployment a week is rolled back; afterwards none, as if
// the control reset of 2 March worked. A Sev1 (linked to an AI deployment) in week 2, a Sev2
// (linked to a human one) in week 6, and a Sev3 the headline counts leave out.
describe('Overview for the board', () => {
  const WEEKS = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];
  const RESET = '2026-03-02';
  const PERIOD = 'from=2026-02-02&to=2026-03-30';
  const deployments = WEEKS.flatMap((monday, week) => [
    makeDeployment({ service: 'shop-api', ai: AI, status: week < 4 ? 'rolled_back' : 'succeeded', finished_at: `${monday}T09:00:00.000Z` }),
    makeDeployment({ service: 'shop-api', ai: AI, finished_at: `${monday}T10:00:00.000Z` }),
    makeDeployment({ service: 'shop-api', ai: AI, finished_at: `${monday}T11:00:00.000Z` }),
    makeDeployment({ service: 'find-api', ai: AI, finished_at: `${monday}T12:00:00.000Z` }),
    makeDeployment({ service: 'shop-api', ai: HUMAN, finished_at: `${monday}T13:00:00.000Z` }),
    makeDeployment({ service: 'find-api', ai: HUMAN, finished_at: `${monday}T14:00:00.000Z` }),
  ]);
  const incidents = [
    makeIncident({ services: ['shop-api'], severity: 'sev1', caused_by: [deployments[6]!.id], impact_started_at: '2026-02-09T10:30:00.000Z', detected_at: '2026-02-09T10:40:00.000Z', mitigated_at: '2026-02-09T11:10:00.000Z' }),
    makeIncident({ services: ['find-api'], severity: 'sev2', caused_by: [deployments[35]!.id], impact_started_at: '2026-03-09T14:30:00.000Z', detected_at: '2026-03-09T14:50:00.000Z', mitigated_at: '2026-03-09T15:30:00.000Z' }),
    makeIncident({ services: ['find-api'], severity: 'sev3', impact_started_at: '2026-03-16T08:00:00.000Z' }),
  ];
  const percent = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);
  const isAi = (d: (typeof deployments)[number]) => d.ai?.assisted === true;

  let board: Dashboard;
  beforeAll(async () => {
    board = await startDashboard([
      makeService({ id: 'shop-api', domain: 'checkout', tier: 1 }),
      makeService({ id: 'find-api', domain: 'search', tier: 2, high_risk: false }),
      ...deployments,
      ...incidents,
    ]);
  }, 180_000);
  afterAll(() => board?.close());

  async function api<T>(url: string): Promise<T> {
    const response = await board.app.inject({ url, headers: board.viewer.headers });
    expect(response.statusCode).toBe(200);
    return response.json() as T;
  }
  async function open(path: string) {
    const page = await signedInPage(board.browser, board.baseUrl, board.viewer, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${board.baseUrl}${path}`);
    await page.locator('[data-testid="chart-cfr-trend"][data-state="drawn"]').waitFor({ timeout: 30_000 });
    return page;
  }
  const tile = (page: Page, id: string) => page.getByTestId(id).innerText();

  it('shows the headline and DORA tiles from a pasted link, equal to the API for the same filters', async () => {
    const summary = await api<MetricsSummary>(`/api/metrics/summary?${PERIOD}`);
    const whatIf = await api<{ current_share: number }>(`/api/metrics/what-if?${PERIOD}`);
    const page = await open(`/?${PERIOD}`);
    // AI share of tagged deployments: 32 of 48, by hand and from the API.
    const aiShare = deployments.filter(isAi).length / deployments.length;
    expect(whatIf.current_share).toBeCloseTo(aiShare, 12);
    await expect.poll(() => tile(page, 'headline-ai-share')).toContain(percent.format(aiShare));
    expect(await tile(page, 'headline-ai-share')).toContain('32 of 48 tagged deployments');
    // Sev1 and Sev2 only: the Sev3 is left out.
    const severe = incidents.filter((incident) => incident.severity !== 'sev3').length;
    expect(summary.incidents.sev1 + summary.incidents.sev2).toBe(severe);
    await expect.poll(() => page.getByTestId('headline-incidents').locator('.value').innerText()).toMatch(new RegExp(`^${severe}(?!\\d)`));
    expect(await tile(page, 'headline-incidents')).toContain('1 Sev1 · 1 Sev2');
    // SLOs: the seeded policies' verdicts, counted as the API gives them.
    const count = (status: string) => summary.slos.filter((slo) => slo.status === status).length;
    expect(await tile(page, 'headline-slos')).toContain(`${count('met')} met · ${count('at_risk')} at risk · ${count('breached')} breached`);
    expect(await page.getByTestId('headline-slos').getByRole('link', { name: 'SLOs →' }).getAttribute('href')).toBe(`/slos?${PERIOD}`);
    // DORA deployment frequency: 48 deployments over 8 weeks = 6.0 a week, between once a day
    // and once a week: the 2024 report's High cluster.
    const perWeek = deployments.length / WEEKS.length;
    expect(summary.dora.deploys_per_week).toBeCloseTo(perWeek, 12);
    expect(await tile(page, 'dora-frequency')).toContain(oneDecimal(perWeek));
    expect(await tile(page, 'dora-frequency')).toContain('DORA 2024 tier: High');
    // DORA CFR over every cohort: 4 rolled back + the two incidents' deployments (one of them
    // the rolled-back deployment of week 2) of 48.
    expect(summary.dora.cfr).toBeCloseTo(5 / 48, 12);
    expect(await tile(page, 'dora-cfr')).toContain(percent.format(5 / 48));
    await page.close();
  });

  it('keeps the filters in the URL: a filter change updates the tiles and Back restores them', async () => {
    const page = await open(`/?${PERIOD}`);
    await expect.poll(() => tile(page, 'headline-ai-share')).toContain(percent.format(32 / 48));
    await page.getByLabel('Domain').selectOption('search');
    await expect.poll(() => new URL(page.url()).searchParams.get('domain')).toBe('search');
    // search: one AI-assisted and one human deployment a week.
    const search = await api<{ current_share: number }>(`/api/metrics/what-if?${PERIOD}&domain=search`);
    expect(search.current_share).toBeCloseTo(0.5, 12);
    await expect.poll(() => tile(page, 'headline-ai-share')).toContain(percent.format(0.5));
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.has('domain')).toBe(false);
    await expect.poll(() => tile(page, 'headline-ai-share')).toContain(percent.format(32 / 48));
    await page.close();
  });

  it('moves the what-if slider: the share goes in the URL and the projection is the API’s', async () => {
    const page = await open(`/?${PERIOD}`);
    const slider = page.getByLabel(/Target AI-assisted share/);
    await slider.waitFor({ timeout: 15_000 });
    await slider.fill('80');
    await expect.poll(() => new URL(page.url()).searchParams.get('share')).toBe('0.8');
    const projection = await api<{ target: { expected_failed_per_week: number; ci_low: number; ci_high: number } }>(`/api/metrics/what-if?${PERIOD}&share=0.8`);
    await expect.poll(() => page.getByTestId('what-if-expected').innerText()).toContain(oneDecimal(projection.target.expected_failed_per_week));
    expect(await page.getByTestId('what-if-expected').innerText()).toContain('at 80.0% AI-assisted');
    expect(await page.getByTestId('what-if-interval').innerText()).toContain(`${oneDecimal(projection.target.ci_low)}–${oneDecimal(projection.target.ci_high)}`);
    // A pasted link with the share shows the same projection.
    await page.goto(`${board.baseUrl}/?${PERIOD}&share=0.8`);
    await expect.poll(() => page.getByTestId('what-if-share').innerText()).toBe('80 %');
    await page.close();
  });

  it('compares before and after the reset date with each part’s numbers equal to the API’s', async () => {
    const before = await api<MetricsSummary>(`/api/metrics/summary?from=2026-02-02&to=${RESET}`);
    const after = await api<MetricsSummary>(`/api/metrics/summary?from=${RESET}&to=2026-03-30`);
    // By hand: AI 4 of 16 failed before (the weekly rollback; week 2's is also the Sev1's), 0 of 16 after.
    expect(before.cfr.ai).toMatchObject({ deployments: 16, failed: 4 });
    expect(after.cfr.ai).toMatchObject({ deployments: 16, failed: 0 });
    const page = await open(`/?${PERIOD}&reset=${RESET}`);
    const row = (key: string) => page.getByTestId(`before-after-${key}`);
    await row('cfr-ai').waitFor({ timeout: 15_000 });
    expect(await row('cfr-ai').getByTestId('before').innerText()).toBe(percent.format(before.cfr.ai.rate!));
    expect(await row('cfr-ai').getByTestId('after').innerText()).toBe(percent.format(after.cfr.ai.rate!));
    expect(await row('cfr-human').getByTestId('before').innerText()).toBe(percent.format(before.cfr.human.rate!));
    expect(await row('cfr-human').getByTestId('after').innerText()).toBe(percent.format(after.cfr.human.rate!));
    expect(await row('incidents').getByTestId('before').innerText()).toBe(String(before.incidents.sev1 + before.incidents.sev2));
    expect(await row('incidents').getByTestId('after').innerText()).toBe(String(after.incidents.sev1 + after.incidents.sev2));
    // 4/16 → 0/16: pooled p̂ = 1/8, z = −0.25 / √(1/8 · 7/8 · 2/16) ≈ −2.138, p = 0.0325 (scipy).
    expect(await row('cfr-ai').innerText()).toContain('significantly lower (p = 0.03)');
    // Clearing the date takes the comparison away; Back brings it back.
    // What the page said, for the message if the URL keeps the date (CI saw that twice).
    const said: string[] = [];
    page.on('console', (message) => said.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => said.push(`error: ${error.message}`));
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.has('reset'))
      .toBe(false)
      .catch((error: Error) => {
        throw new Error(`${error.message}\nURL ${page.url()}; the page said: ${said.join(' | ') || 'nothing'}`);
      });
    expect(said.filter((line) => line.startsWith('error'))).toEqual([]);
    await page.getByTestId('before-after-hint').waitFor();
    await page.goBack();
    await row('cfr-ai').waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('keeps both of two changes made at once: the second navigation does not undo the first', async () => {
    const page = await open(`/?${PERIOD}&reset=${RESET}`);
    await page.getByTestId('before-after-cfr-ai').waitFor({ timeout: 15_000 });
    // A filter change and Clear in the same task: the second goto() cancels the first, which
    // was built from a URL that still had the date.
    await page.evaluate(() => {
      const label = [...document.querySelectorAll('form[aria-label="Filters"] label')].find((each) => each.querySelector('span')?.textContent === 'Domain');
      const domain = label?.querySelector('select');
      if (!domain) throw new Error('no Domain filter');
      domain.value = 'search';
      domain.dispatchEvent(new Event('change', { bubbles: true }));
      [...document.querySelectorAll('button')].find((button) => button.textContent === 'Clear')!.click();
    });
    await expect.poll(() => new URL(page.url()).searchParams.get('domain')).toBe('search');
    await expect.poll(() => new URL(page.url()).searchParams.has('reset')).toBe(false);
    await page.getByTestId('before-after-hint').waitFor();
    await page.close();
  });

  it('passes the accessibility, dark-theme and print checks with every section drawn', async () => {
    const page = await open(`/?${PERIOD}&reset=${RESET}&share=0.5`);
    for (let step = 0; step < 8; step++) await page.mouse.wheel(0, 700);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('figure[data-state]')].every((figure) => figure.dataset.state === 'drawn'), undefined, { timeout: 30_000 });
    expect(await page.locator('figure[data-state="drawn"]').count()).toBe(6);
    await page.getByTestId('before-after-cfr-ai').waitFor();
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    await page.close();
  });
});
