#!/usr/bin/env node
// The `sevscope` command (api.md "CLI"): exit 0 on success, 1 on failure, 2 on bad usage.
import { parseArgs } from 'node:util';
import { UsageError, say, withDatabase } from './commands/command-context.ts';
import { migrateToLatest } from './db/migrate.ts';

// Commands load only what they use: `ingest` does not pay for the web server's modules.

const HELP = `sevscope — incident analytics and AI-risk dashboard

Usage: sevscope <command> [options]

Commands:
  start                         migrate, load the demo data on first run, serve API + web
  migrate                       apply database migrations and exit
  seed-demo [--seed N]          load the deterministic demo dataset
  ingest PATH… [options]        load NDJSON, JSON, CSV (--kind), Arrow files (.gz too) or directories
      --kind K                  the kind of a CSV file's rows (and the default for records without one)
      --source S                source for records that name none (default: file)
      --dry-run                 validate only; store nothing
      --strict                  exit 1 if anything was quarantined
  ingest git PATH --service S [--since DATE] [--untagged-means-human]
                                load a local clone's commit history as changes
  quarantine list [--batch N] [--kind K] [--limit N] [--json]
  quarantine retry [--batch N] [--id N…]
                                re-validate quarantined records (after a fix) and store those that pass
  severity-map set NAME SEVERITY | list
                                map a source's severity names (e.g. "urgent" → sev1)
  refresh                       recompute all derived data (cohorts, incident links, rollups)
  metrics summary [--json] [--from DATE] [--to DATE] [--service S] [--team T] [--domain D]
          [--tier N] [--severity sev1,sev2] [--environment E] [--min-confidence X]
                                the headline metrics; --json prints GET /api/metrics/summary's object
  token create --role viewer|sre|admin --name NAME
                                print a new API token once

Environment: DATABASE_URL (else an embedded PostgreSQL in SEVSCOPE_DATA_DIR, default ./.sevscope/pg),
PORT (3000), HOST (127.0.0.1).`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return (await import('./commands/start.ts')).start();
    case 'migrate':
      return withDatabase(async ({ db }) => {
        const applied = await migrateToLatest(db);
        say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
      });
    case 'seed-demo': {
      const { values } = parseArgs({ args: rest, options: { seed: { type: 'string' } } });
      const seed = values.seed === undefined ? undefined : Number(values.seed);
      if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${JSON.stringify(values.seed)}`);
      const { seedDemo } = await import('./commands/seed-demo.ts');
      return withDatabase(({ db }) => seedDemo(db, seed));
    }
    case 'ingest':
      return (await import('./commands/ingest.ts')).ingest(rest);
    case 'quarantine':
      return (await import('./commands/quarantine.ts')).quarantine(rest);
    case 'severity-map':
      return (await import('./commands/severity-map.ts')).severityMap(rest);
    case 'metrics':
      return (await import('./commands/metrics.ts')).metrics(rest);
    case 'refresh':
      return (await import('./commands/refresh.ts')).refresh(rest);
    case 'token':
      return (await import('./commands/token.ts')).token(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      say(HELP);
      return;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

// `sevscope quarantine list | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  () => {
    // Commands other than start are done: do not wait for idle timers.
    if (process.argv[2] !== 'start') process.exit(process.exitCode ?? 0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sevscope: ${message}\n`);
    const usage = error instanceof UsageError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
    if (usage) process.stderr.write('run "sevscope --help" for usage\n');
    process.exit(usage ? 2 : 1);
  },
);
