import { mkdir, readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { checkPage } from '../support/page-checks.ts';
import { AI, HUMAN, makeClassification, makeDeployment, makeIncident, makeService } from '../support/factories.ts';

// March 2026: a Sev1 caused by an AI-assisted deployment, a Sev2 caused by a human one, a Sev2
// with no linked deployment (classified "none") and a Sev3 (not listed by default).
const aiDeploy = makeDeployment({ service: 'checkout-api', ai: AI, status: 'rolled_back', finished_at: '2026-03-04T11:50:00.000Z' });
const humanDeploy = makeDeployment({ service: 'search-api', ai: HUMAN, finished_at: '2026-03-10T07:30:00.000Z' });
const sev1 = makeIncident({
  title: 'checkout 500s', severity: 'sev1', services: ['checkout-api'], caused_by: [aiDeploy.id],
  impact_started_at: '2026-03-04T12:00:00.000Z', detected_at: '2026-03-04T12:10:00.000Z', mitigated_at: '2026-03-04T12:40:00.000Z', resolved_at: '2026-03-04T13:00:00.000Z',
});
const sev2 = makeIncident({
  title: 'search latency', severity: 'sev2', services: ['search-api'], caused_by: [humanDeploy.id],
  impact_started_at: '2026-03-10T08:00:00.000Z', detected_at: '2026-03-10T08:05:00.000Z', mitigated_at: '2026-03-10T09:05:00.000Z',
});
const classified = makeIncident({
  title: 'payment timeouts', severity: 'sev2', services: ['checkout-api'],
  impact_started_at: '2026-03-15T10:00:00.000Z', detected_at: '2026-03-15T10:20:00.000Z',
});
const sev3 = makeIncident({ title: 'banner typo', severity: 'sev3', services: ['search-api'], impact_started_at: '2026-03-12T09:00:00.000Z' });
const records = [
  makeService({ id: 'checkout-api', domain: 'checkout', tier: 1 }),
  makeService({ id: 'search-api', domain: 'search', tier: 2 }),
  aiDeploy, humanDeploy, sev1, sev2, classified, sev3,
  makeClassification({ incident: classified.id, ai_role: 'none', classified_at: '2026-03-16T09:00:00.000Z' }),
];
// January: 52 Sev2 incidents, more than a page (50).
const january = Array.from({ length: 52 }, (_, i) => makeIncident({
  title: `january blip ${String(i + 1).padStart(2, '0')}`, severity: 'sev2', services: ['search-api'],
  impact_started_at: new Date(Date.UTC(2026, 0, 1, 12) + i * 3_600_000 * 12).toISOString(),
}));
records.push(...january);
const PERIOD = 'from=2026-03-01&to=2026-04-01';

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
}, 180_000);
afterAll(() => dashboard?.close());

async function api<T>(url: string): Promise<T> {
  const response = await dashboard.app.inject({ url, headers: dashboard.viewer.headers });
  expect(response.statusCode).toBe(200);
  return response.json() as T;
}

interface ApiRow { id: string; title: string; severity: string; services: string[]; ttd: number | null; restore: number | null; cohort: string; ai_role: string | null }

async function open(path: string): Promise<Page> {
  const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
  await page.goto(`${dashboard.baseUrl}${path}`);
  await page.getByTestId('incidents-table').waitFor({ timeout: 30_000 });
  return page;
}

const titles = (page: Page) => page.getByTestId('incidents-table').locator('tbody tr td:nth-child(2)').allInnerTexts();

describe('Incidents page', () => {
  it("lists the API's incidents for the same filters, with the backlog", async () => {
    const body = await api<{ total: number; incidents: ApiRow[] }>(`/api/incidents?${PERIOD}`);
    expect(body.total).toBe(3); // Sev1/Sev2 by default: the Sev3 is not listed
    const backlog = await api<{ backlog: { id: string }[] }>(`/api/incidents/backlog?${PERIOD}`);
    expect(backlog.backlog.map((item) => item.id).sort()).toEqual([sev1.id, sev2.id].sort());

    const page = await open(`/incidents?${PERIOD}`);
    const rows = page.getByTestId('incidents-table').locator('tbody tr');
    expect(await rows.count()).toBe(body.total);
    expect(await page.getByTestId('incidents-total').innerText()).toBe(String(body.total));
    expect(await titles(page)).toEqual(body.incidents.map((row) => row.title)); // newest first, as the API

    const apiRow = body.incidents.find((row) => row.id === sev1.id)!;
    expect(apiRow).toMatchObject({ ttd: 10, restore: 40, cohort: 'ai', ai_role: null });
    const cells = await rows.filter({ hasText: 'checkout 500s' }).locator('td').allInnerTexts();
    expect(cells[0]).toBe('Sev1');
    expect(cells[2]).toBe(apiRow.services.join(', '));
    expect(cells[3]).toBe('4 Mar 2026, 12:00');
    expect(cells[4]).toBe(`${apiRow.ttd} min`);
    expect(cells[6]).toBe(`${apiRow.restore} min`);
    expect(cells[8]).toBe('AI-assisted');
    expect(cells[9]).toContain('unclassified');
    expect((await rows.filter({ hasText: 'payment timeouts' }).locator('td').allInnerTexts())[9]).toBe('none');

    await expect.poll(() => page.getByTestId('backlog-count').innerText(), { timeout: 15_000 }).toBe(String(backlog.backlog.length));
    // The navigation carries the same count beside "Incidents".
    await expect.poll(() => page.getByTestId('nav-backlog-count').innerText()).toContain(String(backlog.backlog.length));
    expect(await page.getByTestId('backlog-card').getByRole('link', { name: 'checkout 500s' }).getAttribute('href')).toBe(`/incidents/${sev1.id}`);
    await page.close();
  });

  it('includes Sev3 when the severity filter says so, as the API does', async () => {
    const body = await api<{ total: number }>(`/api/incidents?${PERIOD}&severity=sev1,sev2,sev3`);
    expect(body.total).toBe(4);
    const page = await open(`/incidents?${PERIOD}`);
    await page.getByTestId('filter-severity').selectOption('sev1,sev2,sev3');
    await expect.poll(() => page.getByTestId('incidents-total').innerText()).toBe(String(body.total));
    expect(new URL(page.url()).searchParams.get('severity')).toBe('sev1,sev2,sev3');
    await page.close();
  });

  it('sorts in the URL, Back restores the order, and a row opens its incident', async () => {
    const page = await open(`/incidents?${PERIOD}`);
    const newestFirst = await titles(page);
    expect(newestFirst).toEqual(['payment timeouts', 'search latency', 'checkout 500s']);
    await page.getByRole('button', { name: 'Title' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('title');
    await expect.poll(() => titles(page)).toEqual(['checkout 500s', 'payment timeouts', 'search latency']);
    await page.getByRole('button', { name: 'Title' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-title');
    await expect.poll(() => titles(page)).toEqual(['search latency', 'payment timeouts', 'checkout 500s']);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('title');
    await expect.poll(() => titles(page)).toEqual(['checkout 500s', 'payment timeouts', 'search latency']);

    await page.getByTestId('incidents-table').getByRole('link', { name: 'search latency' }).click();
    await page.waitForURL((url) => url.pathname === `/incidents/${sev2.id}`);
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain('search latency');
    await page.close();
  });

  it("exports the API's CSV for the same filters", async () => {
    const expected = await dashboard.app.inject({ url: `/api/incidents?${PERIOD}&limit=3&offset=0`, headers: { ...dashboard.viewer.headers, accept: 'text/csv' } });
    expect(expected.statusCode).toBe(200);
    const page = await open(`/incidents?${PERIOD}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
    expect(download.suggestedFilename()).toBe('incidents-2026-03-01-2026-04-01.csv');
    expect(await readFile(await download.path(), 'utf8')).toBe(expected.body);
    expect(expected.body.split('\n').filter((line) => line.trim() !== '').length).toBe(1 + 3); // header and the 3 rows
    await page.close();
  });

  it('says in words when a filter is wrong', async () => {
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
    await page.goto(`${dashboard.baseUrl}/incidents?from=yesterday`);
    await expect.poll(() => page.getByTestId('incidents-card').innerText(), { timeout: 30_000 }).toContain('Could not load the incidents.');
    expect(await page.getByTestId('incidents-card').innerText()).toContain('from: expected a date');
    await page.close();
  });

  it("pages with the API's limit and offset, the page in the URL", async () => {
    const JANUARY = 'from=2026-01-01&to=2026-02-01';
    const second = await api<{ total: number; incidents: ApiRow[] }>(`/api/incidents?${JANUARY}&limit=50&offset=50`);
    expect(second.total).toBe(52);
    const page = await open(`/incidents?${JANUARY}`);
    expect(await page.getByTestId('incidents-table').locator('tbody tr').count()).toBe(50);
    expect(await page.getByTestId('pager').innerText()).toBe('Page 1 of 2');
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => titles(page)).toEqual(second.incidents.map((row) => row.title));
    expect(await page.getByTestId('incidents-summary').innerText()).toContain('incidents 51–52 of 52');
    await page.goBack();
    await expect.poll(() => page.getByTestId('incidents-table').locator('tbody tr').count()).toBe(50);
    // A page past the end (say, a narrower filter on a pasted link) says so and offers the first page.
    await page.goto(`${dashboard.baseUrl}/incidents?${JANUARY}&page=9`);
    await expect.poll(() => page.getByTestId('incidents-card').innerText(), { timeout: 15_000 }).toContain('Page 9 is past the last page for these filters.');
    await page.getByRole('button', { name: 'Go to the first page' }).click();
    await expect.poll(() => page.getByTestId('incidents-table').locator('tbody tr').count()).toBe(50);
    expect(new URL(page.url()).searchParams.has('page')).toBe(false);
    await page.close();
  });

  it('sorts all pages on the server: page 2 of a title sort holds the last titles, and a new sort starts at page 1', async () => {
    const JANUARY = 'from=2026-01-01&to=2026-02-01';
    const expected = await api<{ incidents: ApiRow[] }>(`/api/incidents?${JANUARY}&sort=-title&limit=50&offset=50`);
    expect(expected.incidents.map((row) => row.title)).toEqual(['january blip 02', 'january blip 01']);
    const page = await open(`/incidents?${JANUARY}&sort=-title&page=2`);
    await expect.poll(() => titles(page)).toEqual(expected.incidents.map((row) => row.title));
    await page.getByRole('button', { name: 'Title' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('title');
    expect(new URL(page.url()).searchParams.has('page')).toBe(false);
    await expect.poll(async () => (await titles(page)).slice(0, 2)).toEqual(['january blip 01', 'january blip 02']);
    await page.close();
  });

  it('filters by AI role and by title text through the API, as the API answers', async () => {
    const unclassified = await api<{ total: number; incidents: ApiRow[] }>(`/api/incidents?${PERIOD}&ai_role=unclassified`);
    expect(unclassified.incidents.map((row) => row.title).sort()).toEqual(['checkout 500s', 'search latency']);
    const page = await open(`/incidents?${PERIOD}`);
    await page.getByTestId('filter-ai-role').selectOption('unclassified');
    await expect.poll(() => new URL(page.url()).searchParams.get('ai_role')).toBe('unclassified');
    await expect.poll(() => titles(page)).toEqual(unclassified.incidents.map((row) => row.title));
    await page.getByTestId('filter-title').fill('LATENCY');
    await page.getByTestId('filter-title').press('Enter');
    await expect.poll(() => titles(page)).toEqual(['search latency']);
    expect(await page.getByTestId('incidents-total').innerText()).toBe('1');
    await page.goBack();
    await expect.poll(() => titles(page)).toEqual(unclassified.incidents.map((row) => row.title));
    await page.close();
  });

  it('passes the accessibility, dark and print checks', async () => {
    const page = await open(`/incidents?${PERIOD}`);
    await page.getByTestId('backlog-count').waitFor({ timeout: 15_000 });
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    await page.close();
  });

  it('takes screenshots, light and dark', async () => {
    await mkdir('.screenshots', { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer, { colorScheme, viewport: { width: 1440, height: 900 } });
      await page.goto(`${dashboard.baseUrl}/incidents?${PERIOD}`);
      await page.getByTestId('incidents-table').waitFor({ timeout: 30_000 });
      await page.getByTestId('backlog-count').waitFor({ timeout: 15_000 });
      await page.screenshot({ path: `.screenshots/incidents-${colorScheme}.png`, fullPage: true });
      await page.close();
    }
  });
});
