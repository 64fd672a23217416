// How service figures read in tables.
import { formatNumber } from '$lib/format.ts';

const bound = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "4.2% (3.1–5.6)": a rate always with its 95 % interval, in percent; "—" without deployments. */
export function rateWithInterval(rate: number | null, low: number | null, high: number | null): string {
  if (rate === null) return '—';
  if (low === null || high === null) return formatNumber(rate, 'percent');
  return `${formatNumber(rate, 'percent')} (${bound.format(low * 100)}–${bound.format(high * 100)})`;
}
