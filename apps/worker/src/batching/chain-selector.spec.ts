import { ChainSelector, routingKeyOf } from './chain-selector';

const keys = Array.from({ length: 20_000 }, (_, i) => `tenant-1\u0000rk\u0000customer-${i}`);

describe('ChainSelector (rendezvous hashing)', () => {
  it('is deterministic and independent of the order chains are given in', () => {
    const a = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = new ChainSelector([9, 3, 1, 7, 5, 0, 2, 8, 6, 4, 3]);
    for (const key of keys.slice(0, 2_000)) expect(b.select(key)).toBe(a.select(key));
    expect(new ChainSelector([0, 1, 2]).select('k')).toBe(new ChainSelector([2, 1, 0]).select('k'));
  });

  it('spreads keys evenly over the chains', () => {
    const selector = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const counts = new Map<number, number>();
    for (const key of keys) counts.set(selector.select(key), (counts.get(selector.select(key)) ?? 0) + 1);
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual(selector.chains);
    // 2,000 expected per chain; chi-square over 9 degrees of freedom stays far below 27.9 (p = 0.001).
    const expected = keys.length / 10;
    const chiSquare = [...counts.values()].reduce(
      (sum, count) => sum + (count - expected) ** 2 / expected,
      0,
    );
    expect(chiSquare).toBeLessThan(27.9);
  });

  it('moves only the keys the new chain wins when a chain is added (about 1/(n+1))', () => {
    const before = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const after = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let moved = 0;
    for (const key of keys) {
      const from = before.select(key);
      const to = after.select(key);
      if (from !== to) {
        moved += 1;
        expect(to).toBe(10);
      }
    }
    expect(moved / keys.length).toBeGreaterThan(1 / 11 - 0.015);
    expect(moved / keys.length).toBeLessThan(1 / 11 + 0.015);
  });

  it('moves only the removed chain’s keys when a chain leaves', () => {
    const before = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const after = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 8, 9]);
    for (const key of keys) {
      const from = before.select(key);
      if (from !== 7) expect(after.select(key)).toBe(from);
      else expect(after.select(key)).not.toBe(7);
    }
  });

  it('keeps tenants apart: the same routing key of two tenants is placed independently', () => {
    const selector = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    let same = 0;
    for (let i = 0; i < 2_000; i++) {
      if (
        selector.select(routingKeyOf('tenant-a', 'ns', `k${i}`)) ===
        selector.select(routingKeyOf('tenant-b', 'ns', `k${i}`))
      )
        same += 1;
    }
    expect(same / 2_000).toBeLessThan(0.2);
    expect(routingKeyOf('t', 'ns', null)).not.toBe(routingKeyOf('t', 'x', 'ns'));
  });

  it('refuses an empty chain set and non-chain ids', () => {
    expect(() => new ChainSelector([])).toThrow(RangeError);
    expect(() => new ChainSelector([1.5])).toThrow(/not a chain id/);
    expect(new ChainSelector([4]).select('anything')).toBe(4);
  });
});
