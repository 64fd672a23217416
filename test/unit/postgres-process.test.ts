// initdb and postgres failing to even start (not executable, missing) reject with one line
// instead of an unhandled 'error' event that would crash the process with a stack trace.
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd, startPostmaster } from '../../server/db/postgres-process.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sevscope-spawn-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('PostgreSQL processes that cannot run', () => {
  it('a binary without execute permission', async () => {
    const file = path.join(dir, 'initdb');
    await writeFile(file, '#!/bin/sh\n', { mode: 0o644 });
    await expect(runToEnd(file, [], { runAs: undefined })).rejects.toThrow(
      `cannot run ${file} as this user (EACCES): reinstall with npm ci, or set DATABASE_URL to a PostgreSQL server`,
    );
  });

  it('a missing binary', async () => {
    const file = path.join(dir, 'postgres');
    await expect(startPostmaster(file, [], { runAs: undefined })).rejects.toThrow(`cannot run ${file} as this user (ENOENT)`);
  });

  it('a server that exits during start-up says what it logged', async () => {
    const file = path.join(dir, 'failing-postgres');
    await writeFile(file, '#!/bin/sh\necho \'FATAL:  data directory "/x" has invalid permissions\' >&2\nexit 1\n', { mode: 0o755 });
    await expect(startPostmaster(file, [], { runAs: undefined })).rejects.toThrow('FATAL:  data directory "/x" has invalid permissions');
  });
});
