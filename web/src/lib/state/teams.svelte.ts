// The owning teams to choose from in the filter bar: those of the services, loaded once per page
// load from GET /api/services without filters (so choosing a team does not hide the others).
import { getServices } from '../api/services.ts';

class Teams {
  list = $state<string[]>([]);
  #started = false;

  load(): void {
    if (this.#started) return;
    this.#started = true;
    getServices(new URLSearchParams())
      .then((body) => (this.list = [...new Set(body.services.flatMap((s) => (s.team ? [s.team] : [])))].sort()))
      .catch(() => {
        this.#started = false; // a later page may try again; the filter still shows the URL's team
      });
  }
}

export const teams = new Teams();
