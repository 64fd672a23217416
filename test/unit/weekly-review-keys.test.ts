import { describe, expect, it } from 'vitest';
import { SECTIONS, reviewKeyAction, sectionNumber } from '../../web/src/routes/weekly-review/sections.ts';

const key = (k: string, modifiers: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...modifiers });

describe('weekly review sections and keys', () => {
  it('reads ?section= as 1 to 7, anything else as the first', () => {
    expect(SECTIONS).toHaveLength(7);
    expect(sectionNumber('3')).toBe(3);
    expect(sectionNumber('7')).toBe(7);
    for (const raw of [null, '', '0', '8', '2.5', 'slos']) expect(sectionNumber(raw)).toBe(1);
  });

  it('steps with the arrows and page keys, stopping at both ends', () => {
    expect(reviewKeyAction(key('ArrowRight'), 3)).toEqual({ go: 4 });
    expect(reviewKeyAction(key('PageDown'), 3)).toEqual({ go: 4 });
    expect(reviewKeyAction(key('ArrowLeft'), 3)).toEqual({ go: 2 });
    expect(reviewKeyAction(key('PageUp'), 3)).toEqual({ go: 2 });
    expect(reviewKeyAction(key('ArrowRight'), 7)).toEqual({ go: 7 });
    expect(reviewKeyAction(key('ArrowLeft'), 1)).toEqual({ go: 1 });
  });

  it('jumps with 1–7, toggles full screen with f, and leaves other keys and shortcuts to the browser', () => {
    expect(reviewKeyAction(key('5'), 1)).toEqual({ go: 5 });
    expect(reviewKeyAction(key('8'), 1)).toBeNull();
    expect(reviewKeyAction(key('0'), 1)).toBeNull();
    expect(reviewKeyAction(key('f'), 2)).toEqual({ fullscreen: true });
    expect(reviewKeyAction(key('ArrowRight', { altKey: true }), 2)).toBeNull(); // Alt+→ is the browser's Forward
    expect(reviewKeyAction(key('f', { ctrlKey: true }), 2)).toBeNull(); // Ctrl+F finds
    expect(reviewKeyAction(key('Enter'), 2)).toBeNull();
  });
});
