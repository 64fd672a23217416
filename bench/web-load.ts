// Web app speed (dashboard issue, "Speed"), on the demo year:
//   npm run bench:web [-- --loads 7] [--keep] [--screenshots .screenshots]
// 1. builds web/ if missing or stale (as `npm start` does);
// 2. loads the demo data into a fresh database: BENCH_DATABASE_URL's server (database
//    sevscope_bench_web, dropped at the end unless --keep, which also reuses it) or an embedded
//    cluster in a temp dir;
// 3. serves the app on a free port and, in chromium, opens the Overview --loads times, each in a
//    fresh browser context (cold cache): "overview drawn" is the median time from navigation
//    start until every chart on the page is drawn;
// 4. for each route, the JS it loads before any chart: the page opened with /api blocked,
//    summing the gzip size of every script fetched except the lazily imported chunks (vega-embed
//    with vega and vega-lite, fetched when the first chart mounts; found in the build's
//    manifest), which are reported on their own.
// --screenshots DIR: also writes overview-light.png, overview-dark.png and overview-print.pdf.
// Goals: overview drawn ≤ 1 s; initial JS ≤ 250 kB gzip per route.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { type Db, connect } from '../server/db/connection.ts';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { demoWanted, loadDemo } from '../server/demo-data.ts';
import { buildWeb, ensureWebBuilt } from '../server/web-build.ts';
import { browserCookie, signIn, signedInPage } from '../test/support/auth.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { databaseUrl } from '../test/support/database-url.ts';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
    screenshots: { type: 'string' },
  },
});
const loads = Number(args.loads);
const ROUTES = ['/', '/incidents', '/deployments', '/slos', '/governance', '/weekly-review', '/services', '/data-quality', '/incidents/1', '/services/1'];
const DRAWN_GOAL_MS = 1000;
const JS_GOAL_KB = 250;
const BENCH_DB = 'sevscope_bench_web';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** Every chart on the page drawn: resolves with ms since navigation start. */
async function allChartsDrawn(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const charts = [...document.querySelectorAll<HTMLElement>('figure[data-state]')];
      if (charts.length === 0 || charts.some((chart) => chart.dataset.state !== 'drawn')) return false;
      return performance.now();
    },
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

const MANIFEST = new URL('../web/.svelte-kit/output/client/.vite/manifest.json', import.meta.url);

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

/** `/_app/…` paths of the chunks only reached through a dynamic import (vega-embed and its parts). */
function lazyChunks(): Set<string> {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestChunk>;
  const closure = (keys: string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const next of manifest[key]!.imports ?? []) visit(next);
    };
    keys.forEach(visit);
    return seen;
  };
  const initial = closure(Object.keys(manifest).filter((key) => manifest[key]!.isEntry));
  const lazy = closure(Object.keys(manifest).filter((key) => manifest[key]!.isDynamicEntry));
  return new Set([...lazy].filter((key) => !initial.has(key)).map((key) => `/${manifest[key]!.file}`));
}

async function initialScripts(browser: Browser, baseUrl: string, route: string): Promise<{ bytes: number; files: Map<string, number> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/api/**', (r) => r.abort());
  const files = new Map<string, number>();
  page.on('response', async (response) => {
    const file = new URL(response.url()).pathname;
    if (response.request().resourceType() !== 'script' || LAZY.has(file)) return;
    const body = await response.body().catch(() => null);
    if (body) files.set(file, gzipSync(body).length);
  });
  await page.goto(`${baseUrl}${route}`, { waitUntil: 'networkidle' });
  await page.locator('h1').first().waitFor();
  await context.close();
  return { bytes: [...files.values()].reduce((a, b) => a + b, 0), files };
}

let t = process.hrtime.bigint();
if (await ensureWebBuilt()) console.log(`web build             ${seconds(t).toFixed(1)} s`);
if (!existsSync(MANIFEST)) await buildWeb(); // the dist is current but SvelteKit's output was cleaned
const LAZY = lazyChunks();

const dir = await mkdtemp(path.join(tmpdir(), 'sevscope-bench-web-'));
const serverUrl = process.env.BENCH_DATABASE_URL;
const cluster = serverUrl ? null : await startEmbeddedPostgres(path.join(dir, 'pg'));
let db: Db;
if (serverUrl) {
  const admin = connect(serverUrl, 1);
  const exists = await sql`SELECT 1 FROM pg_database WHERE datname = ${BENCH_DB}`.execute(admin);
  if (exists.rows.length > 0 && !args.keep) await sql`DROP DATABASE ${sql.id(BENCH_DB)} WITH (FORCE)`.execute(admin);
  if (exists.rows.length === 0 || !args.keep) await sql`CREATE DATABASE ${sql.id(BENCH_DB)}`.execute(admin);
  await admin.destroy();
  db = connect(databaseUrl(serverUrl, BENCH_DB));
} else {
  db = connect(cluster!.url);
}

let browser: Browser | undefined;
const app = await (async () => {
  await migrateToLatest(db);
  if (await demoWanted(db, { embedded: true })) {
    t = process.hrtime.bigint();
    await loadDemo(db);
    console.log(`demo data loaded      ${seconds(t).toFixed(1)} s`);
  }
  return buildApp({ db });
})();
try {
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  // The dashboard needs a signed-in viewer: every load carries a session cookie.
  const viewer = await signIn(db, 'viewer', { name: `bench-${Date.now()}` });
  const cookies = [browserCookie(baseUrl, viewer.secret)];

  const times: number[] = [];
  const apiDone: number[] = [];
  const vegaDone: number[] = [];
  const vegaReady: number[] = [];
  const embedStart: number[] = [];
  for (let i = 0; i < loads; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    times.push(await allChartsDrawn(page));
    // Where the time went: the last API answer and the lazy chunks, ms since navigation start.
    const resources = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => ({ path: new URL(entry.name).pathname, end: (entry as PerformanceResourceTiming).responseEnd })),
    );
    apiDone.push(Math.max(0, ...resources.filter((r) => r.path.startsWith('/api/metrics/cfr-trend')).map((r) => r.end)));
    vegaDone.push(Math.max(0, ...resources.filter((r) => LAZY.has(r.path)).map((r) => r.end)));
    // Marks set by web/src/lib/components/VegaChart.svelte.
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, at: mark.startTime })));
    const mark = (name: string) => marks.find((m) => m.name === name)?.at ?? 0;
    vegaReady.push(mark('sevscope:vega-loaded'));
    embedStart.push(mark('sevscope:chart-embed:cfr-trend'));
    await context.close();
  }
  const drawn = median(times);
  console.log(`overview drawn: ${Math.round(drawn)} ms (median of ${loads} cold loads; min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}; goal ≤ ${DRAWN_GOAL_MS} ms)`);
  console.log(
    `  medians: chart data received at ${Math.round(median(apiDone))} ms; vega fetched at ${Math.round(median(vegaDone))} ms, ` +
      `evaluated at ${Math.round(median(vegaReady))} ms; drawing started at ${Math.round(median(embedStart))} ms`,
  );

  let worst = 0;
  for (const route of ROUTES) {
    const { bytes } = await initialScripts(browser, baseUrl, route);
    worst = Math.max(worst, bytes);
    console.log(`initial JS ${route}: ${kB(bytes)} kB gzip`);
  }
  // The chunks the first chart adds: vega-embed, vega, vega-lite.
  let lazyBytes = 0;
  for (const file of LAZY) {
    const response = await fetch(`${baseUrl}${file}`);
    if (response.ok) lazyBytes += gzipSync(Buffer.from(await response.arrayBuffer())).length;
  }
  console.log(`lazy JS on first chart: ${kB(lazyBytes)} kB gzip (${LAZY.size} ${LAZY.size === 1 ? 'file' : 'files'}, not counted above)`);
  // Timings scale with how busy the machine is: say so next to them.
  console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (1, 5, 15 min)`);
  console.log(`goals: drawn ${drawn <= DRAWN_GOAL_MS ? 'met' : 'MISSED'}, initial JS ${worst / 1000 <= JS_GOAL_KB ? 'met' : 'MISSED'} (largest ${kB(worst)} kB)`);

  if (args.screenshots) {
    await mkdir(args.screenshots, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const shot = await signedInPage(browser, baseUrl, viewer, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
      await shot.goto(`${baseUrl}/`);
      await allChartsDrawn(shot);
      await shot.waitForTimeout(500); // the previous-period deltas arrive after the chart
      await shot.screenshot({ path: path.join(args.screenshots, `overview-${scheme}.png`), fullPage: true });
      if (scheme === 'light') {
        await shot.emulateMedia({ media: 'print' });
        await shot.pdf({ path: path.join(args.screenshots, 'overview-print.pdf'), format: 'A4' });
        await shot.emulateMedia({ media: 'screen' });
      }
      await shot.close();
    }
    console.log(`screenshots in ${args.screenshots}`);
  }
} finally {
  await browser?.close();
  await app.close();
  await db.destroy();
  if (serverUrl && !args.keep) {
    const admin = connect(serverUrl, 1);
    await sql`DROP DATABASE IF EXISTS ${sql.id(BENCH_DB)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
  }
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
  if (cluster) await rm(cluster.dataDir, { recursive: true, force: true }); // as root, outside dir (dir/pg links there)
}
