// The weekly review's agenda, in meeting order, and how keys move through it. Pure, so the
// unit tests can check the keyboard map without a browser.

export interface ReviewSection {
  /** Stable name, for test ids. */
  key: string;
  title: string;
  /** For the section indicator, which has to fit one line. */
  short: string;
}

export const SECTIONS: readonly ReviewSection[] = [
  { key: 'follow-ups', title: 'Follow-ups due', short: 'Follow-ups' },
  { key: 'incidents', title: 'What broke', short: 'What broke' },
  { key: 'slos', title: 'SLO burn', short: 'SLO burn' },
  { key: 'controls', title: 'Skipped controls by team', short: 'Controls' },
  { key: 'backlog', title: 'Classification backlog', short: 'Backlog' },
  { key: 'headline', title: 'Headline metrics', short: 'Headline' },
  { key: 'agent-actions', title: 'Agent actions', short: 'Agent actions' },
];

/** `?section=` as a section number, 1 to SECTIONS.length; anything else is the first. */
export function sectionNumber(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= SECTIONS.length ? n : 1;
}

export type ReviewKeyAction = { go: number } | { fullscreen: true } | null;

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * What a key press does in section `current`: ArrowRight/PageDown and ArrowLeft/PageUp step
 * (stopping at the ends), 1–7 jump, f toggles full screen. Keys with a modifier are the
 * browser's.
 */
export function reviewKeyAction(event: KeyLike, current: number): ReviewKeyAction {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const last = SECTIONS.length;
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
      return { go: Math.min(last, current + 1) };
    case 'ArrowLeft':
    case 'PageUp':
      return { go: Math.max(1, current - 1) };
    case 'f':
    case 'F':
      return { fullscreen: true };
    default: {
      const n = Number(event.key);
      return /^[1-9]$/.test(event.key) && n <= last ? { go: n } : null;
    }
  }
}
