import { type Role, createToken } from '../db/api-tokens.repository.ts';
import { say, withDatabase } from './command-context.ts';

/** `sevscope token create --role viewer|sre|admin --name N`: prints the token once. */
export async function tokenCreate(options: { role: Role; name: string }): Promise<void> {
  const { role, name } = options;
  await withDatabase(async ({ db }) => {
    const created = await createToken(db, name, role);
    say(created.token);
    process.stderr.write(`token ${created.id} (${role}) for ${name}; it is shown only this once\n`);
  });
}
