// An sre changes a follow-up's owner and due date in place on the incident page; a half-typed
// date is refused at its field before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestSession, signedInPage, signIn } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { makeIncident, makeService } from '../support/factories.ts';
import { checkPage } from '../support/page-checks.ts';

let dashboard: Dashboard;
let sre: TestSession;
beforeAll(async () => {
  dashboard = await startDashboard([
    makeService({ id: 'checkout-api' }),
    makeIncident({ id: 'INC-9', title: 'Checkout errors', services: ['checkout-api'], impact_started_at: '2026-03-02T10:00:00.000Z' }),
  ]);
  sre = await signIn(dashboard.t.db, 'sre');
}, 180_000);
afterAll(() => dashboard?.close());

const stored = () => dashboard.t.db.selectFrom('follow_ups').select(['owner', 'due_date']).where('title', '=', 'Canary checkout').executeTakeFirstOrThrow();

describe('follow-ups on the incident page', () => {
  it('lets an sre change the owner and due date inline; a half-typed date is refused at its field', async () => {
    const created = await dashboard.app.inject({ method: 'POST', url: '/api/incidents/INC-9/follow-ups', headers: sre.headers, payload: { title: 'Canary checkout', owner: 'alice', due_date: '2026-03-10' } });
    expect(created.statusCode).toBe(201);

    const page = await signedInPage(dashboard.browser, dashboard.baseUrl, sre);
    page.setDefaultTimeout(15_000);
    await page.goto(`${dashboard.baseUrl}/incidents/INC-9`);
    const list = page.getByTestId('follow-ups');
    await expect.poll(() => list.innerText()).toMatch(/Canary checkout\s+alice · due 10 Mar 2026 · Open/);

    await page.getByRole('button', { name: 'Edit owner and due date of “Canary checkout”' }).click();
    const form = page.getByRole('form', { name: 'Edit “Canary checkout”' });
    expect(await form.getByLabel('Owner').inputValue()).toBe('alice');
    expect(await form.getByLabel('Due date').inputValue()).toBe('2026-03-10');

    // Only the month typed: the date input holds no day, which must not clear the due date.
    await form.getByLabel('Owner').fill('bob');
    await form.getByLabel('Due date').fill('');
    await form.getByLabel('Due date').click();
    await page.keyboard.type('04');
    await form.getByRole('button', { name: 'Save' }).click();
    const dueError = form.getByText(/^Due date: a whole day/);
    await dueError.waitFor();
    expect(await form.getByLabel(/^Due date/).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Owner').inputValue()).toBe('bob'); // kept as typed
    expect(await stored()).toEqual({ owner: 'alice', due_date: expect.anything() });
    // The open form with its refusal: axe in light and dark, no overflow in dark or print.
    await page.getByTestId('incident-timeline').locator('[data-state="drawn"], [data-state="empty"]').first().waitFor({ timeout: 30_000 });
    expect(await checkPage(page)).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });

    await form.getByLabel(/^Due date/).fill('2026-03-24');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => list.innerText()).toMatch(/Canary checkout\s+bob · due 24 Mar 2026 · Open/);
    expect(await form.count()).toBe(0);
    const after = await dashboard.app.inject({ url: '/api/incidents/INC-9/follow-ups', headers: dashboard.viewer.headers });
    expect(after.json().follow_ups).toMatchObject([{ owner: 'bob', due_date: '2026-03-24', updated_by: sre.name }]);

    // Emptying both clears them.
    await page.getByRole('button', { name: 'Edit owner and due date of “Canary checkout”' }).click();
    await form.getByLabel('Owner').fill('');
    await form.getByLabel('Due date').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => list.innerText()).toMatch(/Canary checkout\s+no owner · no due date · Open/);
    expect(await stored()).toEqual({ owner: null, due_date: null });
    await page.close();
  });
});
