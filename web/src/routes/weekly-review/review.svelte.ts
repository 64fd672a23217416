// Data for the Weekly review page: one GET /api/weekly-review per week (moving between sections
// does not refetch); a newer week cancels a request still in flight.
import { errorMessage } from '$lib/api/client.ts';
import type { WeeklyReview } from '$lib/api/types.ts';
import { getWeeklyReview } from '$lib/api/weekly-review.ts';

export class ReviewState {
  data: WeeklyReview | null = $state(null);
  loading = $state(true);
  error: string | null = $state(null);

  #request: AbortController | null = null;
  #week: string | null | undefined = undefined;

  /** Load `week` (null: the last complete week), unless it is the one already shown. */
  load(week: string | null, force = false): void {
    if (!force && week !== null && this.data?.week === week && this.error === null) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#week = week;
    this.loading = true;
    this.error = null;
    getWeeklyReview(week, { signal: request.signal })
      .then((data) => {
        if (request.signal.aborted) return;
        this.data = data;
        this.loading = false;
      })
      .catch((failure: unknown) => {
        if (request.signal.aborted) return;
        this.data = null;
        this.error = errorMessage(failure);
        this.loading = false;
      });
  }

  /** The same week again, e.g. after a follow-up was marked done. */
  reload(): void {
    this.load(this.#week ?? null, true);
  }

  cancel(): void {
    this.#request?.abort();
    this.#request = null;
  }
}
