// The git source (`sevscope ingest git PATH --service NAME`): the HEAD history of a local clone
// as `change` records (docs/ingest-format.md). AI tags come from ai-markers.ts,
// `reverts` from the body, line counts from --numstat; every record goes through validateRecord
// like any other source's.
//
// `git log` is read as a stream: the generator pulls stdout only as fast as its consumer takes
// slices, so a history of millions of commits stays in bounded memory.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { detectCommitAi as detectBuiltIn, type CommitIdentity, type MarkerSet } from '../ai-markers.ts';
import type { AiTag, Position, Validated } from '../model.ts';
import { validateRecord } from '../validate.ts';

export interface GitScanOptions {
  service: string;
  /** Passed to `git log --since` (any date git understands); git filters by committer date. */
  since?: string;
  /** The organisation tags every AI change, so an untagged commit is declared human. */
  untaggedMeansHuman?: boolean;
  /** Defaults to `git:<basename of the repository path>`. */
  source?: string;
  /** Records per yielded slice; default 500. */
  sliceSize?: number;
  /** An organisation's marker table (withCustomMarkers); defaults to the built-in one. */
  markers?: Pick<MarkerSet, 'detectCommitAi'>;
}

const DEFAULT_SLICE_SIZE = 500;
/** The tail of git's stderr kept for an error message. */
const MAX_STDERR = 16_384;

// Record and field separators (ASCII RS, US) cannot be typed into names, dates or hashes, and
// git does not put them in messages; the final US marks where the free-text body ends.
const RS = '\x1e';
const US = '\x1f';
const FIELDS = ['%H', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%P', '%B'];
const FORMAT = `%x1e${FIELDS.join('%x1f')}%x1f`;
const SEPARATORS_IN_HEADER = FIELDS.length;

const REVERTS = /This reverts commit ([0-9a-f]{7,64})/i;

/** Yields slices of validated `change` records, newest commit first. */
export async function* scanGitRepository(repoPath: string, options: GitScanOptions): AsyncGenerator<Validated[]> {
  const sliceSize = options.sliceSize ?? DEFAULT_SLICE_SIZE;
  if (!Number.isInteger(sliceSize) || sliceSize < 1) throw new Error(`sliceSize must be a positive integer, got ${sliceSize}`);
  const absolute = path.resolve(repoPath);
  const check = await runGit(absolute, ['rev-parse', '--git-dir']);
  if (check.code !== 0) throw new Error(`${repoPath} is not a git repository`, { cause: check.stderr.trim() });
  // A repository without commits has no history to read; `git log HEAD` would fail on it.
  if ((await runGit(absolute, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).code !== 0) return;

  const remote = await runGit(absolute, ['config', '--get', 'remote.origin.url']);
  const context: CommitContext = {
    service: options.service,
    source: options.source ?? `git:${path.basename(absolute)}`,
    repo: remote.code === 0 && remote.stdout.trim() !== '' ? withoutCredentials(remote.stdout.trim()) : path.basename(absolute),
    untaggedMeansHuman: options.untaggedMeansHuman ?? false,
    detectCommitAi: options.markers?.detectCommitAi ?? detectBuiltIn,
    position: { origin: absolute, line: null },
  };

  const args = [
    // Re-encodes messages stored in a legacy encoding (i18n.commitEncoding) so names survive.
    '-c', 'i18n.logOutputEncoding=UTF-8',
    // A user's log.showSignature would put gpg output into the stream.
    '-c', 'log.showSignature=false',
    '-C', absolute,
    'log', 'HEAD', '--no-color', '--numstat', `--format=${FORMAT}`,
  ];
  if (options.since !== undefined) args.push(`--since=${options.since}`);
  const git = spawn('git', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  git.stderr.setEncoding('utf8');
  git.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-MAX_STDERR);
  });
  const exited = new Promise<{ code: number | null; error: Error | null }>((resolve) => {
    git.on('error', (error) => resolve({ code: null, error }));
    git.on('close', (code) => resolve({ code, error: null }));
  });

  const parser = new LogParser();
  let slice: Validated[] = [];
  try {
    git.stdout.setEncoding('utf8');
    let partial = '';
    for await (const chunk of git.stdout as AsyncIterable<string>) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const commit = parser.push(line);
        if (commit === null) continue;
        slice.push(toChange(commit, context));
        if (slice.length >= sliceSize) {
          yield slice;
          slice = [];
        }
      }
    }
    const { code, error } = await exited;
    if (error !== null) throw new Error(`git log could not run in ${repoPath}: ${error.message}`);
    if (code !== 0) throw new Error(`git log failed in ${repoPath} (exit ${code}): ${stderr.trim()}`);
    // Only now is the last commit known to be complete.
    for (const commit of [partial === '' ? null : parser.push(partial), parser.finish()]) {
      if (commit !== null) slice.push(toChange(commit, context));
    }
    if (slice.length > 0) yield slice;
  } finally {
    // The consumer may stop early; git must not be left writing into a pipe nobody reads.
    if (git.exitCode === null && git.signalCode === null) git.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing `git log --format=<FORMAT> --numstat`: per commit, the header (its body may span many
// lines) ending in US, then a blank line and one `added<TAB>deleted<TAB>path` line per file.

interface ParsedCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  authorDate: string;
  committerName: string;
  committerEmail: string;
  committerDate: string;
  parents: string[];
  message: string;
  linesAdded: number;
  linesDeleted: number;
}

class LogParser {
  /** The header read so far, while it is incomplete. */
  #header: string | null = null;
  #commit: ParsedCommit | null = null;

  /** Reads one line; returns the previous commit when this line starts the next one. */
  push(line: string): ParsedCommit | null {
    if (line.startsWith(RS)) {
      const done = this.#commit;
      this.#commit = null;
      this.#header = line.slice(1);
      this.#readHeader();
      return done;
    }
    if (this.#header !== null) {
      this.#header += `\n${line}`;
      this.#readHeader();
    } else if (this.#commit !== null && line !== '') {
      addNumstat(this.#commit, line);
    }
    return null;
  }

  finish(): ParsedCommit | null {
    if (this.#header !== null) throw new Error('git log output ended inside a commit header');
    const done = this.#commit;
    this.#commit = null;
    return done;
  }

  #readHeader(): void {
    const header = this.#header;
    if (header === null || !header.endsWith(US)) return;
    const fields = header.split(US);
    // Not complete until all fields are in; a US inside the body is rejoined below.
    if (fields.length < SEPARATORS_IN_HEADER + 1) return;
    const [sha = '', authorName = '', authorEmail = '', authorDate = '', committerName = '', committerEmail = '', committerDate = '', parents = ''] = fields;
    const message = fields.slice(8, -1).join(US);
    this.#header = null;
    this.#commit = {
      sha,
      authorName,
      authorEmail,
      authorDate,
      committerName,
      committerEmail,
      committerDate,
      parents: parents === '' ? [] : parents.split(' '),
      message: message.replace(/\n+$/, ''),
      linesAdded: 0,
      linesDeleted: 0,
    };
  }
}

/** Binary files show `-` for both counts and add nothing. */
function addNumstat(commit: ParsedCommit, line: string): void {
  const tab = line.indexOf('\t');
  const secondTab = line.indexOf('\t', tab + 1);
  if (tab === -1 || secondTab === -1) return;
  const added = Number(line.slice(0, tab));
  const deleted = Number(line.slice(tab + 1, secondTab));
  if (Number.isSafeInteger(added)) commit.linesAdded += added;
  if (Number.isSafeInteger(deleted)) commit.linesDeleted += deleted;
}

// ---------------------------------------------------------------------------------------------
// Commit → change record.

interface CommitContext {
  service: string;
  source: string;
  repo: string;
  untaggedMeansHuman: boolean;
  detectCommitAi: (commit: CommitIdentity) => AiTag | null;
  position: Position;
}

function toChange(commit: ParsedCommit, context: CommitContext): Validated {
  const isMerge = commit.parents.length >= 2;
  const attributes: Record<string, unknown> = {
    author_name: commit.authorName,
    committer_name: commit.committerName,
    committer_email: commit.committerEmail.toLowerCase(),
    committed_at: commit.committerDate,
  };
  if (isMerge) {
    attributes.merge = true;
    attributes.parents = commit.parents;
  }
  let ai = context.detectCommitAi(commit);
  if (ai === null) {
    // No marker is not proof of a human author, unless the organisation says it tags every AI change.
    if (context.untaggedMeansHuman) {
      ai = { assisted: false, tool: null, mode: null, evidence: 'declared' };
      attributes.untagged_means_human = true;
    } else {
      ai = { assisted: null, tool: null, mode: null, evidence: 'none' };
    }
  }
  const raw = {
    kind: 'change',
    source: context.source,
    id: commit.sha,
    service: context.service,
    // People are keyed by login or e-mail; the display name is kept in attributes.
    author: commit.authorEmail.toLowerCase(),
    authored_at: commit.authorDate,
    repo: context.repo,
    title: commit.message.split('\n', 1)[0] ?? null,
    merged_at: isMerge ? commit.committerDate : null,
    // git log shows no diff for a merge: its lines belong to the merged commits, and a 0 here
    // would read as an empty change.
    lines_added: isMerge ? null : commit.linesAdded,
    lines_deleted: isMerge ? null : commit.linesDeleted,
    reverts: REVERTS.exec(commit.message)?.[1]?.toLowerCase() ?? null,
    ai,
    attributes,
  };
  return validateRecord(raw, context.position);
}

// ---------------------------------------------------------------------------------------------
// Small pieces.

/** A token in an https remote (`https://x-access-token:…@github.com/…`) must not be stored. */
function withoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // scp-like `git@host:owner/repo.git` or a local path: no secret to remove
  }
  // An ssh user name (`ssh://git@…`) is no secret; an https one is usually a token.
  const isHttp = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  if (parsed.password === '' && !(isHttp && parsed.username !== '')) return url;
  parsed.password = '';
  if (isHttp) parsed.username = '';
  return parsed.toString();
}

interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A short git command whose output is small enough to collect whole. */
function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const git = spawn('git', ['-C', cwd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    git.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    git.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    git.on('error', (error) => reject(new Error(`git could not run: ${error.message}`)));
    git.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
