// The pages, following the users' jobs (architecture.md, "Web"). A page without a component
// is planned and shows a placeholder.
import type { Component } from 'svelte';
import OverviewPage from './pages/overview/OverviewPage.svelte';

export interface Page {
  path: string;
  title: string;
  component?: Component;
}

export const PAGES: readonly Page[] = [
  { path: '/', title: 'Overview', component: OverviewPage },
  { path: '/incidents', title: 'Incidents' },
  { path: '/deployments', title: 'Deployments' },
  { path: '/slos', title: 'SLOs' },
  { path: '/governance', title: 'Governance' },
  { path: '/weekly-review', title: 'Weekly review' },
  { path: '/services', title: 'Services' },
  { path: '/data-quality', title: 'Data quality' },
];

export function findPage(path: string): Page | undefined {
  return PAGES.find((page) => page.path === path);
}
