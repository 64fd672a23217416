// The governance controls' names and one-sentence definitions (docs/metrics.md "Governance
// controls"), shared by the Governance, incident and weekly review pages and their charts. Pure.
import type { GovernanceControl } from './api/types.ts';

export const CONTROLS: readonly GovernanceControl[] = [
  'two_person_review',
  'change_documentation',
  'automated_checks',
  'senior_signoff',
  'single_operator_config',
  'agent_destructive_approval',
];

export const CONTROL_LABELS: Readonly<Record<GovernanceControl, string>> = {
  two_person_review: 'Two-person review',
  change_documentation: 'Change ticket',
  automated_checks: 'Automated checks',
  senior_signoff: 'Senior sign-off',
  single_operator_config: 'Config change review',
  agent_destructive_approval: 'Agent action approval',
};

/** What breaks each control, in one sentence. */
export const CONTROL_DEFINITIONS: Readonly<Record<GovernanceControl, string>> = {
  two_person_review: 'Violated when a change of the deployment has no approver other than its author.',
  change_documentation: 'Violated when a change has no change ticket (a blank one counts as none).',
  automated_checks: 'Violated when a change did not pass its automated checks (missing counts as not passed).',
  senior_signoff: 'Violated when an AI-assisted change by a junior or mid-level author has no senior or principal approver.',
  single_operator_config: 'Violated when a config or infra deployment has no approver on any of its changes.',
  agent_destructive_approval: 'Violated when an agent ran a destructive action in production on a Tier-1 or high-risk service (or none) without an approver.',
};
