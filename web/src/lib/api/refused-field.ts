// The field a refused write names, so a form shows the refusal under it: the server's 400 says
// "body.objective: must be …" (server/plugins/error-handler.ts), a route's own check "name: …".
import { ApiError } from './client.ts';

export function refusedField<F extends string>(failure: unknown, fields: readonly F[]): F | null {
  if (!(failure instanceof ApiError)) return null;
  const named = /^(?:body\.)?([a-z_]+)[:/ ]/.exec(failure.message)?.[1];
  return fields.find((field) => field === named) ?? null;
}

/** The refusal without the field's path: "body.due_date: must match …" → "must match …". */
export const refusalText = (message: string) => message.replace(/^(?:body\.)?[a-z_]+: /, '');
