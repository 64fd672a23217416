// The pages in the navigation, following the users' jobs (docs/architecture.md, "Web").
export interface NavPage {
  path: string;
  title: string;
}

export const PAGES: readonly NavPage[] = [
  { path: '/', title: 'Overview' },
  { path: '/incidents', title: 'Incidents' },
  { path: '/deployments', title: 'Deployments' },
  { path: '/slos', title: 'SLOs' },
  { path: '/governance', title: 'Governance' },
  { path: '/weekly-review', title: 'Weekly review' },
  { path: '/services', title: 'Services' },
  { path: '/data-quality', title: 'Data quality' },
];

/** Whether `pathname` is in the section of `path` (a detail page belongs to its list). */
export function inSection(pathname: string, path: string): boolean {
  if (path === '/') return pathname === '/';
  return pathname === path || pathname.startsWith(`${path}/`);
}
