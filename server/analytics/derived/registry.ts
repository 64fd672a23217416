// Every table the refresh derives from raw rows, in the order it refreshes them: a table comes
// after the derived tables it reads (test/unit/derived-registry.test.ts checks). The refresh,
// the rebuild's TRUNCATE, the VACUUM after it and the tests' equivalence snapshot all come from
// this list; each table's module holds how its dirty range is deleted and inserted again.
import { changeDurations } from './change-durations.ts';
import { changeMonthRollups, changeRollups } from './change-rollups.ts';
import type { DerivedTable } from './derived-table.ts';
import { deploymentRecoveries } from './deployment-recoveries.ts';
import { deploymentMonthRollups } from './deployment-month-rollups.ts';
import { deploymentRollups } from './deployment-rollups.ts';
import { deploymentScopeRollups } from './deployment-scope-rollups.ts';
import { durationHistograms } from './duration-histograms.ts';
import { durationMonthHistograms } from './duration-month-histograms.ts';
import { governanceFindings } from './governance-findings.ts';
import { incidentFacts } from './incident-facts.ts';
import { incidentHistograms } from './incident-histograms.ts';
import { incidentRollups } from './incident-rollups.ts';
import { incidentScopes } from './incident-scopes.ts';
import { incidentTrendPoints } from './incident-trend-points.ts';
import { incidentValueDays } from './incident-value-days.ts';
import { leadTimeFindings } from './lead-time-findings.ts';

export const DERIVED_TABLES: readonly DerivedTable[] = [
  governanceFindings,
  deploymentRollups,
  deploymentRecoveries,
  changeDurations,
  changeRollups,
  changeMonthRollups,
  leadTimeFindings,
  durationHistograms,
  durationMonthHistograms,
  deploymentScopeRollups,
  deploymentMonthRollups,
  incidentFacts,
  incidentScopes,
  incidentRollups,
  incidentHistograms,
  incidentTrendPoints,
  incidentValueDays,
];

export type { DerivedTable, RefreshContext } from './derived-table.ts';
