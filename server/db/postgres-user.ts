// PostgreSQL refuses to run as root: when sevscope is root, the embedded cluster runs as the
// 'postgres' OS user, who must be able to reach the binaries and the data folder.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** Root's world-traversable folder for what the 'postgres' user must reach: binaries, clusters. */
export const SHARED_DIR = '/var/lib/sevscope';

export const runningAsRoot = (): boolean => process.getuid?.() === 0;

/** The 'postgres' user, created (system user, no home) if the machine has none. */
export function postgresUser(): OsUser {
  const found = lookup('postgres');
  if (found) return found;
  const group = spawnSync('groupadd', ['-f', '--system', 'postgres'], { encoding: 'utf8' });
  const user = group.status === 0 ? spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' }) : group;
  const created = lookup('postgres');
  if (created) return created;
  const reason = (user.error?.message ?? user.stderr ?? '').trim().replace(/\s+/g, ' ') || `exit ${user.status}`;
  throw new Error(`sevscope runs as root, so its PostgreSQL must run as the 'postgres' user, which does not exist and could not be created (${reason}); create it (useradd --system postgres) or run sevscope as another user`);
}

function lookup(name: string): OsUser | undefined {
  const result = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
  const [, , uid, gid] = result.status === 0 ? result.stdout.trim().split(':') : [];
  return uid && gid ? { name, uid: Number(uid), gid: Number(gid) } : undefined;
}

/**
 * Whether `user` passes `test <flag> target`. Asked of the OS as that user (same uid, gid and
 * no supplementary groups, as the cluster will run), so modes, ACLs and every parent count.
 */
export function userCan(user: OsUser, flag: '-x' | '-w', target: string): boolean {
  return spawnSync('test', [flag, target], { uid: user.uid, gid: user.gid, cwd: '/' }).status === 0;
}

/** The first folder on the way to `target` (an existing path) that `user` cannot enter. */
export function firstBlocked(user: OsUser, target: string): string | undefined {
  if (userCan(user, '-x', target)) return undefined;
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const folder = path.sep + parts.slice(0, i).join(path.sep);
    if (!userCan(user, '-x', folder)) return folder;
  }
  return undefined;
}
