// The AI markers the git scanner and the webhooks recognise (docs/ingest-format.md,
// "AI markers the git scanner and webhooks recognise"), kept as data so an organisation can add
// its own (withCustomMarkers).
//
// Markers are exact identities — co-author e-mail addresses, bot logins, footer lines, trailer
// keys — never bare words: "claude", "cursor", "codex", "continue" are people's names and
// everyday terms, and a false "AI-assisted" is as wrong as a missed one.
//
// The table is compiled once into maps, so tagging a commit is one pass over its lines with a
// map look-up per line.

import type { AiMode, AiTag } from './model.ts';

/** How a marker is seen; also the `ai.evidence` the tag reports. */
export type MarkerEvidence = 'trailer' | 'bot_author' | 'label';

/**
 * What `value` is compared with. E-mail addresses, logins, trailer keys and labels compare
 * case-insensitively (they are case-insensitive where they come from); footers, name suffixes
 * and subject prefixes are literal text and compare exactly.
 */
export type MarkerMatch =
  /** The e-mail inside `<…>` of a `Co-authored-by:` line; the display name is ignored. */
  | 'co_author_email'
  /** That e-mail's domain, or any subdomain of it. */
  | 'co_author_domain'
  /** The commit's author or committer e-mail. */
  | 'author_email'
  /** The commit's author or committer name ends with `value`. */
  | 'author_name_suffix'
  /**
   * A bot login such as `devin-ai-integration[bot]`: a PR author or webhook actor, a commit
   * author or committer name, or the local part of a GitHub noreply address (author, committer
   * or co-author).
   */
  | 'bot_login'
  /** A whole message line, optionally after a leading emoji (`🤖 Generated with …`). */
  | 'footer'
  /** A trailer line: `Key` matches any value, `Key: Value` only that value. */
  | 'trailer'
  /** The subject line starts with `value`. */
  | 'subject_prefix'
  /** A PR/MR label that names a tool (the tool-less yes/no labels are DECLARED_LABELS). */
  | 'label';

export interface MarkerEntry {
  tool: string;
  /** null when the marker does not say how the tool was used. */
  mode: AiMode | null;
  evidence: MarkerEvidence;
  match: MarkerMatch;
  value: string;
}

// Modes: the design leaves them open. Bots that open PRs and push commits on their own are
// `agent`; a co-author trailer or footer only says the tool wrote part of a human's commit, so
// those are `authored`. Bots that mostly review (gemini-code-assist, amazon-q-developer) are
// left null: a login alone does not say which of their features made the change.
const CO_AUTHOR = { evidence: 'trailer', match: 'co_author_email' } as const;

export const AI_MARKERS: readonly MarkerEntry[] = [
  { tool: 'claude-code', mode: 'authored', ...CO_AUTHOR, value: 'noreply@anthropic.com' },
  { tool: 'claude-code', mode: 'authored', evidence: 'trailer', match: 'footer', value: 'Generated with [Claude Code](https://claude.ai/code)' },
  { tool: 'claude-code', mode: 'authored', evidence: 'trailer', match: 'footer', value: 'Generated with [Claude Code](https://claude.com/claude-code)' },
  { tool: 'claude-code', mode: 'authored', evidence: 'trailer', match: 'trailer', value: 'Claude-Session' },

  // The coding agent commits as `Copilot <NNN+Copilot@users.noreply.github.com>`.
  { tool: 'copilot', mode: 'agent', evidence: 'bot_author', match: 'author_email', value: 'Copilot@users.noreply.github.com' },
  { tool: 'copilot', mode: 'agent', evidence: 'bot_author', match: 'bot_login', value: 'copilot-swe-agent[bot]' },
  { tool: 'copilot', mode: 'authored', ...CO_AUTHOR, value: 'Copilot@users.noreply.github.com' },
  { tool: 'copilot', mode: 'authored', ...CO_AUTHOR, value: 'copilot@github.com' },

  { tool: 'cursor', mode: 'authored', ...CO_AUTHOR, value: 'cursoragent@cursor.com' },

  { tool: 'aider', mode: 'authored', evidence: 'trailer', match: 'co_author_domain', value: 'aider.chat' },
  { tool: 'aider', mode: 'authored', evidence: 'bot_author', match: 'author_name_suffix', value: ' (aider)' },
  { tool: 'aider', mode: 'authored', evidence: 'trailer', match: 'subject_prefix', value: 'aider: ' },

  { tool: 'codex', mode: 'authored', ...CO_AUTHOR, value: 'noreply@openai.com' },
  { tool: 'codex', mode: 'authored', ...CO_AUTHOR, value: 'codex@openai.com' },
  { tool: 'codex', mode: 'agent', evidence: 'bot_author', match: 'bot_login', value: 'chatgpt-codex-connector[bot]' },
  { tool: 'codex', mode: 'agent', evidence: 'bot_author', match: 'bot_login', value: 'openai-codex[bot]' },

  { tool: 'devin', mode: 'agent', evidence: 'bot_author', match: 'bot_login', value: 'devin-ai-integration[bot]' },
  { tool: 'amazon-q', mode: null, evidence: 'bot_author', match: 'bot_login', value: 'amazon-q-developer[bot]' },
  { tool: 'gemini', mode: null, evidence: 'bot_author', match: 'bot_login', value: 'gemini-code-assist[bot]' },
  { tool: 'jules', mode: 'agent', evidence: 'bot_author', match: 'bot_login', value: 'google-labs-jules[bot]' },

  { tool: 'amp', mode: 'authored', ...CO_AUTHOR, value: 'amp@ampcode.com' },
  // The trailer names the Agent itself, so this one is known to be agent work.
  { tool: 'replit', mode: 'agent', evidence: 'trailer', match: 'trailer', value: 'Replit-Commit-Author: Agent' },
];

/** PR/MR labels (or ticket fields) that declare a change AI-assisted or not, without a tool. */
export interface DeclaredLabels {
  yes: readonly string[];
  no: readonly string[];
}

export const DECLARED_LABELS: DeclaredLabels = { yes: ['ai-assisted', 'ai:yes'], no: ['ai:no'] };

/** What the git scanner knows of a commit. */
export interface CommitIdentity {
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** The raw message (`%B`): subject, body and trailers. */
  message: string;
}

/** The detectors bound to one marker table. */
export interface MarkerSet {
  readonly markers: readonly MarkerEntry[];
  detectCommitAi(commit: CommitIdentity): AiTag | null;
  detectLogin(login: string): AiTag | null;
  detectLabels(labels: readonly string[], declared?: DeclaredLabels): AiTag | null;
}

/**
 * The built-in markers plus an organisation's own. An extra entry with the same match and value
 * as a built-in one replaces it (to change its tool or mode). Throws on a malformed entry, so a
 * typo in configuration fails at start-up rather than silently tagging nothing.
 */
export function withCustomMarkers(extra: readonly MarkerEntry[]): MarkerSet {
  return markerSet([...AI_MARKERS, ...extra]);
}

/** The commit's AI tag from the built-in markers; null when it carries none. */
export function detectCommitAi(commit: CommitIdentity): AiTag | null {
  return BUILT_IN.detectCommitAi(commit);
}

/** The AI tag of a PR author or webhook actor login (`name[bot]`, `app/name`, noreply forms). */
export function detectLogin(login: string): AiTag | null {
  return BUILT_IN.detectLogin(login);
}

/** The AI tag declared by PR/MR labels; null when none of them declares anything. */
export function detectLabels(labels: readonly string[], declared?: DeclaredLabels): AiTag | null {
  return BUILT_IN.detectLabels(labels, declared);
}

// ---------------------------------------------------------------------------------------------
// Compiled tables.

interface TrailerMarkers {
  anyValue: MarkerEntry | null;
  byValue: Map<string, MarkerEntry>;
}

interface CompiledMarkers {
  coAuthorEmails: Map<string, MarkerEntry>;
  coAuthorDomains: Map<string, MarkerEntry>;
  authorEmails: Map<string, MarkerEntry>;
  authorNameSuffixes: MarkerEntry[];
  botLogins: Map<string, MarkerEntry>;
  footers: Map<string, MarkerEntry>;
  trailers: Map<string, TrailerMarkers>;
  subjectPrefixes: MarkerEntry[];
  labels: Map<string, MarkerEntry>;
}

const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const CO_AUTHORED_BY = 'co-authored-by';

function markerSet(markers: readonly MarkerEntry[]): MarkerSet {
  const compiled = compile(markers);
  return {
    markers,
    detectCommitAi: (commit) => matchCommit(compiled, commit),
    detectLogin: (login) => matchLogin(compiled, login),
    detectLabels: (labels, declared = DECLARED_LABELS) => matchLabels(compiled, labels, declared),
  };
}

/** Later entries win on the same key, so an organisation's entries override built-in ones. */
function compile(markers: readonly MarkerEntry[]): CompiledMarkers {
  const compiled: CompiledMarkers = {
    coAuthorEmails: new Map(),
    coAuthorDomains: new Map(),
    authorEmails: new Map(),
    authorNameSuffixes: [],
    botLogins: new Map(),
    footers: new Map(),
    trailers: new Map(),
    subjectPrefixes: [],
    labels: new Map(),
  };
  for (const entry of markers) {
    const value = typeof entry.value === 'string' ? entry.value.trim() : '';
    if (value.length === 0 || typeof entry.tool !== 'string' || entry.tool.trim().length === 0) {
      throw new Error(`AI marker needs a tool and a value: ${JSON.stringify(entry)}`);
    }
    switch (entry.match) {
      case 'co_author_email':
        compiled.coAuthorEmails.set(normalizeEmail(value), entry);
        break;
      case 'co_author_domain':
        compiled.coAuthorDomains.set(value.toLowerCase().replace(/^@/, ''), entry);
        break;
      case 'author_email':
        compiled.authorEmails.set(normalizeEmail(value), entry);
        break;
      case 'author_name_suffix':
        // Not trimmed: the space in ` (aider)` is part of what aider writes.
        compiled.authorNameSuffixes.unshift(entry);
        break;
      case 'bot_login':
        compiled.botLogins.set(value.toLowerCase(), entry);
        break;
      case 'footer':
        compiled.footers.set(value, entry);
        break;
      case 'trailer':
        addTrailer(compiled.trailers, value, entry);
        break;
      case 'subject_prefix':
        compiled.subjectPrefixes.unshift(entry);
        break;
      case 'label':
        compiled.labels.set(value.toLowerCase(), entry);
        break;
      default:
        throw new Error(`AI marker has an unknown match ${JSON.stringify(entry.match)}: ${JSON.stringify(entry)}`);
    }
  }
  return compiled;
}

function addTrailer(trailers: Map<string, TrailerMarkers>, value: string, entry: MarkerEntry): void {
  const colon = value.indexOf(':');
  const key = (colon === -1 ? value : value.slice(0, colon)).trim().toLowerCase();
  const expected = colon === -1 ? '' : value.slice(colon + 1).trim().toLowerCase();
  if (!TRAILER_KEY.test(key)) throw new Error(`AI marker has an invalid trailer key: ${JSON.stringify(entry)}`);
  let markers = trailers.get(key);
  if (markers === undefined) {
    markers = { anyValue: null, byValue: new Map() };
    trailers.set(key, markers);
  }
  if (expected.length === 0) markers.anyValue = entry;
  else markers.byValue.set(expected, entry);
}

// ---------------------------------------------------------------------------------------------
// Matching.

const NOREPLY_DOMAIN = '@users.noreply.github.com';
/** The numeric user-id prefix of newer GitHub noreply addresses: `12345+login@…`. */
const NOREPLY_ID = /^\d+\+/;

/** Lower-cased, with the `NNN+` of a GitHub noreply address removed (older ones lack it). */
function normalizeEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  return lower.endsWith(NOREPLY_DOMAIN) ? lower.replace(NOREPLY_ID, '') : lower;
}

/** The login inside a normalized GitHub noreply address, else null. */
function noreplyLogin(normalizedEmail: string): string | null {
  return normalizedEmail.endsWith(NOREPLY_DOMAIN) ? normalizedEmail.slice(0, -NOREPLY_DOMAIN.length) : null;
}

function tag(entry: MarkerEntry, evidence: MarkerEvidence = entry.evidence): AiTag {
  return { assisted: true, tool: entry.tool, mode: entry.mode, evidence };
}

/**
 * Identity first (a bot author is the stronger claim and says `agent`), then the message lines
 * in order; the first marker found wins.
 */
function matchCommit(m: CompiledMarkers, commit: CommitIdentity): AiTag | null {
  const identity =
    matchIdentity(m, commit.authorName, commit.authorEmail) ?? matchIdentity(m, commit.committerName, commit.committerEmail);
  return identity ?? matchMessage(m, commit.message);
}

function matchIdentity(m: CompiledMarkers, name: string, email: string): AiTag | null {
  const normalized = normalizeEmail(email);
  const byEmail = m.authorEmails.get(normalized);
  if (byEmail !== undefined) return tag(byEmail);
  // The address names the bot even when the display name does not (`Devin AI <…[bot]@…>`).
  const login = noreplyLogin(normalized);
  const bot = (login === null ? undefined : m.botLogins.get(login)) ?? m.botLogins.get(name.trim().toLowerCase());
  if (bot !== undefined) return tag(bot);
  for (const entry of m.authorNameSuffixes) {
    if (name.endsWith(entry.value)) return tag(entry);
  }
  return null;
}

/** Leading emoji (with variation selectors and joiners) and the space after them. */
const LEADING_EMOJI = /^(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+\s*)+/u;

function matchMessage(m: CompiledMarkers, message: string): AiTag | null {
  const lines = message.split('\n');
  const subject = (lines[0] ?? '').trimStart();
  for (const entry of m.subjectPrefixes) {
    if (subject.startsWith(entry.value)) return tag(entry);
  }
  for (const line of lines) {
    const text = line.trim();
    if (text.length === 0) continue;
    const footer = m.footers.get(text) ?? (text.charCodeAt(0) >= 0x80 ? m.footers.get(text.replace(LEADING_EMOJI, '')) : undefined);
    if (footer !== undefined) return tag(footer);
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    const key = text.slice(0, colon).trimEnd().toLowerCase();
    const value = text.slice(colon + 1).trim();
    const found = key === CO_AUTHORED_BY ? matchCoAuthor(m, value) : matchTrailer(m, key, value);
    if (found !== null) return found;
  }
  return null;
}

/** By the e-mail inside `<…>` only: the display name (`Claude Opus 4.6`, `Claude Dupont`) is free text. */
function matchCoAuthor(m: CompiledMarkers, value: string): AiTag | null {
  const open = value.lastIndexOf('<');
  const close = value.indexOf('>', open);
  if (open === -1 || close === -1) return null;
  const email = normalizeEmail(value.slice(open + 1, close));
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const exact = m.coAuthorEmails.get(email);
  if (exact !== undefined) return tag(exact);
  for (let domain = email.slice(at + 1); domain.length > 0; ) {
    const byDomain = m.coAuthorDomains.get(domain);
    if (byDomain !== undefined) return tag(byDomain);
    const dot = domain.indexOf('.');
    domain = dot === -1 ? '' : domain.slice(dot + 1);
  }
  // A bot co-author, e.g. after "Commit suggestion" on a bot's review comment.
  const login = noreplyLogin(email);
  const bot = login === null ? undefined : m.botLogins.get(login);
  return bot === undefined ? null : tag(bot, 'trailer');
}

function matchTrailer(m: CompiledMarkers, key: string, value: string): AiTag | null {
  const markers = m.trailers.get(key);
  if (markers === undefined || value.length === 0) return null;
  const entry = markers.byValue.get(value.toLowerCase()) ?? markers.anyValue;
  return entry === null ? null : tag(entry);
}

/**
 * Accepts `name[bot]` (REST), `app/name` (GraphQL and gh), and the noreply forms
 * `[NNN+]name[bot]@users.noreply.github.com`. A bare `name` is not accepted: without `[bot]` it
 * could be a person's account.
 */
function matchLogin(m: CompiledMarkers, login: string): AiTag | null {
  let key = normalizeEmail(login);
  key = noreplyLogin(key) ?? key.replace(NOREPLY_ID, '');
  if (key.startsWith('app/')) key = `${key.slice(4)}[bot]`;
  const entry = m.botLogins.get(key);
  return entry === undefined ? null : tag(entry);
}

/**
 * A label naming a tool wins, then a yes label, then a no label: a change labelled both ways is
 * counted as assisted, since a stale `ai:no` is likelier than a false `ai:yes`.
 */
function matchLabels(m: CompiledMarkers, labels: readonly string[], declared: DeclaredLabels): AiTag | null {
  const names = labels.map((label) => label.trim().toLowerCase());
  for (const name of names) {
    const entry = m.labels.get(name);
    if (entry !== undefined) return tag(entry);
  }
  if (names.some((name) => includesLabel(declared.yes, name))) return { assisted: true, tool: null, mode: null, evidence: 'label' };
  if (names.some((name) => includesLabel(declared.no, name))) return { assisted: false, tool: null, mode: null, evidence: 'label' };
  return null;
}

function includesLabel(list: readonly string[], name: string): boolean {
  return list.some((label) => label.trim().toLowerCase() === name);
}

// Last, so the constants compile() uses are initialized first.
const BUILT_IN = markerSet(AI_MARKERS);
