import { type Static, Type } from 'typebox';
import { FOLLOW_UP_STATUSES } from '../../db/follow-ups.repository.ts';
import { ErrorBody } from '../error-schema.ts';
import { DateTime, Nullable } from '../schema-types.ts';

const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Status = Type.Enum(FOLLOW_UP_STATUSES);

const Fields = {
  title: Type.String({ minLength: 1, maxLength: 500 }),
  owner: Nullable(Type.String({ minLength: 1, maxLength: 200 })),
  due_date: Nullable(Day),
  status: Status,
};

export const FollowUp = Type.Object({
  id: Type.String(),
  incident: Type.Object({ id: Type.String({ description: "the incident's id in its source" }), source: Type.String(), title: Type.String() }),
  ...Fields,
  created_by: Type.String(),
  updated_by: Type.String(),
  created_at: DateTime,
  updated_at: DateTime,
});
export type FollowUp = Static<typeof FollowUp>;

const IncidentParams = Type.Object({ id: Type.String({ description: "the incident's id in its source" }) });
const SourceQuery = Type.Object({ source: Type.Optional(Type.String({ description: 'needed only when two sources use the same id' })) });
const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 500: ErrorBody };

export const IncidentFollowUpsSchema = {
  summary: "An incident's follow-up actions, oldest first",
  params: IncidentParams,
  querystring: SourceQuery,
  response: { 200: Type.Object({ follow_ups: Type.Array(FollowUp) }), ...Errors },
};

export const FollowUpCreateSchema = {
  summary: 'Add a follow-up action to an incident (role sre; audited)',
  params: IncidentParams,
  querystring: SourceQuery,
  body: Type.Object({
    title: Fields.title,
    owner: Type.Optional(Fields.owner),
    due_date: Type.Optional(Fields.due_date),
    status: Type.Optional(Fields.status),
  }),
  response: { 201: FollowUp, ...Errors },
};

export const FollowUpUpdateSchema = {
  summary: 'Change a follow-up action: title, owner, due date or status (role sre; audited)',
  params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) }),
  body: Type.Partial(Type.Object(Fields), { minProperties: 1 }),
  response: { 200: FollowUp, ...Errors },
};

export const FollowUpListSchema = {
  summary: 'Follow-up actions across incidents, earliest due first (the weekly review asks status=open&due_before=<end of week>)',
  querystring: Type.Object({
    status: Type.Optional(Status),
    due_before: Type.Optional({ ...Day, description: 'only those due on or before this day (YYYY-MM-DD); undated ones are left out' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  }),
  response: { 200: Type.Object({ follow_ups: Type.Array(FollowUp) }), ...Errors },
};
