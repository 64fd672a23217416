// What the layout shows about the server: whether it holds the generated demo data.
import { getHealth } from '../api/client.ts';

class ServerHealth {
  /** True when the database holds the generated demo year (the `demo` field of /api/health). */
  demo = $state(false);
  #loaded = false;

  load(): void {
    if (this.#loaded) return;
    this.#loaded = true;
    getHealth()
      .then((health) => {
        // Read defensively: older servers do not send `demo`.
        this.demo = (health as { demo?: unknown }).demo === true;
      })
      .catch(() => {
        // The pages show their own errors; the banner just stays off.
      });
  }
}

export const serverHealth = new ServerHealth();
