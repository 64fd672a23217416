import { Type } from 'typebox';
import { Nullable } from '../schema-types.ts';
import { ErrorBody } from '../error-schema.ts';

export const QuarantineQuery = Type.Object({
  batch_id: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
  kind: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  include_resolved: Type.Optional(Type.Boolean({ default: false })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});


export const QuarantineItem = Type.Object({
  id: Type.String(),
  batch_id: Nullable(Type.String()),
  source: Type.String(),
  kind: Nullable(Type.String()),
  record_id: Nullable(Type.String()),
  origin: Nullable(Type.String()),
  line: Nullable(Type.Integer()),
  field: Nullable(Type.String()),
  reason: Type.String(),
  raw: Type.String({ description: 'the record as received (cut to 4 000 characters here; whole in the database)' }),
  created_at: Type.String({ format: 'date-time' }),
  resolved_at: Nullable(Type.String({ format: 'date-time' })),
});

export const QuarantineSchema = {
  summary: 'Records rejected by validation or the database, with the reason naming the field',
  querystring: QuarantineQuery,
  response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(QuarantineItem) }), 400: ErrorBody, 401: ErrorBody },
};
