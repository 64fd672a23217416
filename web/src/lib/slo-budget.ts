// An SLO's error budget in one wording on every page: how much of it the window used, e.g.
// "38 % used", "615 % used · overspent", never a negative "−515 % left" (docs/metrics.md
// "AI-safety SLOs": remaining = 1 − bad incidents / the bad incidents the objective allows).
import { formatNumber } from './format.ts';

/** The share of the budget used: 1 − remaining; over 1 once overspent. */
export function budgetUsed(remaining: number | null): number | null {
  return remaining === null ? null : 1 - remaining;
}

/** More bad incidents than the objective allows. */
export function budgetOverspent(remaining: number | null): boolean {
  return remaining !== null && remaining < 0;
}

/** "38 % used", "615 % used · overspent"; "—" when nothing was judged. */
export function formatBudgetUsed(remaining: number | null): string {
  const used = budgetUsed(remaining);
  if (used === null) return '—';
  return `${formatNumber(used, 'percent')} used${budgetOverspent(remaining) ? ' · overspent' : ''}`;
}
