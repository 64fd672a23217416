// Builds, from a KindTable description, the SQL that moves one staged chunk into its raw
// table: create the staging table, find unresolvable references, and the merge itself —
// INSERT … ON CONFLICT … DO UPDATE … WHERE changed — with derived columns and child rows.
import type { Kind } from '../../ingest/model.ts';
import type { CopyType } from './copy-text.ts';
import type { KindTable } from './kind-tables.ts';

const SQL_TYPE: Record<CopyType, string> = {
  text: 'text',
  timestamptz: 'timestamptz',
  boolean: 'boolean',
  integer: 'integer',
  bigint: 'bigint',
  float: 'double precision',
  'text[]': 'text[]',
  jsonb: 'jsonb',
};

export interface MergeStatements {
  stage: string;
  /**
   * A session's staging table, created once per connection. Not ON COMMIT DELETE ROWS: at every
   * commit that touched a temp table PostgreSQL would truncate all such tables of the session,
   * a file truncation per table, its TOAST table and index — which waits behind a refresh's
   * writes on a busy disk. The merge empties the stage instead (emptyStage).
   */
  createStage: string;
  /** Empties the stage in the chunk's transaction, after the merge (temp tables write no WAL). */
  emptyStage: string;
  /** Gives a stage's space back once its deleted rows add up (truncateStage in the sink). */
  truncateStage: string;
  copy: string;
  /**
   * Per required reference: `sql` returns `seq` and the staged value of rows whose target is
   * missing; `resolve` is the reference's SQL over a row `s` that has the `staged` column.
   */
  unresolved: { sql: string; field: string; staged: string; resolve: string }[];
  /** $1 = batch id; with `oneRow`, $2 = the staged seq to merge alone. */
  merge(oneRow: boolean): string;
  /** For services: how many staged rows replace a placeholder (counted as inserted). */
  replacesPlaceholder: string | null;
  /** For kinds with required references: drops the pending versions of the staged rows. */
  clearPending: string | null;
}

export function mergeStatements<K extends Kind>(kind: K, spec: KindTable<K>): MergeStatements {
  const stage = `stage_${spec.table}`;
  const stagedNames = spec.staged.map((column) => column.name);
  const refs = new Map((spec.references ?? []).map((ref) => [ref.staged, ref]));
  const derived = spec.derived ?? [];
  const compared = stagedNames.map((name) => refs.get(name)?.target ?? name).filter((column) => !spec.key.includes(column));
  const targets = [...stagedNames.map((name) => refs.get(name)?.target ?? name), ...derived.map((d) => d.column)];
  const selects = [...stagedNames.map((name) => refs.get(name)?.resolve ?? `s.${name}`), ...derived.map((d) => d.expression)];
  const updated = [...compared, ...derived.map((d) => d.column)];

  const conflict = spec.appendOnly
    ? 'DO NOTHING'
    : `DO UPDATE SET ${updated.map((column) => `${column} = EXCLUDED.${column}`).join(', ')},
         ingest_batch_id = EXCLUDED.ingest_batch_id, updated_at = now()
       WHERE (${compared.map((column) => `${spec.table}.${column}`).join(', ')})
         IS DISTINCT FROM (${compared.map((column) => `EXCLUDED.${column}`).join(', ')})`;

  return {
    stage,
    createStage: `CREATE TEMP TABLE IF NOT EXISTS ${stage} (seq integer NOT NULL, ${spec.staged
      .map((column) => `${column.name} ${SQL_TYPE[column.type]}`)
      .join(', ')})`,
    emptyStage: `DELETE FROM ${stage}`,
    truncateStage: `TRUNCATE ${stage}`,
    copy: `COPY ${stage} (seq, ${stagedNames.join(', ')}) FROM STDIN`,
    unresolved: (spec.references ?? [])
      .filter((ref) => ref.required)
      .map((ref) => ({
        sql: `SELECT s.seq, s.${ref.staged} AS value FROM ${stage} s WHERE ${ref.resolve} IS NULL`,
        field: ref.required!.field,
        staged: ref.staged,
        resolve: ref.resolve,
      })),
    merge: (oneRow) => `
      WITH m AS (
        INSERT INTO ${spec.table} (${targets.join(', ')}, ingest_batch_id)
        SELECT ${selects.join(', ')}, $1::bigint FROM ${stage} s ${spec.derivedJoin ?? ''} ${oneRow ? 'WHERE s.seq = $2' : ''}
        ON CONFLICT (${spec.key.join(', ')}) ${conflict}
        RETURNING id, (xmax = 0) AS inserted${spec.returning ? `, ${spec.returning}` : ''}
      )${(spec.children ?? []).map((child, i) => `, child_${i} AS (${child})`).join('')}
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS changed FROM m`,
    replacesPlaceholder:
      kind === 'service'
        ? `SELECT count(*)::int AS n FROM ${stage} s JOIN services t ON t.external_id = s.external_id AND t.source = 'implicit'`
        : null,
    clearPending: (spec.references ?? []).some((ref) => ref.required)
      ? `DELETE FROM pending_records p USING ${stage} s
         WHERE p.kind = '${kind}' AND p.source = s.source AND p.external_id = s.external_id`
      : null,
  };
}
