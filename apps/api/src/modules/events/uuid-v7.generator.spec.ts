import { UuidV7Generator } from './uuid-v7.generator';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('UuidV7Generator', () => {
  it('writes version 7 ids that start with the millisecond time', () => {
    const id = new UuidV7Generator(() => 0x0190_0000_0001).next();
    expect(id).toMatch(UUID_V7);
    expect(id.replace(/-/g, '').slice(0, 12)).toBe('019000000001');
  });

  it('counts up within one millisecond and across a stalled or backwards clock', () => {
    let now = 1_700_000_000_000;
    const generator = new UuidV7Generator(() => now);
    const ids = generator.many(5_000);
    now -= 10;
    ids.push(generator.next());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    ids.forEach((id) => expect(id).toMatch(UUID_V7));
  });
});
