import { type RawBuilder, sql } from 'kysely';
import { AI_ROLES, type AiRole, type ClassificationFactors, FACTOR_VOCABULARY } from '../../ingest/model.ts';
import type { BacklogItem } from '../api/incidents/schema.ts';
import type { Db } from '../db/connection.ts';
import { readSetting } from '../db/settings.repository.ts';
import type { MetricFilters } from './filters.ts';
import { storedIncidentFacts } from './incident-facts.ts';
import { rollupIncidentTotal } from './incident-rollups.ts';

export type { BacklogItem };

/** Settings key where admins extend the built-in factor vocabulary. */
export const FACTOR_SETTING = 'classification_factors';
/** docs/metrics.md "AI role classification": the backlog holds unclassified incidents older than this. */
export const BACKLOG_AGE_HOURS = 48;
/** …and a suggestion needs an AI-assisted linked deployment at this confidence or more. */
export const SUGGESTION_CONFIDENCE = 0.7;

export type FactorVocabulary = Record<keyof ClassificationFactors, string[]>;

/** The built-in factors plus those admins added (settings `classification_factors`). */
export async function factorVocabulary(db: Db): Promise<FactorVocabulary> {
  const extra = ((await readSetting(db, FACTOR_SETTING)) ?? {}) as Partial<FactorVocabulary>;
  const merge = (group: keyof ClassificationFactors) => [...new Set([...FACTOR_VOCABULARY[group], ...(extra[group] ?? [])])];
  return { human: merge('human'), ai: merge('ai'), process: merge('process') };
}

export class InvalidClassificationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Checks a role and factors against the vocabulary; the error names the field (factors.ai[1]). */
export function checkClassification(role: string, factors: ClassificationFactors, vocabulary: FactorVocabulary): AiRole {
  if (!(AI_ROLES as readonly string[]).includes(role)) throw new InvalidClassificationError('ai_role', `expected one of ${AI_ROLES.join(', ')}, got ${JSON.stringify(role)}`);
  for (const group of ['human', 'ai', 'process'] as const) {
    factors[group].forEach((factor, index) => {
      if (!vocabulary[group].includes(factor)) {
        throw new InvalidClassificationError(`factors.${group}[${index}]`, `unknown factor ${JSON.stringify(factor)}; known: ${vocabulary[group].join(', ')}`);
      }
    });
  }
  return role as AiRole;
}

/** Until classified: contributory when a linked deployment is AI-assisted at confidence ≥ 0.7, else none. */
export function suggestedRole(incident: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`CASE WHEN EXISTS (
      SELECT 1 FROM incident_links l JOIN deployments d ON d.id = l.deployment_id
      WHERE l.incident_id = ${incident} AND d.cohort = 'ai' AND l.confidence >= ${SUGGESTION_CONFIDENCE})
    THEN 'contributory' ELSE 'none' END`;
}

/** The suggested role in words, from the same links suggestedRole() reads (docs/metrics.md "AI role classification"). */
export function suggestionReason(role: 'contributory' | 'none', links: readonly { deployment: string; cohort: string; confidence: number }[]): string {
  const evidence = links.filter((link) => link.cohort === 'ai' && link.confidence >= SUGGESTION_CONFIDENCE);
  if (role === 'contributory' && evidence.length > 0) {
    const strongest = evidence[0]!;
    const others = evidence.length > 1 ? ` (and ${evidence.length - 1} more)` : '';
    return `AI-assisted deployment ${strongest.deployment}${others} is linked at confidence ${strongest.confidence.toFixed(1)}, at least ${SUGGESTION_CONFIDENCE}.`;
  }
  return `No AI-assisted deployment is linked at confidence ${SUGGESTION_CONFIDENCE} or more.`;
}

/** How many backlog incidents GET /api/incidents/backlog lists unless asked for more. */
export const DEFAULT_BACKLOG_LISTED = 100;

/** How many incidents the backlog holds, and the oldest `limit` of them. */
export interface Backlog {
  total: number;
  items: BacklogItem[];
}

/**
 * Unclassified Sev1/Sev2 incidents (the filters' severities) whose impact began over 48 h before
 * `now`, oldest first: their count, and the oldest `limit` with the suggested role. Unclassified
 * is the stored facts' current role being null (analytics/incident-role-refresh.ts keeps it at
 * once on a classification), so the count reads no classification.
 */
export async function classificationBacklog(db: Db, filters: MetricFilters, now: Date, limit: number): Promise<Backlog> {
  const waiting = sql`
    SELECT f.* FROM (${storedIncidentFacts(filters)}) f
    WHERE f.ai_role IS NULL AND f.impact_started_at < ${now}::timestamptz - make_interval(hours => ${BACKLOG_AGE_HOURS})`;
  const [total, items] = await Promise.all([
    backlogTotal(db, filters, now, waiting),
    sql<BacklogItem>`
      SELECT w.external_id AS id, w.title, w.severity, w.impact_started_at,
             extract(epoch FROM ${now}::timestamptz - w.impact_started_at)::float8 / 3600 AS age_hours,
             w.cohort, ${suggestedRole(sql.ref('w.id'))} AS suggested_role
      FROM (${waiting} ORDER BY f.impact_started_at, f.id LIMIT ${limit}) w
      ORDER BY w.impact_started_at, w.id`.execute(db),
  ]);
  return { total, items: items.rows };
}

/**
 * How many wait: for a kept scope, incidents − classified from incident_rollups (whole months,
 * the facts at the edges, up to the 48-hour cutoff), not a year of facts counted (95 000 rows
 * at 10 M deployments); else counted.
 */
async function backlogTotal(db: Db, filters: MetricFilters, now: Date, waiting: RawBuilder<unknown>): Promise<number> {
  const cutoff = new Date(now.getTime() - BACKLOG_AGE_HOURS * 3_600_000);
  const fromRollups = await rollupIncidentTotal(db, { ...filters, to: cutoff < filters.to ? cutoff : filters.to }, { unclassified: true });
  if (fromRollups !== null) return fromRollups;
  const { rows } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM (${waiting}) w`.execute(db);
  return rows[0]!.total;
}
