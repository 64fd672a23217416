// The `sevscope` command tree (commander): usage, options, help texts, and exit codes. This module
// loads only commander and constant lists; each action imports its command when it runs, so
// `--help` (answered before any action) opens no database and `ingest` never loads the web server.
import { Argument, Command, CommanderError, Help, InvalidArgumentError, Option, type OutputConfiguration } from 'commander';
import { DOMAINS, KINDS, SEVERITIES, type Severity } from '../ingest/model.ts';
import type { IngestGitOptions, IngestOptions } from './commands/ingest.ts';
import type { MetricsSummaryOptions } from './commands/metrics.ts';
import type { QuarantineListOptions, QuarantineRetryOptions } from './commands/quarantine.ts';
import { UsageError } from './commands/usage-error.ts';
// Loads node:crypto and no database driver (its queries take a Db from the caller).
import { ROLES, type Role } from './db/api-tokens.repository.ts';

const DATABASE_ENV: [string, string][] = [
  ['DATABASE_URL', 'the PostgreSQL server to use (default: an embedded one)'],
  ['SEVSCOPE_DATA_DIR', "the embedded server's data directory (default: ./.sevscope/pg)"],
];
const SERVER_ENV: [string, string][] = [
  ...DATABASE_ENV,
  ['PORT', 'the port to listen on (default: 3000)'],
  ['HOST', 'the address to listen on (default: 127.0.0.1)'],
];
const START_ENV: [string, string][] = [
  ...SERVER_ENV,
  ['SEVSCOPE_PUBLIC_URL', 'the address people open the app at, for the printed sign-in link (default: http://HOST:PORT)'],
  ['SEVSCOPE_TRUST_PROXY', "trust a TLS proxy's X-Forwarded-* headers: true, or its addresses (default: false)"],
];

/** The environment and one example, after commander's usage, arguments and options. */
function explain(command: Command, example: string, env = DATABASE_ENV): Command {
  const width = Math.max(...env.map(([name]) => name.length));
  const variables = env.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`).join('\n');
  return command.addHelpText('after', `\nEnvironment:\n${variables}\n\nExample:\n  ${example}`);
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer.');
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/**
 * An option the command cannot run without. Checked as the action is about to run, after commander
 * has reported unknown options (its own requiredOption is checked before them): `token create
 * --rol sre` names the mistyped --rol rather than saying --role is missing.
 */
const REQUIRED = new WeakSet<Option>();
function required(option: Option): Option {
  REQUIRED.add(option);
  option.description += ' (required)';
  return option;
}

function checkRequired(command: Command): void {
  for (const option of command.options) {
    if (REQUIRED.has(option) && command.getOptionValue(option.attributeName()) === undefined) command.error(`required option '${option.flags}' not specified`);
  }
}

/** ['sevscope', 'quarantine', 'list']. */
const commandPath = (command: Command): string[] => (command.parent ? [...commandPath(command.parent), command.name()] : [command.name()]);

const collectRunnable = (command: Command): Command[] =>
  command.commands.flatMap((sub) => [
    // A group (quarantine, metrics, …) runs nothing itself: it is listed through its subcommands.
    // ingest takes paths, so it runs as well as holding `ingest git`.
    ...(sub.commands.length === 0 || sub.registeredArguments.length > 0 ? [sub] : []),
    ...collectRunnable(sub),
  ]);

/** Commands are named by their path ("quarantine list"), and `sevscope --help` lists every runnable one. */
const helpConfiguration: Partial<Help> = {
  visibleCommands(command) {
    const own = Help.prototype.visibleCommands.call(this, command);
    if (command.parent) return own;
    return [...collectRunnable(command), ...own.filter((sub) => sub.name() === 'help')];
  },
  subcommandTerm(command) {
    const groups = commandPath(command).slice(1, -1);
    return [...groups, Help.prototype.subcommandTerm.call(this, command)].join(' ');
  },
};

/** `run "sevscope quarantine list --help" for usage`. */
export function usageHint(command: Command): string {
  return `run "${commandPath(command).join(' ')} --help" for usage`;
}

export function buildProgram(output: OutputConfiguration = {}): Command {
  // Settings made before .command() are inherited by every command created after them.
  const program = new Command('sevscope')
    .description('Incident analytics and AI-risk dashboard: AI-safety SLOs, DORA metrics and governance for AI-assisted changes.')
    .exitOverride()
    .enablePositionalOptions() // `ingest --source` and `ingest git --source` are different options
    .configureHelp(helpConfiguration)
    .configureOutput({ ...output, outputError: (message, write) => write(message.replace(/^(error: )?/, 'sevscope: ')) })
    .hook('preAction', (_program, command) => checkRequired(command));
  explain(program, 'sevscope ingest exports/ && sevscope start', SERVER_ENV);

  explain(
    program
      .command('start')
      .summary('migrate, load the demo data on first run, serve the API and web app')
      .description(
        'Migrate the database, load the demo data on first run, and serve the API and web app. Until an admin has signed in, it creates the first admin (named admin) and prints a one-time sign-in link.',
      )
      .option('--demo', 'load the demo data even into a DATABASE_URL database (otherwise only the embedded one gets it, on first run)')
      .option('--no-worker', 'serve only; leave the jobs (refresh, rebuild, relink) to sevscope worker processes')
      .action(async (options: { demo?: boolean; worker: boolean }) => (await import('./commands/start.ts')).start({ demo: options.demo ?? false, worker: options.worker })),
    'PORT=8080 sevscope start',
    START_ENV,
  );

  explain(
    program
      .command('migrate')
      .summary('apply database migrations and exit')
      .description('Apply pending database migrations and exit.')
      .action(async () => (await import('./commands/migrate.ts')).migrate()),
    'DATABASE_URL=postgres://sevscope@db.internal/sevscope sevscope migrate',
  );

  explain(
    program
      .command('seed-demo')
      .summary('load the deterministic demo dataset')
      .description('Load the deterministic demo dataset (the same seed gives the same records).')
      .option('--seed <n>', 'random seed (default: 20260316)', integer)
      .action(async (options: { seed?: number }) => {
        const [{ withDatabase }, { seedDemo }] = await Promise.all([import('./commands/command-context.ts'), import('./commands/seed-demo.ts')]);
        await withDatabase(({ db }) => seedDemo(db, options.seed));
      }),
    'sevscope seed-demo --seed 42',
  );

  const ingest = explain(
    program
      .command('ingest')
      .summary('load NDJSON, JSON, CSV, Arrow files (.gz too) or directories')
      .description('Load NDJSON, JSON, CSV and Arrow files (.gz too) or directories of them; "ingest git" loads a clone\'s history.')
      .usage('[options] <paths...>') // commander would add "[command]" for ingest git, listed below
      .argument('<paths...>', 'files or directories')
      .addOption(new Option('--kind <kind>', "the kind of a CSV file's rows (and the default for records without one)").choices(KINDS))
      .option('--source <name>', 'source for records that name none', 'file')
      .option('--dry-run', 'validate only; store nothing')
      .option('--strict', 'exit 1 if anything was quarantined')
      .option('--no-wait', 'queue the refresh of derived data for the running server\'s worker instead of waiting for it')
      .action(async (paths: string[], options: IngestOptions) => (await import('./commands/ingest.ts')).ingest(paths, options)),
    'sevscope ingest deploys.csv --kind deployment --strict',
  );
  explain(
    ingest
      .command('git')
      .summary("load a local clone's commit history as changes")
      .description("Load a local clone's commit history (HEAD) as changes, marking AI-assisted commits.")
      .argument('<path>', 'the clone')
      .addOption(required(new Option('--service <name>', 'the service this repository deploys')))
      .option('--since <date>', 'only commits since this date (anything git log --since understands)')
      .option('--untagged-means-human', 'record commits without an AI marker as human, not unknown')
      .option('--source <name>', 'source of the records (default: git:<folder name>)')
      .option('--dry-run', 'validate only; store nothing')
      .option('--strict', 'exit 1 if anything was quarantined')
      .option('--no-wait', 'queue the refresh of derived data for the running server\'s worker instead of waiting for it')
      .action(async (repo: string, options: IngestGitOptions) => (await import('./commands/ingest.ts')).ingestGit(repo, options)),
    'sevscope ingest git ../shop --service checkout-api --since 2026-01-01',
  );

  const quarantine = explain(
    program.command('quarantine').description('Records that failed validation: list them, or retry them after a fix.'),
    'sevscope quarantine list --batch 12',
  );
  explain(
    quarantine
      .command('list')
      .summary('what was rejected, and why')
      .description('List quarantined records with their file, line and reason.')
      .option('--batch <id>', 'only this ingest batch')
      .option('--kind <kind>', 'only records of this kind')
      .option('--limit <n>', 'show at most N records', positiveInteger, 50)
      .option('--all', 'include records already resolved')
      .option('--json', 'print the page as JSON (as GET /api/quarantine does)')
      .action(async (options: QuarantineListOptions) => (await import('./commands/quarantine.ts')).quarantineList(options)),
    'sevscope quarantine list --batch 12 --kind incident',
  );
  explain(
    quarantine
      .command('retry')
      .summary('re-validate quarantined records and store those that now pass')
      .description('Re-validate quarantined records (after a fix, e.g. a severity-map entry) and store those that pass.')
      .option('--batch <id>', 'only this ingest batch (default: every unresolved record)')
      .option('--id <ids...>', 'only these quarantine ids')
      .action(async (options: QuarantineRetryOptions) => (await import('./commands/quarantine.ts')).quarantineRetry(options)),
    'sevscope quarantine retry --batch 12',
  );

  const severityMap = explain(
    program.command('severity-map').description('Map a source\'s severity names (e.g. "urgent" → sev1) for ingest.'),
    'sevscope severity-map set urgent sev1',
  );
  explain(
    severityMap
      .command('set')
      .summary('map a source\'s severity name (e.g. "urgent" → sev1)')
      .description('Map a severity name to one of sevscope\'s; then run "sevscope quarantine retry".')
      .argument('<name>', "the source's name (case-insensitive)")
      .addArgument(new Argument('<severity>', "sevscope's severity").choices(SEVERITIES))
      .action(async (name: string, severity: Severity) => (await import('./commands/severity-map.ts')).severityMapSet(name, severity)),
    'sevscope severity-map set urgent sev1',
  );
  explain(
    severityMap
      .command('list')
      .summary('list the custom severity names')
      .description('List the custom severity names.')
      .action(async () => (await import('./commands/severity-map.ts')).severityMapList()),
    'sevscope severity-map list',
  );

  explain(
    program
      .command('refresh')
      .summary('recompute all derived data (cohorts, incident links, rollups)')
      .description('Recompute all derived data (deployment cohorts, incident links, rollups) from the raw tables, as the rebuild job, and wait for it.')
      .action(async () => (await import('./commands/refresh.ts')).refresh()),
    'sevscope refresh',
  );

  explain(
    program
      .command('worker')
      .summary('run the jobs (refresh, rebuild, relink) without serving')
      .description('Run the jobs that keep derived data (refresh, rebuild, relink) without serving the API, to run them apart from the API servers or to add workers.')
      .action(async () => (await import('./commands/worker.ts')).worker()),
    'DATABASE_URL=postgres://sevscope@db.internal/sevscope sevscope worker',
  );

  explain(
    program
      .command('jobs')
      .summary('the newest jobs: state, progress, errors')
      .description('List the newest jobs (refresh, rebuild, relink) with their state, progress and errors.')
      .option('--limit <n>', 'show at most N jobs', positiveInteger, 20)
      .option('--watch', 'redraw every 2 seconds until Ctrl-C')
      .option('--json', 'print the list as JSON (as GET /api/jobs does)')
      .action(async (options: { limit: number; watch?: boolean; json?: boolean }) => (await import('./commands/jobs.ts')).jobs(options)),
    'sevscope jobs --watch',
  );

  const metrics = explain(
    program.command('metrics').description('Headline metrics from the command line.'),
    'sevscope metrics summary --service checkout-api --from 2026-01-01',
  );
  explain(
    metrics
      .command('summary')
      .summary('the headline metrics; --json prints GET /api/metrics/summary\'s object')
      .description('The headline metrics: tagging coverage, CFR per cohort, incidents, DORA, SLOs, governance.')
      .option('--json', "print GET /api/metrics/summary's object")
      .option('--from <date>', 'period start (default: a year before --to)')
      .option('--to <date>', 'period end, exclusive (default: the day after the latest data)')
      .option('--service <name>', 'only this service')
      .option('--team <name>', "only this team's services")
      .option('--domain <domain>', `only this domain: ${DOMAINS.join(', ')}`)
      .option('--tier <n>', 'only services of this tier: 1, 2 or 3')
      .option('--severity <list>', `incident severities, comma-separated, of ${SEVERITIES.join(', ')} (default: sev1,sev2)`)
      .option('--environment <name>', 'only deployments to this environment')
      .option('--min-confidence <x>', 'the least incident-link confidence that counts, in (0, 1] (default: 0.5)')
      .action(async (options: MetricsSummaryOptions) => (await import('./commands/metrics.ts')).metricsSummaryCommand(options)),
    'sevscope metrics summary --json --from 2026-03-01 --to 2026-04-01 --service checkout-api',
  );

  const token = explain(program.command('token').description('API tokens for scripts and pipelines.'), 'sevscope token create --role sre --name ci');
  explain(
    token
      .command('create')
      .summary('print a new API token once')
      .description('Create an API token and print it once (it is stored hashed).')
      .addOption(required(new Option('--role <role>', 'what the token may do').choices(ROLES)))
      .addOption(required(new Option('--name <name>', 'who or what uses the token')))
      .action(async (options: { role: Role; name: string }) => (await import('./commands/token.ts')).tokenCreate(options)),
    'sevscope token create --role sre --name ci',
  );

  const user = explain(program.command('user').description('Local users of the web app and their roles (viewer, sre, admin).'), 'sevscope user add alice --role sre');
  explain(
    user
      .command('add')
      .summary('create a user; the password is asked for (or read from stdin)')
      .description('Create a user. The password is typed without echo at a terminal, or read as the first line of stdin otherwise (at least 8 characters).')
      .argument('<name>', 'the name to sign in with')
      .addOption(required(new Option('--role <role>', 'what the user may do').choices(ROLES)))
      .action(async (name: string, options: { role: Role }) => (await import('./commands/user.ts')).userAdd(name, options)),
    "printf '%s\\n' \"$PASSWORD\" | sevscope user add alice --role sre",
  );
  explain(
    user
      .command('list')
      .summary('list users: role, password or not, last sign-in, state')
      .description('List the users with their role, whether they have a password, their last sign-in and whether they are disabled.')
      .action(async () => (await import('./commands/user.ts')).userList()),
    'sevscope user list',
  );
  explain(
    user
      .command('set-role')
      .summary("change a user's role")
      .description("Change a user's role; it applies to their next request.")
      .argument('<name>', 'the user')
      .addArgument(new Argument('<role>', 'the new role').choices(ROLES))
      .action(async (name: string, role: Role) => (await import('./commands/user.ts')).userSetRole(name, role)),
    'sevscope user set-role alice admin',
  );
  explain(
    user
      .command('disable')
      .summary('disable a user and end their sessions')
      .description('Disable a user: they can no longer sign in, and their sessions and unused sign-in links end.')
      .argument('<name>', 'the user')
      .action(async (name: string) => (await import('./commands/user.ts')).userDisable(name)),
    'sevscope user disable alice',
  );
  explain(
    user
      .command('link')
      .summary('print a one-time sign-in URL for a user (valid one hour)')
      .description('Print a one-time sign-in URL for a user: it signs in once, within one hour. The URL starts with SEVSCOPE_PUBLIC_URL.')
      .argument('<name>', 'the user')
      .action(async (name: string) => (await import('./commands/user.ts')).userLink(name)),
    'sevscope user link admin',
    [...SERVER_ENV, ['SEVSCOPE_PUBLIC_URL', 'the address people open the app at (default: http://HOST:PORT)']],
  );

  for (const command of [program, ...allCommands(program)]) command.showHelpAfterError(usageHint(command));
  return program;
}

const allCommands = (command: Command): Command[] => command.commands.flatMap((sub) => [sub, ...allCommands(sub)]);

/**
 * Runs `sevscope ARGV`: resolves to the exit code — 0 success (and help), 1 failure, 2 bad
 * usage — or to 'serving' when the command (start) keeps the process alive.
 */
export async function run(argv: string[], output: OutputConfiguration = {}): Promise<number | 'serving'> {
  const program = buildProgram(output);
  let ran: Command = program;
  program.hook('preAction', (_program, command) => {
    ran = command;
  });
  const writeErr = output.writeErr ?? ((text: string) => process.stderr.write(text));
  try {
    await program.parseAsync(argv.length === 0 ? ['--help'] : argv, { from: 'user' });
    return ran.name() === 'start' ? 'serving' : Number(process.exitCode ?? 0);
  } catch (error) {
    // Commander has printed its message (or the help) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    writeErr(`sevscope: ${message}\n`);
    if (!(error instanceof UsageError)) return 1;
    writeErr(`${usageHint(ran)}\n`);
    return 2;
  }
}
