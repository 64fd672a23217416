// One request's answer with its loading and error state, for every page and component that
// fetches: a newer `run` aborts the one still in flight, and an aborted request's answer or
// failure is ignored, so a slow old answer never lands over a newer one.
import { ApiError, errorMessage } from '../api/client.ts';

export class Loader<T> {
  /** The last answer; kept while a newer request loads, null after a failure. */
  value: T | null = $state(null);
  loading = $state(true);
  /** The failure in words. */
  error: string | null = $state(null);
  /** The last failure was a 404: the thing asked for does not exist. */
  notFound = $state(false);

  #request: AbortController | null = null;

  /** Start `fetch`; resolves with the answer, or null when it failed or was superseded. */
  run(fetch: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.loading = true;
    this.error = null;
    this.notFound = false;
    return fetch(request.signal).then(
      (value) => {
        if (request.signal.aborted) return null;
        this.value = value;
        this.loading = false;
        return value;
      },
      (failure: unknown) => {
        if (request.signal.aborted) return null;
        this.value = null;
        this.error = errorMessage(failure);
        this.notFound = failure instanceof ApiError && failure.status === 404;
        this.loading = false;
        return null;
      },
    );
  }

  /** Forget the answer (e.g. another thing is shown, or nothing is asked for). */
  clear(): void {
    this.cancel();
    this.value = null;
    this.loading = false;
    this.error = null;
    this.notFound = false;
  }

  cancel(): void {
    this.#request?.abort();
    this.#request = null;
  }
}
