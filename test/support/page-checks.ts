// Checks every page's browser test runs on a loaded page: axe-core finds no serious or critical
// accessibility violation, and the page fits its width in the dark theme and in print media
// (a wide table or chart scrolls inside its own box instead of widening the page).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

/** After a theme, size or media change: charts sized to their container redraw (on a resize
 * observer, a frame or two later; more on a loaded machine) before anything is measured. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  await page.waitForTimeout(300);
}

/** How far the document is wider than the viewport, in CSS pixels (0 when it fits). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

export interface PageCheckResult {
  light: AxeViolation[];
  dark: AxeViolation[];
  darkOverflow: number;
  printOverflow: number;
}

/**
 * Runs axe in the light and the dark theme, and measures overflow in dark and in print media.
 * Leaves the page in the light theme and screen media. Expect every field empty or zero.
 */
export async function checkPage(page: Page): Promise<PageCheckResult> {
  const setTheme = (theme: 'light' | 'dark') => page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
  await setTheme('light');
  const light = await seriousViolations(page);
  await setTheme('dark');
  await settled(page);
  const dark = await seriousViolations(page);
  const darkOverflow = await horizontalOverflow(page);
  await setTheme('light');
  // An A4 page at 96 dpi, less margins, is about 720 px wide.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 720, height: viewport?.height ?? 900 });
  await page.emulateMedia({ media: 'print' });
  await settled(page);
  const printOverflow = await horizontalOverflow(page);
  await page.emulateMedia({ media: 'screen' });
  if (viewport) await page.setViewportSize(viewport);
  return { light, dark, darkOverflow, printOverflow };
}
