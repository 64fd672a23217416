// View state lives in the URL query string, so any view can be pasted into a chat and Back
// undoes a change. Pages read `page.url` (reactive); changes go through `updateSearch`.
import { goto } from '$app/navigation';
import { navigating, page } from '$app/state';

export interface UpdateOptions {
  /** Replace the current history entry instead of adding one (default: add, so Back undoes it). */
  replace?: boolean;
}

/** One query parameter of the current URL, '' when absent. */
export function searchParam(key: string): string {
  return page.url.searchParams.get(key) ?? '';
}

/** Navigations this module started that have not finished yet. */
const ours = new Set<Promise<void>>();

/**
 * Change the query string of the current page; focus and scroll stay where they are. A user's
 * change (not `replace`) is kept even when another navigation cancelled it: once the others
 * have finished, it is applied again to the URL they left, if that is still this page.
 */
export async function updateSearch(change: (params: URLSearchParams) => void, options: UpdateOptions = {}): Promise<void> {
  const url = changed(change);
  if (url === null) return;
  // A replacing update only writes down the view on screen (the week the API chose, a stale
  // cursor dropped). While another navigation is under way it would cancel that one: a click
  // on the navigation while the Weekly review loaded pulled the user back to it. `ours` covers
  // the moment after our own goto() and before SvelteKit sets `navigating`.
  if (options.replace && (navigating.to !== null || ours.size > 0)) return;
  await navigate(url, options.replace ?? false);
  if (options.replace) return;
  while (ours.size > 0) await Promise.allSettled(ours);
  const again = navigating.to === null ? changed(change) : null;
  if (again !== null && again.pathname === url.pathname) await navigate(again, false);
}

/** The current URL with `change` applied, or null when that changes nothing. */
function changed(change: (params: URLSearchParams) => void): URL | null {
  const url = new URL(page.url);
  url.searchParams.sort();
  const before = url.search;
  change(url.searchParams);
  url.searchParams.sort();
  return url.search === before ? null : url;
}

function navigate(url: URL, replace: boolean): Promise<void> {
  const done = goto(url, { keepFocus: true, noScroll: true, replaceState: replace }).finally(() => ours.delete(done));
  ours.add(done);
  return done;
}

/** Set one parameter; '' removes it. */
export function setSearchParam(key: string, value: string, options?: UpdateOptions): Promise<void> {
  return updateSearch((params) => {
    if (value === '') params.delete(key);
    else params.set(key, value);
  }, options);
}
