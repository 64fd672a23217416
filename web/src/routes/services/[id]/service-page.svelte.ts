// Data for one service's page: its facts (404 = no such service), its row of the service list
// (deployments, CFR per cohort with intervals, incidents, violations), the summary for its DORA
// figures, its weekly CFR and incidents, and its latest incidents and deployments. Each part is drawn as
// soon as it arrives; a newer load cancels an older one.
import { ApiError, errorMessage } from '$lib/api/client.ts';
import { getDeployments } from '$lib/api/deployments.ts';
import { getIncidents } from '$lib/api/incidents.ts';
import { getCfrTrend, getSummary, getTrends } from '$lib/api/metrics.ts';
import { getService, getServices } from '$lib/api/services.ts';
import { filterQuery } from '$lib/api/client.ts';
import type { CfrTrendResponse, DeploymentList, IncidentList, MetricsSummary, ServiceDetail, ServiceListRow, TrendsResponse } from '$lib/api/types.ts';

/** Rows of the latest-incidents and latest-deployments tables. */
export const LATEST = 20;

/** One part of the page: its value once loaded, or the error in words. */
export class Part<T> {
  value: T | null = $state(null);
  error: string | null = $state(null);
  loading = $state(true);

  track(promise: Promise<T>, signal: AbortSignal): void {
    this.loading = true;
    this.error = null;
    promise
      .then((value) => {
        if (signal.aborted) return;
        this.value = value;
        this.loading = false;
      })
      .catch((failure: unknown) => {
        if (signal.aborted) return;
        this.value = null;
        this.error = errorMessage(failure);
        this.loading = false;
      });
  }
}

export class ServicePageState {
  /** undefined while loading; null when there is no such service. */
  service: ServiceDetail | null | undefined = $state(undefined);
  serviceError: string | null = $state(null);
  row = new Part<ServiceListRow | null>();
  summary = new Part<MetricsSummary>();
  trend = new Part<CfrTrendResponse>();
  weekly = new Part<TrendsResponse>();
  incidents = new Part<IncidentList>();
  deployments = new Part<DeploymentList>();

  #request: AbortController | null = null;

  load(id: string, filters: URLSearchParams): void {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    const { signal } = request;
    const scoped = new URLSearchParams(filters);
    scoped.set('service', id);
    const query = filterQuery(scoped);

    this.service = undefined;
    this.serviceError = null;
    getService(id, { signal })
      .then((service) => {
        if (!signal.aborted) this.service = service;
      })
      .catch((failure: unknown) => {
        if (signal.aborted) return;
        if (failure instanceof ApiError && failure.status === 404) this.service = null;
        else this.serviceError = errorMessage(failure);
      });
    this.row.track(getServices(scoped, { signal }).then((body) => body.services[0] ?? null), signal);
    this.summary.track(getSummary(scoped, { signal }), signal);
    this.trend.track(getCfrTrend(scoped, { signal }), signal);
    this.weekly.track(getTrends(scoped, 'week', { signal }), signal);
    this.incidents.track(getIncidents({ ...query, limit: LATEST }, { signal }), signal);
    this.deployments.track(getDeployments({ ...query, production: true, limit: LATEST }, { signal }), signal);
  }

  cancel(): void {
    this.#request?.abort();
    this.#request = null;
  }
}
