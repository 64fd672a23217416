import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { AI, makeAgentAction, makeChange, makeDeployment, makeIncident, makePerson, makeService } from '../support/factories.ts';
import { checkPage } from '../support/page-checks.ts';

// Two Tier-1 services in March 2026. On pay: cGood passes every control, cNoTicket has no
// ticket, cSolo (AI, by a junior) has no approver (two-person review and senior sign-off), and
// its deployment caused a Sev1. On cart: one more change without a ticket, after 9 March.
// One destructive agent action without an approver, one with.
const cGood = makeChange({ service: 'pay', author: 'ann', approvers: ['sam'], change_ticket: 'CHG-7', checks_passed: true });
const cNoTicket = makeChange({ service: 'pay', author: 'ann', approvers: ['sam'], change_ticket: null, checks_passed: true });
const cSolo = makeChange({ service: 'pay', author: 'ann', approvers: [], change_ticket: 'CHG-8', checks_passed: true, ai: AI });
const cCart = makeChange({ service: 'cart', author: 'sam', approvers: ['ann'], change_ticket: '', checks_passed: true });
const dGood = makeDeployment({ service: 'pay', changes: [cGood.id], finished_at: '2026-03-03T09:00:00.000Z' });
const dNoTicket = makeDeployment({ service: 'pay', changes: [cNoTicket.id], finished_at: '2026-03-04T09:00:00.000Z' });
const dSolo = makeDeployment({ service: 'pay', changes: [cSolo.id], finished_at: '2026-03-10T09:00:00.000Z' });
const dCart = makeDeployment({ service: 'cart', changes: [cCart.id], finished_at: '2026-03-12T09:00:00.000Z' });
const unapproved = makeAgentAction({ service: 'pay', destructive: true, agent: 'fixer', action: 'drop_table', at: '2026-03-05T09:00:00.000Z' });
const approved = makeAgentAction({ service: 'cart', destructive: true, agent: 'fixer', action: 'flush_cache', approved_by: ['sam'], at: '2026-03-11T09:00:00.000Z' });
const incident = makeIncident({ services: ['pay'], severity: 'sev1', title: 'card declines', caused_by: [dSolo.id], impact_started_at: '2026-03-10T10:00:00.000Z' });
const records = [
  makeService({ id: 'pay', tier: 1, team: 'payments', domain: 'payment' }),
  makeService({ id: 'cart', tier: 1, team: 'shop', domain: 'checkout' }),
  makePerson({ id: 'ann', seniority: 'junior' }),
  makePerson({ id: 'sam', seniority: 'senior' }),
  cGood, cNoTicket, cSolo, cCart, dGood, dNoTicket, dSolo, dCart, unapproved, approved, incident,
];
const PERIOD = 'from=2026-03-01&to=2026-04-01';

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
}, 180_000);
afterAll(() => dashboard?.close());

interface ApiControl { control: string; evaluated: number; violations: number; compliance: number | null }
async function controls(query: string): Promise<ApiControl[]> {
  const response = await dashboard.app.inject({ url: `/api/governance/violations?${query}`, headers: dashboard.viewer.headers });
  expect(response.statusCode).toBe(200);
  return response.json().controls;
}
const find = (rows: ApiControl[], control: string) => rows.find((r) => r.control === control)!;

async function open(path: string): Promise<Page> {
  const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
  page.setDefaultTimeout(15_000);
  await page.goto(`${dashboard.baseUrl}${path}`);
  await page.getByTestId('gov-controls-table').waitFor({ timeout: 30_000 });
  return page;
}

/** The cells of the row labelled `label` in the table `testid`. */
const cells = (page: Page, testid: string, label: string) =>
  page.getByTestId(testid).locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: label }) }).first().locator('td').allInnerTexts();

describe('Governance page', () => {
  it("shows a control's violations and compliance as the API does, with the people and the incident", async () => {
    const all = await controls(PERIOD);
    // Worked out from the data: 4 deployments evaluated, 2 without a ticket (dNoTicket, dCart).
    expect(find(all, 'change_documentation')).toMatchObject({ evaluated: 4, violations: 2, compliance: 0.5 });
    expect(find(all, 'agent_destructive_approval')).toMatchObject({ evaluated: 2, violations: 1 });

    const page = await open(`/governance?${PERIOD}`);
    const ticket = await cells(page, 'gov-controls-table', 'Change ticket');
    expect(ticket[2]).toBe('4 deployments');
    expect(ticket[3]).toBe(String(find(all, 'change_documentation').violations));
    expect(ticket[4]).toBe('50.0%');
    // The finding names the people; the incident links to its page.
    const solo = await page.getByTestId('gov-findings-table').locator('tbody tr').filter({ hasText: 'Two-person review' }).locator('td').allInnerTexts();
    expect(solo.slice(2)).toEqual([`${dSolo.id} / ${cSolo.id}`, 'pay', 'ann', 'none']);
    expect(await page.getByTestId('gov-incidents-table').getByRole('link', { name: 'card declines' }).getAttribute('href')).toBe(`/incidents/${incident.id}`);
    // Agent actions with and without approval.
    const actions = await page.getByTestId('gov-actions-table').locator('tbody tr').allInnerTexts();
    expect(actions).toHaveLength(2);
    expect(actions.find((text) => text.includes('drop_table'))).toContain('NOT approved');
    expect(actions.find((text) => text.includes('flush_cache'))).toContain('sam');
    await page.locator('[data-testid="chart-violations-heatmap"][data-state="drawn"]').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('follows a filter change in the URL, and Back restores the view', async () => {
    expect(find(await controls(`${PERIOD}&service=pay`), 'change_documentation').violations).toBe(1);
    const page = await open(`/governance?${PERIOD}`);
    await page.getByLabel('Service').fill('pay');
    await page.getByLabel('Service').press('Enter');
    await page.getByLabel('Service').blur();
    await expect.poll(() => new URL(page.url()).searchParams.get('service')).toBe('pay');
    await expect.poll(async () => (await cells(page, 'gov-controls-table', 'Change ticket'))[3]).toBe('1');
    // One control only: the findings follow.
    await page.getByTestId('filter-control').selectOption('senior_signoff');
    await expect.poll(() => new URL(page.url()).searchParams.get('control')).toBe('senior_signoff');
    await expect.poll(() => page.getByTestId('gov-findings-table').locator('tbody tr').allInnerTexts()).toHaveLength(1);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('control')).toBeNull();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('service')).toBeNull();
    await expect.poll(async () => (await cells(page, 'gov-controls-table', 'Change ticket'))[3]).toBe('2');
    await page.close();
  });

  it('compares compliance before and after the reset date in the URL, as the API does for the two periods', async () => {
    const before = find(await controls('from=2026-03-01&to=2026-03-09'), 'change_documentation');
    const after = find(await controls('from=2026-03-09&to=2026-04-01'), 'change_documentation');
    // Before: dGood and dNoTicket (1 of 2 undocumented); after: dSolo and dCart (1 of 2).
    expect([before.violations, before.evaluated, after.violations, after.evaluated]).toEqual([1, 2, 1, 2]);

    const page = await open(`/governance?${PERIOD}&reset=2026-03-09`);
    await page.getByTestId('gov-reset-table').waitFor();
    expect(await page.getByTestId('gov-reset-periods').innerText()).toBe('Before: 1 Mar 2026 – 8 Mar 2026 · After: 9 Mar 2026 – 31 Mar 2026');
    const row = await cells(page, 'gov-reset-table', 'Change ticket');
    expect(row[2]).toBe(`${before.violations} of ${before.evaluated}`);
    expect(row[4]).toBe(`${after.violations} of ${after.evaluated}`);
    expect(row[5]).toContain('may be noise');
    // A new reset date goes to the URL.
    await page.getByTestId('filter-reset').fill('2026-03-11');
    await expect.poll(() => new URL(page.url()).searchParams.get('reset')).toBe('2026-03-11');
    const later = find(await controls('from=2026-03-01&to=2026-03-11'), 'change_documentation');
    await expect.poll(async () => (await cells(page, 'gov-reset-table', 'Change ticket'))[2]).toBe(`${later.violations} of ${later.evaluated}`);
    await page.close();
  });

  it('passes the page checks', async () => {
    const page = await open(`/governance?${PERIOD}&reset=2026-03-09`);
    await page.getByTestId('gov-reset-table').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    await page.close();
  }, 60_000);

  it('takes screenshots, light and dark', async () => {
    await mkdir('.screenshots', { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer, { colorScheme, viewport: { width: 1440, height: 900 } });
      await page.goto(`${dashboard.baseUrl}/governance?${PERIOD}&reset=2026-03-09`);
      await page.locator('[data-state="drawn"]').first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: `.screenshots/governance-${colorScheme}.png`, fullPage: true });
      await page.close();
    }
  });
});
