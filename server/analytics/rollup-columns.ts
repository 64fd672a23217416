// The dimensions the rollups count by (analytics/derived/), kept apart so that metric
// modules can name them without importing the refresh.
import { AI_EVIDENCE } from '../../ingest/model.ts';

/** The confidences the link rules produce (docs/metrics.md "Linking"); rollups count per level. */
export const LINK_LEVELS = [0.5, 0.7, 0.9, 1.0] as const;

/** How a known cohort was known (docs/ingest-format.md): the rollups' `ev_*` columns. */
export const KNOWN_EVIDENCE = AI_EVIDENCE.filter((evidence) => evidence !== 'none') as Exclude<(typeof AI_EVIDENCE)[number], 'none'>[];

/** The level whose rollups answer a min_confidence: the lowest level at or above it. */
export function linkLevel(minConfidence: number): (typeof LINK_LEVELS)[number] {
  return LINK_LEVELS.find((level) => level >= minConfidence) ?? 1.0;
}

/** The rollup column counting deployments whose strongest link is exactly `level`. */
export const linkedColumn = (level: number) => `linked_${String(Math.round(level * 100)).padStart(3, '0')}` as 'linked_050' | 'linked_070' | 'linked_090' | 'linked_100';
