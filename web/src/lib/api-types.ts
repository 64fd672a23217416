// Response shapes of the sevscope HTTP API, as the web app reads them. The server declares
// the same shapes with TypeBox; these are plain interfaces so pure modules can share them.

export type Cohort = 'ai' | 'human' | 'unknown';

export interface Period {
  /** RFC 3339, inclusive. */
  from: string;
  /** RFC 3339, exclusive. */
  to: string;
}

/** One ISO week of one cohort's production deployments (only weeks with ≥ 1 deployment). */
export interface CfrTrendPoint {
  /** Monday of the ISO week, `YYYY-MM-DD`. */
  week: string;
  cohort: Cohort;
  deployments: number;
  failed: number;
  /** failed / deployments, 0–1. */
  rate: number;
  /** Wilson 95 % interval bounds, 0–1. */
  ci_low: number;
  ci_high: number;
}

/** `GET /api/metrics/cfr-trend` */
export interface CfrTrendResponse {
  period: Period;
  min_confidence: number;
  weeks: CfrTrendPoint[];
}

/** Body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
