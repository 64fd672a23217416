// The incident page's data: one GET /api/incidents/{id} for the incident, its timeline, links,
// controls and classification history. After a write (a link decision, a classification) the
// page reloads it in place — cohort, suggestion and rollback may all change — keeping the old
// answer on screen meanwhile.
import { getIncident } from '$lib/api/incidents.ts';
import type { IncidentDetail, IncidentDetailQuery } from '$lib/api/types.ts';
import { Loader } from '$lib/state/loader.svelte.ts';

/** The window choices before impact for nearby deployments, in hours (the API allows 1–168). */
export const NEARBY_CHOICES = [6, 24, 72, 168] as const;
export const DEFAULT_NEARBY_HOURS = 24;

/** `?nearby=` as hours: one of the choices, else the default. */
export function nearbyHours(raw: string): number {
  const hours = Number(raw);
  return (NEARBY_CHOICES as readonly number[]).includes(hours) ? hours : DEFAULT_NEARBY_HOURS;
}

export class IncidentView {
  /** The incident shown; kept while it reloads, and when a reload fails. */
  detail: IncidentDetail | null = $state(null);
  #request = new Loader<IncidentDetail>();
  #id = '';
  #query: IncidentDetailQuery = {};

  get error(): string | null {
    return this.#request.error;
  }

  get notFound(): boolean {
    return this.#request.notFound;
  }

  get loading(): boolean {
    return this.#request.loading;
  }

  /** Loads the incident; a newer call (another id, another window, a reload) wins. */
  async load(id: string, query: IncidentDetailQuery): Promise<void> {
    if (id !== this.#id) this.detail = null; // another incident: do not show the last one meanwhile
    this.#id = id;
    this.#query = query;
    const loaded = await this.#request.run((signal) => getIncident(id, query, { signal }));
    if (loaded !== null) this.detail = loaded;
  }

  /** After a write: the same incident and window again. */
  reload(): Promise<void> {
    return this.load(this.#id, this.#query);
  }

  cancel(): void {
    this.#request.cancel();
  }
}
