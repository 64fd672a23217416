// Builds web/ into web/dist when the build is missing or older than its sources, so that
// `npm start` on a fresh clone serves the dashboard without a separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../web/', import.meta.url));
export const WEB_DIST = path.join(WEB, 'dist');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const index = path.join(WEB_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource(WEB);
}

/** Returns true when it built. */
export async function ensureWebBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  log('building the web app (first run or sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
