// Who is signed in (GET /api/auth/me), and `can(role)`: the web app shows only the actions the
// role allows. The server checks every write anyway; this only hides what would be refused.
import { getMe } from '../api/session.ts';
import type { Me, Role } from '../api/types.ts';

const ORDER: readonly Role[] = ['viewer', 'sre', 'admin'];

/** Whether `have` is at least `need` (viewer < sre < admin). */
export function roleAtLeast(have: Role, need: Role): boolean {
  return ORDER.indexOf(have) >= ORDER.indexOf(need);
}

class Session {
  me: Me | null = $state(null);
  /** The last name signed in, to prefill the sign-in-again dialog. */
  lastName = $state('');
  #loading: Promise<Me | null> | null = null;

  /** Loads /api/auth/me once (a 401 there sends the browser to the sign-in page). */
  load(): Promise<Me | null> {
    this.#loading ??= getMe()
      .then((me) => this.set(me))
      .catch(() => null);
    return this.#loading;
  }

  /** After sign-in (or sign-out: null, and the next load asks the server again). */
  set(me: Me | null): Me | null {
    this.me = me;
    if (me) this.lastName = me.name;
    this.#loading = me ? Promise.resolve(me) : null;
    return me;
  }
}

export const session = new Session();

/** Whether the signed-in user may do what needs `role`; false while nobody is signed in. */
export function can(role: Role): boolean {
  return session.me !== null && roleAtLeast(session.me.role, role);
}
