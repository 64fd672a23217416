// One reviewed week, 2026-W10 (Monday 2 March – Sunday 8 March 2026), and a little around it,
// for the weekly review's API and browser tests. Each test works its expected answers out from
// these records.
import type { NormalizedRecord } from '../../ingest/model.ts';
import { AI, HUMAN, makeAgentAction, makeChange, makeClassification, makeDeployment, makeIncident, makePerson, makeService } from './factories.ts';

export const WEEK = '2026-W10';
export const WEEK_FROM = '2026-03-02T00:00:00.000Z';
export const WEEK_TO = '2026-03-09T00:00:00.000Z';

// pay is Tier 1 (governance judges it); web is Tier 2 and not high-risk (it does not).
const pay = makeService({ id: 'pay', tier: 1, high_risk: true, team: 'payments', domain: 'payment' });
const web = makeService({ id: 'web', tier: 2, high_risk: false, team: 'storefront', domain: 'checkout' });
// An AI-assisted change by a junior with no approver: two_person_review and senior_signoff.
export const cSolo = makeChange({ service: 'pay', author: 'ann', approvers: [], change_ticket: 'CHG-1', checks_passed: true, ai: AI, authored_at: '2026-03-02T09:00:00.000Z' });

export const dAi = makeDeployment({ service: 'pay', changes: [cSolo.id], ai: AI, finished_at: '2026-03-03T09:00:00.000Z' });
export const dHuman = makeDeployment({ service: 'web', ai: HUMAN, finished_at: '2026-03-05T08:00:00.000Z' });
export const dHumanOk = makeDeployment({ service: 'web', ai: HUMAN, finished_at: '2026-03-06T08:00:00.000Z' });
/** The week before: a rolled-back human deployment. */
export const dBefore = makeDeployment({ service: 'web', ai: HUMAN, status: 'rolled_back', finished_at: '2026-02-24T08:00:00.000Z' });

/** Sev1, 30 minutes after dAi (heuristic link, 0.9): detected after 10 min, mitigated 60 min later. Unclassified. */
export const incAi = makeIncident({
  services: ['pay'], severity: 'sev1', title: 'card declines',
  impact_started_at: '2026-03-03T09:30:00.000Z', detected_at: '2026-03-03T09:40:00.000Z', mitigated_at: '2026-03-03T10:40:00.000Z',
});
/** Sev2, 4 hours after dHuman (heuristic link, 0.7): detected after 30 min, mitigated 30 min later. Classified. */
export const incHuman = makeIncident({
  services: ['web'], severity: 'sev2', title: 'slow search',
  impact_started_at: '2026-03-05T12:00:00.000Z', detected_at: '2026-03-05T12:30:00.000Z', mitigated_at: '2026-03-05T13:00:00.000Z',
});
/** Not in the review: a Sev3 of the week, and a Sev2 of the week before. */
export const incSev3 = makeIncident({ services: ['web'], severity: 'sev3', title: 'typo on a page', impact_started_at: '2026-03-04T12:00:00.000Z' });
export const incBefore = makeIncident({ services: ['web'], severity: 'sev2', title: 'cart stuck', impact_started_at: '2026-02-25T12:00:00.000Z', detected_at: '2026-02-25T12:20:00.000Z' });

export const RECORDS: NormalizedRecord[] = [
  pay, web,
  makePerson({ id: 'ann', seniority: 'junior' }),
  cSolo, dAi, dHuman, dHumanOk, dBefore, incAi, incHuman, incSev3, incBefore,
  makeClassification({ incident: incHuman.id, ai_role: 'none', classified_at: '2026-03-06T09:00:00.000Z' }),
  // Destructive agent actions on pay this week: one without approval, one with; a harmless one; one next week.
  makeAgentAction({ service: 'pay', destructive: true, agent: 'fixer', at: '2026-03-04T10:00:00.000Z' }),
  makeAgentAction({ service: 'pay', destructive: true, agent: 'fixer', approved_by: ['sam'], at: '2026-03-06T10:00:00.000Z' }),
  makeAgentAction({ service: 'pay', destructive: false, agent: 'fixer', at: '2026-03-06T11:00:00.000Z' }),
  makeAgentAction({ service: 'pay', destructive: true, agent: 'fixer', at: '2026-03-10T10:00:00.000Z' }),
];

/** Follow-ups to add (as an SRE) before the tests: due this week, overdue, due later, and done. */
export const FOLLOW_UPS = [
  { incident: incAi.id, body: { title: 'Add a senior review gate to pay', owner: 'ann', due_date: '2026-03-06' } },
  { incident: incBefore.id, body: { title: 'Alert on stuck carts', owner: 'bob', due_date: '2026-02-20' } },
  { incident: incAi.id, body: { title: 'Write the postmortem', owner: 'cy', due_date: '2026-03-20' } },
  { incident: incHuman.id, body: { title: 'Tune the search cache', owner: 'dee', due_date: '2026-03-01', status: 'done' as const } },
];
