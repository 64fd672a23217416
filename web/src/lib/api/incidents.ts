// Incident endpoints: the list (JSON and CSV), the backlog, one incident, its links (and the
// picker's deployment search), its classification and its follow-ups.
import { api, jsonRows, unwrap, filterQuery, type RequestOptions } from './client.ts';
import type {
  Backlog, Classification, ClassificationInput, DeploymentQuery, DeploymentRow, FactorVocabulary, FollowUp, FollowUpChanges, FollowUpInput,
  IncidentDetail, IncidentDetailQuery, IncidentLink, IncidentList, IncidentListQuery, LinkDecisionInput,
} from './types.ts';

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

/** `GET /api/incidents/backlog`: how many unclassified Sev1/Sev2 incidents are older than 48 h, and the oldest `limit` (default 100). */
export function getBacklog(filters: URLSearchParams, options: RequestOptions & { limit?: number } = {}): Promise<Backlog> {
  const query = { ...filterQuery(filters), ...(options.limit ? { limit: options.limit } : {}) };
  return jsonRows(unwrap(() => api.GET('/api/incidents/backlog', { params: { query }, signal: options.signal }), options.signal));
}

/** `GET /api/incidents/{id}`, with its options (nearby_hours, min_confidence). */
export function getIncident(id: string, query: IncidentDetailQuery = {}, options: RequestOptions = {}): Promise<IncidentDetail> {
  return unwrap(() => api.GET('/api/incidents/{id}', { params: { path: { id }, query }, signal: options.signal }), options.signal);
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


/** `POST /api/incidents/{id}/links` (role sre): confirm or reject a link; answers the links. */
export async function decideLink(incident: string, input: LinkDecisionInput): Promise<IncidentLink[]> {
  const body = await unwrap(() => api.POST('/api/incidents/{id}/links', { params: { path: { id: incident } }, body: input }), undefined, true);
  return body.links;
}

/** `POST /api/incidents/{id}/classification` (role sre): answers the history, newest first. */
export async function classifyIncident(incident: string, input: ClassificationInput): Promise<Classification[]> {
  const body = await unwrap(() => api.POST('/api/incidents/{id}/classification', { params: { path: { id: incident } }, body: input }), undefined, true);
  return body.classifications;
}

/** `GET /api/classification/factors`: the vocabulary per group. */
export function getFactorVocabulary(options: RequestOptions = {}): Promise<FactorVocabulary> {
  return unwrap(() => api.GET('/api/classification/factors', { signal: options.signal }), options.signal);
}

/** `GET /api/deployments` for the link picker: a service's deployments of a time window matching a text. */
export async function findDeployments(query: DeploymentQuery, options: RequestOptions = {}): Promise<DeploymentRow[]> {
  const body = await jsonRows(unwrap(() => api.GET('/api/deployments', { params: { query }, signal: options.signal }), options.signal));
  return body.deployments;
}
