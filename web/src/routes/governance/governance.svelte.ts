// Data for the Governance page: the period's controls (GET /api/governance/violations) and, when a
// reset date is chosen, the same endpoint for the periods before and after it. A newer load
// cancels an older one in flight.
import { errorMessage, filterQuery } from '$lib/api/client.ts';
import { getGovernance } from '$lib/api/governance.ts';
import type { Governance, GovernanceQuery } from '$lib/api/types.ts';

/** How many findings, incidents and agent actions the page lists. */
export const LISTED = 100;

export interface ResetComparison {
  reset: string;
  before: Governance;
  after: Governance;
}

export class GovernanceState {
  data: Governance | null = $state(null);
  loading = $state(true);
  error: string | null = $state(null);

  comparison: ResetComparison | null = $state(null);
  comparisonLoading = $state(false);
  comparisonError: string | null = $state(null);

  #request: AbortController | null = null;

  load(filters: URLSearchParams, control: string, reset: string): void {
    this.#request?.abort();
    const request = (this.#request = new AbortController());
    const { signal } = request;
    this.loading = true;
    this.error = null;
    this.comparisonError = null;
    this.comparisonLoading = reset !== '';
    if (reset === '') this.comparison = null;
    const query: GovernanceQuery = { ...filterQuery(filters), limit: LISTED, ...(control ? { control } : {}) };
    getGovernance(query, { signal })
      .then((data) => {
        if (signal.aborted) return;
        this.data = data;
        this.loading = false;
        if (reset !== '') this.#compare(filters, data, reset, signal);
      })
      .catch((failure: unknown) => {
        if (signal.aborted) return;
        this.error = errorMessage(failure);
        this.loading = false;
        this.comparisonLoading = false;
      });
  }

  /** The period split at `reset`: [from, reset) and [reset, to). */
  #compare(filters: URLSearchParams, data: Governance, reset: string, signal: AbortSignal): void {
    const at = Date.parse(`${reset}T00:00:00Z`);
    if (!(at > Date.parse(data.period.from) && at < Date.parse(data.period.to))) {
      this.comparison = null;
      this.comparisonLoading = false;
      this.comparisonError = `The reset date ${reset} is not inside the period: choose a day after its first day and before its end.`;
      return;
    }
    const part = (from: string, to: string): GovernanceQuery => ({ ...filterQuery(filters), from, to, limit: 1 });
    Promise.all([getGovernance(part(data.period.from, reset), { signal }), getGovernance(part(reset, data.period.to), { signal })])
      .then(([before, after]) => {
        if (signal.aborted) return;
        this.comparison = { reset, before, after };
        this.comparisonLoading = false;
      })
      .catch((failure: unknown) => {
        if (signal.aborted) return;
        this.comparisonError = errorMessage(failure);
        this.comparisonLoading = false;
      });
  }

  cancel(): void {
    this.#request?.abort();
  }
}
