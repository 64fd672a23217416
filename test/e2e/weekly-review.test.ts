// The Weekly review in a real browser over real HTTP and PostgreSQL: a pasted week and section,
// the whole review walked by keyboard (headings, URL, focus and the API's numbers at each step),
// Back, week steps, the default week, an empty week, the printed handout, role-gated controls
// and the page checks. Data: test/support/weekly-review-fixture.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestSession, signIn, signedInPage } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { checkPage } from '../support/page-checks.ts';
import { FOLLOW_UPS, RECORDS, WEEK } from '../support/weekly-review-fixture.ts';

interface Review {
  week: string;
  previous_week: string;
  period: { from: string; to: string };
  follow_ups: { id: string; title: string; overdue: boolean }[];
  incidents: { id: string; title: string; ttd: number | null; ttrb: number | null; ai_role: string | null }[];
  slos: { name: string; metric: string; status: string; budget_remaining: number | null; burned_this_week: number | null }[];
  controls_by_team: { team: string; evaluated: number }[];
  backlog: { id: string }[];
  headline: { week: string; cfr: { ai: { rate: number | null } }; incidents: { total: number } }[];
  agent_actions: { destructive: number; approved: number; unapproved: number };
}

let dashboard: Dashboard;
let sre: TestSession;
beforeAll(async () => {
  dashboard = await startDashboard(RECORDS);
  sre = await signIn(dashboard.t.db, 'sre');
  for (const { incident, body } of FOLLOW_UPS) {
    const created = await dashboard.app.inject({ method: 'POST', url: `/api/incidents/${incident}/follow-ups`, headers: sre.headers, payload: body });
    expect(created.statusCode).toBe(201);
  }
}, 180_000);
afterAll(() => dashboard?.close());

async function api<T>(url: string): Promise<T> {
  const response = await dashboard.app.inject({ url, headers: dashboard.viewer.headers });
  expect(response.statusCode).toBe(200);
  return response.json() as T;
}

async function open(path: string, session: TestSession = dashboard.viewer): Promise<Page> {
  const page = await signedInPage(dashboard.browser, dashboard.baseUrl, session, { viewport: { width: 1440, height: 900 } });
  await page.goto(`${dashboard.baseUrl}${path}`);
  await page.locator('.slide.current').waitFor({ timeout: 30_000 });
  return page;
}

const params = (page: Page) => new URL(page.url()).searchParams;
const heading = (page: Page) => page.locator('.slide.current h2');
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** After a key: the URL names `section`, its heading is on screen and has the focus. */
async function expectSection(page: Page, section: number, title: string, short = title) {
  await page.waitForFunction((n) => new URL(location.href).searchParams.get('section') === String(n), section);
  expect(await heading(page).innerText()).toContain(title);
  expect(params(page).get('week')).toBe(WEEK);
  await page.waitForFunction(() => document.activeElement?.matches('.slide.current h2') ?? false);
  expect(await page.getByTestId('position').innerText()).toBe(`${section} of 7`);
  expect(await page.locator('[aria-current="step"]').innerText()).toMatch(new RegExp(`^${section}\\s+${short}$`));
}

describe('Weekly review', () => {
  it('walks the whole review by keyboard, each section showing the API’s numbers for the week', async () => {
    const review = await api<Review>(`/api/weekly-review?week=${WEEK}`);
    const sunday = new Date(Date.parse(review.period.to) - 86_400_000).toISOString().slice(0, 10);
    const due = await api<{ follow_ups: { title: string }[] }>(`/api/follow-ups?status=open&due_before=${sunday}`);
    expect(review.follow_ups.map((f) => f.title)).toEqual(due.follow_ups.map((f) => f.title));
    expect(review.follow_ups.length).toBe(2);

    const page = await open(`/weekly-review?week=${WEEK}&section=1`);
    expect(await heading(page).innerText()).toContain('Follow-ups due');
    expect(await page.getByTestId('week').innerText()).toContain('Week 10, 2026');
    // 1. The open follow-ups due by Sunday, as GET /api/follow-ups lists them; the overdue one marked.
    const followUps = page.getByTestId('follow-ups').locator('tbody tr');
    expect(await followUps.locator('td:nth-child(2)').allInnerTexts()).toEqual(due.follow_ups.map((f) => f.title));
    expect(await page.getByTestId('follow-ups').locator('.badge.overdue').count()).toBe(review.follow_ups.filter((f) => f.overdue).length);

    // 2. What broke: the week's Sev1/Sev2 incidents, as the API lists them.
    await page.keyboard.press('ArrowRight');
    await expectSection(page, 2, 'What broke');
    expect(await page.getByTestId('incident-title').allInnerTexts()).toEqual(review.incidents.map((i) => i.title));
    expect(await page.getByTestId('ttd').allInnerTexts()).toEqual(review.incidents.map((i) => `${i.ttd} min`));
    expect(await page.getByTestId('ttrb').allInnerTexts()).toEqual(review.incidents.map((i) => `${i.ttrb} min`));
    expect((await page.getByTestId('ai-role').allInnerTexts())[0]).toMatch(/^Unclassified/);
    expect(await page.getByTestId('controls-skipped').first().innerText()).toBe('Senior sign-off, Two-person review');

    // 3. SLO burn.
    await page.keyboard.press('PageDown');
    await expectSection(page, 3, 'SLO burn');
    for (const slo of review.slos.filter((s) => s.burned_this_week !== null)) {
      expect(await page.getByTestId(`slo-${slo.name}`).getByTestId('burned').innerText()).toBe(String(slo.burned_this_week));
    }
    // The budget in the SLOs page's words: the share used, never a negative share left.
    const judged = review.slos.filter((s) => s.metric !== 'cfr' && s.status !== 'no_data' && s.budget_remaining !== null);
    expect(judged.length).toBeGreaterThan(0);
    for (const slo of judged) {
      const share = ((1 - slo.budget_remaining!) * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      const used = `error budget ${share}% used${slo.budget_remaining! < 0 ? ' · overspent' : ''}`;
      expect(await page.getByTestId(`slo-${slo.name}`).getByTestId('stands').innerText()).toContain(used);
    }

    // 4. Skipped controls by team.
    await page.keyboard.press('ArrowRight');
    await expectSection(page, 4, 'Skipped controls by team', 'Controls');
    expect(await page.getByTestId('controls').locator('tbody th').allInnerTexts()).toEqual(review.controls_by_team.map((t) => t.team));
    expect(await page.getByTestId('team-payments').innerText()).toContain('Senior sign-off: 1 deployment');

    // 5. The classification backlog.
    await page.keyboard.press('PageDown');
    await expectSection(page, 5, 'Classification backlog', 'Backlog');
    expect(await page.getByTestId('backlog-count').innerText()).toBe(`${review.backlog.length} unclassified incidents`);

    // 6. Headline: this week's AI-assisted CFR and incident count, beside four earlier weeks.
    await page.keyboard.press('ArrowRight');
    await expectSection(page, 6, 'Headline metrics', 'Headline');
    const thisWeek = review.headline.at(-1)!;
    expect(review.headline).toHaveLength(5);
    expect(await page.getByTestId('headline-cfr-ai').locator(`td[data-week="${WEEK}"] .value`).innerText()).toBe(percent(thisWeek.cfr.ai.rate!));
    expect(await page.getByTestId('headline-incidents').locator(`td[data-week="${WEEK}"] .value`).innerText()).toBe(String(thisWeek.incidents.total));

    // 7. Agent actions; the last section stays the last.
    await page.keyboard.press('ArrowRight');
    await expectSection(page, 7, 'Agent actions');
    expect(await page.getByTestId('agent-destructive').innerText()).toBe(String(review.agent_actions.destructive));
    expect(await page.getByTestId('agent-approved').innerText()).toBe(String(review.agent_actions.approved));
    expect(await page.getByTestId('agent-unapproved').innerText()).toBe(String(review.agent_actions.unapproved));
    await page.keyboard.press('ArrowRight');
    expect(params(page).get('section')).toBe('7');

    // Back again by keys, a number-key jump, and f (full screen; refused or not, the page stays).
    await page.keyboard.press('PageUp');
    await expectSection(page, 6, 'Headline metrics', 'Headline');
    await page.keyboard.press('ArrowLeft');
    await expectSection(page, 5, 'Classification backlog', 'Backlog');
    await page.keyboard.press('3');
    await expectSection(page, 3, 'SLO burn');
    await page.keyboard.press('f');
    expect(params(page).get('section')).toBe('3');
    if (await page.evaluate(() => document.fullscreenElement !== null)) await page.keyboard.press('f');

    // The browser's Back returns to the section before the jump.
    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('section') === '5');
    expect(await heading(page).innerText()).toContain('Classification backlog');
    await page.close();
  });

  it('steps to the previous week and Back restores the week', async () => {
    const before = await api<Review>(`/api/weekly-review?week=2026-W09`);
    const page = await open(`/weekly-review?week=${WEEK}&section=2`);
    expect(await page.getByTestId('incident-title').count()).toBe(2);
    await page.getByTestId('previous-week').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('week') === '2026-W09');
    await page.getByTestId('week').filter({ hasText: 'Week 9,' }).waitFor();
    expect(params(page).get('section')).toBe('2');
    expect(await page.getByTestId('incident-title').allInnerTexts()).toEqual(before.incidents.map((i) => i.title));
    await page.goBack();
    await page.getByTestId('week').filter({ hasText: 'Week 10,' }).waitFor();
    expect(await page.getByTestId('incident-title').count()).toBe(2);
    // The on-screen buttons move between sections too.
    await page.getByTestId('next-section').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('section') === '3');
    expect(await heading(page).innerText()).toContain('SLO burn');
    await page.close();
  });

  it('opens the last complete week without ?week and writes it into the URL', async () => {
    const review = await api<Review>('/api/weekly-review');
    const page = await open('/weekly-review');
    await page.waitForFunction((week) => new URL(location.href).searchParams.get('week') === week, review.week);
    expect(await heading(page).innerText()).toContain('Follow-ups due');
    await page.close();
  });

  it('leaves the user where they went when the default week arrives during their next navigation', async () => {
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${dashboard.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor({ timeout: 30_000 });
    const hold = () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      return { held, release };
    };
    // The review's answer waits; so, later, does every page chunk the next navigation fetches.
    const answer = hold();
    const chunks = hold();
    let holdChunks = false;
    await page.route('**/api/weekly-review*', async (route) => {
      await answer.held;
      await route.continue().catch(() => {});
    });
    await page.route('**/_app/immutable/**', async (route) => {
      if (holdChunks) await chunks.held;
      await route.continue().catch(() => {});
    });
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: /^Weekly review/ }).click();
    await page.waitForURL((url) => url.pathname === '/weekly-review');
    holdChunks = true;
    await nav.getByRole('link', { name: /^Services/ }).click();
    // The answer lands while the Services navigation is under way: the review would write its
    // week into the URL, which navigates too and cancels the user's click.
    await page.waitForTimeout(300);
    answer.release();
    await page.waitForTimeout(700);
    chunks.release();
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname).toBe('/services');
    await page.close();
  });

  it('says an empty week is empty, section by section', async () => {
    const page = await open('/weekly-review?week=2025-W30&section=2');
    expect(await page.locator('.slide.current').innerText()).toContain('No Sev1 or Sev2 incident began this week.');
    const expected = [
      'No open follow-ups were due by',
      'No Sev1 or Sev2 incident began this week.',
      'No SLO burned error budget this week.',
      'No team shipped to a Tier-1 or high-risk service this week.',
      'Nothing waiting: every Sev1/Sev2 incident older than 48 hours is classified.', // twelve months to July 2025: none
      'This week against the four weeks before it.',
      'No AI agent took a destructive action this week.',
    ];
    for (const [k, text] of expected.entries()) {
      await page.keyboard.press(String(k + 1));
      await page.waitForFunction((n) => new URL(location.href).searchParams.get('section') === String(n), k + 1);
      expect(await page.locator('.slide.current').innerText()).toContain(text);
    }
    await page.close();
  });

  it('explains a week that does not exist and offers the last complete one', async () => {
    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, dashboard.viewer);
    await page.goto(`${dashboard.baseUrl}/weekly-review?week=2025-W53&section=2`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('week: expected an ISO week such as 2026-W47 (2025 has 52 weeks), got "2025-W53"');
    await page.getByRole('link', { name: 'Open the last complete week' }).click();
    await page.locator('.slide.current').waitFor();
    expect(params(page).get('week')).toBe((await api<Review>('/api/weekly-review')).week);
    expect(await heading(page).innerText()).toContain('What broke');
    await page.close();
  });

  it('prints every section one after another, without the controls', async () => {
    const page = await open(`/weekly-review?week=${WEEK}&section=4`);
    expect(await page.locator('.slide:visible').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.slide:visible').count()).toBe(7);
    expect(await page.locator('.slide h2').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Agent actions')]));
    expect(await page.getByTestId('next-section').isVisible()).toBe(false);
    expect(await page.getByTestId('week-picker').isVisible()).toBe(false);
    // Print type is the page's normal size, not the projector's.
    const size = await page.locator('.review').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeLessThan(16);
    await page.close();
  });

  it('offers Mark done to an SRE only, and marking one done takes it off the list', async () => {
    const viewerPage = await open(`/weekly-review?week=${WEEK}&section=1`);
    await viewerPage.getByTestId('signed-in-as').waitFor();
    expect(await viewerPage.getByTestId('mark-done').count()).toBe(0);
    await viewerPage.close();

    const page = await open(`/weekly-review?week=${WEEK}&section=1`, sre);
    await page.getByTestId('mark-done').first().waitFor();
    const before = await api<Review>(`/api/weekly-review?week=${WEEK}`);
    expect(await page.getByTestId('mark-done').count()).toBe(before.follow_ups.length);
    await page.getByTestId('mark-done').first().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="follow-ups"] tbody tr').length === n, before.follow_ups.length - 1);
    const after = await api<Review>(`/api/weekly-review?week=${WEEK}`);
    expect(after.follow_ups.map((f) => f.id)).toEqual(before.follow_ups.slice(1).map((f) => f.id));
    await page.close();
  });

  // Seven sections, each checked by axe twice and for overflow twice: 20–40 s on a loaded machine.
  it('passes the page checks (axe in light and dark, no overflow in dark or print)', async () => {
    for (let section = 1; section <= 7; section++) {
      const page = await open(`/weekly-review?week=${WEEK}&section=${section}`);
      expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
      await page.close();
    }
  }, 120_000);
});
