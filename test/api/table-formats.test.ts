import { type DataType, type Table, tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsToCsv } from '../../server/api/csv-text.ts';
import { tableColumns } from '../../server/api/table-columns.ts';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { ARROW_STREAM, negotiateTableFormat, registerTableFormats } from '../../server/plugins/table-formats.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

type Row = Record<string, unknown>;

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;

beforeAll(async () => {
  t = await createTestDatabase();
  const bad = makeDeployment({ service: 'pay', ai: AI, finished_at: '2026-03-03T09:00:00.000Z', changes: ['chg-1', 'chg-2'] });
  await loadRecords(t.db, { source: 'test' }, valid([
    // A name CSV has to quote: comma, quote and line break.
    makeService({ id: 'pay', name: 'Payments, "core"\nEU', tier: 1 }),
    makeService({ id: 'lab', name: 'lab', tier: null, team: null, domain: 'other', high_risk: false }),
    bad,
    makeDeployment({ service: 'pay', ai: HUMAN, status: 'rolled_back', finished_at: '2026-03-04T09:00:00.000Z', change_type: 'config' }),
    makeDeployment({ service: 'pay', ai: UNKNOWN, status: 'in_progress', started_at: '2026-03-05T09:00:00.000Z', finished_at: null }),
    makeDeployment({ service: 'lab', ai: AI, environment: 'staging', finished_at: '2026-03-05T10:00:00.123Z' }),
    makeIncident({ services: ['pay'], caused_by: [bad.id], impact_started_at: '2026-03-03T12:00:00.000Z' }),
  ]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const get = (url: string, accept?: string) => app.inject({ method: 'GET', url, headers: accept === undefined ? viewer.headers : { ...viewer.headers, accept } });

/** Arrow rows as the JSON body has them: ISO times, arrays, numbers. */
function arrowRows(table: Table): Row[] {
  const plain = (type: DataType, value: unknown): unknown => {
    if (value === null) return null;
    if (String(type).startsWith('Timestamp')) return new Date(value as number).toISOString();
    if (String(type).startsWith('List')) return [...(value as Iterable<unknown>)];
    return value;
  };
  return table.toArray().map((row: Row) => Object.fromEntries(table.schema.fields.map((field) => [field.name, plain(field.type, row[field.name])])));
}

/** CSV back to rows: an empty unquoted field is null, a quoted one the empty string. */
function csvRows(text: string): Row[] {
  return parse(text, { columns: true, cast: (value, context) => (context.header || value !== '' || context.quoting ? value : null) }) as Row[];
}

/** JSON rows as CSV writes them: text, lists joined with `;`. */
const asCsv = (rows: Row[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? null : Array.isArray(value) ? value.join(';') : String(value)])));

describe('Arrow IPC stream', () => {
  it('has the same deployment rows as JSON, typed from the response schema, nulls kept', async () => {
    const json = (await get('/api/deployments')).json();
    const response = await get('/api/deployments', ARROW_STREAM);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(ARROW_STREAM);
    expect(response.headers.vary).toBe('Accept');
    const table = tableFromIPC(response.rawPayload);
    const types = Object.fromEntries(table.schema.fields.map((field) => [field.name, `${String(field.type)}${field.nullable ? '?' : ''}`]));
    expect(types).toEqual({
      id: 'Utf8',
      // Repeating strings are sent once each (dictionary encoding).
      source: 'Dictionary<Int32, Utf8>',
      service: 'Dictionary<Int32, Utf8>',
      environment: 'Dictionary<Int32, Utf8>',
      version: 'Utf8?',
      started_at: 'Timestamp<MILLISECOND, UTC>',
      finished_at: 'Timestamp<MILLISECOND, UTC>?',
      status: 'Dictionary<Int32, Utf8>',
      cohort: 'Dictionary<Int32, Utf8>',
      cohort_evidence: 'Dictionary<Int32, Utf8>?',
      ai_tool: 'Dictionary<Int32, Utf8>?',
      change_type: 'Dictionary<Int32, Utf8>?',
      rollback_of: 'Utf8?',
      changes: 'List<Utf8>',
      failed: 'Bool',
      linked_incidents: 'List<Utf8>',
      controls_evaluated: 'Bool',
      controls_skipped: 'List<Utf8>',
    });
    expect(table.numRows).toBe(4);
    expect(arrowRows(table)).toEqual(json.deployments);
    expect(json.deployments.some((row: Row) => row.finished_at === null && row.cohort_evidence === null)).toBe(true);
    // The body's other fields travel in the schema metadata.
    expect(JSON.parse(table.schema.metadata.get('period')!)).toEqual(json.period);
    expect(JSON.parse(table.schema.metadata.get('next_cursor')!)).toBeNull();
  });

  it('types integers, numbers and booleans of the service list, nulls kept', async () => {
    const json = (await get('/api/services')).json();
    const table = tableFromIPC((await get('/api/services', ARROW_STREAM)).rawPayload);
    const cohort = (c: string) => [`${c}_deployments:Int32`, `${c}_failed:Int32`, `${c}_cfr:Float64?`, `${c}_cfr_low:Float64?`, `${c}_cfr_high:Float64?`];
    expect(table.schema.fields.map((field) => `${field.name}:${String(field.type)}${field.nullable ? '?' : ''}`)).toEqual([
      'risk_rank:Int32',
      'id:Utf8',
      'name:Utf8',
      'team:Utf8?',
      'domain:Utf8?',
      'tier:Int32?',
      'high_risk:Bool',
      'deployments:Int32',
      'failed:Int32',
      'cfr:Float64?',
      'cfr_low:Float64?',
      'cfr_high:Float64?',
      'ai_share:Float64?',
      ...cohort('ai'),
      ...cohort('human'),
      ...cohort('unknown'),
      'sev1_incidents:Int32',
      'sev2_incidents:Int32',
      'violations:Int32',
    ]);
    expect(arrowRows(table)).toEqual(json.services);
    expect(json.services).toMatchObject([{ id: 'pay', risk_rank: 1, tier: 1, ai_share: 0.5 }, { id: 'lab', risk_rank: 2, tier: null, team: null, ai_share: null }]);
  });

  it('streams an empty page as a schema with no rows', async () => {
    const table = tableFromIPC((await get('/api/deployments?service=nobody', ARROW_STREAM)).rawPayload);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((field) => field.name)).toContain('linked_incidents');
  });
});

describe('CSV', () => {
  it('has a header row and the same deployment rows as JSON, lists joined with ;', async () => {
    const json = (await get('/api/deployments')).json();
    const response = await get('/api/deployments', 'text/csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="deployments.csv"');
    expect(response.body.split('\r\n')[0]).toBe(
      'id,source,service,environment,version,started_at,finished_at,status,cohort,cohort_evidence,ai_tool,change_type,rollback_of,changes,failed,linked_incidents,controls_evaluated,controls_skipped',
    );
    expect(csvRows(response.body)).toEqual(asCsv(json.deployments));
    expect(response.body).toContain(',chg-1;chg-2,true,');
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', async () => {
    const json = (await get('/api/services')).json();
    const response = await get('/api/services', 'text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="services.csv"');
    expect(response.body).toContain('"Payments, ""core""\nEU"');
    expect(csvRows(response.body)).toEqual(asCsv(json.services));
  });

  it('writes null as an empty field and the empty string as ""', () => {
    const Body = Type.Object({ rows: Type.Array(Type.Object({ a: Type.Union([Type.String(), Type.Null()]), list: Type.Array(Type.String()) })) });
    const columns = tableColumns(Body, 'rows', 'test');
    expect(rowsToCsv(columns, [{ a: '', list: [] }, { a: null, list: ['x', 'y'] }])).toBe('a,list\r\n"",""\r\n,x;y\r\n');
  });
});

describe('content negotiation', () => {
  it('answers an Accept it cannot meet with 406 and the error body', async () => {
    for (const accept of ['application/xml', `${ARROW_STREAM};q=0, application/xml`, 'image/*']) {
      const response = await get('/api/deployments', accept);
      expect(response.statusCode, accept).toBe(406);
      expect(response.json()).toEqual({ error: { code: 'not_acceptable', message: expect.stringContaining('text/csv') } });
    }
  });

  it('picks the format by quality and wildcard', async () => {
    expect((await get('/api/deployments', 'text/html,application/xhtml+xml,*/*;q=0.8')).headers['content-type']).toMatch(/^application\/json/);
    expect((await get('/api/deployments', 'application/json;q=0.5, text/csv')).headers['content-type']).toMatch(/^text\/csv/);
    expect((await get('/api/services', 'text/*')).headers['content-type']).toMatch(/^text\/csv/);
    expect(negotiateTableFormat(undefined)).toBe('json');
    expect(negotiateTableFormat('*/*')).toBe('json');
    expect(negotiateTableFormat(`application/*;q=0.2, ${ARROW_STREAM}`)).toBe('arrow');
    expect(negotiateTableFormat('application/json;q=0')).toBeNull();
  });

  it('keeps errors JSON whatever was asked for', async () => {
    const response = await get('/api/deployments?cohort=robot', 'text/csv');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().error.message).toMatch(/^querystring\.cohort/);
  });

  it('refuses, when the route is registered, a table property that is not an array of objects', async () => {
    const bare = Fastify();
    registerTableFormats(bare);
    const schema = { response: { 200: Type.Object({ rows: Type.String() }) } };
    await expect(
      (async () => {
        bare.get('/rows', { schema, config: { table: 'rows' } }, async () => ({ rows: '' }));
        await bare.ready();
      })(),
    ).rejects.toThrow('GET /rows: config.table names "rows", which the 200 response schema does not declare as an array of objects');
    await bare.close();
  });
});

describe('every table endpoint', () => {
  const TABLES: [string, string][] = [
    ['/api/deployments?from=2026-03-01&to=2026-04-01', 'deployments'],
    ['/api/services?from=2026-03-01&to=2026-04-01', 'services'],
    ['/api/incidents?from=2026-03-01&to=2026-04-01', 'incidents'],
    ['/api/incidents/backlog?from=2026-03-01&to=2026-04-01', 'backlog'],
    ['/api/governance/violations?from=2026-03-01&to=2026-04-01', 'violations'],
    ['/api/quarantine', 'items'],
    ['/api/data-quality?from=2026-03-01&to=2026-04-01', 'findings'],
  ];

  it.each(TABLES)('%s has the JSON rows in Arrow and CSV', async (url, property) => {
    const json = (await get(url)).json()[property] as Row[];
    const arrow = await get(url, ARROW_STREAM);
    expect(arrow.statusCode).toBe(200);
    const table = tableFromIPC(arrow.rawPayload);
    expect(table.numRows).toBe(json.length);
    expect(table.schema.fields.map((f) => f.name).sort()).toEqual(json.length > 0 ? Object.keys(json[0]!).sort() : table.schema.fields.map((f) => f.name).sort());
    const csv = await get(url, 'text/csv');
    expect(csv.statusCode).toBe(200);
    expect(csvRows(csv.body)).toHaveLength(json.length);
  });

  it('includes endpoints with rows in this data', async () => {
    // Guards the loop above: most of these tables are not empty here.
    const counts = await Promise.all(TABLES.map(async ([url, property]) => ((await get(url)).json()[property] as Row[]).length));
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
  });
});
