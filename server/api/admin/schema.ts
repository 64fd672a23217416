import { type Static, Type } from 'typebox';
import { ErrorBody } from '../error-schema.ts';
import { DateTime, Nullable } from '../schema-types.ts';
import { Password, Role, UserName } from '../auth/schema.ts';

const User = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  has_password: Type.Boolean({ description: 'false: signs in only through one-time links' }),
  created_at: DateTime,
  last_sign_in_at: Nullable(DateTime),
  disabled_at: Nullable(DateTime),
});

export const Token = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  created_at: DateTime,
  last_used_at: Nullable(DateTime),
  revoked_at: Nullable(DateTime),
});
export type ApiToken = Static<typeof Token>;

const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });
const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 500: ErrorBody };

export const UserListSchema = {
  summary: 'Every local user (role admin)',
  response: { 200: Type.Object({ users: Type.Array(User) }), ...Errors },
};

export const UserCreateSchema = {
  summary: 'Create a user (role admin; audited). Without a password the user signs in through a one-time link.',
  body: Type.Object({ name: UserName, role: Role, password: Type.Optional(Password) }),
  response: { 201: User, ...Errors },
};

export const UserUpdateSchema = {
  summary: 'Change a user\'s role, password or disabled state (role admin; audited). Disabling ends their sessions.',
  params: IdParams,
  body: Type.Object({ role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()), password: Type.Optional(Password) }, { minProperties: 1 }),
  response: { 200: User, ...Errors },
};

export const UserLinkSchema = {
  summary: 'A one-time sign-in link for a user, valid one hour (role admin; audited)',
  params: IdParams,
  response: { 201: Type.Object({ url: Type.String(), expires_at: DateTime }), ...Errors },
};

export const TokenListSchema = {
  summary: 'Every API token, revoked ones too; never the token itself (role admin)',
  response: { 200: Type.Object({ tokens: Type.Array(Token) }), ...Errors },
};

export const TokenCreateSchema = {
  summary: 'Create an API token (role admin; audited): `token` is in this answer only',
  body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), role: Role }),
  response: { 201: Type.Object({ ...Token.properties, token: Type.String() }), ...Errors },
};

export const TokenRevokeSchema = {
  summary: 'Revoke an API token (role admin; audited); it stays listed with revoked_at',
  params: IdParams,
  response: { 200: Token, ...Errors },
};
