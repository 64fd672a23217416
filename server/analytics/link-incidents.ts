import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { UNREFRESHED_BATCHES } from '../db/ingest-batches.repository.ts';
import { type MetricSettings, readMetricSettings } from '../db/settings.repository.ts';
import { productionDeployment } from './production-deployments.ts';

/**
 * Recomputes incident → deployment links (docs/metrics.md "Linking incidents to deployments") for
 * the given incidents, or all when `incidentIds` is null:
 *   explicit  — the incident's caused_by names deployments (confidence 1.0); otherwise
 *   heuristic — per affected service, the latest production deployment, not a rollback,
 *               effective within the window before impact (0.9 ≤ 1 h, 0.7 ≤ 6 h, else 0.5);
 *   manual    — an SRE's decision overrides both: confirmed → 1.0, rejected → removed.
 * Only incidents of the link severities (default Sev1/Sev2) are linked.
 */
export async function linkIncidents(db: Db, incidentIds: string[] | null, settings?: MetricSettings): Promise<void> {
  const { linkSeverities, linkWindowHours, productionEnvironments } = settings ?? (await readMetricSettings(db));
  const scope = (column: RawBuilder<unknown>) => (incidentIds ? sql`${column} = ANY(${incidentIds}::bigint[])` : sql`true`);
  const window = sql`make_interval(hours => ${linkWindowHours})`;

  await db.transaction().execute(async (tx) => {
    await sql`DELETE FROM incident_links l WHERE ${scope(sql.ref('l.incident_id'))}`.execute(tx);

    await sql`
      INSERT INTO incident_links (incident_id, deployment_id, rule, confidence)
      SELECT DISTINCT i.id, d.id, 'explicit', 1.0
      FROM incidents i
      JOIN deployments d ON d.external_id = ANY(i.caused_by)
      WHERE ${scope(sql.ref('i.id'))} AND i.severity = ANY(${linkSeverities}::text[])
    `.execute(tx);

    await sql`
      INSERT INTO incident_links (incident_id, deployment_id, rule, confidence)
      SELECT i.id, d.id, 'heuristic',
             CASE WHEN i.impact_started_at - d.effective_at <= interval '1 hour' THEN 0.9
                  WHEN i.impact_started_at - d.effective_at <= interval '6 hours' THEN 0.7
                  ELSE 0.5 END
      FROM incidents i
      JOIN incident_services s ON s.incident_id = i.id
      CROSS JOIN LATERAL (
        SELECT d.id, d.effective_at
        FROM deployments d
        WHERE d.service_id = s.service_id
          AND ${productionDeployment(sql.ref('d'), productionEnvironments)}
          AND d.rollback_of IS NULL
          AND d.effective_at <= i.impact_started_at
          AND d.effective_at >= i.impact_started_at - ${window}
        -- A tie goes by natural key, so that the order of ingest never moves a link.
        ORDER BY d.effective_at DESC, d.source DESC, d.external_id DESC
        LIMIT 1
      ) d
      WHERE ${scope(sql.ref('i.id'))} AND i.severity = ANY(${linkSeverities}::text[])
        AND NOT EXISTS (SELECT 1 FROM incident_links e WHERE e.incident_id = i.id AND e.rule = 'explicit')
      ON CONFLICT (incident_id, deployment_id) DO NOTHING
    `.execute(tx);

    await sql`
      DELETE FROM incident_links l USING link_decisions m
      WHERE m.decision = 'rejected' AND l.incident_id = m.incident_id AND l.deployment_id = m.deployment_id
        AND ${scope(sql.ref('m.incident_id'))}
    `.execute(tx);
    await sql`
      INSERT INTO incident_links (incident_id, deployment_id, rule, confidence)
      SELECT m.incident_id, m.deployment_id, 'manual', 1.0 FROM link_decisions m
      WHERE m.decision = 'confirmed' AND ${scope(sql.ref('m.incident_id'))}
      ON CONFLICT (incident_id, deployment_id) DO UPDATE SET rule = 'manual', confidence = 1.0, computed_at = now()
    `.execute(tx);
  });
}

/**
 * The incidents whose links unrefreshed batches can change: those they wrote, those whose
 * window a deployment they wrote falls in (a newer deployment can take over a heuristic link),
 * and those already linked to such a deployment (it may have moved out of the window, or
 * stopped being a production deployment).
 */
export async function incidentsToRelink(db: Db, windowHours: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH touched AS (
      SELECT id, service_id, effective_at, external_id FROM deployments WHERE ingest_batch_id IN (${UNREFRESHED_BATCHES})
    )
    SELECT id FROM incidents WHERE ingest_batch_id IN (${UNREFRESHED_BATCHES})
    UNION
    SELECT s.incident_id
    FROM touched d
    JOIN incident_services s ON s.service_id = d.service_id
    JOIN incidents i ON i.id = s.incident_id
    WHERE i.impact_started_at >= d.effective_at
      AND i.impact_started_at <= d.effective_at + make_interval(hours => ${windowHours})
    UNION
    SELECT l.incident_id FROM incident_links l JOIN touched d ON d.id = l.deployment_id
    UNION
    SELECT i.id FROM incidents i
    WHERE i.caused_by && (SELECT coalesce(array_agg(external_id), '{}') FROM touched)
  `.execute(db);
  return rows.map((row) => row.id);
}
