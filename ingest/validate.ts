// Turns one raw record (an NDJSON line, a JSON array element, a CSV row or a webhook payload,
// already parsed) into a normalized record of model.ts, or a rejection whose reason names every
// offending field. Rules: docs/ingest-format.md.
//
// This runs on every ingested record, so it is plain functions over module-level tables and
// regexes, and a valid record allocates little beyond its output (one context object).

import {
  ACTOR_TYPES,
  AI_EVIDENCE,
  AI_MODES,
  AI_ROLES,
  CHANGE_TYPES,
  DEPLOYMENT_STATUSES,
  DETECTIONS,
  DOMAINS,
  HIGH_RISK_DOMAINS,
  KINDS,
  SENIORITIES,
  SEVERITIES,
  type AgentActionRecord,
  type AiTag,
  type Attributes,
  type ChangeRecord,
  type ClassificationFactors,
  type ClassificationRecord,
  type DeploymentRecord,
  type IncidentImpact,
  type IncidentRecord,
  type Kind,
  type NormalizedRecord,
  type PersonRecord,
  type Position,
  type ServiceRecord,
  type Severity,
  type Validated,
} from './model.ts';

export interface ValidateOptions {
  /** Per-source severity names, keys lower-cased, consulted before the built-in names. */
  severityMap?: Readonly<Record<string, Severity>>;
}

type RawObject = Record<string, unknown>;
type Presence = 'required' | 'optional';

/** Longest string kept. Titles and notes are the fields that come near it. */
const MAX_STRING_LENGTH = 10_000;
/** How much of an offending value a reason quotes. */
const MAX_GOT_LENGTH = 60;
/** Bound on the values scanned in attributes, so a cyclic webhook object cannot hang ingest. */
const MAX_ATTRIBUTE_VALUES = 100_000;
/** Past this size a list is deduplicated with a Set instead of a linear scan. */
const SMALL_LIST = 16;
const NUL = '\u0000';

// ---------------------------------------------------------------------------------------------
// Times and severities, exported for sources that read these outside a whole record.

// Date.UTC reads years 0–99 as 1900–1999; shifting by one 400-year Gregorian cycle avoids that.
const GREGORIAN_CYCLE_YEARS = 400;
const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;
const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const PLUS = 0x2b;

/**
 * An RFC 3339 time with an offset, as a UTC ISO string (`toISOString()` form); null for anything
 * else: no offset (never guessed), no seconds, or a date or time that does not exist.
 * Read by character position rather than with a regex: times are the most frequent field, and
 * capture groups plus number conversions cost more than the rest of a record's validation.
 */
export function parseTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  // YYYY-MM-DD(T|t| )hh:mm:ss[.fraction](Z|z|±hh:mm)
  if (
    s.length < 20 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || !isDateTimeSeparator(s.charCodeAt(10)) ||
    s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON
  ) {
    return null;
  }
  const year = readDigits(s, 0, 4);
  const month = readDigits(s, 5, 2);
  const day = readDigits(s, 8, 2);
  const hour = readDigits(s, 11, 2);
  const minute = readDigits(s, 14, 2);
  const second = readDigits(s, 17, 2);
  // Leap seconds (:60) cannot be represented by Date and are refused with the other impossible times.
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
  ) {
    return null;
  }
  let at = 19;
  let millis = 0;
  if (s.charCodeAt(at) === DOT) {
    // Date keeps milliseconds; finer digits are truncated, never rounded into the next second.
    const first = ++at;
    while (at < s.length && isDigit(s.charCodeAt(at))) {
      if (at - first < 3) millis = millis * 10 + (s.charCodeAt(at) - 0x30);
      at++;
    }
    const count = at - first;
    if (count === 0) return null;
    if (count === 1) millis *= 100;
    else if (count === 2) millis *= 10;
  }
  const offsetMinutes = readOffset(s, at);
  if (offsetMinutes === null) return null;
  // Already UTC (the common case): the input's own digits are the answer.
  if (offsetMinutes === 0) return `${s.slice(0, 10)}T${s.slice(11, 19)}.${THREE_DIGITS[millis]}Z`;
  const local = Date.UTC(year + GREGORIAN_CYCLE_YEARS, month - 1, day, hour, minute, second, millis) - GREGORIAN_CYCLE_MS;
  return toUtcIso(local - offsetMinutes * 60_000);
}

/** `Z`, `z` or `±hh:mm` ending the string at `at`, in minutes east of UTC; null otherwise. */
function readOffset(s: string, at: number): number | null {
  const sign = s.charCodeAt(at);
  if (sign === 0x5a || sign === 0x7a) return at + 1 === s.length ? 0 : null;
  if ((sign !== PLUS && sign !== DASH) || at + 6 !== s.length || s.charCodeAt(at + 3) !== COLON) return null;
  const hours = readDigits(s, at + 1, 2);
  const minutes = readDigits(s, at + 4, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  return (sign === DASH ? -1 : 1) * (hours * 60 + minutes);
}

/** The decimal number in s[start, start + count), or -1 if any of those is not a digit. */
function readDigits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isDateTimeSeparator(c: number): boolean {
  return c === 0x54 || c === 0x74 || c === 0x20; // T, t, space
}

const MS_PER_DAY = 86_400_000;
/** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the range where ISO years have four digits. */
const FIRST_FOUR_DIGIT_MS = -62_167_219_200_000;
const PAST_FOUR_DIGIT_MS = 253_402_300_800_000;

/**
 * Same text as `new Date(ms).toISOString()`, which costs more than the rest of a record's
 * validation together; computed from the day number (Hinnant's civil_from_days).
 */
function toUtcIso(ms: number): string {
  if (ms < FIRST_FOUR_DIGIT_MS || ms >= PAST_FOUR_DIGIT_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const z = days + 719_468; // days since 0000-03-01, so leap days fall at the end of a year
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  return (
    `${TWO_DIGITS[Math.floor(year / 100)]}${TWO_DIGITS[year % 100]}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}` +
    `T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[millis]}Z`
  );
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const BUILT_IN_SEVERITIES: ReadonlyMap<string, Severity> = buildSeverityNames();

function buildSeverityNames(): Map<string, Severity> {
  const names = new Map<string, Severity>();
  SEVERITIES.forEach((severity, i) => {
    const n = i + 1;
    for (const separator of ['', '-', ' ', '_']) names.set(`sev${separator}${n}`, severity);
    names.set(`p${n}`, severity);
  });
  names.set('p5', 'sev4');
  names.set('critical', 'sev1');
  names.set('high', 'sev2');
  names.set('medium', 'sev3');
  names.set('low', 'sev4');
  return names;
}

/** A severity name (any case) as sev1–sev4: the source's own names first, then the built-in ones. */
export function parseSeverity(value: string, extra?: Readonly<Record<string, Severity>>): Severity | null {
  const name = value.trim().toLowerCase();
  if (extra !== undefined && Object.hasOwn(extra, name)) {
    const mapped = extra[name];
    // A mis-typed mapping must not put an unknown severity into a record.
    if (mapped !== undefined && isOneOf(SEVERITIES, mapped)) return mapped;
  }
  return BUILT_IN_SEVERITIES.get(name) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Record entry point.

/** What one record's validation carries between field readers. */
interface Context {
  /** Prepended to a field name in reasons: `record.`, `incident.`, `change.ai.` … */
  prefix: string;
  /** `<field>: <problem>` for every problem found; null until the first one. */
  errors: string[] | null;
  firstField: string | null;
  source: string | null;
  id: string | null;
  /** Unknown keys inside nested objects (ai, impact, factors), kept under that key in attributes. */
  nestedExtras: Attributes | null;
  severityMap: Readonly<Record<string, Severity>> | undefined;
}

type KindReader = (raw: RawObject, ctx: Context) => NormalizedRecord | null;

/** Validates one raw record. Never throws: problems come back as a rejection. */
export function validateRecord(raw: unknown, position: Position, options?: ValidateOptions): Validated {
  if (!isObject(raw)) {
    return reject(raw, position, null, null, 'record', `record: expected a JSON object, got ${formatGot(raw)}`);
  }
  const ctx: Context = {
    prefix: 'record.',
    errors: null,
    firstField: null,
    source: null,
    id: null,
    nestedExtras: null,
    severityMap: options?.severityMap,
  };
  const kind = readEnum(ctx, raw, 'kind', KINDS, 'required');
  ctx.source = readText(ctx, raw, 'source', 'required');
  ctx.id = readId(ctx, raw, 'id', kind === 'classification' ? 'optional' : 'required');
  if (kind === null) return rejectWithErrors(raw, position, null, ctx);

  ctx.prefix = `${kind}.`;
  const record = KIND_READERS[kind](raw, ctx);
  if (record === null || ctx.errors !== null) return rejectWithErrors(raw, position, kind, ctx);
  return { ok: true, record, position };
}

function rejectWithErrors(raw: RawObject, position: Position, kind: Kind | null, ctx: Context): Validated {
  // Every caller has recorded at least one problem before giving up on the record.
  return reject(raw, position, kind, ctx.id, ctx.firstField, (ctx.errors ?? []).join('; '));
}

function reject(raw: unknown, position: Position, kind: Kind | null, id: string | null, field: string | null, reason: string): Validated {
  return { ok: false, rejection: { kind, id, field, reason, raw: toJsonText(raw), position } };
}

// ---------------------------------------------------------------------------------------------
// One reader per kind. Each reads every field (so all problems are reported at once) and returns
// null when any problem was found; the required fields are re-checked only to narrow their types.

const COMMON_FIELDS = ['kind', 'source', 'id', 'attributes'];

function fieldSet(...fields: string[]): ReadonlySet<string> {
  return new Set([...COMMON_FIELDS, ...fields]);
}

const SERVICE_FIELDS = fieldSet('name', 'team', 'tier', 'domain', 'high_risk');

function readService(raw: RawObject, ctx: Context): ServiceRecord | null {
  const name = readText(ctx, raw, 'name', 'required');
  const team = readText(ctx, raw, 'team', 'optional');
  const tier = readInt(ctx, raw, 'tier', 1, 3, 'integer 1–3');
  const domain = readEnum(ctx, raw, 'domain', DOMAINS, 'optional');
  const highRisk = readBoolean(ctx, raw, 'high_risk');
  const attributes = readAttributes(ctx, raw, SERVICE_FIELDS);
  const { source, id } = ctx;
  if (source === null || id === null || name === null || ctx.errors !== null) return null;
  return {
    kind: 'service',
    source,
    id,
    name,
    team,
    tier: tier === 1 || tier === 2 || tier === 3 ? tier : null,
    domain,
    high_risk: highRisk ?? (domain !== null && HIGH_RISK_DOMAINS.includes(domain)),
    attributes,
  };
}

const PERSON_FIELDS = fieldSet('name', 'team', 'seniority');

function readPerson(raw: RawObject, ctx: Context): PersonRecord | null {
  const name = readText(ctx, raw, 'name', 'optional');
  const team = readText(ctx, raw, 'team', 'optional');
  const seniority = readEnum(ctx, raw, 'seniority', SENIORITIES, 'optional');
  const attributes = readAttributes(ctx, raw, PERSON_FIELDS);
  const { source, id } = ctx;
  if (source === null || id === null || ctx.errors !== null) return null;
  return { kind: 'person', source, id, name, team, seniority: seniority ?? 'unknown', attributes };
}

const CHANGE_FIELDS = fieldSet(
  'service', 'author', 'authored_at', 'repo', 'title', 'merged_at', 'approvers', 'change_ticket',
  'checks_passed', 'change_type', 'lines_added', 'lines_deleted', 'reverts', 'ai',
);

function readChange(raw: RawObject, ctx: Context): ChangeRecord | null {
  const service = readId(ctx, raw, 'service', 'required');
  const author = readId(ctx, raw, 'author', 'required');
  const authoredAt = readTime(ctx, raw, 'authored_at', 'required');
  const repo = readText(ctx, raw, 'repo', 'optional');
  const title = readText(ctx, raw, 'title', 'optional');
  const mergedAt = readTime(ctx, raw, 'merged_at', 'optional');
  const approvers = readList(ctx, raw, 'approvers');
  const changeTicket = readId(ctx, raw, 'change_ticket', 'optional');
  const checksPassed = readBoolean(ctx, raw, 'checks_passed');
  const changeType = readEnum(ctx, raw, 'change_type', CHANGE_TYPES, 'optional');
  const linesAdded = readCount(ctx, raw, 'lines_added');
  const linesDeleted = readCount(ctx, raw, 'lines_deleted');
  const reverts = readId(ctx, raw, 'reverts', 'optional');
  const ai = readAi(ctx, raw);
  const attributes = readAttributes(ctx, raw, CHANGE_FIELDS);
  const { source, id } = ctx;
  if (source === null || id === null || service === null || author === null || authoredAt === null || ctx.errors !== null) {
    return null;
  }
  return {
    kind: 'change',
    source,
    id,
    service,
    author,
    authored_at: authoredAt,
    repo,
    title,
    merged_at: mergedAt,
    approvers,
    change_ticket: changeTicket,
    checks_passed: checksPassed,
    change_type: changeType,
    lines_added: linesAdded,
    lines_deleted: linesDeleted,
    reverts,
    ai,
    attributes,
  };
}

const DEPLOYMENT_FIELDS = fieldSet(
  'service', 'environment', 'started_at', 'status', 'finished_at', 'version', 'changes', 'actor',
  'actor_type', 'rollback_of', 'remediates', 'regions', 'change_type', 'ai',
);

function readDeployment(raw: RawObject, ctx: Context): DeploymentRecord | null {
  const service = readId(ctx, raw, 'service', 'required');
  const environment = readText(ctx, raw, 'environment', 'required');
  const startedAt = readTime(ctx, raw, 'started_at', 'required');
  const status = readEnum(ctx, raw, 'status', DEPLOYMENT_STATUSES, 'required');
  // finished_at before started_at is kept: metrics store negative durations and flag them later.
  const finishedAt = readTime(ctx, raw, 'finished_at', 'optional');
  const version = readId(ctx, raw, 'version', 'optional');
  const changes = readList(ctx, raw, 'changes');
  const actor = readId(ctx, raw, 'actor', 'optional');
  const actorType = readEnum(ctx, raw, 'actor_type', ACTOR_TYPES, 'optional');
  const rollbackOf = readId(ctx, raw, 'rollback_of', 'optional');
  const remediates = readList(ctx, raw, 'remediates');
  const regions = readList(ctx, raw, 'regions');
  const changeType = readEnum(ctx, raw, 'change_type', CHANGE_TYPES, 'optional');
  const ai = readAi(ctx, raw);
  const attributes = readAttributes(ctx, raw, DEPLOYMENT_FIELDS);
  const { source, id } = ctx;
  if (
    source === null || id === null || service === null || environment === null || startedAt === null ||
    status === null || ctx.errors !== null
  ) {
    return null;
  }
  return {
    kind: 'deployment',
    source,
    id,
    service,
    environment,
    started_at: startedAt,
    status,
    finished_at: finishedAt,
    version,
    changes,
    actor,
    actor_type: actorType,
    rollback_of: rollbackOf,
    remediates,
    regions,
    change_type: changeType,
    ai,
    attributes,
  };
}

const INCIDENT_FIELDS = fieldSet(
  'title', 'severity', 'impact_started_at', 'status', 'services', 'regions', 'detected_at',
  'acknowledged_at', 'mitigated_at', 'resolved_at', 'detection', 'caused_by', 'impact', 'postmortem_url',
);

function readIncident(raw: RawObject, ctx: Context): IncidentRecord | null {
  const title = readText(ctx, raw, 'title', 'required');
  const severity = readSeverity(ctx, raw, 'severity');
  const impactStartedAt = readTime(ctx, raw, 'impact_started_at', 'required');
  const status = readText(ctx, raw, 'status', 'optional');
  const services = readList(ctx, raw, 'services');
  const regions = readList(ctx, raw, 'regions');
  const detectedAt = readTime(ctx, raw, 'detected_at', 'optional');
  const acknowledgedAt = readTime(ctx, raw, 'acknowledged_at', 'optional');
  const mitigatedAt = readTime(ctx, raw, 'mitigated_at', 'optional');
  const resolvedAt = readTime(ctx, raw, 'resolved_at', 'optional');
  const detection = readEnum(ctx, raw, 'detection', DETECTIONS, 'optional');
  const causedBy = readList(ctx, raw, 'caused_by');
  const impact = readImpact(ctx, raw);
  const postmortemUrl = readText(ctx, raw, 'postmortem_url', 'optional');
  const attributes = readAttributes(ctx, raw, INCIDENT_FIELDS);
  const { source, id } = ctx;
  if (
    source === null || id === null || title === null || severity === null || impactStartedAt === null ||
    ctx.errors !== null
  ) {
    return null;
  }
  return {
    kind: 'incident',
    source,
    id,
    title,
    severity,
    impact_started_at: impactStartedAt,
    status,
    services,
    regions,
    detected_at: detectedAt,
    acknowledged_at: acknowledgedAt,
    mitigated_at: mitigatedAt,
    resolved_at: resolvedAt,
    detection,
    caused_by: causedBy,
    impact,
    postmortem_url: postmortemUrl,
    attributes,
  };
}

const CLASSIFICATION_FIELDS = fieldSet('incident', 'ai_role', 'classified_by', 'classified_at', 'factors', 'notes');

function readClassification(raw: RawObject, ctx: Context): ClassificationRecord | null {
  const incident = readId(ctx, raw, 'incident', 'required');
  const aiRole = readEnum(ctx, raw, 'ai_role', AI_ROLES, 'required');
  const classifiedBy = readId(ctx, raw, 'classified_by', 'required');
  const classifiedAt = readTime(ctx, raw, 'classified_at', 'required');
  const factors = readFactors(ctx, raw);
  const notes = readText(ctx, raw, 'notes', 'optional');
  const attributes = readAttributes(ctx, raw, CLASSIFICATION_FIELDS);
  // Sources do not id classifications: one incident classified at one moment is the natural key.
  if (ctx.id === null && isAbsentOrBlank(raw.id) && incident !== null && classifiedAt !== null) {
    ctx.id = `${incident}@${classifiedAt}`;
  }
  const { source, id } = ctx;
  if (
    source === null || id === null || incident === null || aiRole === null || classifiedBy === null ||
    classifiedAt === null || ctx.errors !== null
  ) {
    return null;
  }
  return {
    kind: 'classification',
    source,
    id,
    incident,
    ai_role: aiRole,
    classified_by: classifiedBy,
    classified_at: classifiedAt,
    factors,
    notes,
    attributes,
  };
}

const AGENT_ACTION_FIELDS = fieldSet(
  'agent', 'at', 'action', 'service', 'environment', 'destructive', 'approved_by', 'permission_scope', 'outcome',
);

function readAgentAction(raw: RawObject, ctx: Context): AgentActionRecord | null {
  const agent = readId(ctx, raw, 'agent', 'required');
  const at = readTime(ctx, raw, 'at', 'required');
  const action = readText(ctx, raw, 'action', 'required');
  const service = readId(ctx, raw, 'service', 'optional');
  const environment = readText(ctx, raw, 'environment', 'optional');
  const destructive = readBoolean(ctx, raw, 'destructive');
  const approvedBy = readList(ctx, raw, 'approved_by');
  const permissionScope = readText(ctx, raw, 'permission_scope', 'optional');
  const outcome = readText(ctx, raw, 'outcome', 'optional');
  const attributes = readAttributes(ctx, raw, AGENT_ACTION_FIELDS);
  const { source, id } = ctx;
  if (source === null || id === null || agent === null || at === null || action === null || ctx.errors !== null) {
    return null;
  }
  return {
    kind: 'agent_action',
    source,
    id,
    agent,
    at,
    action,
    service,
    environment,
    destructive,
    approved_by: approvedBy,
    permission_scope: permissionScope,
    outcome,
    attributes,
  };
}

const KIND_READERS: Readonly<Record<Kind, KindReader>> = {
  service: readService,
  person: readPerson,
  change: readChange,
  deployment: readDeployment,
  incident: readIncident,
  classification: readClassification,
  agent_action: readAgentAction,
};

// ---------------------------------------------------------------------------------------------
// Nested objects.

const AI_FIELDS: ReadonlySet<string> = new Set(['assisted', 'tool', 'mode', 'evidence']);

function readAi(ctx: Context, raw: RawObject): AiTag {
  const value = raw.ai;
  if (isAbsentOrBlank(value)) return { assisted: null, tool: null, mode: null, evidence: null };
  if (!isObject(value)) {
    addError(ctx, 'ai', `expected an object with assisted, tool, mode, evidence, got ${formatGot(value)}`);
    return { assisted: null, tool: null, mode: null, evidence: null };
  }
  const outer = enterNested(ctx, 'ai');
  // null stays null: an unknown AI status is never turned into "human".
  const assisted = readBoolean(ctx, value, 'assisted');
  const tool = readText(ctx, value, 'tool', 'optional');
  const mode = readEnum(ctx, value, 'mode', AI_MODES, 'optional');
  const evidence = readEnum(ctx, value, 'evidence', AI_EVIDENCE, 'optional');
  keepNestedExtras(ctx, 'ai', value, AI_FIELDS);
  ctx.prefix = outer;
  // A yes/no the source states without saying how it knows is its own declaration.
  return { assisted, tool, mode, evidence: evidence ?? (assisted === null ? null : 'declared') };
}

const IMPACT_FIELDS: ReadonlySet<string> = new Set(['orders_lost', 'errors', 'users_affected', 'traffic_share']);

function readImpact(ctx: Context, raw: RawObject): IncidentImpact {
  const value = raw.impact;
  if (isAbsentOrBlank(value)) return { orders_lost: null, errors: null, users_affected: null, traffic_share: null };
  if (!isObject(value)) {
    addError(ctx, 'impact', `expected an object with orders_lost, errors, users_affected, traffic_share, got ${formatGot(value)}`);
    return { orders_lost: null, errors: null, users_affected: null, traffic_share: null };
  }
  const outer = enterNested(ctx, 'impact');
  const impact: IncidentImpact = {
    orders_lost: readCount(ctx, value, 'orders_lost'),
    errors: readCount(ctx, value, 'errors'),
    users_affected: readCount(ctx, value, 'users_affected'),
    traffic_share: readShare(ctx, value, 'traffic_share'),
  };
  keepNestedExtras(ctx, 'impact', value, IMPACT_FIELDS);
  ctx.prefix = outer;
  return impact;
}

const FACTOR_FIELDS: ReadonlySet<string> = new Set(['human', 'ai', 'process']);

function readFactors(ctx: Context, raw: RawObject): ClassificationFactors {
  const value = raw.factors;
  if (isAbsentOrBlank(value)) return { human: [], ai: [], process: [] };
  if (!isObject(value)) {
    addError(ctx, 'factors', `expected an object with human, ai, process lists, got ${formatGot(value)}`);
    return { human: [], ai: [], process: [] };
  }
  const outer = enterNested(ctx, 'factors');
  const factors: ClassificationFactors = {
    human: readList(ctx, value, 'human'),
    ai: readList(ctx, value, 'ai'),
    process: readList(ctx, value, 'process'),
  };
  keepNestedExtras(ctx, 'factors', value, FACTOR_FIELDS);
  ctx.prefix = outer;
  return factors;
}

/** Points reasons at `<kind>.<key>.<field>`; returns the prefix to restore afterwards. */
function enterNested(ctx: Context, key: string): string {
  const outer = ctx.prefix;
  ctx.prefix = `${outer}${key}.`;
  return outer;
}

function keepNestedExtras(ctx: Context, key: string, value: RawObject, known: ReadonlySet<string>): void {
  let extras: Attributes | null = null;
  for (const name in value) {
    if (!Object.hasOwn(value, name) || known.has(name) || value[name] === undefined) continue;
    extras ??= {};
    keepUnknown(ctx, extras, '', name, value[name]);
  }
  if (extras === null) return;
  ctx.nestedExtras ??= {};
  setOwn(ctx.nestedExtras, key, extras);
}

// ---------------------------------------------------------------------------------------------
// Attributes: everything the kind does not define, never dropped.

/**
 * Merges, later winning: the record's own `attributes` object, then its unknown top-level
 * fields, then unknown keys of nested objects (under `ai`, `impact`, `factors`).
 */
function readAttributes(ctx: Context, raw: RawObject, known: ReadonlySet<string>): Attributes {
  const attributes: Attributes = {};
  const given = raw.attributes;
  if (isObject(given)) {
    for (const name in given) {
      if (Object.hasOwn(given, name)) keepUnknown(ctx, attributes, 'attributes.', name, given[name]);
    }
  } else if (!isAbsentOrBlank(given)) {
    addError(ctx, 'attributes', `expected an object, got ${formatGot(given)}`);
  }
  for (const name in raw) {
    if (Object.hasOwn(raw, name) && !known.has(name)) keepUnknown(ctx, attributes, '', name, raw[name]);
  }
  const nested = ctx.nestedExtras;
  if (nested !== null) {
    for (const name in nested) setOwn(attributes, name, nested[name]);
  }
  return attributes;
}

const SIMPLE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Copies one unknown field into `target` unless it cannot be stored (see unstorableJson). */
function keepUnknown(ctx: Context, target: Attributes, path: string, name: string, value: unknown): void {
  if (value === undefined) return;
  const problem = name.includes(NUL) ? NUL_PROBLEM : unstorableJson(value);
  if (problem === null) {
    setOwn(target, name, value);
    return;
  }
  // The name comes from the input, so it is quoted unless plainly printable.
  addError(ctx, path + (SIMPLE_NAME.test(name) ? name : formatGot(name)), problem);
}

const NUL_PROBLEM = 'contains a NUL character (\\u0000)';

/**
 * Attributes are stored as jsonb, which cannot hold NUL: a value holding one (in a string or a
 * key, at any depth) rejects the record here instead of failing the whole batch's insert.
 * The walk is iterative and bounded so neither deep nesting nor a cyclic webhook object breaks it.
 */
function unstorableJson(value: unknown): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? NUL_PROBLEM : null;
  if (typeof value !== 'object' || value === null) return null;
  const pending: unknown[] = [value];
  let visited = 0;
  while (pending.length > 0) {
    if (++visited > MAX_ATTRIBUTE_VALUES) return `expected JSON data of at most ${MAX_ATTRIBUTE_VALUES} values`;
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes(NUL)) return NUL_PROBLEM;
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (isObject(item)) {
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        if (key.includes(NUL)) return NUL_PROBLEM;
        pending.push(item[key]);
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Field readers. Each reads `obj[key]`, records a problem under `ctx.prefix + key` if there is
// one, and returns the normalized value or null. Empty strings mean "not given" (CSV cells).

function readText(ctx: Context, obj: RawObject, key: string, presence: Presence): string | null {
  const value = obj[key];
  if (typeof value === 'string') return checkString(ctx, key, value, presence);
  if (value === undefined || value === null) return missing(ctx, key, presence);
  addError(ctx, key, `expected a string, got ${formatGot(value)}`);
  return null;
}

/** Like readText, but numeric ids (PR, ticket and incident numbers) are accepted as strings. */
function readId(ctx: Context, obj: RawObject, key: string, presence: Presence): string | null {
  const value = obj[key];
  if (typeof value === 'string') return checkString(ctx, key, value, presence);
  // Past 2^53 JSON.parse has already changed the digits, so such a number is no longer the id.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (value === undefined || value === null) return missing(ctx, key, presence);
  addError(ctx, key, `expected a string or integer id, got ${formatGot(value)}`);
  return null;
}

function checkString(ctx: Context, key: string, value: string, presence: Presence): string | null {
  const text = value.trim();
  if (text.length === 0) {
    if (presence === 'required') addError(ctx, key, `required, got ${formatGot(value)}`);
    return null;
  }
  return isStorableString(ctx, key, text) ? text : null;
}

function isStorableString(ctx: Context, key: string, text: string): boolean {
  if (text.length > MAX_STRING_LENGTH) {
    addError(ctx, key, `expected at most ${MAX_STRING_LENGTH} characters, got ${text.length}`);
    return false;
  }
  if (text.includes(NUL)) {
    addError(ctx, key, `${NUL_PROBLEM}, got ${formatGot(text)}`);
    return false;
  }
  return true;
}

function missing(ctx: Context, key: string, presence: Presence): null {
  if (presence === 'required') addError(ctx, key, 'required');
  return null;
}

function readEnum<T extends string>(
  ctx: Context,
  obj: RawObject,
  key: string,
  values: readonly T[],
  presence: Presence,
): T | null {
  const value = obj[key];
  if (typeof value === 'string') {
    const text = value.trim();
    if (isOneOf(values, text)) return text;
    if (text.length === 0) return presence === 'required' ? missingGot(ctx, key, value) : null;
  } else if (value === undefined || value === null) {
    return missing(ctx, key, presence);
  }
  addError(ctx, key, `expected one of ${values.join(', ')}, got ${formatGot(value)}`);
  return null;
}

function missingGot(ctx: Context, key: string, value: unknown): null {
  addError(ctx, key, `required, got ${formatGot(value)}`);
  return null;
}

function readSeverity(ctx: Context, obj: RawObject, key: string): Severity | null {
  const value = obj[key];
  if (typeof value === 'string') {
    const severity = parseSeverity(value, ctx.severityMap);
    if (severity !== null) return severity;
    if (value.trim().length === 0) return missingGot(ctx, key, value);
  } else if (value === undefined || value === null) {
    return missing(ctx, key, 'required');
  }
  addError(ctx, key, `expected sev1–sev4, SEV-1, P1–P5 or critical, high, medium, low, got ${formatGot(value)}`);
  return null;
}

function readTime(ctx: Context, obj: RawObject, key: string, presence: Presence): string | null {
  const value = obj[key];
  if (typeof value === 'string') {
    const time = parseTime(value);
    if (time !== null) return time;
    if (value.trim().length === 0) return presence === 'required' ? missingGot(ctx, key, value) : null;
  } else if (value === undefined || value === null) {
    return missing(ctx, key, presence);
  }
  addError(ctx, key, `expected RFC 3339 time with offset, got ${formatGot(value)}`);
  return null;
}

/** true/false, or the strings "true"/"false" (any case) that CSV cells carry. */
function readBoolean(ctx: Context, obj: RawObject, key: string): boolean | null {
  const value = obj[key];
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text.length === 0) return null;
  }
  addError(ctx, key, `expected true or false, got ${formatGot(value)}`);
  return null;
}

const DIGITS = /^\d+$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** An integer in [min, max]; CSV cells of digits are accepted too. */
function readInt(ctx: Context, obj: RawObject, key: string, min: number, max: number, expected: string): number | null {
  const value = obj[key];
  let n = Number.NaN;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text.length === 0) return null;
    if (DIGITS.test(text)) n = Number(text);
  } else if (value === undefined || value === null) {
    return null;
  }
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  addError(ctx, key, `expected ${expected}, got ${formatGot(value)}`);
  return null;
}

function readCount(ctx: Context, obj: RawObject, key: string): number | null {
  return readInt(ctx, obj, key, 0, Number.MAX_SAFE_INTEGER, 'non-negative integer');
}

/** A share of traffic, 0–1 (not a percentage). */
function readShare(ctx: Context, obj: RawObject, key: string): number | null {
  const value = obj[key];
  let n = Number.NaN;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text.length === 0) return null;
    if (DECIMAL.test(text)) n = Number(text);
  } else if (value === undefined || value === null) {
    return null;
  }
  if (n >= 0 && n <= 1) return n;
  addError(ctx, key, `expected a number between 0 and 1, got ${formatGot(value)}`);
  return null;
}

/**
 * A list of ids or names: an array of strings (numbers become strings), or for CSV one string
 * separated by `;`. Trimmed, empty parts of a `;` string skipped, duplicates dropped (lists are
 * sets, and the sink's link tables key on them).
 */
function readList(ctx: Context, obj: RawObject, key: string): string[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return splitList(ctx, key, value);
  if (!Array.isArray(value)) {
    addError(ctx, key, `expected a list of strings, got ${formatGot(value)}`);
    return [];
  }
  const items: string[] = [];
  const seen = value.length > SMALL_LIST ? new Set<string>() : null;
  for (let i = 0; i < value.length; i++) {
    const element: unknown = value[i];
    let text: string | null = null;
    if (typeof element === 'string') text = element.trim();
    else if (typeof element === 'number' && Number.isSafeInteger(element)) text = String(element);
    if (text === null || text.length === 0) {
      addError(ctx, `${key}[${i}]`, `expected a non-empty string or integer id, got ${formatGot(element)}`);
      continue;
    }
    if (!isStorableString(ctx, `${key}[${i}]`, text)) continue;
    addUnique(items, seen, text);
  }
  return items;
}

function splitList(ctx: Context, key: string, value: string): string[] {
  const items: string[] = [];
  if (value.indexOf(';') === -1) {
    const text = value.trim();
    if (text.length > 0 && isStorableString(ctx, key, text)) items.push(text);
    return items;
  }
  const parts = value.split(';');
  const seen = parts.length > SMALL_LIST ? new Set<string>() : null;
  for (const part of parts) {
    const text = part.trim();
    if (text.length === 0) continue;
    if (!isStorableString(ctx, key, text)) continue;
    addUnique(items, seen, text);
  }
  return items;
}

function addUnique(items: string[], seen: Set<string> | null, text: string): void {
  if (seen === null) {
    if (!items.includes(text)) items.push(text);
  } else if (!seen.has(text)) {
    seen.add(text);
    items.push(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Small pieces.

function addError(ctx: Context, key: string, problem: string): void {
  const field = ctx.prefix + key;
  if (ctx.errors === null) {
    ctx.errors = [];
    ctx.firstField = field;
  }
  ctx.errors.push(`${field}: ${problem}`);
}

function isObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsentOrBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim().length === 0);
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Assigns without letting a `__proto__` key from the input replace the object's prototype. */
function setOwn(target: Attributes, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** The offending value as JSON (strings quoted), cut short so a reason stays one readable line. */
function formatGot(value: unknown): string {
  const text = toJsonText(typeof value === 'string' && value.length > MAX_GOT_LENGTH ? value.slice(0, MAX_GOT_LENGTH) : value);
  return text.length > MAX_GOT_LENGTH ? `${text.slice(0, MAX_GOT_LENGTH - 1)}…` : text;
}

/** JSON text of a value; String() for what JSON cannot express (undefined, BigInt, cycles). */
function toJsonText(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // Not serializable (a cycle or a BigInt in a webhook object); fall back to String() below.
  }
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
