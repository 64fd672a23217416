// `sevscope start` as a new user runs it: from a clone in a mode-700 home (root's, in a
// container), and every way start-up can fail ending in one line that says what to do.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, copyFile, link, lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedCluster, startEmbeddedPostgres } from '../../server/db/embedded-postgres.ts';
import { installedBinaries } from '../../server/db/postgres-binaries.ts';
import { SHARED_DIR, firstBlocked, postgresUser } from '../../server/db/postgres-user.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { PROJECT, freePort, runCli, startServer } from '../support/cli-process.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeDeployment, makeService } from '../support/factories.ts';

const asRoot = process.getuid?.() === 0;
let home: string;
/** Where the small disks are mounted: a folder every user can enter, unlike home. */
let open: string;
const clusters: string[] = [];

beforeAll(async () => {
  await ensureWebBuilt();
  // Inside the project (its tmp/ is ignored by git) so that hard links to node_modules work.
  await mkdir(path.join(PROJECT, 'tmp'), { recursive: true });
  home = await mkdtemp(path.join(PROJECT, 'tmp', 'home-'));
  expect((await stat(home)).mode & 0o777).toBe(0o700);
  open = await mkdtemp(path.join(PROJECT, 'tmp', 'disks-'));
  await chmod(open, 0o755);
}, 120_000);

afterAll(async () => {
  for (const dir of clusters) await rm(dir, { recursive: true, force: true });
  for (const dir of [home, open]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** The cluster folder a data dir ended up in (the link's target as root), removed after the run. */
async function clusterOf(dataDir: string): Promise<string> {
  const entry = await lstat(dataDir);
  const dir = entry.isSymbolicLink() ? await readlink(dataDir) : dataDir;
  clusters.push(dir);
  return dir;
}

describe('sevscope start from a clone in a mode-700 home', () => {
  it('creates its cluster, serves health and stops it, without opening the home', async () => {
    // A clone: the project's files, node_modules hard-linked (a copy of 250 MB would be slow).
    const project = path.join(home, 'sevscope');
    await mkdir(project);
    for (const entry of ['bin', 'server', 'ingest', 'migrations', 'web', 'node_modules', 'package.json', 'tsconfig.json']) {
      execFileSync('cp', ['-al', path.join(PROJECT, entry), path.join(project, entry)]);
    }
    // Data of one's own first, so that start has no demo to load (that is the smoke test's part).
    const input = path.join(home, 'own.ndjson');
    const records = [makeService({ id: 'shop-api' }), makeDeployment({ service: 'shop-api', finished_at: '2026-11-02T10:00:00.000Z' })];
    await writeFile(input, records.map((record) => JSON.stringify(record)).join('\n'));
    const ingest = await runCli(['ingest', input], { project });
    const dataDir = path.join(project, '.sevscope', 'pg');
    const cluster = await clusterOf(dataDir);
    expect(ingest.stderr).not.toMatch(/Error|\n\s+at /);
    expect(ingest.code).toBe(0);
    if (asRoot) {
      // The 'postgres' user cannot enter the home: the cluster lives where it can, linked from the data dir.
      expect(ingest.stderr).toContain(`${dataDir} links there because the 'postgres' user that runs it cannot enter ${home}`);
      expect(cluster.startsWith(path.join(SHARED_DIR, 'clusters', 'pg-'))).toBe(true);
      // So do the binaries: a copy of the clone's, made once per version.
      const { version } = await installedBinaries();
      expect(existsSync(path.join(SHARED_DIR, `postgres-${version}-${process.platform}-${process.arch}`, 'bin', 'postgres'))).toBe(true);
    }
    expect(existsSync(path.join(cluster, 'PG_VERSION'))).toBe(true);

    const port = await freePort();
    const server = await startServer({ project, port });
    expect(server.output()).toContain(`database: embedded PostgreSQL in ${cluster}`);
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { reachable: true, embedded: true }, demo: { loaded: false, loaded_at: null, loading: false } });
    expect(health.counts).toMatchObject({ services: 1, deployments: 1 });
    expect(await server.stop()).toBe(0);
    expect(existsSync(path.join(cluster, 'postmaster.pid'))).toBe(false); // PostgreSQL stopped with it
    expect((await stat(home)).mode & 0o777).toBe(0o700);
  }, 60_000);
});

describe('as a user other than root', () => {
  // Root stands in for a user by running the command as the 'postgres' OS user; that user must
  // be able to read this project (not so when it is cloned into a mode-700 home).
  const user = asRoot ? postgresUser() : undefined;
  it.runIf(user && !firstBlocked(user, PROJECT))('runs PostgreSQL as that user, from the installed binaries and the data dir as given', async () => {
    const mine = path.join(open, 'users-own');
    await mkdir(mine);
    await chown(mine, user!.uid, user!.gid);
    // This Node may be one npx put in root's home: the user runs a hard link to it instead.
    let node = process.execPath;
    if (firstBlocked(user!, node)) {
      node = path.join(mine, 'node');
      await link(process.execPath, node).catch(() => copyFile(process.execPath, node)); // another disk: copy
    }
    const dataDir = path.join(mine, 'pg');
    clusters.push(dataDir);
    const run = await runCli(['migrate'], { env: { SEVSCOPE_DATA_DIR: dataDir }, node, uid: user!.uid, gid: user!.gid });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^applied: 202611230900_core_schema, .+\n$/); // a new cluster: every migration
    expect(run.code).toBe(0);
    expect((await lstat(dataDir)).isSymbolicLink()).toBe(false);
    expect((await stat(path.join(dataDir, 'PG_VERSION'))).uid).toBe(user!.uid);
  }, 30_000);
});

describe('sevscope start with DATABASE_URL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('never loads the demo into an empty database unasked, and says how to fill it', async () => {
    const port = await freePort();
    const server = await startServer({ port, env: { DATABASE_URL: t.url } });
    expect(server.output()).toContain('the database is empty: load your data with sevscope ingest (or a demo year with sevscope seed-demo)');
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health.database.embedded).toBe(false);
    expect(health.demo).toEqual({ loaded: false, loaded_at: null, loading: false, records_loaded: null });
    expect(health.counts.deployments).toBe(0);
    // On failure, the message is what start printed.
    expect(await server.stop(), server.output()).toBe(0);
  }, 30_000);
});

describe('start-up failures: one line saying what is wrong and what to do', () => {
  let blocker: Server | undefined;
  let cluster: EmbeddedCluster | undefined;
  const mounts: string[] = [];
  afterAll(async () => {
    blocker?.close();
    await cluster?.stop();
    for (const mount of mounts) execFileSync('umount', [mount]);
  });

  async function failsWith(env: Record<string, string>, line: string): Promise<void> {
    const run = await runCli(['start'], { env: { PORT: String(await freePort()), ...env } });
    expect(run.stderr).toBe(`sevscope: ${line}\n`);
    expect(run.code).toBe(1);
  }

  it('port in use', async () => {
    const port = await freePort();
    blocker = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => blocker!.once('listening', resolve));
    await failsWith({ PORT: String(port) }, `port ${port} on 127.0.0.1 is already in use; set PORT to a free port`);
  });

  it('a HOST that is not an address of this machine', async () => {
    await failsWith({ HOST: '192.0.2.1' }, 'cannot listen on 192.0.2.1: not an address of this machine; set HOST (default 127.0.0.1)'); // TEST-NET-1
  });

  it('unreachable DATABASE_URL', async () => {
    const closed = await freePort();
    await failsWith(
      { DATABASE_URL: `postgres://sevscope:secret@127.0.0.1:${closed}/sevscope` },
      `cannot reach the database at postgres://sevscope:***@127.0.0.1:${closed}/sevscope (connect ECONNREFUSED 127.0.0.1:${closed}): check DATABASE_URL, or unset it to use the embedded PostgreSQL`,
    );
  });

  it('a data dir that is a file', async () => {
    const file = path.join(home, 'a-file');
    await writeFile(file, 'not a folder');
    await failsWith({ SEVSCOPE_DATA_DIR: file }, `SEVSCOPE_DATA_DIR ${file} is a file, not a folder: point SEVSCOPE_DATA_DIR at a folder (it is created if missing)`);
  });

  it('a data dir that another running cluster holds', async () => {
    const dataDir = path.join(home, 'in-use', 'pg');
    cluster = await startEmbeddedPostgres(dataDir);
    clusters.push(cluster.dataDir);
    const pid = Number(execFileSync('head', ['-1', path.join(cluster.dataDir, 'postmaster.pid')], { encoding: 'utf8' }));
    await failsWith(
      { SEVSCOPE_DATA_DIR: dataDir },
      `SEVSCOPE_DATA_DIR ${cluster.dataDir} is in use by a running PostgreSQL (pid ${pid}), probably another sevscope: stop it first, or set SEVSCOPE_DATA_DIR to another folder`,
    );
  }, 30_000);

  it('a data dir whose PostgreSQL outlived a killed sevscope', async () => {
    const dataDir = path.join(open, 'orphan', 'pg');
    const code = `import { startEmbeddedPostgres } from ${JSON.stringify(path.join(PROJECT, 'server/db/embedded-postgres.ts'))};
      const cluster = await startEmbeddedPostgres(${JSON.stringify(dataDir)}); console.log('ready'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: PROJECT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    holder.kill('SIGKILL'); // no exit hook runs: the server stays
    await new Promise((resolve) => holder.once('close', resolve));
    clusters.push(dataDir);
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    try {
      await failsWith(
        { SEVSCOPE_DATA_DIR: dataDir },
        `SEVSCOPE_DATA_DIR ${dataDir} is held by a PostgreSQL (pid ${pid}) left running by a sevscope that was killed: stop it (kill -INT ${pid}) and start again`,
      );
    } finally {
      process.kill(pid, 'SIGINT');
      while (existsSync(path.join(dataDir, 'postmaster.pid'))) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 30_000);

  it('a data dir symlinked to a folder that is gone', async () => {
    const link = path.join(home, 'dangling');
    execFileSync('ln', ['-s', path.join(home, 'gone'), link]);
    await failsWith(
      { SEVSCOPE_DATA_DIR: link },
      `SEVSCOPE_DATA_DIR ${link} is a symlink to a folder that no longer exists: remove the link to start with a new cluster, or restore its target`,
    );
  });

  it('a data dir that cannot be written', async () => {
    const readOnly = path.join(open, 'read-only');
    await mkdir(readOnly);
    const user = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
    // Root may write anywhere but on a read-only disk.
    if (asRoot) {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly]);
      mounts.push(readOnly);
    } else {
      await chmod(readOnly, 0o500);
    }
    const why = asRoot ? `${readOnly} is on a read-only disk` : `${readOnly} is not writable by ${user}`;
    await failsWith(
      { SEVSCOPE_DATA_DIR: path.join(readOnly, 'pg') },
      `SEVSCOPE_DATA_DIR ${readOnly}/pg cannot be used (${why}): fix its permissions or set SEVSCOPE_DATA_DIR to a folder you can write`,
    );
  });

  // Mounting a small disk, and a folder that stops the 'postgres' user, need root.
  it.runIf(asRoot)('a full disk', async () => {
    const disk = path.join(open, 'small-disk');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', disk]);
    mounts.push(disk);
    execFileSync('dd', ['if=/dev/zero', `of=${disk}/filler`, 'bs=1M', 'count=6'], { stdio: 'ignore' });
    await failsWith(
      { SEVSCOPE_DATA_DIR: path.join(disk, 'pg') },
      `the disk holding SEVSCOPE_DATA_DIR ${disk}/pg is full (2 MB free, PostgreSQL needs at least 64 MB): free some space or set SEVSCOPE_DATA_DIR to a folder on another disk`,
    );
  });

  it.runIf(asRoot)('as root, an existing cluster inside a folder the postgres user cannot enter', async () => {
    const dataDir = path.join(home, 'old', 'pg');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'PG_VERSION'), '18\n');
    await failsWith(
      { SEVSCOPE_DATA_DIR: dataDir },
      `SEVSCOPE_DATA_DIR ${dataDir} is inside ${home}, which the 'postgres' user that runs PostgreSQL cannot enter: move the folder somewhere every user can traverse and point SEVSCOPE_DATA_DIR there (or a symlink to it)`,
    );
  });
});
