// What the layout shows about the server: whether it holds the generated demo data, or is
// loading it (a first start serves at once and loads the demo year in the background).
import { getHealth } from '../api/session.ts';
import type { Health } from '../api/types.ts';

/** While the demo loads, the banner's count follows it at this pace. */
const POLL_MS = 2000;

class ServerHealth {
  demo = $state<Health['demo'] | null>(null);
  #started = false;

  load(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#poll();
  }

  async #poll(): Promise<void> {
    try {
      this.demo = (await getHealth()).demo;
    } catch {
      // The pages show their own errors; the banner just stays as it was.
    }
    if (this.demo?.loading) setTimeout(() => void this.#poll(), POLL_MS);
  }
}

export const serverHealth = new ServerHealth();
