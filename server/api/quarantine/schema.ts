import { Type } from 'typebox';
import { Nullable } from '../schema-types.ts';
import { ErrorBody } from '../error-schema.ts';
import { Counts } from '../ingest/schema.ts';

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

export const QuarantineRetrySchema = {
  summary: 'Validate open quarantined records again (after a fix to the source or a mapping) and store those that now pass',
  description: 'Needs role sre. Without ids or batch_id, every open record is retried. Those still invalid stay, with their current reason.',
  body: Type.Object({
    ids: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]+$' }), { minItems: 1, maxItems: 1000, description: 'quarantine ids to retry' })),
    batch_id: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'retry the open records of one ingest run' })),
  }),
  response: {
    200: Type.Object({
      retried: Type.Integer({ description: 'open records validated again' }),
      still_invalid: Type.Integer({ description: 'stay in quarantine, with their current reason' }),
      batch: Nullable(Type.Object({ batch_id: Type.String(), total: Counts }, { description: 'the ingest run that stored the ones that passed; null when none did' })),
    }),
    400: ErrorBody,
    401: ErrorBody,
    403: ErrorBody,
  },
};
