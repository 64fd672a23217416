// Every page in the light and dark theme and in print: no serious accessibility violation
// (axe-core), nothing wider than the page. Pages with their own test file check themselves
// there too; this one walks the navigation so no page is left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../web/src/lib/pages.ts';
import { signedInPage, signIn } from '../support/auth.ts';
import { type Dashboard, startDashboard } from '../support/dashboard.ts';
import { AI, HUMAN, makeClassification, makeDeployment, makeIncident, makeService } from '../support/factories.ts';
import { checkPage } from '../support/page-checks.ts';

const deploy = makeDeployment({ service: 'checkout-api', ai: AI, status: 'rolled_back', finished_at: '2026-03-04T11:50:00.000Z' });
const human = makeDeployment({ service: 'search-api', ai: HUMAN, finished_at: '2026-03-10T07:30:00.000Z' });
const incident = makeIncident({
  title: 'checkout 500s', severity: 'sev1', services: ['checkout-api'], caused_by: [deploy.id],
  impact_started_at: '2026-03-04T12:00:00.000Z', detected_at: '2026-03-04T12:10:00.000Z', resolved_at: '2026-03-04T13:00:00.000Z',
});
const records = [
  makeService({ id: 'checkout-api', domain: 'checkout', tier: 1 }),
  makeService({ id: 'search-api', domain: 'search', tier: 2 }),
  deploy, human, incident,
  makeClassification({ incident: incident.id, ai_role: 'primary', classified_at: '2026-03-05T09:00:00.000Z' }),
];
const PERIOD = 'from=2026-03-01&to=2026-04-01';

let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard(records);
}, 180_000);
afterAll(() => dashboard?.close());

const paths = [...PAGES.map((p) => p.path), `/incidents/${incident.id}`, '/services/checkout-api', '/admin'];

describe('every page, light, dark and print', () => {
  for (const path of paths) {
    it(`${path}: no serious axe violation, no overflow`, async () => {
      const admin = await signIn(dashboard.t.db, 'admin');
      const page = await signedInPage(dashboard.browser, dashboard.baseUrl, admin);
      await page.goto(`${dashboard.baseUrl}${path}?${PERIOD}`);
      await page.locator('main h1').first().waitFor({ timeout: 30_000 });
      // Let the page's requests settle and its charts draw.
      await page.waitForLoadState('networkidle');
      const result = await checkPage(page);
      if (process.env.PAGE_CHECKS_DEBUG) console.log(path, JSON.stringify(result));
      await page.close();
      expect(result).toEqual({ light: [], dark: [], darkOverflow: 0, printOverflow: 0 });
    }, 60_000);
  }
});
