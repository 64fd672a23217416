// `sevscope user add|list|set-role|disable|link` (docs/api.md "Sign-in and roles"), and the first
// admin that `sevscope start` creates on a fresh database.
import { readConfig } from '../config.ts';
import type { Role } from '../db/api-tokens.repository.ts';
import type { Db } from '../db/connection.ts';
import { UserExistsError, countUsers, createSignInLink, createUser, findUser, listUsers, updateUser } from '../db/users.repository.ts';
import { UsageError, say, withDatabase } from './command-context.ts';

const MIN_PASSWORD = 8;

/** The password: typed at a TTY without echo (twice), or the first line of stdin otherwise. */
export async function readPassword(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  let password: string;
  if (stdin.isTTY) {
    password = await promptHidden(stdin, 'password: ');
    const again = await promptHidden(stdin, 'password again: ');
    if (again !== password) throw new UsageError('the two passwords differ');
  } else {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    password = text.split(/\r?\n/)[0] ?? '';
  }
  if (password.length < MIN_PASSWORD) throw new UsageError(`the password needs at least ${MIN_PASSWORD} characters`);
  return password;
}

function promptHidden(stdin: NodeJS.ReadStream, prompt: string): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function existing(db: Db, name: string) {
  const user = await findUser(db, { name });
  if (!user) throw new UsageError(`no user named ${JSON.stringify(name)} (sevscope user list shows them)`);
  return user;
}

export async function userAdd(name: string, options: { role: Role }): Promise<void> {
  const password = await readPassword();
  await withDatabase(async ({ db }) => {
    try {
      await createUser(db, { name, role: options.role, password }, 'cli');
    } catch (error) {
      if (error instanceof UserExistsError) throw new UsageError(error.message);
      throw error;
    }
    say(`user ${name} created with role ${options.role}`);
  });
}

export async function userList(): Promise<void> {
  await withDatabase(async ({ db }) => {
    const users = await listUsers(db);
    if (users.length === 0) return say('no users yet: sevscope user add NAME --role admin');
    const rows = users.map((u) => [u.name, u.role, u.has_password ? 'yes' : 'no', u.last_sign_in_at?.toISOString() ?? 'never', u.disabled_at ? 'disabled' : 'enabled']);
    const table = [['name', 'role', 'password', 'last sign-in', 'state'], ...rows];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) say(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  });
}

export async function userSetRole(name: string, role: Role): Promise<void> {
  await withDatabase(async ({ db }) => {
    const user = await existing(db, name);
    await updateUser(db, user.id, { role }, 'cli');
    say(`user ${name}: role ${user.role} → ${role}`);
  });
}

export async function userDisable(name: string): Promise<void> {
  await withDatabase(async ({ db }) => {
    const user = await existing(db, name);
    await updateUser(db, user.id, { disabled: true }, 'cli');
    say(`user ${name} disabled; their sessions ended`);
  });
}

export async function userLink(name: string): Promise<void> {
  await withDatabase(async ({ db }) => {
    const user = await existing(db, name);
    if (user.disabled_at) throw new UsageError(`user ${name} is disabled`);
    const link = await createSignInLink(db, user.id, 'cli');
    say(`${readConfig().publicUrl}/sign-in/${link.token}`);
    process.stderr.write(`one-time sign-in link for ${name} (${user.role}), valid until ${link.expiresAt.toISOString()}\n`);
  });
}

/**
 * For `sevscope start`: on a database without users, creates the admin `admin` (no password:
 * it signs in through the link). While no admin has ever signed in, every start prints a new
 * link, so losing the first one costs a restart; after that, start prints none. Returns the
 * link's path, or null.
 */
export async function firstRunSignInPath(db: Db): Promise<string | null> {
  if ((await countUsers(db)) === 0) {
    try {
      await createUser(db, { name: 'admin', role: 'admin', password: null }, 'cli');
    } catch (error) {
      if (!(error instanceof UserExistsError)) throw error;
    }
  }
  const admins = (await listUsers(db)).filter((user) => user.role === 'admin' && !user.disabled_at);
  if (admins.some((user) => user.last_sign_in_at !== null)) return null;
  const first = admins[0];
  if (!first) return null;
  const link = await createSignInLink(db, first.id, 'cli');
  return `/sign-in/${link.token}`;
}
