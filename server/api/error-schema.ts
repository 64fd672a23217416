import { Type } from 'typebox';

/** Every 4xx/5xx body (docs/api.md "Errors"). */
export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
