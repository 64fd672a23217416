// Builds the fastify app: plugins first (database, errors, web), then one plugin per API resource.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import admin from './api/admin/index.ts';
import auth from './api/auth/index.ts';
import dataQuality from './api/data-quality/index.ts';
import deployments from './api/deployments/index.ts';
import followUps from './api/follow-ups/index.ts';
import governance from './api/governance/index.ts';
import health from './api/health/index.ts';
import incidents from './api/incidents/index.ts';
import ingest from './api/ingest/index.ts';
import jobs from './api/jobs/index.ts';
import metrics from './api/metrics/index.ts';
import quarantine from './api/quarantine/index.ts';
import services from './api/services/index.ts';
import slos from './api/slos/index.ts';
import weeklyReview from './api/weekly-review/index.ts';
import { trustProxy } from './config.ts';
import type { Db } from './db/connection.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerDatabase } from './plugins/db.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerJobs } from './plugins/jobs.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerTableFormats } from './plugins/table-formats.ts';
import { registerWeb } from './plugins/web.ts';

export interface AppOptions {
  db: Db;
  embeddedDatabase?: boolean;
  logger?: boolean;
  /** Largest body POST /api/ingest/records takes (default 256 MiB or SEVSCOPE_INGEST_MAX_BYTES). */
  ingestMaxBytes?: number;
  /** Serve web/dist when built (default true); off for the OpenAPI document (server/openapi-document.ts). */
  serveWeb?: boolean;
  /** fastify's trustProxy (default SEVSCOPE_TRUST_PROXY; server/config.ts). */
  trustProxy?: boolean | string;
  /** Where people open the app (default SEVSCOPE_PUBLIC_URL): its origin may send writes too. */
  publicUrl?: string;
  /** Run the jobs (refresh, rebuild, relink) in this process (default true; `start --no-worker` turns it off). */
  worker?: boolean;
  /** Open the job queue (default true); off only for the OpenAPI document, built without a database. */
  jobQueue?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: options.trustProxy ?? trustProxy() }).withTypeProvider<TypeBoxTypeProvider>();
  registerDatabase(app, options.db, options.embeddedDatabase ?? false);
  if (options.jobQueue !== false) await registerJobs(app, options.db, options.worker ?? true);
  registerErrorHandler(app, options.serveWeb === false ? false : await registerWeb(app));
  await registerAuth(app, options.publicUrl ?? process.env.SEVSCOPE_PUBLIC_URL);
  registerTableFormats(app);
  await registerOpenApi(app);
  await app.register(health);
  await app.register(auth);
  await app.register(admin);
  await app.register(metrics);
  await app.register(governance);
  await app.register(incidents);
  await app.register(slos);
  await app.register(quarantine);
  await app.register(dataQuality);
  await app.register(deployments);
  await app.register(services);
  await app.register(followUps);
  await app.register(weeklyReview);
  await app.register(jobs);
  await app.register(ingest, options.ingestMaxBytes === undefined ? {} : { maxBytes: options.ingestMaxBytes });
  return app;
}
