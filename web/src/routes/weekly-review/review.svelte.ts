// Data for the Weekly review page: one GET /api/weekly-review per week (moving between sections
// does not refetch); a newer week cancels a request still in flight.
import type { WeeklyReview } from '$lib/api/types.ts';
import { getWeeklyReview } from '$lib/api/weekly-review.ts';
import { Loader } from '$lib/state/loader.svelte.ts';

export class ReviewState extends Loader<WeeklyReview> {
  #week: string | null | undefined = undefined;

  /** Load `week` (null: the last complete week), unless it is the one already shown. */
  load(week: string | null, force = false): void {
    if (!force && week !== null && this.value?.week === week && this.error === null) return;
    this.#week = week;
    void this.run((signal) => getWeeklyReview(week, { signal }));
  }

  /** The same week again, e.g. after a follow-up was marked done. */
  reload(): void {
    this.load(this.#week ?? null, true);
  }
}
