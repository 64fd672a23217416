// Governance endpoint: control violations, compliance per control, service and team, agent actions.
import { api, jsonRows, unwrap, type RequestOptions } from './client.ts';
import type { Governance, GovernanceQuery } from './types.ts';

/** `GET /api/governance/violations` for these filters (and `control`, `limit`). */
export function getGovernance(query: GovernanceQuery, options: RequestOptions = {}): Promise<Governance> {
  return jsonRows(unwrap(() => api.GET('/api/governance/violations', { params: { query }, signal: options.signal }), options.signal));
}
