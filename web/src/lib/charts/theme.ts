// Colours of the chart furniture (axes, grid, labels) for the light and dark themes. Data
// colours (cohorts) do not change with the theme: see ../cohorts.ts. Pure, like every module in
// charts/, so the server can render the same specs for reports.
import type { Config } from 'vega-lite';

export type ChartTheme = 'light' | 'dark';

export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

// surface: the card a chart sits on (app.css --surface), for a label's halo.
const PALETTE = {
  light: { text: '#1f2328', muted: '#59636e', line: '#d8dee4', grid: '#eaeef2', edge: '#8c959f', surface: '#ffffff' },
  dark: { text: '#e6edf3', muted: '#9198a1', line: '#3d444d', grid: '#262c36', edge: '#768390', surface: '#151b23' },
} as const;

export function chartPalette(theme: ChartTheme = 'light') {
  return PALETTE[theme];
}

export function chartConfig(theme: ChartTheme = 'light'): Config {
  const colors = PALETTE[theme];
  return {
    font: CHART_FONT,
    background: 'transparent',
    view: { stroke: null },
    axis: { labelColor: colors.muted, titleColor: colors.muted, domainColor: colors.line, tickColor: colors.line, gridColor: colors.grid },
    legend: { labelColor: colors.text, titleColor: colors.muted },
    title: { color: colors.text, subtitleColor: colors.muted },
    text: { color: colors.muted },
  };
}
