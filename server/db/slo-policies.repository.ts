import type { Selectable } from 'kysely';
import type { Severity } from '../../ingest/model.ts';
import type { Db } from './connection.ts';
import type { SloPoliciesTable } from './schema.ts';

/** The incident facts an SLO can judge; and the change failure rate. */
export const INCIDENT_SLO_METRICS = ['ttd', 'ttrb', 'restore', 'blast_services', 'traffic_share', 'impact_minutes'] as const;
export const SLO_METRICS = [...INCIDENT_SLO_METRICS, 'cfr'] as const;
export const SLO_COHORTS = ['ai', 'human', 'all'] as const;

export type SloPolicy = Omit<Selectable<SloPoliciesTable>, 'metric' | 'cohort' | 'severities'> & {
  metric: (typeof SLO_METRICS)[number];
  cohort: (typeof SLO_COHORTS)[number];
  severities: Severity[];
};

export interface SloPolicyInput {
  name: string;
  metric: SloPolicy['metric'];
  cohort: SloPolicy['cohort'];
  severities: Severity[];
  threshold: number;
  objective: number;
  window_days: number;
  enabled: boolean;
}

const COLUMNS = ['id', 'name', 'metric', 'cohort', 'severities', 'threshold', 'objective', 'window_days', 'enabled', 'created_at', 'updated_at'] as const;

export async function listSloPolicies(db: Db): Promise<SloPolicy[]> {
  return (await db.selectFrom('slo_policies').select(COLUMNS).orderBy('id').execute()) as SloPolicy[];
}

export async function findSloPolicy(db: Db, id: string): Promise<SloPolicy | undefined> {
  return (await db.selectFrom('slo_policies').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as SloPolicy | undefined;
}

export async function createSloPolicy(db: Db, input: SloPolicyInput): Promise<SloPolicy> {
  return (await db.insertInto('slo_policies').values(input).returning(COLUMNS).executeTakeFirstOrThrow()) as SloPolicy;
}

export async function updateSloPolicy(db: Db, id: string, input: Partial<SloPolicyInput>): Promise<SloPolicy | undefined> {
  return (await db
    .updateTable('slo_policies')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst()) as SloPolicy | undefined;
}

export async function deleteSloPolicy(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('slo_policies').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
