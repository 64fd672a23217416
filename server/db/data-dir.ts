// SEVSCOPE_DATA_DIR checked before PostgreSQL sees it, so that each way it can be unusable gets
// its own line saying what to do instead of a server log.
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, chown, lstat, mkdir, readFile, readdir, realpath, rm, rmdir, stat, statfs, symlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { type OsUser, SHARED_DIR, firstBlocked } from './postgres-user.ts';

export interface DataDir {
  /** Where the cluster's files are (the link's target when SEVSCOPE_DATA_DIR is a symlink). */
  path: string;
  initialised: boolean;
  /** Set when this start made SEVSCOPE_DATA_DIR a link to `path`: the user could not reach it. */
  relocated?: { link: string; blockedBy: string };
}

/** initdb writes about 40 MB; below this a new or running cluster soon fails mid-write. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

/**
 * Makes `wanted` usable by the cluster's OS user (`runAs` when we are root, else ourselves).
 * As root, a data dir the 'postgres' user cannot reach (inside /root, mode 700) is created in
 * SHARED_DIR/clusters and SEVSCOPE_DATA_DIR becomes a symlink to it: data still lives "in"
 * SEVSCOPE_DATA_DIR and the home folder keeps its mode.
 */
export async function prepareDataDir(wanted: string, runAs: OsUser | undefined): Promise<DataDir> {
  const link = path.resolve(wanted);
  const dir = await followLink(link);
  const kind = await stat(dir).catch(() => undefined);
  if (kind && !kind.isDirectory()) throw new Error(`SEVSCOPE_DATA_DIR ${dir} is a file, not a folder: point SEVSCOPE_DATA_DIR at a folder (it is created if missing)`);
  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  if (initialised) await assertNotRunning(dir);

  await assertWritable(kind ? dir : nearestExisting(dir), dir);

  let result: DataDir = { path: dir, initialised };
  if (runAs) {
    const blockedBy = firstBlocked(runAs, nearestExisting(path.dirname(dir)));
    if (blockedBy && (initialised || dir !== link || (kind && (await readdir(dir)).length > 0))) {
      throw new Error(`SEVSCOPE_DATA_DIR ${dir} is inside ${blockedBy}, which the '${runAs.name}' user that runs PostgreSQL cannot enter: move the folder somewhere every user can traverse and point SEVSCOPE_DATA_DIR there (or a symlink to it)`);
    }
    result = blockedBy ? { path: await relocate(link, Boolean(kind)), initialised: false, relocated: { link, blockedBy } } : result;
    await create(result.path);
    if (!initialised) {
      await chown(result.path, runAs.uid, runAs.gid).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`cannot give SEVSCOPE_DATA_DIR ${result.path} to the '${runAs.name}' user that runs PostgreSQL: ${error.code ?? error.message}; set SEVSCOPE_DATA_DIR to a writable folder`);
      });
    }
  } else {
    await create(dir);
  }
  await assertFreeSpace(result.path);
  return result;
}

async function followLink(link: string): Promise<string> {
  const entry = await lstat(link).catch(() => undefined);
  if (!entry?.isSymbolicLink()) return link;
  return realpath(link).catch(() => {
    throw new Error(`SEVSCOPE_DATA_DIR ${link} is a symlink to a folder that no longer exists: remove the link to start with a new cluster, or restore its target`);
  });
}

function nearestExisting(dir: string): string {
  return existsSync(dir) || path.dirname(dir) === dir ? dir : nearestExisting(path.dirname(dir));
}

/** access() reports a read-only disk (EROFS) even to root, before any mkdir half-succeeds. */
async function assertWritable(existing: string, dir: string): Promise<void> {
  await access(existing, constants.W_OK | constants.X_OK).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'EROFS' ? `${existing} is on a read-only disk` : `${existing} is not writable by ${userInfo().username}`;
    throw new Error(`SEVSCOPE_DATA_DIR ${dir} cannot be used (${why}): fix its permissions or set SEVSCOPE_DATA_DIR to a folder you can write`);
  });
}

async function create(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot create SEVSCOPE_DATA_DIR ${dir}: ${error.code ?? error.message}; set SEVSCOPE_DATA_DIR to a writable folder`);
  });
}

/** A new cluster folder the 'postgres' user can reach, and SEVSCOPE_DATA_DIR a link to it. */
async function relocate(link: string, emptyDirExists: boolean): Promise<string> {
  const target = path.join(SHARED_DIR, 'clusters', `${path.basename(link)}-${randomBytes(6).toString('hex')}`);
  await create(target);
  try {
    if (emptyDirExists) await rmdir(link);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link);
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw new Error(`cannot create SEVSCOPE_DATA_DIR ${link}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; set SEVSCOPE_DATA_DIR to a writable folder`);
  }
  return target;
}

/** A live postmaster.pid: PostgreSQL would refuse with a lock-file FATAL; say who holds it. */
async function assertNotRunning(dir: string): Promise<void> {
  const pidFile = await readFile(path.join(dir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  // A stale file whose pid now belongs to another program (containers reuse pids) is no lock.
  const command = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => 'postgres');
  if (!command.startsWith('postgres')) return;
  // Its parent gone (reparented to init): the sevscope that started it was killed (SIGKILL).
  const parent = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ')[1];
  if (parent === '1') throw new Error(`SEVSCOPE_DATA_DIR ${dir} is held by a PostgreSQL (pid ${pid}) left running by a sevscope that was killed: stop it (kill -INT ${pid}) and start again`);
  throw new Error(`SEVSCOPE_DATA_DIR ${dir} is in use by a running PostgreSQL (pid ${pid}), probably another sevscope: stop it first, or set SEVSCOPE_DATA_DIR to another folder`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function assertFreeSpace(dir: string): Promise<void> {
  const disk = await statfs(dir);
  const free = disk.bavail * disk.bsize;
  if (free >= MIN_FREE_BYTES) return;
  throw new Error(`the disk holding SEVSCOPE_DATA_DIR ${dir} is full (${Math.floor(free / 1024 / 1024)} MB free, PostgreSQL needs at least ${MIN_FREE_BYTES / 1024 / 1024} MB): free some space or set SEVSCOPE_DATA_DIR to a folder on another disk`);
}
