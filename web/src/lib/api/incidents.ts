// Incident endpoints: the list (JSON and CSV), the backlog, one incident and its follow-ups.
import { api, jsonRows, unwrap, filterQuery, type RequestOptions } from './client.ts';
import type { Backlog, FollowUp, FollowUpChanges, FollowUpInput, IncidentDetail, IncidentList, IncidentListQuery } from './types.ts';

/** `GET /api/incidents`: the period's incidents, newest first, a page at a time, with the total. */
export function getIncidents(query: IncidentListQuery, options: RequestOptions = {}): Promise<IncidentList> {
  return jsonRows(unwrap(() => api.GET('/api/incidents', { params: { query }, signal: options.signal }), options.signal));
}

/** `GET /api/incidents` as CSV (the table-formats plugin answers `Accept: text/csv`): the same rows as the JSON. */
export async function getIncidentsCsv(query: IncidentListQuery, options: RequestOptions = {}): Promise<Blob> {
  return unwrap(
    () => api.GET('/api/incidents', { params: { query }, headers: { Accept: 'text/csv' }, parseAs: 'blob', signal: options.signal }),
    options.signal,
  );
}

/** `GET /api/incidents/backlog`: unclassified Sev1/Sev2 incidents older than 48 h, oldest first. */
export function getBacklog(filters: URLSearchParams, options: RequestOptions = {}): Promise<Backlog> {
  return jsonRows(unwrap(() => api.GET('/api/incidents/backlog', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal));
}

/** `GET /api/incidents/{id}`. */
export function getIncident(id: string, options: RequestOptions = {}): Promise<IncidentDetail> {
  return unwrap(() => api.GET('/api/incidents/{id}', { params: { path: { id } }, signal: options.signal }), options.signal);
}

/** `GET /api/incidents/{id}/follow-ups`. */
export async function getFollowUps(incident: string, options: RequestOptions = {}): Promise<FollowUp[]> {
  const body = await unwrap(() => api.GET('/api/incidents/{id}/follow-ups', { params: { path: { id: incident } }, signal: options.signal }), options.signal);
  return body.follow_ups;
}

/** `POST /api/incidents/{id}/follow-ups` (role sre). */
export function createFollowUp(incident: string, input: FollowUpInput): Promise<FollowUp> {
  return unwrap(() => api.POST('/api/incidents/{id}/follow-ups', { params: { path: { id: incident } }, body: input }), undefined, true);
}

/** `PATCH /api/follow-ups/{id}` (role sre). */
export function updateFollowUp(id: string, changes: FollowUpChanges): Promise<FollowUp> {
  return unwrap(() => api.PATCH('/api/follow-ups/{id}', { params: { path: { id } }, body: changes }), undefined, true);
}

