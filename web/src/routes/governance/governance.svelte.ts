// Data for the Governance page: the period's controls (GET /api/governance/violations) and, when a
// reset date is chosen, the same endpoint for the periods before and after it. A newer load
// cancels an older one in flight.
import { filterQuery } from '$lib/api/client.ts';
import { getGovernance } from '$lib/api/governance.ts';
import type { Governance, GovernanceQuery } from '$lib/api/types.ts';
import { Loader } from '$lib/state/loader.svelte.ts';

/** How many findings, incidents and agent actions the page lists. */
export const LISTED = 100;

export interface ResetComparison {
  reset: string;
  before: Governance;
  after: Governance;
}

export class GovernanceState {
  data = new Loader<Governance>();
  comparison = new Loader<ResetComparison>();

  load(filters: URLSearchParams, control: string, reset: string): void {
    // The comparison waits for the period it splits; an old one must not land meanwhile.
    if (reset === '') this.comparison.clear();
    else {
      this.comparison.cancel();
      this.comparison.error = null;
      this.comparison.loading = true;
    }
    const query: GovernanceQuery = { ...filterQuery(filters), limit: LISTED, ...(control ? { control } : {}) };
    void this.data.run((signal) => getGovernance(query, { signal })).then((data) => {
      if (data === null) {
        if (!this.data.loading) this.comparison.clear(); // failed: the page shows that error alone
        return;
      }
      if (reset !== '') void this.comparison.run((signal) => compare(filters, data, reset, signal));
    });
  }

  cancel(): void {
    this.data.cancel();
    this.comparison.cancel();
  }
}

/** The period split at `reset`: [from, reset) and [reset, to). */
async function compare(filters: URLSearchParams, data: Governance, reset: string, signal: AbortSignal): Promise<ResetComparison> {
  const at = Date.parse(`${reset}T00:00:00Z`);
  if (!(at > Date.parse(data.period.from) && at < Date.parse(data.period.to))) {
    throw new Error(`The reset date ${reset} is not inside the period: choose a day after its first day and before its end.`);
  }
  const part = (from: string, to: string): GovernanceQuery => ({ ...filterQuery(filters), from, to, limit: 1 });
  const [before, after] = await Promise.all([getGovernance(part(data.period.from, reset), { signal }), getGovernance(part(reset, data.period.to), { signal })]);
  return { reset, before, after };
}
