import { describe, expect, it } from 'vitest';
import { PRIORITY, StreamScheduler, type Priority, type SlotHolder } from './stream-scheduler';

class Holder implements SlotHolder {
  state: 'none' | 'active' | 'waiting' = 'none';
  constructor(
    readonly name: string,
    public prio: Priority,
  ) {}
  priority(): Priority {
    return this.prio;
  }
  granted(): void {
    this.state = 'active';
  }
  preempted(): void {
    this.state = 'waiting';
  }
}

describe('StreamScheduler', () => {
  it('caps active streams, queues the rest by priority then age, and fills freed slots', () => {
    const s = new StreamScheduler(2);
    const [a, b, c, d] = [new Holder('a', PRIORITY.normal), new Holder('b', PRIORITY.normal), new Holder('c', PRIORITY.failing), new Holder('d', PRIORITY.normal)];
    for (const h of [a, b]) s.request(h);
    expect([a.state, b.state]).toEqual(['active', 'active']);
    s.request(d);
    // A failing pod's stream takes the slot of the newest normal one, which waits again.
    s.request(c);
    expect([a.state, b.state, c.state, d.state]).toEqual(['active', 'waiting', 'active', 'none']);
    expect(s.isWaiting(b) && s.isWaiting(d)).toBe(true);
    s.release(a);
    // b waited first among equals.
    expect(b.state).toBe('active');
    expect(s.isWaiting(d)).toBe(true);
  });

  it('never preempts an urgent stream for another urgent one', () => {
    const s = new StreamScheduler(1);
    const selected = new Holder('selected', PRIORITY.selected);
    const fresh = new Holder('fresh', PRIORITY.fresh);
    s.request(selected);
    s.request(fresh);
    expect([selected.state, fresh.state]).toEqual(['active', 'none']);
    expect(s.isWaiting(fresh)).toBe(true);
  });

  it('a lower limit sends the least urgent back to waiting; a higher one grants waiters', () => {
    const s = new StreamScheduler(3);
    const hs = [new Holder('x', PRIORITY.selected), new Holder('y', PRIORITY.normal), new Holder('z', PRIORITY.failing)];
    for (const h of hs) s.request(h);
    s.setLimit(1);
    expect(hs.map((h) => h.state)).toEqual(['active', 'waiting', 'waiting']);
    s.setLimit(2);
    expect(hs.map((h) => h.state)).toEqual(['active', 'waiting', 'active']);
  });
});
