// A small History API router: the page is chosen by `location.pathname`, filters ride in the
// query string. The server answers index.html for every non-/api path, so deep links work.

function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export class Router {
  path = $state(normalizePath(location.pathname));
  /** The query string including its leading `?`, or ''. */
  search = $state(location.search);

  constructor() {
    window.addEventListener('popstate', () => this.#sync());
  }

  /** Go to an in-app URL, adding a history entry. */
  navigate(href: string): void {
    const url = new URL(href, location.href);
    if (url.pathname + url.search === location.pathname + location.search) return;
    history.pushState(null, '', url);
    this.#sync();
    window.scrollTo(0, 0);
  }

  /** Change the query string in place (no history entry), e.g. when a filter changes. */
  replaceSearch(params: URLSearchParams): void {
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    this.#sync();
  }

  /** Click handler for in-app links; leaves modified clicks (new tab, download) to the browser. */
  handleLinkClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.currentTarget;
    if (!(anchor instanceof HTMLAnchorElement) || anchor.target || anchor.origin !== location.origin) return;
    event.preventDefault();
    this.navigate(anchor.href);
  };

  #sync(): void {
    this.path = normalizePath(location.pathname);
    this.search = location.search;
  }
}

export const router = new Router();
