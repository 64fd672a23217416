import { type Kysely, sql } from 'kysely';

// deployment_month_rollups: deployment_rollups summed per UTC month, service, environment and
// cohort, so a per-service read of a year (the service list, governance by service and team,
// coverage by team) sums ~7 000 month rows and the days at the period's edges instead of
// ~220 000 day rows (0.3–0.7 s at 10 M deployments). Filled here from the day rows, as the
// refresh fills it.
// The additive columns of deployment_rollups at this migration (a frozen copy of ROLLUP_COUNTS).
const COUNTS = [
  'deployments', 'rollbacks', 'rework', 'rolled_back', 'linked_050', 'linked_070', 'linked_090', 'linked_100',
  'ev_declared', 'ev_trailer', 'ev_bot_author', 'ev_label', 'ev_ticket', 'ev_inferred',
  'gov_evaluated', 'gov_two_person_review', 'gov_change_documentation', 'gov_automated_checks', 'gov_senior_signoff',
  'gov_single_operator_config', 'gov_violated',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE deployment_month_rollups (LIKE deployment_rollups INCLUDING DEFAULTS);
    ALTER TABLE deployment_month_rollups RENAME COLUMN day TO month;
    ALTER TABLE deployment_month_rollups ADD CONSTRAINT deployment_month_rollups_pkey PRIMARY KEY (month, service_id, environment, cohort);
    INSERT INTO deployment_month_rollups (month, service_id, environment, cohort, ${sql.raw(COUNTS.join(', '))})
    SELECT date_trunc('month', day)::date, service_id, environment, cohort, ${sql.raw(COUNTS.map((c) => `sum(${c})`).join(', '))}
    FROM deployment_rollups GROUP BY 1, 2, 3, 4;
    ANALYZE deployment_month_rollups;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE deployment_month_rollups`.execute(db);
}
