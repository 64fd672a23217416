// The git source against small real repositories built with git itself: fixed identities and
// dates, so every field of every record is known here.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCustomMarkers } from '../../ingest/ai-markers.ts';
import type { AiTag, ChangeRecord, Validated } from '../../ingest/model.ts';
import { scanGitRepository, type GitScanOptions } from '../../ingest/sources/git.ts';

// Neither the machine's nor the user's git configuration may change what the test builds.
const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

interface Person {
  name: string;
  email: string;
}

const ADA: Person = { name: 'Ada Lovelace', email: 'Ada@Example.com' };
const COPILOT: Person = { name: 'Copilot', email: '198982749+Copilot@users.noreply.github.com' };
const ZOE: Person = { name: 'Zoë Ångström', email: 'zoe@example.se' };
const TARO: Person = { name: '山田太郎', email: 'taro@example.jp' };

function git(repo: string, args: string[], env: Record<string, string> = {}, input?: string | Buffer): string {
  return execFileSync('git', ['-C', repo, ...args], { env: { ...GIT_ENV, ...env }, input, encoding: 'utf8' }).trim();
}

function identityEnv(author: Person, at: string, committer: Person = author, committedAt: string = at): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: at,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: committedAt,
  };
}

interface CommitSpec {
  author: Person;
  at: string;
  committer?: Person;
  committedAt?: string;
  message: string;
  files?: Record<string, string | Buffer>;
}

/** Writes the files, commits them, and returns the new commit's sha. */
async function commit(repo: string, spec: CommitSpec): Promise<string> {
  for (const [name, content] of Object.entries(spec.files ?? {})) {
    await writeFile(path.join(repo, name), content);
    git(repo, ['add', name]);
  }
  git(repo, ['commit', '-q', '--allow-empty', '-F', '-'], identityEnv(spec.author, spec.at, spec.committer, spec.committedAt), spec.message);
  return git(repo, ['rev-parse', 'HEAD']);
}

let workDir: string;

async function makeRepo(name: string): Promise<string> {
  const repo = path.join(workDir, name);
  await mkdir(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  return repo;
}

async function scan(repo: string, options: Partial<GitScanOptions> = {}): Promise<Validated[][]> {
  const slices: Validated[][] = [];
  for await (const slice of scanGitRepository(repo, { service: 'checkout-api', ...options })) slices.push(slice);
  return slices;
}

async function scanRecords(repo: string, options: Partial<GitScanOptions> = {}): Promise<ChangeRecord[]> {
  return (await scan(repo, options)).flat().map((item) => {
    if (!item.ok) throw new Error(`rejected: ${item.rejection.reason}`);
    expect(item.position).toEqual({ origin: repo, line: null });
    return item.record as ChangeRecord;
  });
}

const UNTAGGED: AiTag = { assisted: null, tool: null, mode: null, evidence: 'none' };

/** A change record as the scanner of repository `shop` writes it; a test overrides what it is about. */
function expectedChange(fields: Partial<ChangeRecord> & Pick<ChangeRecord, 'id' | 'author' | 'authored_at' | 'title'>): ChangeRecord {
  return {
    kind: 'change',
    source: 'git:shop',
    service: 'checkout-api',
    repo: 'shop',
    merged_at: null,
    approvers: [],
    change_ticket: null,
    checks_passed: null,
    change_type: null,
    lines_added: 0,
    lines_deleted: 0,
    reverts: null,
    ai: UNTAGGED,
    attributes: {},
    ...fields,
  };
}

function identityAttributes(author: Person, committedAt: string, committer: Person = author): Record<string, unknown> {
  return { author_name: author.name, committer_name: committer.name, committer_email: committer.email.toLowerCase(), committed_at: committedAt };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'sevscope-git-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('scanGitRepository: one repository with every kind of commit', () => {
  let repo: string;
  const sha = {} as Record<'human' | 'claude' | 'copilot' | 'cursor' | 'aider' | 'binary' | 'revert' | 'feature' | 'main' | 'merge', string>;

  beforeAll(async () => {
    repo = await makeRepo('shop');
    sha.human = await commit(repo, {
      author: ADA, at: '2026-03-01T09:00:00+01:00', message: 'Add order totals\n\nFirst version.\n',
      files: { 'totals.ts': 'a\nb\nc\n' },
    });
    sha.claude = await commit(repo, {
      author: ADA, at: '2026-03-02T09:00:00+01:00',
      message: 'Round totals half-even\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n',
      files: { 'totals.ts': 'a\nB\nc\nd\n' },
    });
    sha.copilot = await commit(repo, {
      author: COPILOT, at: '2026-03-03T09:00:00Z', message: 'Add currency table\n\nCo-authored-by: Ada Lovelace <ada@example.com>\n',
      files: { 'currency.ts': 'eur\nusd\n' },
    });
    sha.cursor = await commit(repo, {
      author: ADA, at: '2026-03-04T09:00:00Z', message: 'Fix cursor position in search\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n',
      files: { 'search.ts': 'query\n' },
    });
    sha.aider = await commit(repo, {
      author: ADA, at: '2026-03-05T09:00:00Z', message: 'aider: Add codex table for product codes\n',
      files: { 'codes.ts': '1\n2\n3\n4\n5\n' },
    });
    sha.binary = await commit(repo, {
      author: ADA, at: '2026-03-06T09:00:00Z', message: 'Add logo',
      files: { 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff]), 'README.md': 'Shop\n' },
    });
    git(repo, ['revert', '--no-edit', sha.claude], identityEnv(ADA, '2026-03-07T09:00:00Z'));
    sha.revert = git(repo, ['rev-parse', 'HEAD']);
    git(repo, ['checkout', '-q', '-b', 'feature']);
    sha.feature = await commit(repo, {
      author: ZOE, at: '2026-03-08T09:00:00+01:00', message: 'Översätt kassan', files: { 'i18n.sv.ts': 'kassa\n' },
    });
    git(repo, ['checkout', '-q', 'main']);
    sha.main = await commit(repo, {
      author: TARO, at: '2026-03-09T09:00:00+09:00', message: 'レジの修正', files: { 'i18n.ja.ts': 'レジ\n' },
    });
    git(repo, ['merge', '-q', '--no-ff', '-m', "Merge branch 'feature'", 'feature'], identityEnv(ADA, '2026-03-10T09:00:00Z'));
    sha.merge = git(repo, ['rev-parse', 'HEAD']);
  });

  it('writes one exact change record per commit, newest first', async () => {
    const ada = 'ada@example.com';
    expect(await scanRecords(repo)).toEqual([
      expectedChange({
        id: sha.merge, author: ada, authored_at: '2026-03-10T09:00:00.000Z', title: "Merge branch 'feature'",
        merged_at: '2026-03-10T09:00:00.000Z', lines_added: null, lines_deleted: null,
        attributes: { ...identityAttributes(ADA, '2026-03-10T09:00:00+00:00'), merge: true, parents: [sha.main, sha.feature] },
      }),
      expectedChange({
        id: sha.main, author: 'taro@example.jp', authored_at: '2026-03-09T00:00:00.000Z', title: 'レジの修正', lines_added: 1,
        attributes: identityAttributes(TARO, '2026-03-09T09:00:00+09:00'),
      }),
      expectedChange({
        id: sha.feature, author: 'zoe@example.se', authored_at: '2026-03-08T08:00:00.000Z', title: 'Översätt kassan', lines_added: 1,
        attributes: identityAttributes(ZOE, '2026-03-08T09:00:00+01:00'),
      }),
      expectedChange({
        id: sha.revert, author: ada, authored_at: '2026-03-07T09:00:00.000Z', title: 'Revert "Round totals half-even"',
        reverts: sha.claude, lines_added: 1, lines_deleted: 2,
        attributes: identityAttributes(ADA, '2026-03-07T09:00:00+00:00'),
      }),
      expectedChange({
        id: sha.binary, author: ada, authored_at: '2026-03-06T09:00:00.000Z', title: 'Add logo', lines_added: 1,
        attributes: identityAttributes(ADA, '2026-03-06T09:00:00+00:00'),
      }),
      expectedChange({
        id: sha.aider, author: ada, authored_at: '2026-03-05T09:00:00.000Z', title: 'aider: Add codex table for product codes', lines_added: 5,
        ai: { assisted: true, tool: 'aider', mode: 'authored', evidence: 'trailer' },
        attributes: identityAttributes(ADA, '2026-03-05T09:00:00+00:00'),
      }),
      expectedChange({
        id: sha.cursor, author: ada, authored_at: '2026-03-04T09:00:00.000Z', title: 'Fix cursor position in search', lines_added: 1,
        ai: { assisted: true, tool: 'cursor', mode: 'authored', evidence: 'trailer' },
        attributes: identityAttributes(ADA, '2026-03-04T09:00:00+00:00'),
      }),
      expectedChange({
        id: sha.copilot, author: '198982749+copilot@users.noreply.github.com', authored_at: '2026-03-03T09:00:00.000Z', title: 'Add currency table',
        lines_added: 2, ai: { assisted: true, tool: 'copilot', mode: 'agent', evidence: 'bot_author' },
        attributes: identityAttributes(COPILOT, '2026-03-03T09:00:00+00:00'),
      }),
      expectedChange({
        id: sha.claude, author: ada, authored_at: '2026-03-02T08:00:00.000Z', title: 'Round totals half-even', lines_added: 2, lines_deleted: 1,
        ai: { assisted: true, tool: 'claude-code', mode: 'authored', evidence: 'trailer' },
        attributes: identityAttributes(ADA, '2026-03-02T09:00:00+01:00'),
      }),
      expectedChange({
        id: sha.human, author: ada, authored_at: '2026-03-01T08:00:00.000Z', title: 'Add order totals', lines_added: 3,
        attributes: identityAttributes(ADA, '2026-03-01T09:00:00+01:00'),
      }),
    ]);
  });

  it('reads only commits since a date (by committer date)', async () => {
    const records = await scanRecords(repo, { since: '2026-03-08T12:00:00Z' });
    expect(records.map((record) => record.id)).toEqual([sha.merge, sha.main]);
  });

  it('declares untagged commits human when the organisation tags every AI change, and says so', async () => {
    const records = await scanRecords(repo, { untaggedMeansHuman: true });
    const byId = new Map(records.map((record) => [record.id, record]));
    const human = byId.get(sha.human);
    expect(human?.ai).toEqual({ assisted: false, tool: null, mode: null, evidence: 'declared' });
    expect(human?.attributes).toEqual({ ...identityAttributes(ADA, '2026-03-01T09:00:00+01:00'), untagged_means_human: true });
    // Tagged commits keep their markers.
    expect(byId.get(sha.claude)?.ai).toEqual({ assisted: true, tool: 'claude-code', mode: 'authored', evidence: 'trailer' });
    expect(byId.get(sha.claude)?.attributes).not.toHaveProperty('untagged_means_human');
  });

  it('yields slices of at most sliceSize records', async () => {
    expect((await scan(repo, { sliceSize: 4 })).map((slice) => slice.length)).toEqual([4, 4, 2]);
  });

  it('takes the source name and an organisation’s markers from the options', async () => {
    const markers = withCustomMarkers([{ tool: 'internal-agent', mode: 'authored', evidence: 'trailer', match: 'subject_prefix', value: 'Add logo' }]);
    const records = await scanRecords(repo, { source: 'git:acme/shop', markers });
    expect(new Set(records.map((record) => record.source))).toEqual(new Set(['git:acme/shop']));
    expect(records.find((record) => record.id === sha.binary)?.ai).toEqual({ assisted: true, tool: 'internal-agent', mode: 'authored', evidence: 'trailer' });
  });

  it('stops git when the consumer stops early', async () => {
    for await (const slice of scanGitRepository(repo, { service: 'checkout-api', sliceSize: 1 })) {
      expect(slice).toHaveLength(1);
      break;
    }
  });
});

describe('scanGitRepository: repositories and their edges', () => {
  it('reads names stored in a legacy encoding as UTF-8', async () => {
    const repo = await makeRepo('legacy');
    const emptyTree = git(repo, ['hash-object', '-t', 'tree', '-w', '--stdin'], {}, '');
    const seconds = Date.UTC(2026, 2, 5, 9, 0, 0) / 1000;
    const object = Buffer.concat([
      Buffer.from(`tree ${emptyTree}\n`),
      Buffer.from(`author Jörg Müller <jorg@example.de> ${seconds} +0100\n`, 'latin1'),
      Buffer.from(`committer Jörg Müller <jorg@example.de> ${seconds} +0100\n`, 'latin1'),
      Buffer.from('encoding ISO-8859-1\n\n'),
      Buffer.from('Grüße aus Köln\n', 'latin1'),
    ]);
    const id = git(repo, ['hash-object', '-t', 'commit', '-w', '--stdin'], {}, object);
    git(repo, ['update-ref', 'refs/heads/main', id]);

    expect(await scanRecords(repo)).toEqual([
      expectedChange({
        id, source: 'git:legacy', repo: 'legacy', author: 'jorg@example.de', authored_at: '2026-03-05T09:00:00.000Z', title: 'Grüße aus Köln',
        attributes: identityAttributes({ name: 'Jörg Müller', email: 'jorg@example.de' }, '2026-03-05T10:00:00+01:00'),
      }),
    ]);
  });

  it('names the repository by its origin, without credentials', async () => {
    const repo = await makeRepo('with-remote');
    await commit(repo, { author: ADA, at: '2026-03-01T09:00:00Z', message: 'Start' });
    git(repo, ['remote', 'add', 'origin', 'https://x-access-token:ghs_secret@github.com/acme/shop.git']);
    expect((await scanRecords(repo)).map((record) => [record.repo, record.source])).toEqual([['https://github.com/acme/shop.git', 'git:with-remote']]);
    git(repo, ['remote', 'set-url', 'origin', 'git@github.com:acme/shop.git']);
    expect((await scanRecords(repo)).map((record) => record.repo)).toEqual(['git@github.com:acme/shop.git']);
  });

  it('reads nothing from a repository without commits', async () => {
    expect(await scan(await makeRepo('empty'))).toEqual([]);
  });

  it('refuses a path that is not a git repository before yielding', async () => {
    const plain = path.join(workDir, 'plain');
    await mkdir(plain);
    await expect(scan(plain)).rejects.toThrow(`${plain} is not a git repository`);
    const missing = path.join(workDir, 'missing');
    await expect(scan(missing)).rejects.toThrow(`${missing} is not a git repository`);
  });

  it('throws with git’s stderr when git fails mid-stream, after yielding what it read', async () => {
    const repo = await makeRepo('broken');
    await commit(repo, { author: ADA, at: '2026-03-01T09:00:00Z', message: 'One', files: { 'a.txt': 'first file\n' } });
    const second = await commit(repo, { author: ADA, at: '2026-03-02T09:00:00Z', message: 'Two', files: { 'b.txt': 'b\n' } });
    const third = await commit(repo, { author: ADA, at: '2026-03-03T09:00:00Z', message: 'Three', files: { 'c.txt': 'c\n' } });
    // Without the first commit's blob git cannot count its lines and stops there.
    const blob = git(repo, ['rev-parse', 'HEAD~2:a.txt']);
    await unlink(path.join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));

    const seen: string[] = [];
    const reading = (async () => {
      for await (const slice of scanGitRepository(repo, { service: 'checkout-api', sliceSize: 1 })) {
        for (const item of slice) if (item.ok) seen.push(item.record.id);
      }
    })();
    await expect(reading).rejects.toThrow(new RegExp(`git log failed in ${repo} \\(exit 128\\): .*${blob}`));
    expect(seen).toEqual([third, second]);
  });

  it('refuses a slice size that is not a positive integer', async () => {
    await expect(scan(workDir, { sliceSize: 0 })).rejects.toThrow(/sliceSize/);
  });
});
