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

/** Change the query string of the current page; focus and scroll stay where they are. */
export function updateSearch(change: (params: URLSearchParams) => void, options: UpdateOptions = {}): Promise<void> {
  const url = new URL(page.url);
  change(url.searchParams);
  url.searchParams.sort();
  if (url.search === page.url.search) return Promise.resolve();
  // A replacing update only writes down the view on screen (the week the API chose, a stale
  // cursor dropped). While another navigation is under way it would cancel that one: a click
  // on the navigation while the Weekly review loaded pulled the user back to it.
  if (options.replace && navigating.to !== null) return Promise.resolve();
  return goto(url, { keepFocus: true, noScroll: true, replaceState: options.replace ?? false });
}

/** Set one parameter; '' removes it. */
export function setSearchParam(key: string, value: string, options?: UpdateOptions): Promise<void> {
  return updateSearch((params) => {
    if (value === '') params.delete(key);
    else params.set(key, value);
  }, options);
}
