// The commands through the real `sevscope` process: the options commander parses reach the
// command under the names it reads (--dry-run, --untagged-means-human, --min-confidence, …).
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { firstRunSignInPath } from '../../server/commands/user.ts';
import { connect } from '../../server/db/connection.ts';
import { checkPassword, consumeSignInLink, createSession } from '../../server/db/users.repository.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { databaseUrl } from '../support/database-url.ts';

const CLI = fileURLToPath(new URL('../../bin/sevscope.js', import.meta.url));
let t: TestDatabase;
let scratch: string;

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await mkdtemp(path.join(tmpdir(), 'sevscope-cli-'));
});
afterAll(async () => {
  await t.drop();
  await rm(scratch, { recursive: true, force: true });
});

function sevscope(argv: string[], url = t.url, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...argv], { env: { ...process.env, DATABASE_URL: url, SEVSCOPE_PUBLIC_URL: 'https://sevscope.example' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    // A pipe, not a TTY: `user add` reads the password from it.
    child.stdin!.end(input ?? '');
  });
}

const count = async (table: 'deployments' | 'incidents' | 'quarantine' | 'changes') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('sevscope ingest, quarantine, severity-map', () => {
  it('--dry-run --strict validates, stores nothing and exits 1; then --source names the records; the quarantined one is retried after a severity-map entry', async () => {
    const file = path.join(scratch, 'records.ndjson');
    await writeFile(
      file,
      [
        { kind: 'deployment', id: 'd-1', service: 'shop', environment: 'production', started_at: '2026-03-01T10:00:00Z', status: 'succeeded' },
        { kind: 'incident', id: 'i-1', title: 'checkout down', services: ['shop'], severity: 'urgent', status: 'resolved', impact_started_at: '2026-03-01T10:30:00Z' },
      ]
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );

    const dry = await sevscope(['ingest', file, '--dry-run', '--strict']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/^validated \(dry run, nothing stored\): 2 records in /);
    expect(dry.stderr).toBe('sevscope: --strict: 1 record(s) quarantined\n');
    expect([await count('deployments'), await count('quarantine')]).toEqual([0, 0]);

    const stored = await sevscope(['ingest', file, '--source', 'ci']);
    expect(stored.code).toBe(0);
    expect(await t.db.selectFrom('deployments').select(['source', 'external_id']).execute()).toEqual([{ source: 'ci', external_id: 'd-1' }]);

    const listed = await sevscope(['quarantine', 'list', '--json', '--limit', '1']);
    const page = JSON.parse(listed.stdout) as { total: number; items: { id: string; record_id: string; reason: string }[] };
    expect(page.total).toBe(1);
    expect(page.items.map((item) => [item.record_id, item.reason])).toEqual([['i-1', expect.stringMatching(/^incident\.severity: .*got "urgent"$/)]]);

    expect((await sevscope(['severity-map', 'set', 'Urgent', 'sev1'])).stdout).toBe('urgent → sev1; run "sevscope quarantine retry" to re-check quarantined records\n');
    expect((await sevscope(['severity-map', 'list'])).stdout).toBe('urgent → sev1\n');
    const retried = await sevscope(['quarantine', 'retry', '--id', String(page.items[0]!.id)]);
    expect(retried.stdout).toMatch(/^retried 1: 1 now valid, 0 still invalid/);
    expect(await t.db.selectFrom('incidents').select(['external_id', 'severity']).execute()).toEqual([{ external_id: 'i-1', severity: 'sev1' }]);
  });
});

describe('sevscope ingest git', () => {
  it('passes --since, --source and --untagged-means-human to the scanner', async () => {
    const repo = path.join(scratch, 'shop');
    const git = (args: string[], date?: string) =>
      execFileSync('git', ['-C', repo, ...args], {
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    execFileSync('git', ['init', '-q', repo], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git(['commit', '-q', '--allow-empty', '-m', 'old'], '2026-01-05T10:00:00Z');
    git(['commit', '-q', '--allow-empty', '-m', 'new'], '2026-02-05T10:00:00Z');

    const run = await sevscope(['ingest', 'git', repo, '--service', 'shop', '--since', '2026-02-01', '--source', 'git:test', '--untagged-means-human']);
    expect(run.code).toBe(0);
    const changes = await t.db.selectFrom('changes').select(['source', 'title', 'ai_assisted']).execute();
    expect(changes).toEqual([{ source: 'git:test', title: 'new', ai_assisted: false }]);
  });
});

describe('sevscope metrics summary', () => {
  it('reads --min-confidence (a bad value is a usage error naming it)', async () => {
    const bad = await sevscope(['metrics', 'summary', '--min-confidence', '2']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'sevscope: --min-confidence: expected a number in (0, 1], got "2"\nrun "sevscope metrics summary --help" for usage\n' });
  });
});

describe('sevscope token create', () => {
  it('prints a token once and stores its role and name', async () => {
    const created = await sevscope(['token', 'create', '--role', 'viewer', '--name', 'ci-bot']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^sev_[\w-]{32}\n$/);
    expect(await t.db.selectFrom('api_tokens').select(['role', 'name']).execute()).toEqual([{ role: 'viewer', name: 'ci-bot' }]);
  });
});

describe('sevscope user', () => {
  it('adds a user with the password from stdin, lists, changes the role, prints a one-time link, disables', async () => {
    const added = await sevscope(['user', 'add', 'alice', '--role', 'sre'], t.url, 'a long secret\n');
    expect(added).toEqual({ code: 0, stdout: 'user alice created with role sre\n', stderr: '' });
    const row = await t.db.selectFrom('users').select(['name', 'role', 'password_hash']).where('name', '=', 'alice').executeTakeFirstOrThrow();
    expect(row.role).toBe('sre');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    // The stored hash checks the password that came through stdin, newline not included.
    expect(await checkPassword(t.db, 'alice', 'a long secret')).toMatchObject({ ok: true });
    expect((await sevscope(['user', 'add', 'alice', '--role', 'sre'], t.url, 'a long secret\n')).stderr).toBe('sevscope: a user named "alice" exists\nrun "sevscope user add --help" for usage\n');
    expect((await sevscope(['user', 'add', 'bob', '--role', 'viewer'], t.url, 'short\n')).stderr).toMatch(/^sevscope: the password needs at least 8 characters\n/);

    expect((await sevscope(['user', 'set-role', 'alice', 'admin'])).stdout).toBe('user alice: role sre → admin\n');
    const list = await sevscope(['user', 'list']);
    expect(list.stdout.split('\n')[0]).toMatch(/^name +role +password +last sign-in +state$/);
    expect(list.stdout.split('\n')[1]).toMatch(/^alice +admin +yes +never +enabled$/);

    const link = await sevscope(['user', 'link', 'alice']);
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/^https:\/\/sevscope\.example\/sign-in\/[\w-]{43}\n$/);
    expect(link.stderr).toMatch(/^one-time sign-in link for alice \(admin\), valid until 20/);
    const token = link.stdout.trim().split('/').at(-1)!;
    expect(await consumeSignInLink(t.db, token)).toMatchObject({ ok: true });
    expect(await consumeSignInLink(t.db, token)).toEqual({ ok: false, reason: 'used' });

    expect((await sevscope(['user', 'disable', 'alice'])).stdout).toBe('user alice disabled; their sessions ended\n');
    expect((await checkPassword(t.db, 'alice', 'a long secret')).ok).toBe(false);
    expect((await sevscope(['user', 'link', 'nobody'])).stderr).toMatch(/^sevscope: no user named "nobody"/);
    const audited = await t.db.selectFrom('audit_log').select(['actor', 'action']).where('entity', '=', 'user').orderBy('id').execute();
    expect(audited).toEqual([{ actor: 'cli', action: 'create' }, { actor: 'cli', action: 'update' }, { actor: 'cli', action: 'update' }]);
  });

  it("start's first run: creates the admin and a link; a new link each start until an admin signs in, then none", async () => {
    const name = `${inject('templateDatabase').replace('template', 'fresh')}_${randomBytes(4).toString('hex')}`;
    const admin = connect(inject('adminUrl'), 1);
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(inject('templateDatabase'))}`.execute(admin);
    const db = connect(databaseUrl(inject('adminUrl'), name), 1);
    try {
      const first = await firstRunSignInPath(db);
      expect(first).toMatch(/^\/sign-in\/[\w-]{43}$/);
      expect(await db.selectFrom('users').select(['name', 'role', 'password_hash']).execute()).toEqual([{ name: 'admin', role: 'admin', password_hash: null }]);
      const second = await firstRunSignInPath(db);
      expect(second).not.toBe(first);
      const used = await consumeSignInLink(db, second!.split('/').at(-1)!);
      expect(used.ok).toBe(true);
      await createSession(db, (used as { userId: string }).userId);
      expect(await firstRunSignInPath(db)).toBeNull();
      expect(await db.selectFrom('users').select('name').execute()).toHaveLength(1);
    } finally {
      await db.destroy();
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    }
  });
});

describe('sevscope migrate', () => {
  it('names the migrations it applies to an empty database, then says it is up to date', async () => {
    const name = `${inject('templateDatabase').replace('template', 'empty')}_${randomBytes(4).toString('hex')}`;
    const admin = connect(inject('adminUrl'), 1);
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
    try {
      const url = databaseUrl(inject('adminUrl'), name);
      const first = await sevscope(['migrate'], url);
      expect(first.stdout).toMatch(/^applied: 202611230900_core_schema, 202611231000_ingest_batch_tracking, .+\n$/);
      expect(await sevscope(['migrate'], url)).toEqual({ code: 0, stdout: 'database is up to date\n', stderr: '' });
    } finally {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    }
  });
});
