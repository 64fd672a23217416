import { parseArgs } from 'node:util';
import { ROLES, type Role, createToken } from '../db/api-tokens.repository.ts';
import { UsageError, say, withDatabase } from './command-context.ts';

/** `sevscope token create --role viewer|sre|admin --name N`: prints the token once. */
export async function token(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'create') throw new UsageError('usage: sevscope token create --role viewer|sre|admin --name NAME');
  const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, name: { type: 'string' } } });
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role: expected one of ${ROLES.join(', ')}`);
  if (!values.name) throw new UsageError('--name: required (who or what uses the token)');
  const role = values.role as Role;
  const name = values.name;
  await withDatabase(async ({ db }) => {
    const created = await createToken(db, name, role);
    say(created.token);
    process.stderr.write(`token ${created.id} (${role}) for ${name}; it is shown only this once\n`);
  });
}
