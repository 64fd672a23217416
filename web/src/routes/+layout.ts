// A single-page app: everything renders in the browser from the API; nothing is prerendered.
export const ssr = false;
export const prerender = false;
