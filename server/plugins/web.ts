// Serves the built web app (web/dist, a SvelteKit single-page app) and index.html for the app's
// own paths, so a link to /incidents/123?from=… pasted in a meeting opens the same view.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { WEB_DIST } from '../web-build.ts';

/** Returns whether a built app is served. */
export async function registerWeb(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    // Files are looked up per request, not listed once at start: a web build made while the
    // server runs (its new hashed chunks) is served at once instead of a blank page.
    wildcard: true,
    index: 'index.html',
    setHeaders: (res, file) => {
      // Hashed file names never change content; index.html always revalidates so a rebuild shows.
      if (file.includes(`${path.sep}immutable${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
    },
  });
  return true;
}

/**
 * A GET for a page of the app, answered with index.html: not the API or the docs, not a
 * missing asset, and either without a file extension or asked for as HTML (an incident id
 * may contain a dot).
 */
export function isAppPage(method: string, url: string, accept = ''): boolean {
  const pathname = url.split('?')[0]!;
  if (method !== 'GET' || pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/docs') || pathname.startsWith('/_app/')) return false;
  return path.extname(pathname) === '' || accept.includes('text/html');
}
