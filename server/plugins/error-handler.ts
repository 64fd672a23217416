// One place that turns errors into `{ error: { code, message } }`: 4xx messages explain,
// 5xx messages never leak internals (docs/contributing.md).
import type { FastifyError, FastifyInstance } from 'fastify';
import { InvalidClassificationError } from '../analytics/classification.ts';
import { InvalidFilterError } from '../analytics/filters.ts';
import { isAppPage } from './web.ts';

export function registerErrorHandler(app: FastifyInstance, serveAppPages: boolean): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof InvalidFilterError) {
      return reply.status(400).send({ error: { code: 'invalid_filter', message: error.message } });
    }
    if (error instanceof InvalidClassificationError) {
      return reply.status(400).send({ error: { code: 'invalid_classification', message: error.message } });
    }
    if (error.validation) {
      const first = error.validation[0];
      const where = [error.validationContext, first?.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.');
      const allowed = first?.keyword === 'enum' ? ` (${(first.params.allowedValues as unknown[]).join(', ')})` : '';
      return reply.status(400).send({ error: { code: 'invalid_request', message: `${where}: ${first?.message ?? error.message}${allowed}` } });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.status(status).send({ error: { code: error.code?.toLowerCase() ?? 'bad_request', message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'Internal error; the server log has the details.' } });
  });

  app.setNotFoundHandler((request, reply) => {
    if (serveAppPages && isAppPage(request.method, request.url, request.headers.accept)) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `${request.method} ${request.url.split('?')[0]} does not exist` } });
  });
}
