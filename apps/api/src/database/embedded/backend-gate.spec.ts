import { BackendGate, GateCancelledError, GateTimeoutError } from './backend-gate.js';

describe('BackendGate', () => {
  const first = { name: 'first' };
  const second = { name: 'second' };
  const third = { name: 'third' };

  it('hands the backend to waiters in arrival order', async () => {
    const gate = new BackendGate();
    const order: string[] = [];
    await gate.acquire(first, 1000);
    const waiting = [second, third].map((owner) =>
      gate.acquire(owner, 1000).then(() => {
        order.push(owner.name);
        gate.release(owner);
      }),
    );

    expect(gate.isHeldBy(first)).toBe(true);
    await gate.acquire(first, 1000); // re-entrant for the holder
    gate.release(first);
    await Promise.all(waiting);

    expect(order).toEqual(['second', 'third']);
    expect(gate.isHeldBy(third)).toBe(false);
  });

  it('times out a waiter without disturbing the holder', async () => {
    const gate = new BackendGate();
    await gate.acquire(first, 1000);

    await expect(gate.acquire(second, 20)).rejects.toThrow(GateTimeoutError);
    expect(gate.isHeldBy(first)).toBe(true);
    gate.release(first);
    await expect(gate.acquire(second, 20)).resolves.toBeUndefined();
  });

  it('cancels the waits of an owner that went away', async () => {
    const gate = new BackendGate();
    await gate.acquire(first, 1000);
    const abandoned = gate.acquire(second, 1000);
    const next = gate.acquire(third, 1000);

    gate.cancel(second);
    gate.release(first);

    await expect(abandoned).rejects.toThrow(GateCancelledError);
    await next;
    expect(gate.isHeldBy(third)).toBe(true);
  });
});
