import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { AI, HUMAN, UNKNOWN, makeChange, makeDeployment, makeIncident, makeService } from '../support/factories.ts';
import { checkPage } from '../support/page-checks.ts';

// March 2026 on two services. payAi shipped a change without a ticket (change_documentation)
// and caused a Sev1; payHuman was rolled back; web is Tier 2 and not high-risk (not checked).
const undocumented = makeChange({ service: 'pay', id: 'chg-no-ticket', approvers: ['bob'], checks_passed: true });
const payAi = makeDeployment({ service: 'pay', ai: AI, finished_at: '2026-03-03T09:00:00.000Z', version: 'v1.2.0', changes: [undocumented.id] });
const payHuman = makeDeployment({ service: 'pay', ai: HUMAN, status: 'rolled_back', finished_at: '2026-03-10T09:00:00.000Z' });
const webHuman = makeDeployment({ service: 'web', ai: HUMAN, finished_at: '2026-03-06T09:00:00.000Z' });
const webStaging = makeDeployment({ service: 'web', ai: UNKNOWN, environment: 'staging', finished_at: '2026-03-07T09:00:00.000Z' });
const outage = makeIncident({ title: 'payments down', services: ['pay'], caused_by: [payAi.id], impact_started_at: '2026-03-03T12:00:00.000Z' });
// January: 55 deployments of web, more than a page (50).
const january = Array.from({ length: 55 }, (_, i) =>
  makeDeployment({ service: 'web', ai: HUMAN, finished_at: new Date(Date.UTC(2026, 0, 2) + i * 3_600_000 * 6).toISOString() }),
);
const records = [
  makeService({ id: 'pay', team: 'payments', domain: 'payment', tier: 1 }),
  makeService({ id: 'web', team: 'web', domain: 'checkout', tier: 2, high_risk: false }),
  undocumented, payAi, payHuman, webHuman, webStaging, outage, ...january,
];
const MARCH = 'from=2026-03-01&to=2026-04-01';
const JANUARY = 'from=2026-01-01&to=2026-02-01';

interface ApiRow { id: string; service: string; linked_incidents: string[]; controls_skipped: string[]; controls_evaluated: boolean; cohort: string }
interface ApiPage { deployments: ApiRow[]; next_cursor: string | null }

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
}, 180_000);
afterAll(() => dashboard?.close());

async function api(query: string): Promise<ApiPage> {
  const response = await dashboard.app.inject({ url: `/api/deployments?${query}`, headers: dashboard.viewer.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ApiPage;
}

async function open(path: string): Promise<Page> {
  const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
  await page.goto(`${dashboard.baseUrl}${path}`);
  await page.getByTestId('deployments-table').waitFor({ timeout: 30_000 });
  return page;
}

const shownIds = (page: Page) => page.getByTestId('deployments-table').locator('tbody tr td:nth-child(2)').allInnerTexts();
const cellsOf = (page: Page, id: string) => page.getByTestId('deployments-table').locator('tbody tr', { hasText: id }).locator('td').allInnerTexts();

describe('Deployments page', () => {
  it("loads from a pasted URL with filters and shows the API's rows, links and skipped controls", async () => {
    const body = await api(`${MARCH}&service=pay&limit=50`);
    expect(body.deployments.map((row) => row.id)).toEqual([payHuman.id, payAi.id]);
    const linked = body.deployments.find((row) => row.id === payAi.id)!;
    expect(linked.linked_incidents).toEqual([outage.id]);

    const page = await open(`/deployments?${MARCH}&service=pay`);
    expect(await shownIds(page)).toEqual(body.deployments.map((row) => row.id));
    const cells = await cellsOf(page, payAi.id);
    expect(cells[0]).toBe('3 Mar 2026, 09:00');
    expect(cells[2]).toBe('pay');
    expect(cells[5]).toBe('AI-assisted · commit trailer');
    expect(cells[6]).toBe('yes');
    expect(cells[7]).toBe(linked.linked_incidents.join(', '));
    expect(cells[8]).toBe(linked.controls_skipped.map((c) => c.replaceAll('_', ' ')).join(', '));
    expect(cells[8]).toBe('change documentation');
    const link = page.getByTestId('deployments-table').getByRole('link', { name: outage.id });
    expect(await link.getAttribute('href')).toBe(`/incidents/${outage.id}`);
    expect((await cellsOf(page, payHuman.id))[7]).toBe('none');

    // With a service filter, the service's timeline is drawn.
    await page.getByTestId('timeline-card').locator('[data-state="drawn"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('service-timeline').innerText()).toContain('2 production deployments (2 failed; rollback deployments included');
    await link.click();
    await page.waitForURL((url) => url.pathname === `/incidents/${outage.id}`);
    await page.close();
  });

  it('a filter change updates the URL and the rows; Back restores them', async () => {
    const all = await api(`${MARCH}&limit=50`);
    const human = await api(`${MARCH}&cohort=human&limit=50`);
    expect(human.deployments.length).toBeLessThan(all.deployments.length);
    const page = await open(`/deployments?${MARCH}`);
    expect(await shownIds(page)).toEqual(all.deployments.map((row) => row.id));
    await page.getByTestId('filter-cohort').selectOption('human');
    await expect.poll(() => new URL(page.url()).searchParams.get('cohort')).toBe('human');
    await expect.poll(() => shownIds(page)).toEqual(human.deployments.map((row) => row.id));

    const text = await api(`${MARCH}&cohort=human&q=v1.2&limit=50`);
    await page.getByTestId('filter-text').fill('v1.2');
    await page.getByTestId('filter-text').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('v1.2');
    // payAi has that version but is AI-assisted: nothing is left.
    expect(text.deployments).toEqual([]);
    await expect.poll(() => page.getByTestId('deployments-card').innerText()).toContain('No deployments in this period for these filters.');

    await page.goBack();
    await expect.poll(() => shownIds(page)).toEqual(human.deployments.map((row) => row.id));
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.has('cohort')).toBe(false);
    await expect.poll(() => shownIds(page)).toEqual(all.deployments.map((row) => row.id));
    await page.close();
  });

  it("pages by the API's cursor, kept in the URL; Back returns to the newest", async () => {
    const first = await api(`${JANUARY}&limit=50`);
    expect(first.next_cursor).not.toBeNull();
    const second = await api(`${JANUARY}&limit=50&cursor=${first.next_cursor}`);
    expect(second.deployments).toHaveLength(january.length - 50);
    const page = await open(`/deployments?${JANUARY}`);
    expect(await shownIds(page)).toEqual(first.deployments.map((row) => row.id));
    await page.getByTestId('older').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('cursor')).toBe(first.next_cursor);
    await expect.poll(() => shownIds(page)).toEqual(second.deployments.map((row) => row.id));
    // A pasted link to the second page shows the same rows.
    const pasted = await open(`/deployments?${JANUARY}&cursor=${first.next_cursor}`);
    expect(await shownIds(pasted)).toEqual(second.deployments.map((row) => row.id));
    await pasted.close();
    await page.goBack();
    await expect.poll(() => shownIds(page)).toEqual(first.deployments.map((row) => row.id));
    await page.close();
  });

  it('sorts on the server across pages: oldest first shows the deployments the newest page left out', async () => {
    const oldest = await api(`${JANUARY}&sort=at&limit=50`);
    const rest = await api(`${JANUARY}&sort=at&limit=50&cursor=${oldest.next_cursor}`);
    expect([...oldest.deployments, ...rest.deployments].map((row) => row.id)).toEqual(january.map((d) => d.id));
    const page = await open(`/deployments?${JANUARY}`);
    expect(await shownIds(page)).not.toContain(january[0]!.id); // the newest 50 only

    await page.getByRole('button', { name: 'Finished (UTC)', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('at');
    await expect.poll(() => shownIds(page)).toEqual(oldest.deployments.map((row) => row.id));
    expect(await page.getByTestId('deployments-summary').innerText()).toContain('the first 50 deployments, more on the next page');

    await page.getByRole('button', { name: 'Next page →' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('cursor')).toBe(oldest.next_cursor);
    await expect.poll(() => shownIds(page)).toEqual(january.slice(50).map((d) => d.id));
    // Another sort starts again at its first page: the cursor belongs to the old one.
    await page.getByRole('button', { name: 'Finished (UTC)', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-at');
    expect(new URL(page.url()).searchParams.has('cursor')).toBe(false);
    await expect.poll(() => shownIds(page)).toEqual(january.slice(5).reverse().map((d) => d.id));
    // The API cannot sort by linked incidents or skipped controls: those headers do not offer it.
    expect(await page.getByTestId('deployments-table').getByRole('button', { name: 'Linked incidents', exact: true }).count()).toBe(0);
    expect(await page.getByTestId('deployments-table').getByRole('button', { name: 'Service', exact: true }).count()).toBe(1);
    await page.close();
  });

  it("exports the API's CSV of every page for the same filters", async () => {
    const expected = await dashboard.app.inject({ url: `/api/deployments?${JANUARY}&limit=100000`, headers: { ...dashboard.viewer.headers, accept: 'text/csv' } });
    expect(expected.statusCode).toBe(200);
    expect(expected.body.split('\n').filter((line) => line.trim() !== '').length).toBe(1 + january.length);
    const page = await open(`/deployments?${JANUARY}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
    expect(download.suggestedFilename()).toBe('deployments-2026-01-01-2026-02-01.csv');
    expect(await readFile(await download.path(), 'utf8')).toBe(expected.body);
    await page.close();
  });

  it('says in words when a filter is wrong', async () => {
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
    await page.goto(`${dashboard.baseUrl}/deployments?from=yesterday`);
    await expect.poll(() => page.getByTestId('deployments-card').innerText(), { timeout: 30_000 }).toContain('Could not load the deployments.');
    expect(await page.getByTestId('deployments-card').innerText()).toContain('from: expected a date');
    await page.close();
  });

  it('passes the page checks (contrast, overflow, print) with its timeline', async () => {
    const page = await open(`/deployments?${MARCH}&service=pay`);
    await page.getByTestId('timeline-card').locator('[data-state="drawn"]').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    await page.close();
  }, 60_000);
});
