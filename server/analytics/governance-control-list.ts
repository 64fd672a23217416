// The governance controls (docs/metrics.md "Governance controls"), in a module of their own:
// the rollup columns are named for them, and governance-controls.ts reads those rollups.
export const GOVERNANCE_CONTROLS = [
  'two_person_review',
  'change_documentation',
  'automated_checks',
  'senior_signoff',
  'single_operator_config',
  'agent_destructive_approval',
] as const;
export type GovernanceControl = (typeof GOVERNANCE_CONTROLS)[number];

/** The controls a deployment is evaluated against; the last one is evaluated on agent actions. */
export const DEPLOYMENT_CONTROLS: GovernanceControl[] = GOVERNANCE_CONTROLS.filter((control) => control !== 'agent_destructive_approval');
