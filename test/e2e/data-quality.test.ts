// The Data quality page: coverage, incident time completeness, pending records, open quarantine,
// ingest runs and findings, as GET /api/data-quality answers them for the records written here;
// it follows the filters in the URL.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRecord } from '../../ingest/validate.ts';
import { loadRecords } from '../../server/load-records.ts';
import { mapSeverity } from '../../server/db/settings.repository.ts';
import { signIn, signedInPage } from '../support/auth.ts';
import { checkPage } from '../support/page-checks.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { AI, HUMAN, makeChange, makeDeployment, makeIncident, makeService } from '../support/factories.ts';

const PERIOD = 'from=2026-03-01&to=2026-04-01';

// shop shipped two changes on 03-02 10:00; one was authored an hour later: lead time −60.
const cOk = makeChange({ service: 'shop', ai: AI, authored_at: '2026-03-01T09:00:00.000Z' });
const cLate = makeChange({ service: 'shop', authored_at: '2026-03-02T11:00:00.000Z' });
const dShop = makeDeployment({ service: 'shop', ai: HUMAN, changes: [cOk.id, cLate.id], finished_at: '2026-03-02T10:00:00.000Z' });
// cart's deployment is untagged: deployments 1 of 2 known.
const dCart = makeDeployment({ service: 'cart', finished_at: '2026-03-09T10:00:00.000Z' });
// Detected ten minutes before impact: TTD −10 is excluded.
const iEarly = makeIncident({
  services: ['shop'], severity: 'sev1', impact_started_at: '2026-03-05T12:00:00.000Z',
  detected_at: '2026-03-05T11:50:00.000Z', mitigated_at: '2026-03-05T13:00:00.000Z', resolved_at: '2026-03-05T14:00:00.000Z',
});
const iUndetected = makeIncident({ services: ['cart'], severity: 'sev2', impact_started_at: '2026-03-10T08:00:00.000Z', mitigated_at: '2026-03-10T09:00:00.000Z' });

let dashboard: Dashboard;
// The API's JSON as the test reads it.
let body: any;

beforeAll(async () => {
  dashboard = await startDashboard([
    makeService({ id: 'shop', team: 'team-a' }), makeService({ id: 'cart', team: 'team-b', tier: 2 }),
    cOk, cLate, dShop, dCart, iEarly, iUndetected,
  ]);
  // A second run: an unknown severity (quarantined) and the classification of an incident that
  // never arrives (pending).
  const pager = { kind: 'incident', source: 'pager', id: 'P-1', title: 'down', severity: 'whatever', impact_started_at: '2026-03-20T10:00:00Z', services: ['cart'] };
  const early = { kind: 'classification', source: 'pager', id: 'C-1', incident: 'P-2', ai_role: 'primary', classified_by: 'sre', classified_at: '2026-03-21T10:00:00Z' };
  await loadRecords(dashboard.t.db, { source: 'pager', origin: 'pager.ndjson' }, [
    validateRecord(pager, { origin: 'pager.ndjson', line: 1 }),
    validateRecord(early, { origin: 'pager.ndjson', line: 2 }),
  ]);
  const response = await dashboard.app.inject({ method: 'GET', headers: dashboard.viewer.headers, url: `/api/data-quality?${PERIOD}` });
  expect(response.statusCode).toBe(200);
  body = response.json();
}, 180_000);

afterAll(() => dashboard?.close());

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

async function open(query: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer, { colorScheme, viewport: { width: 1280, height: 900 } });
  await page.goto(`${dashboard.baseUrl}/data-quality?${query}`);
  await page.getByTestId('findings').waitFor({ timeout: 30_000 });
  return page;
}

describe('Data quality page', () => {
  it("shows the API's coverage, times, pending records, quarantine, ingest runs and findings", async () => {
    const page = await open(PERIOD);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // Coverage: 1 of 2 deployments known (declared), with its interval.
    const deployments = body.coverage.deployments;
    expect(deployments).toMatchObject({ deployments: 2, known: 1, share: 0.5, by_evidence: { declared: 1 } });
    const tile = await page.getByTestId('coverage-deployments').innerText();
    expect(tile).toContain(percent(deployments.share));
    expect(tile).toContain(`${percent(deployments.ci_low)}–${percent(deployments.ci_high)}`);
    expect(tile).toContain('1 of 2 deployments known');
    expect(await page.getByTestId('coverage-evidence').getByRole('row', { name: /Declared/ }).innerText()).toMatch(/Declared\s+1\s+0/);

    // TTD: iEarly negative, iUndetected missing.
    expect(body.incident_times.ttd).toEqual({ incidents: 2, known: 0, missing: 1, negative: 1 });
    expect(await page.getByTestId('time-ttd').innerText()).toMatch(/Time to detect\s+0\s+1\s+1/);

    // Pending: the classification waits for incident P-2.
    const [pending] = body.pending.items;
    expect(pending).toMatchObject({ external_id: 'C-1', waiting_for: 'P-2', line: 2 });
    const pendingRow = await page.getByTestId('pending-row').innerText();
    expect(pendingRow).toContain(pending.external_id);
    expect(pendingRow).toContain(pending.waiting_for);
    expect(pendingRow).toContain(`${pending.origin}:${pending.line}`);
    expect(await page.getByTestId('pending').innerText()).toContain('apply by themselves when their target arrives');

    // Quarantine: the bad severity.
    expect(body.quarantine).toEqual({ total: 1, by_field: [{ kind: 'incident', field: 'incident.severity', count: 1 }] });
    expect(await page.getByTestId('quarantine-total').innerText()).toContain(String(body.quarantine.total));
    expect(await page.getByTestId('quarantine-row').innerText()).toMatch(/incident\s+incident\.severity\s+1/);
    expect(await page.getByTestId('quarantine').innerText()).toContain('sevscope quarantine retry');

    // Ingest runs, newest first: the pager run received 2, quarantined 1, kept 1 pending.
    const run = body.ingest_runs[0];
    expect(run).toMatchObject({ source: 'pager', origin: 'pager.ndjson', status: 'succeeded', received: 2, quarantined: 1, pending: 1 });
    const runs = page.getByTestId('ingest-run');
    expect(await runs.count()).toBe(body.ingest_runs.length);
    expect(await runs.first().innerText()).toMatch(/pager\s+pager\.ndjson\s+succeeded\s+.+\s+2\s+0\s+0\s+0\s+1\s+1/);

    // Findings: a sortable table of the excluded errors.
    expect(body.findings).toHaveLength(2);
    const findings = page.getByTestId('findings');
    for (const finding of body.findings) expect(await findings.innerText()).toContain(finding.reason);
    await findings.getByRole('button', { name: 'Value', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('findings_sort')).toBe('value');
    const rows = findings.locator('tbody tr');
    // Ascending: −60 (the lead time) before −10 (the TTD).
    expect(await rows.first().innerText()).toContain(dShop.id);
    expect(await rows.nth(1).innerText()).toContain(iEarly.id);
    expect(errors).toEqual([]);

    await mkdir('.screenshots', { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '.screenshots/data-quality-light.png', fullPage: true });
    await page.close();

    const dark = await open(PERIOD, 'dark');
    await dark.screenshot({ path: '.screenshots/data-quality-dark.png', fullPage: true });
    await dark.close();
  });

  it('follows the filters: cart alone has no findings and no known deployment', async () => {
    const page = await open(`${PERIOD}&service=cart`);
    await expect.poll(() => page.getByTestId('coverage-deployments').innerText()).toContain('0 of 1 deployment known');
    expect(await page.getByTestId('findings').innerText()).toContain('No data errors in scope.');
    // Pending and quarantine describe the whole database, whatever the filters.
    expect(await page.getByTestId('pending-row').innerText()).toContain('P-2');
    await page.close();
  });

  it("says in words when the API refuses the filters, with the server's explanation", async () => {
    const response = await dashboard.app.inject({ method: 'GET', headers: dashboard.viewer.headers, url: '/api/data-quality?from=2026-04-01&to=2026-03-01' });
    expect(response.statusCode).toBe(400);
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
    await page.goto(`${dashboard.baseUrl}/data-quality?from=2026-04-01&to=2026-03-01`);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load data quality.' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain(response.json().error.message);
    await page.close();
  });

  it("lists coverage by team, most untagged first, and draws the weekly coverage, as the API answers", async () => {
    const page = await open(PERIOD);
    const rows = page.getByTestId('coverage-teams-table').locator('tbody tr');
    const teams = body.coverage.by_team as { team: string; untagged: number; deployments: number }[];
    expect(teams.map((t) => t.team)).toEqual(['team-b', 'team-a']);
    expect(await rows.count()).toBe(teams.length);
    const first = await rows.first().locator('td').allInnerTexts();
    expect(first.slice(0, 4)).toEqual(['team-b', String(teams[0]!.untagged), String(teams[0]!.deployments), '0.0%']);
    await page.locator('[data-testid="chart-coverage-weekly"][data-state="drawn"]').waitFor({ timeout: 30_000 });
    // One bar segment per week and evidence: declared (03-02) and untagged (03-09).
    expect(await page.getByTestId('chart-coverage-weekly').locator('path[role="graphics-symbol"], .mark-rect path').count()).toBe(2);
    await page.close();
  });

  it('lists the open quarantined records with their reasons; a viewer sees no retry', async () => {
    const page = await open(PERIOD);
    const item = page.getByTestId('quarantine-item');
    await item.first().waitFor({ timeout: 15_000 });
    expect(await item.count()).toBe(1);
    const text = await item.innerText();
    expect(text).toContain('P-1');
    expect(text).toContain('incident.severity');
    expect(text).toContain('pager.ndjson:1');
    expect(await page.getByTestId('quarantine-retry').count()).toBe(0);
    await page.close();
  });

  it('passes the accessibility, dark and print checks', async () => {
    const page = await open(PERIOD);
    await page.locator('[data-testid="chart-coverage-weekly"][data-state="drawn"]').waitFor({ timeout: 30_000 });
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    await page.close();
  });

  // Last: it empties the quarantine the tests above read.
  it('lets an sre retry the quarantine after a fix: the record is stored and leaves the list', async () => {
    await mapSeverity(dashboard.t.db, 'whatever', 'sev2');
    const sre = await signIn(dashboard.t.db, 'sre');
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, sre);
    await page.goto(`${dashboard.baseUrl}/data-quality?${PERIOD}`);
    await page.getByTestId('quarantine-retry').click();
    await expect.poll(() => page.getByTestId('quarantine').innerText(), { timeout: 20_000 }).toContain('1 record retried: 1 stored, 0 still invalid.');
    await expect.poll(() => page.getByTestId('quarantine').innerText()).toContain('Nothing is in quarantine.');
    const stored = await dashboard.t.db.selectFrom('incidents').select('severity').where('external_id', '=', 'P-1').executeTakeFirst();
    expect(stored).toEqual({ severity: 'sev2' });
    await page.close();
  }, 60_000);

  it("shows the quarantine retry's refresh job done, and lets an admin queue a rebuild and watch it finish", async () => {
    const admin = await signIn(dashboard.t.db, 'admin', { name: 'ada' });
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, admin);
    await page.goto(`${dashboard.baseUrl}/data-quality?${PERIOD}`);
    const jobs = page.getByTestId('jobs');
    // The retry above stored a batch and queued its refresh; the app's worker ran it.
    await expect.poll(async () => (await jobs.getByTestId('job').first().innerText()).replace(/\s+/g, ' '), { timeout: 30_000 }).toMatch(/^Refresh done 5\/5 .* POST \/api\/quarantine\/retry by /);
    page.once('dialog', (dialog) => void dialog.accept());
    await jobs.getByRole('button', { name: 'Rebuild derived data' }).click();
    const rebuild = jobs.getByTestId('job').filter({ hasText: 'Rebuild' });
    await expect.poll(() => rebuild.getAttribute('data-state'), { timeout: 60_000 }).toBe('completed');
    expect((await rebuild.innerText()).replace(/\s+/g, ' ')).toMatch(/Rebuild done 4\/4 .* ada/);
    const listed = (await dashboard.app.inject({ method: 'GET', headers: dashboard.viewer.headers, url: '/api/jobs?queue=rebuild' })).json();
    expect(listed.jobs).toHaveLength(1);
    expect(listed.jobs[0]).toMatchObject({ state: 'completed', requested_by: 'ada', reason: 'from the Data quality page', done: 4, total: 4, error: null });
    // A viewer sees the jobs but not the buttons.
    const viewerPage = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
    await viewerPage.goto(`${dashboard.baseUrl}/data-quality?${PERIOD}`);
    await viewerPage.getByTestId('jobs').getByTestId('job').first().waitFor();
    expect(await viewerPage.getByTestId('jobs').getByRole('button').count()).toBe(0);
    await Promise.all([page.close(), viewerPage.close()]);
  }, 120_000);
});
