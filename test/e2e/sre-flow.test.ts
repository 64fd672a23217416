// The SRE flow, end to end in the browser: sign in as sre, open the backlog, open an
// incident, confirm its link, classify it with factors (the session ends mid-form: what was
// typed is kept, sign in again in place, saved), add a follow-up. Then the incident leaves the
// backlog, the history shows the entry, the summary's unclassified count drops by one. A viewer
// gets 403 on a write, an anonymous request 401.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, signIn } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService } from '../support/factories.ts';

const PERIOD = 'from=2026-03-01&to=2026-04-01';
// Heuristic link, 30 min before impact (0.9), AI-assisted: suggested contributory.
const aiDeploy = makeDeployment({ service: 'checkout-api', ai: AI, finished_at: '2026-03-04T11:30:00.000Z' });
const target = makeIncident({
  title: 'checkout 500s', severity: 'sev1', services: ['checkout-api'],
  impact_started_at: '2026-03-04T12:00:00.000Z', detected_at: '2026-03-04T12:05:00.000Z', resolved_at: '2026-03-04T13:00:00.000Z',
});
// Another unclassified one, so the backlog does not simply empty.
const humanDeploy = makeDeployment({ service: 'search-api', ai: HUMAN, finished_at: '2026-03-10T07:30:00.000Z' });
const other = makeIncident({ title: 'search latency', severity: 'sev2', services: ['search-api'], impact_started_at: '2026-03-10T08:00:00.000Z' });
const records = [makeService({ id: 'checkout-api', tier: 1 }), makeService({ id: 'search-api', tier: 2 }), aiDeploy, target, humanDeploy, other];
const PASSWORD = 'sre flow password 1';

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
const backlogIds = async () => (await api<{ backlog: { id: string }[] }>(`/api/incidents/backlog?${PERIOD}`)).backlog.map((item) => item.id);
const unclassified = async () => (await api<{ incidents: { unclassified: number } }>(`/api/metrics/summary?${PERIOD}`)).incidents.unclassified;

describe('the SRE flow', () => {
  it('backlog → incident → confirm the link → classify with factors → follow-up; the incident leaves the backlog', async () => {
    expect((await backlogIds()).sort()).toEqual([target.id, other.id].sort());
    const unclassifiedBefore = await unclassified();
    expect(unclassifiedBefore).toBe(2);

    const sre = await signIn(dashboard.t.db, 'sre', { password: PASSWORD });
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, sre);
    await page.goto(`${dashboard.baseUrl}/incidents?${PERIOD}`);
    await page.getByTestId('backlog-list').getByRole('link', { name: 'checkout 500s' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/incidents/${target.id}`);
    await page.getByTestId('links-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('suggested-role').innerText()).toContain('Suggested: Contributory');

    // Confirm the heuristic link: it becomes manual, confidence 1.0.
    await page.getByRole('button', { name: `Confirm the link to ${aiDeploy.id}` }).click();
    const row = page.getByTestId('links-table').locator('tbody tr').first();
    await expect.poll(() => row.innerText()).toMatch(/Manual\s+1\.0\s+Confirmed by .*Confirmed/);
    expect(await page.getByRole('button', { name: `Confirm the link to ${aiDeploy.id}` }).count()).toBe(0);

    // Classify; the session ends before saving.
    const form = page.getByRole('form', { name: 'Classify the incident' });
    await form.getByRole('radio', { name: /^Primary/ }).check();
    await form.getByRole('checkbox', { name: 'hallucinated logic' }).check();
    await form.getByRole('checkbox', { name: 'missing two person review' }).check();
    await form.getByLabel('Notes').fill('Generated retry loop without a budget.');
    await dashboard.t.db.updateTable('sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('user_id', '=', sre.userId).execute();
    await form.getByRole('button', { name: 'Save classification' }).click();
    const dialog = page.getByTestId('sign-in-again');
    await dialog.waitFor();
    // Underneath, the form still holds what was typed.
    expect(await form.getByRole('radio', { name: /^Primary/ }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'hallucinated logic' }).isChecked()).toBe(true);
    expect(await form.getByLabel('Notes').inputValue()).toBe('Generated retry loop without a budget.');
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in and save' }).click();

    const history = page.getByTestId('classification-history');
    await expect.poll(() => history.locator('li').count(), { timeout: 10_000 }).toBe(1);
    const entry = await history.locator('li').first().innerText();
    expect(entry).toMatch(new RegExp(`Primary\\s+current\\s+by ${sre.name}`));
    expect(entry).toContain('Classified primary.');
    expect(entry).toContain('Factors: hallucinated logic, missing two person review');
    expect(await page.getByTestId('current-role').innerText()).toBe(`Classified Primary by ${sre.name}.`);

    // A follow-up.
    const followUp = page.getByRole('form', { name: 'Add a follow-up' });
    await followUp.getByLabel('Title').fill('Budget every retry loop');
    await followUp.getByLabel('Owner').fill('team-checkout');
    await followUp.getByLabel('Due date').fill('2026-03-20');
    await followUp.getByRole('button', { name: 'Add follow-up' }).click();
    await expect.poll(() => page.getByTestId('follow-ups').innerText()).toMatch(/Budget every retry loop\s+team-checkout · due 20 Mar 2026 · Open\s+Overdue/);

    // What the API now says: stored, out of the backlog, one fewer unclassified.
    const detail = await api<{ links: { deployment: string; rule: string; confidence: number; decision: string }[]; classifications: { ai_role: string; classified_by: string; factors: Record<string, string[]> }[] }>(`/api/incidents/${target.id}`);
    expect(detail.links).toEqual([expect.objectContaining({ deployment: aiDeploy.id, confidence: 1, decision: 'confirmed' })]);
    expect(detail.classifications).toEqual([
      expect.objectContaining({ ai_role: 'primary', classified_by: sre.name, factors: { human: [], ai: ['hallucinated_logic'], process: ['missing_two_person_review'] } }),
    ]);
    expect(await backlogIds()).toEqual([other.id]);
    expect(await unclassified()).toBe(unclassifiedBefore - 1);

    // And the backlog card no longer lists it.
    await page.goto(`${dashboard.baseUrl}/incidents?${PERIOD}`);
    await expect.poll(() => page.getByTestId('backlog-count').innerText()).toBe('1');
    expect(await page.getByTestId('backlog-list').innerText()).not.toContain('checkout 500s');
    await page.close();
  }, 120_000);

  it('a viewer sees no write controls and gets 403 on a write; an anonymous request gets 401', async () => {
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
    await page.goto(`${dashboard.baseUrl}/incidents/${other.id}`);
    await page.getByRole('heading', { name: 'AI role' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('form', { name: 'Classify the incident' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Confirm|Reject) the link/ }).count()).toBe(0);
    const write = (path: string, body: unknown) =>
      page.evaluate(({ path, body }) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status), { path, body });
    expect(await write(`/api/incidents/${other.id}/classification`, { ai_role: 'none' })).toBe(403);
    expect(await write(`/api/incidents/${other.id}/links`, { deployment: humanDeploy.id, decision: 'confirmed' })).toBe(403);
    await page.close();
    const anonymous = await dashboard.app.inject({ method: 'POST', url: `/api/incidents/${other.id}/classification`, payload: { ai_role: 'none' } });
    expect(anonymous.statusCode).toBe(401);
    expect(await backlogIds()).toContain(other.id);
  }, 60_000);
});
