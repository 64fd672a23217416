import { describe, expect, it } from 'vitest';
import type { NormalizedRecord, Position, Rejection } from '../../ingest/model.ts';
import { parseSeverity, parseTime, validateRecord, type ValidateOptions } from '../../ingest/validate.ts';

const AT: Position = { origin: 'records.ndjson', line: 7 };
const NO_AI = { assisted: null, tool: null, mode: null, evidence: null };

function accepted(raw: unknown, options?: ValidateOptions): NormalizedRecord {
  const result = validateRecord(raw, AT, options);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.reason}`);
  expect(result.position).toBe(AT);
  return result.record;
}

function rejected(raw: unknown, options?: ValidateOptions): Rejection {
  const result = validateRecord(raw, AT, options);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.record)}`);
  expect(result.rejection.position).toBe(AT);
  return result.rejection;
}

// Minimal valid raw records; each test overrides the fields it is about.
const makeService = (fields: Record<string, unknown> = {}) => ({ kind: 'service', source: 'file', id: 'checkout-api', name: 'Checkout API', ...fields });
const makePerson = (fields: Record<string, unknown> = {}) => ({ kind: 'person', source: 'file', id: 'ada@example.com', ...fields });
const makeChange = (fields: Record<string, unknown> = {}) => ({
  kind: 'change', source: 'github:acme/shop', id: 'a1b2c3', service: 'checkout-api', author: 'ada', authored_at: '2026-03-05T14:02:00Z', ...fields,
});
const makeDeployment = (fields: Record<string, unknown> = {}) => ({
  kind: 'deployment', source: 'github:acme/shop', id: 'd-1', service: 'checkout-api', environment: 'production',
  started_at: '2026-03-05T15:00:00Z', status: 'succeeded', ...fields,
});
const makeIncident = (fields: Record<string, unknown> = {}) => ({
  kind: 'incident', source: 'pagerduty', id: 'Q1', title: 'Checkout errors', severity: 'sev2', impact_started_at: '2026-03-05T16:00:00Z', ...fields,
});
const makeClassification = (fields: Record<string, unknown> = {}) => ({
  kind: 'classification', source: 'file', incident: 'Q1', ai_role: 'contributory', classified_by: 'ada', classified_at: '2026-03-06T09:00:00Z', ...fields,
});
const makeAgentAction = (fields: Record<string, unknown> = {}) => ({
  kind: 'agent_action', source: 'file', id: 'act-1', agent: 'claude-code', at: '2026-03-05T14:00:00Z', action: 'kubectl rollout restart', ...fields,
});

describe('parseTime', () => {
  it('normalizes RFC 3339 times with an offset to UTC', () => {
    expect(parseTime('2026-03-05T14:02:00Z')).toBe('2026-03-05T14:02:00.000Z');
    expect(parseTime('2026-03-05T14:02:00+02:00')).toBe('2026-03-05T12:02:00.000Z');
    expect(parseTime('2026-03-05T23:30:00-05:30')).toBe('2026-03-06T05:00:00.000Z');
    expect(parseTime('2026-03-05t14:02:00z')).toBe('2026-03-05T14:02:00.000Z');
    expect(parseTime('2026-03-05 14:02:00Z')).toBe('2026-03-05T14:02:00.000Z');
  });

  it('keeps milliseconds and truncates finer fractions', () => {
    expect(parseTime('2026-03-05T14:02:00.5Z')).toBe('2026-03-05T14:02:00.500Z');
    expect(parseTime('2026-03-05T14:02:59.999999Z')).toBe('2026-03-05T14:02:59.999Z');
  });

  it('refuses a time without an offset instead of guessing one', () => {
    expect(parseTime('2026-03-05T14:02:00')).toBeNull();
    expect(parseTime('2026-03-05')).toBeNull();
    expect(parseTime('2026-03-05T14:02Z')).toBeNull();
    expect(parseTime('2026-03-05T14:02:00+0200')).toBeNull();
    expect(parseTime('yesterday')).toBeNull();
    expect(parseTime(1772719320000)).toBeNull();
    expect(parseTime(null)).toBeNull();
  });

  it('refuses impossible dates and times', () => {
    expect(parseTime('2026-02-30T00:00:00Z')).toBeNull();
    expect(parseTime('2026-04-31T00:00:00Z')).toBeNull();
    expect(parseTime('2026-13-01T00:00:00Z')).toBeNull();
    expect(parseTime('2026-00-10T00:00:00Z')).toBeNull();
    expect(parseTime('2026-03-05T24:00:00Z')).toBeNull();
    expect(parseTime('2026-03-05T14:60:00Z')).toBeNull();
    expect(parseTime('2026-03-05T14:02:60Z')).toBeNull();
    expect(parseTime('2026-03-05T14:02:00+24:00')).toBeNull();
  });

  it('knows leap years, including the century rules', () => {
    expect(parseTime('2024-02-29T12:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(parseTime('2000-02-29T12:00:00Z')).toBe('2000-02-29T12:00:00.000Z');
    expect(parseTime('2023-02-29T12:00:00Z')).toBeNull();
    expect(parseTime('1900-02-29T12:00:00Z')).toBeNull();
  });

  it('writes the same UTC text as Date.prototype.toISOString', () => {
    // Offsets move times across day, month, year and leap-day boundaries.
    const times = [
      '2024-02-29T23:30:00-01:00', '2024-03-01T00:30:00+01:00', '2025-12-31T23:59:59.999-00:01', '2026-01-01T00:00:00+14:00',
      '1970-01-01T00:00:00+00:01', '1969-12-31T23:59:59.001Z', '2100-02-28T23:00:00-02:00', '0000-01-01T00:30:00+01:00',
      '9999-12-31T23:59:59-00:30', '0001-03-01T00:00:00Z', '1600-02-29T12:00:00Z',
    ];
    for (const time of times) expect(parseTime(time)).toBe(new Date(time.replace(' ', 'T')).toISOString());
    for (let day = 0; day < 3000; day++) {
      const ms = Date.UTC(1999, 0, 1) + day * 86_400_000 + day * 1_234_567;
      const iso = new Date(ms).toISOString();
      expect(parseTime(iso.replace('Z', '+00:00'))).toBe(iso);
      // The same instant written in UTC+05:30 and UTC-09:45.
      const east = new Date(ms + 330 * 60_000).toISOString().replace('Z', '+05:30');
      const west = new Date(ms - 585 * 60_000).toISOString().replace('Z', '-09:45');
      expect([parseTime(east), parseTime(west)]).toEqual([iso, iso]);
    }
  });

  it('does not read two-digit years as the 1900s', () => {
    expect(parseTime('0099-06-01T00:00:00Z')).toBe('0099-06-01T00:00:00.000Z');
  });
});

describe('parseSeverity', () => {
  it('reads the built-in names in any case', () => {
    expect(['sev1', 'SEV1', 'Sev1', 'SEV-1', 'sev 1', 'sev_1'].map((s) => parseSeverity(s))).toEqual(Array(6).fill('sev1'));
    expect(['sev2', 'sev3', 'sev4'].map((s) => parseSeverity(s))).toEqual(['sev2', 'sev3', 'sev4']);
    expect(['P1', 'p2', 'P3', 'P4', 'P5'].map((s) => parseSeverity(s))).toEqual(['sev1', 'sev2', 'sev3', 'sev4', 'sev4']);
    expect(['critical', 'HIGH', 'Medium', 'low'].map((s) => parseSeverity(s))).toEqual(['sev1', 'sev2', 'sev3', 'sev4']);
  });

  it('returns null for names it does not know', () => {
    expect(parseSeverity('sev5')).toBeNull();
    expect(parseSeverity('P0')).toBeNull();
    expect(parseSeverity('urgent')).toBeNull();
    expect(parseSeverity('')).toBeNull();
  });

  it('consults the per-source map before the built-in names', () => {
    const extra = { urgent: 'sev1', p1: 'sev2' } as const;
    expect(parseSeverity('Urgent', extra)).toBe('sev1');
    expect(parseSeverity('P1', extra)).toBe('sev2');
    expect(parseSeverity('P3', extra)).toBe('sev3');
    // Only the map's own keys count, not what every object inherits.
    expect(parseSeverity('constructor', extra)).toBeNull();
  });
});

describe('validateRecord: any record', () => {
  it('rejects input that is not an object, under the field "record"', () => {
    for (const raw of [[1, 2], 42, null, 'incident', true]) {
      const r = rejected(raw);
      expect(r).toMatchObject({ kind: null, id: null, field: 'record', raw: JSON.stringify(raw) });
      expect(r.reason).toBe(`record: expected a JSON object, got ${JSON.stringify(raw)}`);
    }
    expect(rejected(undefined)).toMatchObject({ field: 'record', raw: 'undefined' });
  });

  it('rejects a missing or unknown kind, and keeps the id it could read', () => {
    const unknown = rejected({ kind: 'incidnet', source: 'file', id: 'Q1' });
    expect(unknown).toMatchObject({ kind: null, id: 'Q1', field: 'record.kind' });
    expect(unknown.reason).toBe(
      'record.kind: expected one of service, person, change, deployment, incident, classification, agent_action, got "incidnet"',
    );
    expect(rejected({ source: 'file', id: 'Q1' }).reason).toBe('record.kind: required');
  });

  it('needs a source and an id', () => {
    const r = rejected(makeIncident({ source: '  ', id: undefined }));
    expect(r).toMatchObject({ kind: 'incident', id: null, field: 'record.source' });
    expect(r.reason).toBe('record.source: required, got "  "; record.id: required');
    expect(rejected(makeIncident({ id: { pd: 1 } })).reason).toBe('record.id: expected a string or integer id, got {"pd":1}');
  });

  it('turns a numeric id into a string, but not one JSON has already rounded', () => {
    expect(accepted(makeIncident({ id: 4711 })).id).toBe('4711');
    expect(rejected(makeIncident({ id: 2 ** 60 })).field).toBe('record.id');
    expect(rejected(makeIncident({ id: 1.5 })).field).toBe('record.id');
  });

  it('collects every problem of a record, in field order, and names the first one', () => {
    const r = rejected(makeIncident({ id: 'Q9', title: '', severity: 'urgent', detected_at: 'yesterday', impact: { orders_lost: -3 } }));
    expect(r.field).toBe('incident.title');
    expect(r.id).toBe('Q9');
    expect(r.reason).toBe(
      [
        'incident.title: required, got ""',
        'incident.severity: expected sev1–sev4, SEV-1, P1–P5 or critical, high, medium, low, got "urgent"',
        'incident.detected_at: expected RFC 3339 time with offset, got "yesterday"',
        'incident.impact.orders_lost: expected non-negative integer, got -3',
      ].join('; '),
    );
  });

  it('keeps the raw input as JSON text', () => {
    const raw = makeDeployment({ status: 'ok' });
    expect(rejected(raw).raw).toBe(JSON.stringify(raw));
  });

  it('quotes an offending value as JSON and cuts it short', () => {
    const r = rejected(makeIncident({ detected_at: 'x'.repeat(500) }));
    const got = r.reason.slice(r.reason.indexOf('got ') + 4);
    expect(got.startsWith('"xxx')).toBe(true);
    expect(got.endsWith('…')).toBe(true);
    expect(got.length).toBeLessThanOrEqual(60);
  });

  it('trims strings and reads an empty optional string as null', () => {
    const r = accepted(makeService({ name: '  Checkout API\t', team: '', tier: '', domain: '  ', high_risk: '' }));
    expect(r).toMatchObject({ name: 'Checkout API', team: null, tier: null, domain: null, high_risk: false });
  });

  it('rejects a NUL character in any string, saying so', () => {
    const r = rejected(makeIncident({ title: 'Checkout\u0000errors' }));
    expect(r.field).toBe('incident.title');
    expect(r.reason).toContain('incident.title: contains a NUL character');
    expect(r.reason).not.toContain('\u0000');
    expect(rejected(makeDeployment({ regions: ['eu\u0000'] })).field).toBe('deployment.regions[0]');
  });

  it('rejects a NUL character in attributes, which jsonb cannot store', () => {
    expect(rejected(makeIncident({ vendor: { tags: ['a', 'b\u0000'] } })).reason).toBe('incident.vendor: contains a NUL character (\\u0000)');
    expect(rejected(makeIncident({ attributes: { note: '\u0000' } })).field).toBe('incident.attributes.note');
    const badKey = rejected(makeIncident({ 'x\u0000y': 1 }));
    expect(badKey.field).toBe('incident."x\\u0000y"');
    expect(badKey.reason).not.toContain('\u0000');
  });

  it('rejects strings longer than 10 000 characters, saying so', () => {
    expect(accepted(makeIncident({ title: 'x'.repeat(10_000) }))).toMatchObject({ kind: 'incident' });
    const r = rejected(makeIncident({ title: 'x'.repeat(10_001) }));
    expect(r.reason).toBe('incident.title: expected at most 10000 characters, got 10001');
  });

  it('keeps unknown fields in attributes, merged with an attributes object', () => {
    const r = accepted(makeService({ owner_slack: '#checkout', attributes: { cost_center: 42, owner_slack: 'old' } }));
    expect(r.attributes).toEqual({ cost_center: 42, owner_slack: '#checkout' });
    expect(rejected(makeService({ attributes: 'cost_center=42' })).reason).toBe(
      'service.attributes: expected an object, got "cost_center=42"',
    );
  });

  it('does not let a __proto__ field change the attributes object', () => {
    const r = accepted(JSON.parse('{"kind":"person","source":"file","id":"ada","__proto__":{"polluted":true}}'));
    expect(Object.getPrototypeOf(r.attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(r.attributes, '__proto__')).toBe(true);
    expect((r.attributes as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('does not throw on a value JSON cannot express', () => {
    const cyclic: Record<string, unknown> = { kind: 'service' };
    cyclic.self = cyclic;
    const r = rejected(cyclic);
    expect(r.field).toBe('record.source');
    expect(r.raw).toBe('[object Object]');
  });
});

describe('validateRecord: service', () => {
  it('normalizes a full record', () => {
    const r = accepted(makeService({ id: 7, team: 'payments', tier: 1, domain: 'payment', high_risk: false, runbook: 'https://wiki/x' }));
    expect(r).toEqual({
      kind: 'service',
      source: 'file',
      id: '7',
      name: 'Checkout API',
      team: 'payments',
      tier: 1,
      domain: 'payment',
      high_risk: false,
      attributes: { runbook: 'https://wiki/x' },
    });
  });

  it('defaults high_risk from the domain', () => {
    expect(accepted(makeService())).toEqual({
      kind: 'service', source: 'file', id: 'checkout-api', name: 'Checkout API', team: null, tier: null, domain: null, high_risk: false, attributes: {},
    });
    for (const domain of ['payment', 'pricing', 'inventory', 'identity', 'checkout']) {
      expect(accepted(makeService({ domain }))).toMatchObject({ high_risk: true });
    }
    for (const domain of ['search', 'fulfillment', 'other']) {
      expect(accepted(makeService({ domain }))).toMatchObject({ high_risk: false });
    }
  });

  it('reads a tier from a CSV cell', () => {
    expect(accepted(makeService({ tier: ' 2 ' }))).toMatchObject({ tier: 2 });
  });

  it('rejects a bad tier, domain, high_risk or missing name', () => {
    expect(rejected(makeService({ tier: 4 })).reason).toBe('service.tier: expected integer 1–3, got 4');
    expect(rejected(makeService({ tier: 1.5 })).reason).toBe('service.tier: expected integer 1–3, got 1.5');
    expect(rejected(makeService({ tier: 'gold' })).field).toBe('service.tier');
    expect(rejected(makeService({ domain: 'payments' })).reason).toBe(
      'service.domain: expected one of payment, pricing, inventory, identity, checkout, search, fulfillment, other, got "payments"',
    );
    expect(rejected(makeService({ high_risk: 'yes' })).reason).toBe('service.high_risk: expected true or false, got "yes"');
    expect(rejected(makeService({ name: undefined })).reason).toBe('service.name: required');
    expect(rejected(makeService({ name: 12 })).reason).toBe('service.name: expected a string, got 12');
  });
});

describe('validateRecord: person', () => {
  it('normalizes a full record', () => {
    expect(accepted(makePerson({ name: 'Ada Lovelace', team: 'payments', seniority: 'principal', github: 'ada' }))).toEqual({
      kind: 'person',
      source: 'file',
      id: 'ada@example.com',
      name: 'Ada Lovelace',
      team: 'payments',
      seniority: 'principal',
      attributes: { github: 'ada' },
    });
  });

  it('defaults seniority to unknown', () => {
    expect(accepted(makePerson())).toEqual({
      kind: 'person', source: 'file', id: 'ada@example.com', name: null, team: null, seniority: 'unknown', attributes: {},
    });
  });

  it('rejects an unknown seniority and a missing id', () => {
    expect(rejected(makePerson({ seniority: 'staff' })).reason).toBe(
      'person.seniority: expected one of junior, mid, senior, principal, unknown, got "staff"',
    );
    expect(rejected(makePerson({ id: '' })).reason).toBe('record.id: required, got ""');
  });
});

describe('validateRecord: change', () => {
  it('normalizes a full record', () => {
    const r = accepted(
      makeChange({
        repo: 'acme/shop',
        title: 'Cache prices',
        merged_at: '2026-03-05T16:02:00+02:00',
        approvers: ['bob', 17],
        change_ticket: 4711,
        checks_passed: true,
        change_type: 'code',
        lines_added: 120,
        lines_deleted: 0,
        reverts: 'ffee00',
        ai: { assisted: true, tool: 'claude-code', mode: 'agent', evidence: 'trailer' },
        pr_number: 88,
      }),
    );
    expect(r).toEqual({
      kind: 'change',
      source: 'github:acme/shop',
      id: 'a1b2c3',
      service: 'checkout-api',
      author: 'ada',
      authored_at: '2026-03-05T14:02:00.000Z',
      repo: 'acme/shop',
      title: 'Cache prices',
      merged_at: '2026-03-05T14:02:00.000Z',
      approvers: ['bob', '17'],
      change_ticket: '4711',
      checks_passed: true,
      change_type: 'code',
      lines_added: 120,
      lines_deleted: 0,
      reverts: 'ffee00',
      ai: { assisted: true, tool: 'claude-code', mode: 'agent', evidence: 'trailer' },
      attributes: { pr_number: 88 },
    });
  });

  it('fills defaults for the optional fields and an unknown AI status', () => {
    expect(accepted(makeChange())).toEqual({
      kind: 'change',
      source: 'github:acme/shop',
      id: 'a1b2c3',
      service: 'checkout-api',
      author: 'ada',
      authored_at: '2026-03-05T14:02:00.000Z',
      repo: null,
      title: null,
      merged_at: null,
      approvers: [],
      change_ticket: null,
      checks_passed: null,
      change_type: null,
      lines_added: null,
      lines_deleted: null,
      reverts: null,
      ai: NO_AI,
      attributes: {},
    });
  });

  it('keeps assisted: null as unknown, never false', () => {
    expect(accepted(makeChange({ ai: { assisted: null, tool: 'copilot' } }))).toMatchObject({
      ai: { assisted: null, tool: 'copilot', mode: null, evidence: null },
    });
    expect(accepted(makeChange({ ai: {} }))).toMatchObject({ ai: NO_AI });
    expect(accepted(makeChange({ ai: null }))).toMatchObject({ ai: NO_AI });
  });

  it('marks a stated yes or no without evidence as declared', () => {
    expect(accepted(makeChange({ ai: { assisted: true } }))).toMatchObject({
      ai: { assisted: true, tool: null, mode: null, evidence: 'declared' },
    });
    expect(accepted(makeChange({ ai: { assisted: 'false' } }))).toMatchObject({
      ai: { assisted: false, tool: null, mode: null, evidence: 'declared' },
    });
  });

  it('keeps unknown keys of the ai object under attributes.ai', () => {
    const r = accepted(makeChange({ ai: { assisted: true, confidence: 0.9 } }));
    expect(r.attributes).toEqual({ ai: { confidence: 0.9 } });
  });

  it('reads `;`-separated lists and CSV booleans', () => {
    expect(accepted(makeChange({ approvers: ' bob; carol ;;bob;', checks_passed: 'FALSE' }))).toMatchObject({
      approvers: ['bob', 'carol'],
      checks_passed: false,
    });
  });

  it('rejects bad fields, naming each', () => {
    expect(rejected(makeChange({ author: undefined })).reason).toBe('change.author: required');
    expect(rejected(makeChange({ authored_at: '2026-03-05T14:02:00' })).reason).toBe(
      'change.authored_at: expected RFC 3339 time with offset, got "2026-03-05T14:02:00"',
    );
    expect(rejected(makeChange({ lines_added: -1 })).reason).toBe('change.lines_added: expected non-negative integer, got -1');
    expect(rejected(makeChange({ lines_deleted: '-4' })).reason).toBe('change.lines_deleted: expected non-negative integer, got "-4"');
    expect(rejected(makeChange({ change_type: 'feature' })).field).toBe('change.change_type');
    expect(rejected(makeChange({ checks_passed: 1 })).reason).toBe('change.checks_passed: expected true or false, got 1');
    expect(rejected(makeChange({ approvers: { bob: true } })).field).toBe('change.approvers');
    expect(rejected(makeChange({ approvers: ['bob', null] })).reason).toBe(
      'change.approvers[1]: expected a non-empty string or integer id, got null',
    );
  });

  it('rejects a bad ai object, naming the nested field', () => {
    expect(rejected(makeChange({ ai: { assisted: 'maybe' } })).reason).toBe('change.ai.assisted: expected true or false, got "maybe"');
    expect(rejected(makeChange({ ai: { assisted: true, mode: 'pair' } })).reason).toBe(
      'change.ai.mode: expected one of suggestion, authored, agent, got "pair"',
    );
    expect(rejected(makeChange({ ai: { assisted: true, evidence: 'vibes' } })).field).toBe('change.ai.evidence');
    expect(rejected(makeChange({ ai: true })).field).toBe('change.ai');
  });
});

describe('validateRecord: deployment', () => {
  it('normalizes a full record', () => {
    const r = accepted(
      makeDeployment({
        status: 'rolled_back',
        finished_at: '2026-03-05T15:10:00.250+01:00',
        version: 'v1.4.2',
        changes: ['a1b2c3', 'd4e5f6'],
        actor: 'deploy-bot',
        actor_type: 'automation',
        rollback_of: 'd-0',
        remediates: 'Q1;Q2',
        regions: ['eu-west-1'],
        change_type: 'config',
        ai: { assisted: false, evidence: 'label' },
        pipeline: { id: 9 },
      }),
    );
    expect(r).toEqual({
      kind: 'deployment',
      source: 'github:acme/shop',
      id: 'd-1',
      service: 'checkout-api',
      environment: 'production',
      started_at: '2026-03-05T15:00:00.000Z',
      status: 'rolled_back',
      finished_at: '2026-03-05T14:10:00.250Z',
      version: 'v1.4.2',
      changes: ['a1b2c3', 'd4e5f6'],
      actor: 'deploy-bot',
      actor_type: 'automation',
      rollback_of: 'd-0',
      remediates: ['Q1', 'Q2'],
      regions: ['eu-west-1'],
      change_type: 'config',
      ai: { assisted: false, tool: null, mode: null, evidence: 'label' },
      attributes: { pipeline: { id: 9 } },
    });
  });

  it('keeps a finish before the start: negative durations are flagged later, not refused', () => {
    // In the full record above, finished_at (14:10Z) is before started_at (15:00Z) and was kept.
    expect(accepted(makeDeployment({ finished_at: '2026-03-05T14:00:00Z' }))).toMatchObject({ finished_at: '2026-03-05T14:00:00.000Z' });
  });

  it('fills defaults', () => {
    expect(accepted(makeDeployment())).toEqual({
      kind: 'deployment',
      source: 'github:acme/shop',
      id: 'd-1',
      service: 'checkout-api',
      environment: 'production',
      started_at: '2026-03-05T15:00:00.000Z',
      status: 'succeeded',
      finished_at: null,
      version: null,
      changes: [],
      actor: null,
      actor_type: null,
      rollback_of: null,
      remediates: [],
      regions: [],
      change_type: null,
      ai: NO_AI,
      attributes: {},
    });
  });

  it('turns numeric change ids into strings and drops duplicates', () => {
    expect(accepted(makeDeployment({ changes: [101, '102', 101] }))).toMatchObject({ changes: ['101', '102'] });
  });

  it('rejects bad fields, naming each', () => {
    expect(rejected(makeDeployment({ status: 'ok' })).reason).toBe(
      'deployment.status: expected one of succeeded, failed, rolled_back, in_progress, got "ok"',
    );
    expect(rejected(makeDeployment({ status: undefined })).reason).toBe('deployment.status: required');
    expect(rejected(makeDeployment({ environment: null })).reason).toBe('deployment.environment: required');
    expect(rejected(makeDeployment({ actor_type: 'robot' })).field).toBe('deployment.actor_type');
    expect(rejected(makeDeployment({ started_at: '2026-02-30T10:00:00Z' })).reason).toBe(
      'deployment.started_at: expected RFC 3339 time with offset, got "2026-02-30T10:00:00Z"',
    );
    expect(rejected(makeDeployment({ ai: { mode: 'autopilot' } })).field).toBe('deployment.ai.mode');
  });
});

describe('validateRecord: incident', () => {
  it('normalizes a full record', () => {
    const r = accepted(
      makeIncident({
        id: 311,
        severity: 'SEV-1',
        impact_started_at: '2026-03-05T17:00:00+01:00',
        status: 'resolved',
        services: 'checkout-api; pricing',
        regions: ['eu-west-1'],
        detected_at: '2026-03-05T16:04:00Z',
        acknowledged_at: '2026-03-05T16:06:00Z',
        mitigated_at: '2026-03-05T16:40:00Z',
        resolved_at: '2026-03-05T18:00:00Z',
        detection: 'monitor',
        caused_by: ['d-1'],
        impact: { orders_lost: 1200, errors: 53000, users_affected: 900, traffic_share: 0.25 },
        postmortem_url: 'https://wiki/pm/311',
        urgency: 'high',
      }),
    );
    expect(r).toEqual({
      kind: 'incident',
      source: 'pagerduty',
      id: '311',
      title: 'Checkout errors',
      severity: 'sev1',
      impact_started_at: '2026-03-05T16:00:00.000Z',
      status: 'resolved',
      services: ['checkout-api', 'pricing'],
      regions: ['eu-west-1'],
      detected_at: '2026-03-05T16:04:00.000Z',
      acknowledged_at: '2026-03-05T16:06:00.000Z',
      mitigated_at: '2026-03-05T16:40:00.000Z',
      resolved_at: '2026-03-05T18:00:00.000Z',
      detection: 'monitor',
      caused_by: ['d-1'],
      impact: { orders_lost: 1200, errors: 53000, users_affected: 900, traffic_share: 0.25 },
      postmortem_url: 'https://wiki/pm/311',
      attributes: { urgency: 'high' },
    });
  });

  it('fills defaults', () => {
    expect(accepted(makeIncident())).toEqual({
      kind: 'incident',
      source: 'pagerduty',
      id: 'Q1',
      title: 'Checkout errors',
      severity: 'sev2',
      impact_started_at: '2026-03-05T16:00:00.000Z',
      status: null,
      services: [],
      regions: [],
      detected_at: null,
      acknowledged_at: null,
      mitigated_at: null,
      resolved_at: null,
      detection: null,
      caused_by: [],
      impact: { orders_lost: null, errors: null, users_affected: null, traffic_share: null },
      postmortem_url: null,
      attributes: {},
    });
  });

  it('maps severities, using the per-source map first', () => {
    const severity = (value: string, options?: ValidateOptions) => (accepted(makeIncident({ severity: value }), options) as { severity: string }).severity;
    expect(severity('P1')).toBe('sev1');
    expect(severity('SEV-1')).toBe('sev1');
    expect(severity('critical')).toBe('sev1');
    expect(severity('P5')).toBe('sev4');
    expect(severity('Blocker', { severityMap: { blocker: 'sev1' } })).toBe('sev1');
    expect(severity('P1', { severityMap: { p1: 'sev2' } })).toBe('sev2');
  });

  it('reads impact counts and shares from CSV cells', () => {
    expect(accepted(makeIncident({ impact: { orders_lost: '12', traffic_share: '0.5' } }))).toMatchObject({
      impact: { orders_lost: 12, errors: null, users_affected: null, traffic_share: 0.5 },
    });
  });

  it('rejects bad fields, naming each', () => {
    expect(rejected(makeIncident({ severity: 'urgent' })).field).toBe('incident.severity');
    expect(rejected(makeIncident({ severity: 1 })).field).toBe('incident.severity');
    expect(rejected(makeIncident({ severity: undefined })).reason).toBe('incident.severity: required');
    expect(rejected(makeIncident({ detected_at: 'yesterday' })).reason).toBe(
      'incident.detected_at: expected RFC 3339 time with offset, got "yesterday"',
    );
    expect(rejected(makeIncident({ impact_started_at: '2026-03-05 16:00:00' })).field).toBe('incident.impact_started_at');
    expect(rejected(makeIncident({ detection: 'pager' })).field).toBe('incident.detection');
    expect(rejected(makeIncident({ impact: { users_affected: 2.5 } })).reason).toBe(
      'incident.impact.users_affected: expected non-negative integer, got 2.5',
    );
    expect(rejected(makeIncident({ impact: { traffic_share: 1.5 } })).reason).toBe(
      'incident.impact.traffic_share: expected a number between 0 and 1, got 1.5',
    );
    expect(rejected(makeIncident({ impact: { traffic_share: '45%' } })).field).toBe('incident.impact.traffic_share');
    expect(rejected(makeIncident({ impact: [1] })).field).toBe('incident.impact');
    expect(rejected(makeIncident({ title: '   ' })).reason).toBe('incident.title: required, got "   "');
  });

  it('keeps unknown impact keys under attributes.impact', () => {
    expect(accepted(makeIncident({ impact: { errors: 3, revenue_eur: 5000 } })).attributes).toEqual({ impact: { revenue_eur: 5000 } });
  });
});

describe('validateRecord: classification', () => {
  it('builds its id from the incident and the UTC classification time', () => {
    expect(accepted(makeClassification({ incident: 311, classified_at: '2026-03-06T10:00:00+01:00' }))).toEqual({
      kind: 'classification',
      source: 'file',
      id: '311@2026-03-06T09:00:00.000Z',
      incident: '311',
      ai_role: 'contributory',
      classified_by: 'ada',
      classified_at: '2026-03-06T09:00:00.000Z',
      factors: { human: [], ai: [], process: [] },
      notes: null,
      attributes: {},
    });
  });

  it('keeps an id it is given, and reads factors and notes', () => {
    const r = accepted(
      makeClassification({
        id: 'cls-9',
        factors: { human: ['skipped review'], ai: 'hallucinated API; wrong config key', process: [] },
        notes: 'Agent-authored config change.',
        reviewed: true,
      }),
    );
    expect(r).toEqual({
      kind: 'classification',
      source: 'file',
      id: 'cls-9',
      incident: 'Q1',
      ai_role: 'contributory',
      classified_by: 'ada',
      classified_at: '2026-03-06T09:00:00.000Z',
      factors: { human: ['skipped review'], ai: ['hallucinated API', 'wrong config key'], process: [] },
      notes: 'Agent-authored config change.',
      attributes: { reviewed: true },
    });
  });

  it('rejects bad fields, naming each, with no id when none can be built', () => {
    const noTime = rejected(makeClassification({ classified_at: '2026-03-06T09:00:00' }));
    expect(noTime).toMatchObject({ kind: 'classification', id: null, field: 'classification.classified_at' });
    expect(rejected(makeClassification({ ai_role: 'blamed' })).reason).toBe(
      'classification.ai_role: expected one of primary, contributory, incidental, none, unknown, got "blamed"',
    );
    expect(rejected(makeClassification({ ai_role: 'blamed' })).id).toBe('Q1@2026-03-06T09:00:00.000Z');
    expect(rejected(makeClassification({ classified_by: undefined })).reason).toBe('classification.classified_by: required');
    expect(rejected(makeClassification({ factors: ['human'] })).field).toBe('classification.factors');
    expect(rejected(makeClassification({ factors: { ai: [3.5] } })).field).toBe('classification.factors.ai[0]');
    expect(rejected(makeClassification({ notes: 'n'.repeat(10_001) })).reason).toContain('classification.notes: expected at most 10000 characters');
  });
});

describe('validateRecord: agent_action', () => {
  it('normalizes a full record', () => {
    const r = accepted(
      makeAgentAction({
        service: 'checkout-api',
        environment: 'production',
        destructive: 'true',
        approved_by: 'ada;bob',
        permission_scope: 'k8s:deployments:write',
        outcome: 'succeeded',
        session: 'abc',
      }),
    );
    expect(r).toEqual({
      kind: 'agent_action',
      source: 'file',
      id: 'act-1',
      agent: 'claude-code',
      at: '2026-03-05T14:00:00.000Z',
      action: 'kubectl rollout restart',
      service: 'checkout-api',
      environment: 'production',
      destructive: true,
      approved_by: ['ada', 'bob'],
      permission_scope: 'k8s:deployments:write',
      outcome: 'succeeded',
      attributes: { session: 'abc' },
    });
  });

  it('fills defaults', () => {
    expect(accepted(makeAgentAction())).toEqual({
      kind: 'agent_action',
      source: 'file',
      id: 'act-1',
      agent: 'claude-code',
      at: '2026-03-05T14:00:00.000Z',
      action: 'kubectl rollout restart',
      service: null,
      environment: null,
      destructive: null,
      approved_by: [],
      permission_scope: null,
      outcome: null,
      attributes: {},
    });
  });

  it('rejects bad fields, naming each', () => {
    expect(rejected(makeAgentAction({ action: undefined })).reason).toBe('agent_action.action: required');
    expect(rejected(makeAgentAction({ at: 'now' })).field).toBe('agent_action.at');
    expect(rejected(makeAgentAction({ destructive: 'no' })).reason).toBe('agent_action.destructive: expected true or false, got "no"');
    expect(rejected(makeAgentAction({ agent: ['a'] })).field).toBe('agent_action.agent');
  });
});
