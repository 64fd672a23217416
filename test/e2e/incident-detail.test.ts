// The incident page from a pasted link: its times, timeline and nearby deployments (window in
// the URL, Back restores it), its links with why, the controls skipped, the suggestion; what a
// viewer sees (no write controls); light, dark and print.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, signIn } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { AI, HUMAN, makeChange, makeDeployment, makeIncident, makeService } from '../support/factories.ts';
import { checkPage } from '../support/page-checks.ts';

const IMPACT = '2026-03-04T12:00:00.000Z';
const before = (minutes: number) => new Date(Date.parse(IMPACT) - minutes * 60_000).toISOString();
// An AI-assisted change nobody but its author approved, shipped 42 min before impact.
const change = makeChange({ service: 'checkout-api', author: 'alice', approvers: [], change_ticket: 'CHG-1', checks_passed: true, ai: AI });
const aiDeploy = makeDeployment({ service: 'checkout-api', ai: AI, changes: [change.id], actor: 'alice', actor_type: 'human', finished_at: before(42) });
const human5h = makeDeployment({ service: 'checkout-api', ai: HUMAN, finished_at: before(5 * 60) });
const human30h = makeDeployment({ service: 'checkout-api', ai: HUMAN, finished_at: before(30 * 60) });
const human50h = makeDeployment({ service: 'checkout-api', ai: HUMAN, finished_at: before(50 * 60) });
const incident = makeIncident({
  title: 'checkout 500s', severity: 'sev1', services: ['checkout-api'], regions: ['eu-west-1'],
  impact_started_at: IMPACT, detected_at: '2026-03-04T12:07:00.000Z', acknowledged_at: '2026-03-04T12:12:00.000Z',
  mitigated_at: '2026-03-04T12:40:00.000Z', resolved_at: '2026-03-04T13:00:00.000Z',
  impact: { orders_lost: 120, errors: 5000, users_affected: 800, traffic_share: 0.25 },
});
const records = [makeService({ id: 'checkout-api', tier: 1 }), change, aiDeploy, human5h, human30h, human50h, incident];

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
}, 180_000);
afterAll(() => dashboard?.close());

interface Detail {
  incident: { ttd: number; restore: number; impact_minutes: number };
  nearby_deployments: { id: string }[];
  links: { deployment: string; why: string }[];
  skipped_controls: { control: string; deployment: string }[];
  suggested_role: string;
  suggestion_reason: string;
}

async function api(query = ''): Promise<Detail> {
  const response = await dashboard.app.inject({ url: `/api/incidents/${incident.id}${query}`, headers: dashboard.viewer.headers });
  expect(response.statusCode).toBe(200);
  return response.json() as Detail;
}

async function open(path: string): Promise<Page> {
  const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
  await page.goto(`${dashboard.baseUrl}${path}`);
  await page.getByTestId('incident-timeline').locator('[data-state="drawn"]').waitFor({ timeout: 30_000 });
  return page;
}

const nearbyIds = (page: Page) => page.getByTestId('nearby-deployments').locator('tbody tr td:nth-child(3)').allInnerTexts();

describe('incident page', () => {
  it("loads from a pasted link with its window and shows the API's numbers, links and controls", async () => {
    const body = await api('?nearby_hours=72');
    // The test's data: 42 min, 5 h, 30 h and 50 h before impact are all within 72 h.
    expect(body.nearby_deployments.map((d) => d.id)).toEqual([aiDeploy.id, human5h.id, human30h.id, human50h.id]);
    const page = await open(`/incidents/${incident.id}?nearby=72`);
    expect(await nearbyIds(page)).toEqual(body.nearby_deployments.map((d) => d.id));
    expect(await page.getByTestId('incident-timeline').getByLabel('Deployments from').inputValue()).toBe('72');

    // TTD = detected − impact = 7 min; restore = 40; impact minutes = 0.25 × 40 = 10.
    expect(body.incident).toMatchObject({ ttd: 7, restore: 40, impact_minutes: 10 });
    expect(await page.getByTestId('tile-ttd').locator('.value').innerText()).toBe(String(body.incident.ttd));
    expect(await page.getByTestId('tile-impact-minutes').locator('.value').innerText()).toBe(String(body.incident.impact_minutes));

    const links = page.getByTestId('links-table').locator('tbody tr');
    expect(await links.count()).toBe(1);
    expect(await links.first().innerText()).toContain(body.links[0]!.why);
    expect(body.links[0]!.why).toBe('Latest production deployment of checkout-api, 42 min before impact (within 1 h: confidence 0.9).');

    // No approver other than the author: two_person_review.
    expect(body.skipped_controls).toEqual([expect.objectContaining({ control: 'two_person_review', deployment: aiDeploy.id })]);
    expect(await page.getByTestId('skipped-controls').locator('tbody tr').allInnerTexts()).toEqual([expect.stringContaining('Two-person review')]);
    expect(await page.getByTestId('incident-people').innerText()).toMatch(/Authors\s+alice[\s\S]*Approvers\s+none[\s\S]*Ran the deployment\s+alice \(human\)/);

    expect(await page.getByTestId('suggested-role').innerText()).toContain(`Suggested: Contributory — ${body.suggestion_reason}`);
    await page.close();
  }, 60_000);

  it('changing the window updates the URL and the deployments; Back restores them', async () => {
    const wide = (await api('?nearby_hours=72')).nearby_deployments.map((d) => d.id);
    const day = (await api('?nearby_hours=24')).nearby_deployments.map((d) => d.id);
    expect(day).toEqual([aiDeploy.id, human5h.id]);
    const page = await open(`/incidents/${incident.id}?nearby=72`);
    await page.getByTestId('incident-timeline').getByLabel('Deployments from').selectOption('24');
    await expect.poll(() => new URL(page.url()).searchParams.get('nearby')).toBeNull(); // the default leaves the URL
    await expect.poll(() => nearbyIds(page)).toEqual(day);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('nearby')).toBe('72');
    await expect.poll(() => nearbyIds(page)).toEqual(wide);
    await page.close();
  }, 60_000);

  it('shows a viewer no write controls', async () => {
    const page = await open(`/incidents/${incident.id}`);
    await page.getByRole('heading', { name: 'Follow-ups' }).waitFor();
    expect(await page.getByRole('button', { name: /^(Confirm|Reject) the link|^Link .* to this incident$|^Search$|^Save classification$|^Add follow-up$|^Mark done|^Cancel “|^Reopen|^Edit owner/ }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Classify the incident' }).count()).toBe(0);
    expect(await page.getByRole('search', { name: 'Find a deployment to link' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Add a follow-up' }).count()).toBe(0);
    // …while the content is there.
    expect(await page.getByTestId('links-table').locator('tbody tr').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('says so when there is no such incident', async () => {
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
    await page.goto(`${dashboard.baseUrl}/incidents/INC-NOPE`);
    await expect.poll(() => page.locator('main').innerText()).toContain('No such incident.');
    await page.close();
  });

  it('passes the page checks as an sre (every control shown): light, dark, print', async () => {
    const sre = await signIn(dashboard.t.db, 'sre');
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, sre, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${dashboard.baseUrl}/incidents/${incident.id}?find=`);
    await page.getByTestId('incident-timeline').locator('[data-state="drawn"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('link-picker-results').waitFor();
    await page.getByRole('form', { name: 'Classify the incident' }).getByText('hallucinated logic').waitFor();
    const result = await checkPage(page);
    await page.close();
    expect(result).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
  }, 90_000);
});
