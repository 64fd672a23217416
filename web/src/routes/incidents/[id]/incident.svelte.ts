// The incident page's data: one GET /api/incidents/{id} for the incident, its timeline, links,
// controls and classification history. After a write (a link decision, a classification) the
// page reloads it in place — cohort, suggestion and rollback may all change — keeping the old
// answer on screen meanwhile.
import { ApiError, errorMessage } from '$lib/api/client.ts';
import { getIncident } from '$lib/api/incidents.ts';
import type { IncidentDetail, IncidentDetailQuery } from '$lib/api/types.ts';

/** The window choices before impact for nearby deployments, in hours (the API allows 1–168). */
export const NEARBY_CHOICES = [6, 24, 72, 168] as const;
export const DEFAULT_NEARBY_HOURS = 24;

/** `?nearby=` as hours: one of the choices, else the default. */
export function nearbyHours(raw: string): number {
  const hours = Number(raw);
  return (NEARBY_CHOICES as readonly number[]).includes(hours) ? hours : DEFAULT_NEARBY_HOURS;
}

export class IncidentView {
  detail: IncidentDetail | null = $state(null);
  error: string | null = $state(null);
  notFound = $state(false);
  loading = $state(false);
  #id = '';
  #query: IncidentDetailQuery = {};

  /** Loads the incident; a newer call (another id, another window) wins. */
  async load(id: string, query: IncidentDetailQuery, signal?: AbortSignal): Promise<void> {
    if (id !== this.#id) this.detail = null; // another incident: do not show the last one meanwhile
    this.#id = id;
    this.#query = query;
    this.loading = true;
    this.error = null;
    this.notFound = false;
    try {
      const loaded = await getIncident(id, query, { signal });
      if (signal?.aborted) return;
      this.detail = loaded;
    } catch (failure) {
      if (signal?.aborted) return;
      this.notFound = failure instanceof ApiError && failure.status === 404;
      this.error = errorMessage(failure);
    } finally {
      if (!signal?.aborted) this.loading = false;
    }
  }

  /** After a write: the same incident and window again. */
  reload(): Promise<void> {
    return this.load(this.#id, this.#query);
  }
}
