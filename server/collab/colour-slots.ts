/**
 * Colours of the people in one document: each person keeps the slot they got
 * while any of their connections is open, and a newcomer gets the first slot
 * no one holds, so two people never share a colour until the palette runs out
 * (then the least used slot is shared).
 */
export class ColourSlots {
  private readonly slotOf = new Map<string, { slot: number; holders: number }>();

  constructor(private readonly size: number) {}

  take(userId: string): number {
    const held = this.slotOf.get(userId);
    if (held) {
      held.holders += 1;
      return held.slot;
    }
    const use = new Array<number>(this.size).fill(0);
    for (const { slot } of this.slotOf.values()) use[slot] += 1;
    const slot = use.indexOf(Math.min(...use));
    this.slotOf.set(userId, { slot, holders: 1 });
    return slot;
  }

  release(userId: string) {
    const held = this.slotOf.get(userId);
    if (!held) return;
    held.holders -= 1;
    if (held.holders <= 0) this.slotOf.delete(userId);
  }
}
