/**
 * A growable set of non-negative integers below 2^53 (key hashes), open addressing in a
 * Float64Array: 16 bytes a key at most, off the V8 heap, against ~40 in a Set<number>.
 */
export class NumberSet {
  private slots = new Float64Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the value; returns false when it was already there. */
  add(value: number): boolean {
    // Slots hold value + 1 so that 0 can mean empty.
    const stored = value + 1;
    let mask = this.slots.length - 1;
    let i = this.slot(value, mask);
    while (this.slots[i] !== 0) {
      if (this.slots[i] === stored) return false;
      i = (i + 1) & mask;
    }
    this.slots[i] = stored;
    if (++this.count * 2 > this.slots.length) {
      this.grow();
      mask = this.slots.length - 1;
    }
    return true;
  }

  private slot(value: number, mask: number): number {
    return (Math.imul((value % 4294967296) ^ Math.floor(value / 4294967296), 0x9e3779b1) >>> 0) & mask;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const stored of old) {
      if (stored === 0) continue;
      let i = this.slot(stored - 1, mask);
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = stored;
    }
  }
}
