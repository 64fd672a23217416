// How service figures read in tables.
import { formatNumber } from '$lib/format.ts';

/** "4.2% (3.1%–5.6%)": a rate always with its 95 % interval; "—" without deployments. */
export function rateWithInterval(rate: number | null, low: number | null, high: number | null): string {
  if (rate === null) return '—';
  return low === null || high === null ? formatNumber(rate, 'percent') : `${formatNumber(rate, 'percent')} (${formatNumber(low, 'percent')}–${formatNumber(high, 'percent')})`;
}
