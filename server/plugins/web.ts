// Serves the built web app (web/dist) and index.html for the app's own paths, so a link to
// /incidents?from=… pasted in a meeting opens the same view.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { WEB_DIST } from '../web-build.ts';

/** Returns whether a built app is served. */
export async function registerWeb(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
  return true;
}

/** A GET for a page of the app (not the API, not a file), answered with index.html. */
export function isAppPage(method: string, url: string): boolean {
  const pathname = url.split('?')[0]!;
  return method === 'GET' && !pathname.startsWith('/api/') && path.extname(pathname) === '';
}
