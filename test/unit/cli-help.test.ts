// `--help` on every command, and the usage errors, through the command tree in-process (fast),
// then through the real `sevscope` process for the exit codes and "help starts no work".
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_SEED } from '../../ingest/demo/index.ts';
import { DEFAULT_MIN_CONFIDENCE, DEFAULT_SEVERITIES } from '../../server/analytics/filters.ts';
import { buildProgram, run } from '../../server/cli-program.ts';
import { readConfig } from '../../server/config.ts';

const CLI = fileURLToPath(new URL('../../bin/sevscope.js', import.meta.url));

// Every command path; '' is `sevscope` itself.
const COMMANDS = [
  '',
  'start',
  'migrate',
  'seed-demo',
  'ingest',
  'ingest git',
  'quarantine',
  'quarantine list',
  'quarantine retry',
  'severity-map',
  'severity-map set',
  'severity-map list',
  'refresh',
  'worker',
  'jobs',
  'metrics',
  'metrics summary',
  'token',
  'token create',
  'user',
  'user add',
  'user list',
  'user set-role',
  'user disable',
  'user link',
];

let scratch: string;
let dataDir: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'sevscope-cli-'));
  dataDir = path.join(scratch, 'pg'); // an embedded database would be created here
  // Should an action run in-process after all, it finds no database rather than a real one.
  process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none';
  process.env.SEVSCOPE_DATA_DIR = dataDir;
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function inProcess(argv: string[]): Promise<{ code: number | 'serving'; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { writeOut: (text) => void (stdout += text), writeErr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

const args = (command: string) => command.split(' ').filter(Boolean);
const named = (command: string) => `sevscope${command ? ` ${command}` : ''}`;
/** Help wraps at 80 columns: compare text with runs of whitespace as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('sevscope … --help (in-process)', () => {
  it('covers every command the program has', () => {
    const paths = (command: Command, prefix: string[] = []): string[] =>
      command.commands.flatMap((sub) => [[...prefix, sub.name()].join(' '), ...paths(sub, [...prefix, sub.name()])]);
    expect(['', ...paths(buildProgram())].sort()).toEqual([...COMMANDS].sort());
  });

  for (const command of COMMANDS) {
    for (const flag of ['--help', '-h']) {
      it(`${named(command)} ${flag}: usage, environment and an example on stdout, exit 0`, async () => {
        const { code, stdout, stderr } = await inProcess([...args(command), flag]);
        expect(code).toBe(0);
        expect(stderr).toBe('');
        expect(stdout.startsWith(`Usage: ${named(command)} `)).toBe(true);
        expect(stdout).toMatch(/^ {2}-h, --help +display help for command$/m);
        expect(stdout).toMatch(/\nEnvironment:\n {2}DATABASE_URL .*\n {2}SEVSCOPE_DATA_DIR /);
        // One example, and it uses this command.
        const example = stdout.match(/\nExample:\n {2}(.+)\n$/)?.[1];
        expect(example).toContain(named(command));
        expect(stdout.match(/Example:/g)).toHaveLength(1);
      });
    }
  }

  it('sevscope --help lists every runnable command by its full name', async () => {
    const { stdout } = await inProcess(['--help']);
    const listed = stdout
      .slice(stdout.indexOf('\nCommands:\n'), stdout.indexOf('\nEnvironment:'))
      .split('\n')
      .map((line) => line.match(/^ {2}([a-z-]+(?: [a-z-]+)?)(?= |$)/)?.[1])
      .filter(Boolean);
    // Groups (quarantine, severity-map, metrics, token, user) run nothing: their subcommands stand for them.
    expect(listed).toEqual(['start', 'migrate', 'seed-demo', 'ingest', 'ingest git', 'quarantine list', 'quarantine retry', 'severity-map set', 'severity-map list', 'refresh', 'worker', 'jobs', 'metrics summary', 'token create', 'user add', 'user list', 'user set-role', 'user disable', 'user link', 'help']);
  });

  it('sevscope with no command prints the same help, exit 0', async () => {
    expect(await inProcess([])).toEqual(await inProcess(['--help']));
  });

  it('sevscope help ingest is sevscope ingest --help', async () => {
    const help = await inProcess(['help', 'ingest']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe((await inProcess(['ingest', '--help'])).stdout);
  });

  it('help wins over missing arguments and required options', async () => {
    const { code, stdout } = await inProcess(['ingest', 'git', '../shop', '--since', '2026-01-01', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: sevscope ingest git \[options\] <path>\n/);
  });

  it('states the defaults the code uses', async () => {
    const config = readConfig({});
    const start = flat((await inProcess(['start', '--help'])).stdout);
    expect(start).toContain(`PORT the port to listen on (default: ${config.port})`);
    expect(start).toContain(`HOST the address to listen on (default: ${config.host})`);
    expect(start).toContain(`SEVSCOPE_DATA_DIR the embedded server's data directory (default: ./${path.relative(process.cwd(), config.dataDir)})`);
    expect(flat((await inProcess(['seed-demo', '--help'])).stdout)).toContain(`--seed <n> random seed (default: ${DEFAULT_DEMO_SEED})`);
    const summary = flat((await inProcess(['metrics', 'summary', '--help'])).stdout);
    expect(summary).toContain(`(default: ${DEFAULT_SEVERITIES.join(',')})`);
    expect(summary).toContain(`(default: ${DEFAULT_MIN_CONFIDENCE})`);
    expect(flat((await inProcess(['quarantine', 'list', '--help'])).stdout)).toContain('--limit <n> show at most N records (default: 50)');
    expect(flat((await inProcess(['ingest', '--help'])).stdout)).toContain('--source <name> source for records that name none (default: "file")');
  });

  for (const command of COMMANDS) {
    it(`${named(command)} --no-such-option: exit 2 naming it and where to look`, async () => {
      const { code, stdout, stderr } = await inProcess([...args(command), '--no-such-option']);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`sevscope: unknown option '--no-such-option'\nrun "${named(command)} --help" for usage\n`);
    });
  }

  it('an unknown command or subcommand: exit 2 naming it', async () => {
    expect(await inProcess(['frobnicate'])).toEqual({ code: 2, stdout: '', stderr: `sevscope: unknown command 'frobnicate'\nrun "sevscope --help" for usage\n` });
    const purge = await inProcess(['quarantine', 'purge']);
    expect(purge.code).toBe(2);
    expect(purge.stderr).toBe(`sevscope: unknown command 'purge'\nrun "sevscope quarantine --help" for usage\n`);
  });

  it('bad values are usage errors naming the option or argument (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['ingest', 'a.csv', '--kind', 'deploy'], /^sevscope: option '--kind <kind>' argument 'deploy' is invalid\. Allowed choices are service, person, change, deployment, /],
      [['ingest', 'git', '../shop'], /^sevscope: required option '--service <name>' not specified\nrun "sevscope ingest git --help" for usage\n$/],
      [['ingest'], /^sevscope: missing required argument 'paths'\n/],
      [['quarantine', 'list', '--limit', '0'], /^sevscope: option '--limit <n>' argument '0' is invalid\. expected a positive integer\.\n/],
      [['seed-demo', '--seed', '1.5'], /^sevscope: option '--seed <n>' argument '1\.5' is invalid\. expected an integer\.\n/],
      [['severity-map', 'set', 'urgent', 'sev9'], /^sevscope: command-argument value 'sev9' is invalid for argument 'severity'\. Allowed choices are sev1, sev2, sev3, sev4\./],
      [['token', 'create', '--role', 'root', '--name', 'ci'], /^sevscope: option '--role <role>' argument 'root' is invalid\. Allowed choices are viewer, sre, admin\./],
      [['token', 'create', '--role', 'sre'], /^sevscope: required option '--name <name>' not specified\n/],
      [['user', 'add', 'alice', '--role', 'root'], /^sevscope: option '--role <role>' argument 'root' is invalid\. Allowed choices are viewer, sre, admin\./],
      [['user', 'add', 'alice'], /^sevscope: required option '--role <role>' not specified\n/],
      [['user', 'set-role', 'alice', 'owner'], /^sevscope: command-argument value 'owner' is invalid for argument 'role'\. Allowed choices are viewer, sre, admin\./],
      [['user', 'link'], /^sevscope: missing required argument 'name'\n/],
      [['refresh', 'now'], /^sevscope: too many arguments for 'refresh'\. Expected 0 arguments but got 1\.\n/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await inProcess(argv);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(stderr).toMatch(message);
    }
  });

  it('a group without its subcommand shows its help on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await inProcess(['quarantine']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: sevscope quarantine \[options\] \[command\]\n/);
  });

  it('ran no command: nothing was created where the embedded database lives', () => {
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('the sevscope process', () => {
  const spawned = (argv: string[], env: NodeJS.ProcessEnv) =>
    promisify(execFile)(process.execPath, [CLI, ...argv], { env: { ...process.env, ...env }, timeout: 20_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('answers --help without starting work: start does not serve, migrate does not migrate', async () => {
    // No DATABASE_URL: real work would create the embedded database in SEVSCOPE_DATA_DIR.
    const env = { DATABASE_URL: '', SEVSCOPE_DATA_DIR: dataDir };
    const runs = await Promise.all([['start', '--help'], ['migrate', '-h'], ['ingest', 'git', '--help'], ['metrics', 'summary', '-h'], []].map((argv) => spawned(argv, env)));
    for (const [i, command] of ['start', 'migrate', 'ingest git', 'metrics summary', ''].entries()) {
      expect(runs[i]).toMatchObject({ code: 0, stderr: '' });
      expect(runs[i]!.stdout.startsWith(`Usage: ${named(command)} `)).toBe(true);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 2 on an unknown option or command, 1 on a failure, with no stack trace', async () => {
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SEVSCOPE_DATA_DIR: dataDir };
    const [option, command, failure] = await Promise.all([spawned(['quarantine', 'list', '--bogus'], env), spawned(['frobnicate'], env), spawned(['refresh'], env)]);
    expect(option).toEqual({ code: 2, stdout: '', stderr: `sevscope: unknown option '--bogus'\nrun "sevscope quarantine list --help" for usage\n` });
    expect(command).toEqual({ code: 2, stdout: '', stderr: `sevscope: unknown command 'frobnicate'\nrun "sevscope --help" for usage\n` });
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/^sevscope: cannot reach the database at postgres:\/\/nobody@127\.0\.0\.1:1\/none \(.+\): check DATABASE_URL, or unset it to use the embedded PostgreSQL\n$/);
  });
});
