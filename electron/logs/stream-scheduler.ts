/**
 * The per-cluster cap on concurrent log streams (stern gives up above 50; Loupe queues instead).
 * Holders ask for a slot with a priority; when every slot is taken, a waiter of a more urgent tier
 * takes one from the least urgent holder, which goes back to waiting — with its resume cursor, so a
 * preempted stream later picks up where it stopped.
 */

/** Lower is more urgent. */
export const PRIORITY = { selected: 0, fresh: 1, failing: 2, normal: 3 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

export interface SlotHolder {
  priority(): Priority;
  /** The slot is yours: connect. */
  granted(): void;
  /** Give the slot back now (close the connection); you are waiting again. */
  preempted(): void;
}

export class StreamScheduler {
  private readonly active = new Set<SlotHolder>();
  /** In grant order: by priority, then by when each first asked. */
  private readonly waiting: SlotHolder[] = [];
  private readonly waitingSet = new Set<SlotHolder>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  private readonly order = new WeakMap<SlotHolder, number>();

  constructor(private cap: number) {}

  get limit(): number {
    return this.cap;
  }

  setLimit(limit: number): void {
    this.cap = limit;
    // Over the new cap: the least urgent holders wait again.
    while (this.active.size > this.cap) {
      const victim = this.leastUrgentActive();
      if (!victim) break;
      this.active.delete(victim);
      this.enqueue(victim);
      victim.preempted();
    }
    this.pump();
  }

  isActive(holder: SlotHolder): boolean {
    return this.active.has(holder);
  }

  isWaiting(holder: SlotHolder): boolean {
    return this.waitingSet.has(holder);
  }

  /** Asks for a slot; `granted` runs (maybe at once) when there is one. */
  request(holder: SlotHolder): void {
    if (this.active.has(holder) || this.waitingSet.has(holder)) return;
    this.enqueue(holder);
    this.pump();
    if (this.waitingSet.has(holder)) this.preemptFor(holder);
  }

  /** Gives up a slot or a place in the queue. */
  release(holder: SlotHolder): void {
    const queued = this.dequeue(holder);
    if (this.active.delete(holder)) this.pump();
    else if (queued) this.notify();
  }

  /** A holder's priority changed (a pod started failing): the queue is reordered. */
  reprioritize(holder: SlotHolder): void {
    if (!this.dequeue(holder)) return;
    this.enqueue(holder);
    this.preemptFor(holder);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Inserted in place (binary search): thousands of pods may wait behind a cap of 50. */
  private enqueue(holder: SlotHolder): void {
    if (!this.order.has(holder)) this.order.set(holder, this.seq++);
    const before = (a: SlotHolder, b: SlotHolder) => a.priority() - b.priority() || this.order.get(a)! - this.order.get(b)!;
    let lo = 0;
    let hi = this.waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.waiting[mid]!, holder) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.waiting.splice(lo, 0, holder);
    this.waitingSet.add(holder);
  }

  private dequeue(holder: SlotHolder): boolean {
    if (!this.waitingSet.delete(holder)) return false;
    this.waiting.splice(this.waiting.indexOf(holder), 1);
    return true;
  }

  private pump(): void {
    const granted: SlotHolder[] = [];
    while (this.active.size < this.cap && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.waitingSet.delete(next);
      this.active.add(next);
      granted.push(next);
    }
    this.notify();
    for (const holder of granted) holder.granted();
  }

  /** Only the normal tier is ever displaced, so urgent streams never thrash each other. */
  private preemptFor(holder: SlotHolder): void {
    if (holder.priority() >= PRIORITY.normal || this.active.size < this.cap) return;
    const victim = this.leastUrgentActive();
    if (!victim || victim.priority() < PRIORITY.normal) return;
    this.active.delete(victim);
    this.enqueue(victim);
    victim.preempted();
    this.pump();
  }

  private leastUrgentActive(): SlotHolder | undefined {
    let worst: SlotHolder | undefined;
    for (const h of this.active) {
      if (!worst || h.priority() > worst.priority() || (h.priority() === worst.priority() && this.order.get(h)! > this.order.get(worst)!)) worst = h;
    }
    return worst;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
