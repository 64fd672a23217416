import { Type } from 'typebox';
import { ROLES } from '../../db/api-tokens.repository.ts';
import { ErrorBody } from '../error-schema.ts';

export const Role = Type.Enum(ROLES);
export const UserName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]*$' });
export const Password = Type.String({ minLength: 8, maxLength: 1024 });

export const Me = Type.Object({
  name: Type.String(),
  role: Role,
  via: Type.Enum(['session', 'token'], { description: 'how the request was signed in' }),
});

export const SignInSchema = {
  summary: 'Sign in with name and password: sets the HttpOnly session cookie (no sign-in needed)',
  security: [],
  // Any password is accepted here (minLength 1): the length rule applies when one is set.
  body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }),
  response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody, 500: ErrorBody },
};

export const SignOutSchema = {
  summary: 'Sign out: ends the session and clears its cookie (answers 204 without one too)',
  security: [],
  response: { 204: Type.Null(), 403: ErrorBody, 500: ErrorBody },
};

export const MeSchema = {
  summary: 'Who is signed in, and with which role (the web app shows only the actions the role allows)',
  response: { 200: Me, 401: ErrorBody, 500: ErrorBody },
};
