// The common filters, kept in the URL query string so a pasted link shows the same view and
// Back restores the previous filter. Values are passed to the API as written; the server
// validates them and explains errors.
import { page } from '$app/state';
import { updateSearch } from './url.svelte.ts';

export const FILTER_KEYS = ['from', 'to', 'service', 'team', 'domain', 'tier', 'environment', 'min_confidence'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Partial<Record<FilterKey, string>>;

export const DOMAINS = ['payment', 'pricing', 'inventory', 'identity', 'checkout', 'search', 'fulfillment', 'other'] as const;
export const TIERS = ['1', '2', '3'] as const;
export const MIN_CONFIDENCES = ['0.5', '0.7', '0.9'] as const;
/** The API's default link confidence threshold (docs/metrics.md, "Linking"). */
export const DEFAULT_MIN_CONFIDENCE = '0.5';

function isFilterKey(key: string): key is FilterKey {
  return (FILTER_KEYS as readonly string[]).includes(key);
}

export class Filters {
  /** Non-empty filter values from the URL; other query parameters (sort, section…) are ignored. */
  values: FilterValues = $derived.by(() => {
    const values: FilterValues = {};
    for (const [key, value] of page.url.searchParams) {
      if (isFilterKey(key) && value.trim() !== '') values[key] = value.trim();
    }
    return values;
  });

  /** The filters as API query parameters, in a stable order. */
  params: URLSearchParams = $derived.by(() => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = this.values[key];
      if (value !== undefined) params.set(key, value);
    }
    return params;
  });

  /** `?from=…` for links that keep the current filters, or ''. */
  search: string = $derived.by(() => {
    const query = this.params.toString();
    return query ? `?${query}` : '';
  });

  get active(): boolean {
    return Object.keys(this.values).length > 0;
  }

  get(key: FilterKey): string {
    return this.values[key] ?? '';
  }

  /**
   * Set one filter; an empty value removes it. Adds a history entry, so Back undoes it. A paged
   * list goes back to its first page: the old page number means nothing under new filters.
   */
  set(key: FilterKey, value: string): Promise<void> {
    const trimmed = value.trim();
    return updateSearch((params) => {
      if (trimmed === '') params.delete(key);
      else params.set(key, trimmed);
      params.delete('page');
    });
  }

  clear(): Promise<void> {
    return updateSearch((params) => {
      for (const key of FILTER_KEYS) params.delete(key);
      params.delete('page');
    });
  }
}

export const filters = new Filters();
