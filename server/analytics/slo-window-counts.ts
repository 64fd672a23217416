// How an incident SLO's events are counted (docs/metrics.md "AI-safety SLOs"): per policy, its
// incidents (severity and cohort), those whose value is known, and the bad ones (value above the
// threshold); over facts, or over a scope's day rows (derived/incident-value-days.ts) when the
// windows are whole days.
import { type RawBuilder, sql } from 'kysely';
import type { Severity } from '../../ingest/model.ts';
import type { Db } from '../db/connection.ts';
import type { SloPolicy } from '../db/slo-policies.repository.ts';
import { DAY_MS, type MetricFilters } from './filters.ts';
import { storedIncidentFacts } from './incident-facts.ts';
import { linkLevel } from './rollup-columns.ts';
import { isServiceScope, rollupScope } from './rollup-scope.ts';

/** A policy's incidents in a window, those whose value is known, and those above its threshold. */
export interface WindowCounts {
  incidents: number;
  total: number;
  bad: number;
}

/** Whether row `row`'s cohort is the policy's ('all': any linked incident). */
const cohortOf = (policy: SloPolicy, row: string) => {
  const cohort = sql.ref(`${row}.cohort`);
  return policy.cohort === 'all' ? sql`${cohort} <> 'unattributed'` : sql`${cohort} = ${policy.cohort}`;
};

/**
 * Each incident policy's membership (m0, m1, …) and value (v0, …) of fact `x`, as select-list
 * columns, for a subquery with OFFSET 0: computed once per incident, not once per aggregate
 * (OFFSET 0 keeps PostgreSQL from folding them back into every FILTER). With `since`, an
 * incident belongs only from the policy's window start.
 */
export function policyColumns(policies: SloPolicy[], since?: (policy: SloPolicy) => Date): RawBuilder<unknown> {
  return sql.join(policies.map((policy, k) => sql`
    ${since ? sql`x.impact_started_at >= ${since(policy)} AND ` : sql``}x.severity = ANY(${policy.severities}::text[]) AND ${cohortOf(policy, 'x')} AS ${sql.ref(`m${k}`)},
    ${sql.ref(`x.${policy.metric}`)}::float8 AS ${sql.ref(`v${k}`)}`));
}

/** Whether policyColumns' row `y` is a bad event of policy `k`: its incident, value above threshold. */
export const isBad = (policy: SloPolicy, k: number) => sql`${sql.ref(`y.m${k}`)} AND ${sql.ref(`y.v${k}`)} > ${policy.threshold}`;

/** Policy `k`'s incidents, judged ones and bad ones, as aggregates over policyColumns' rows `y`. */
export function eventCounts(policy: SloPolicy, k: number): [RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>] {
  const [mine, value] = [sql.ref(`y.m${k}`), sql.ref(`y.v${k}`)];
  return [sql`count(*) FILTER (WHERE ${mine})`, sql`count(${value}) FILTER (WHERE ${mine})`, sql`count(*) FILTER (WHERE ${isBad(policy, k)})`];
}

/** Prefix sums: sums[i] = values[0] + … + values[i − 1]. */
export const prefixSums = (values: number[]) => values.reduce((sums, value) => (sums.push(sums.at(-1)! + value), sums), [0]);

/**
 * Each incident policy's event counts over its window ending at each of `ends`. The incidents
 * are counted once per piece between consecutive window edges (`width_bucket` over the sorted
 * edges), per policy; a window is then the sum of its pieces.
 */
export async function windowCounts(db: Db, filters: MetricFilters, policies: SloPolicy[], ends: Date[]): Promise<Map<SloPolicy, WindowCounts[]>> {
  if (policies.length === 0) return new Map();
  const startOf = (end: Date, policy: SloPolicy) => end.getTime() - policy.window_days * DAY_MS;
  const edges = [...new Set([...ends.map((end) => end.getTime()), ...ends.flatMap((end) => policies.map((policy) => startOf(end, policy)))])].sort((a, b) => a - b);
  const edgeIndex = new Map(edges.map((edge, k) => [edge, k]));
  const severities = [...new Set(policies.flatMap((p) => p.severities))];
  const scope = rollupScope(filters);
  const { rows } = scope !== null && !isServiceScope(scope) && edges.every((edge) => edge % DAY_MS === 0)
    ? await storedPieces(db, scope, filters, policies, edges, severities)
    : await factPieces(db, filters, policies, edges, severities);
  // Piece p (1-based, from width_bucket) runs from edges[p − 1] to edges[p].
  return new Map(policies.map((policy, k) => {
    const column = (c: number) => {
      const values = new Array<number>(edges.length).fill(0);
      for (const row of rows) values[row.piece - 1] = row.counts[k]![c]!;
      return prefixSums(values);
    };
    const [incidents, total, bad] = [column(0), column(1), column(2)];
    const within = (sums: number[], end: Date) => sums[edgeIndex.get(end.getTime())!]! - sums[edgeIndex.get(startOf(end, policy))!]!;
    return [policy, ends.map((end) => ({ incidents: within(incidents, end), total: within(total, end), bad: within(bad, end) }))];
  }));
}

type Pieces = { rows: { piece: number; counts: [number, number, number][] }[] };

/** Each policy's event counts per piece, from the facts of the period. */
function factPieces(db: Db, filters: MetricFilters, policies: SloPolicy[], edges: number[], severities: Severity[]): Promise<Pieces> {
  const counts = policies.map((policy, k) => sql`json_build_array(${sql.join(eventCounts(policy, k))})`);
  const facts = storedIncidentFacts({ ...filters, from: new Date(edges[0]!), to: new Date(edges.at(-1)!), severities });
  return sql<Pieces['rows'][number]>`
    SELECT width_bucket(y.impact_started_at, ${edges.map((edge) => new Date(edge).toISOString())}::timestamptz[]) AS piece, json_build_array(${sql.join(counts)}) AS counts
    FROM (SELECT x.impact_started_at, ${policyColumns(policies)} FROM (${facts}) x OFFSET 0) y
    GROUP BY 1`.execute(db);
}

/**
 * The same counts for the fleet, a team, domain or tier, when every edge is a midnight, from the
 * scope's day rows (derived/incident-value-days.ts): a day's incidents of a policy, its known
 * values, and those above the threshold (the known ones less those at or below it, width_bucket
 * over the sorted values).
 */
function storedPieces(db: Db, scope: string, filters: MetricFilters, policies: SloPolicy[], edges: number[], severities: Severity[]): Promise<Pieces> {
  const day = (edge: number) => new Date(edge).toISOString().slice(0, 10);
  const counts = policies.map((policy) => {
    const values = sql.ref(`v.${policy.metric}`);
    const mine = sql`v.severity = ANY(${policy.severities}::text[]) AND ${cohortOf(policy, 'v')}`;
    const sum = (value: RawBuilder<unknown>) => sql`coalesce(sum(${value}) FILTER (WHERE ${mine}), 0)`;
    return sql`json_build_array(${sum(sql`v.incidents`)}, ${sum(sql`cardinality(${values})`)}, ${sum(sql`cardinality(${values}) - width_bucket(${policy.threshold}::float8, ${values})`)})`;
  });
  return sql<Pieces['rows'][number]>`
    SELECT width_bucket(v.day, ${edges.map(day)}::date[]) AS piece, json_build_array(${sql.join(counts)}) AS counts
    FROM incident_value_days v
    WHERE v.scope = ${scope} AND v.level = ${linkLevel(filters.minConfidence)}::float8 AND v.day >= ${day(edges[0]!)}::date AND v.day < ${day(edges.at(-1)!)}::date
      AND v.severity = ANY(${severities}::text[])
    GROUP BY 1`.execute(db);
}

