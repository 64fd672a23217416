// Data for one service's page: its facts (404 = no such service), its row of the service list
// (deployments, CFR per cohort with intervals, incidents, violations), the summary for its DORA
// figures, its weekly CFR and incidents, and its latest incidents and deployments. Each part is drawn as
// soon as it arrives; a newer load cancels an older one.
import { getDeployments } from '$lib/api/deployments.ts';
import { getIncidents } from '$lib/api/incidents.ts';
import { getCfrTrend, getSummary, getTrends } from '$lib/api/metrics.ts';
import { getService, getServices } from '$lib/api/services.ts';
import { filterQuery } from '$lib/api/client.ts';
import type { CfrTrendResponse, DeploymentList, IncidentList, MetricsSummary, ServiceDetail, ServiceListRow, TrendsResponse } from '$lib/api/types.ts';
import { Loader } from '$lib/state/loader.svelte.ts';

/** Rows of the latest-incidents and latest-deployments tables. */
export const LATEST = 20;

export class ServicePageState {
  service = new Loader<ServiceDetail>();
  row = new Loader<ServiceListRow | null>();
  summary = new Loader<MetricsSummary>();
  trend = new Loader<CfrTrendResponse>();
  weekly = new Loader<TrendsResponse>();
  incidents = new Loader<IncidentList>();
  deployments = new Loader<DeploymentList>();

  load(id: string, filters: URLSearchParams): void {
    const scoped = new URLSearchParams(filters);
    scoped.set('service', id);
    const query = filterQuery(scoped);

    this.service.clear(); // the heading shows the id, not the last service's name, until it arrives
    void this.service.run((signal) => getService(id, { signal }));
    void this.row.run((signal) => getServices(scoped, { signal }).then((body) => body.services[0] ?? null));
    void this.summary.run((signal) => getSummary(scoped, { signal }));
    void this.trend.run((signal) => getCfrTrend(scoped, { signal }));
    void this.weekly.run((signal) => getTrends(scoped, 'week', { signal }));
    void this.incidents.run((signal) => getIncidents({ ...query, limit: LATEST }, { signal }));
    void this.deployments.run((signal) => getDeployments({ ...query, production: true, limit: LATEST }, { signal }));
  }

  cancel(): void {
    for (const part of [this.service, this.row, this.summary, this.trend, this.weekly, this.incidents, this.deployments]) part.cancel();
  }
}
