import { randomFillSync } from 'node:crypto';

/**
 * UUIDv7 ids for rows written with raw SQL (ADR 0001: ids come from the application). Monotonic
 * within the process: ids minted in the same millisecond count up in their 12-bit `rand_a` field,
 * so events keep their request order when a batch orders them by (created_at, id). Provided with
 * `useFactory` (the clock is a constructor argument for tests).
 */
export class UuidV7Generator {
  private lastMs = 0;
  private counter = 0;
  private readonly random = Buffer.alloc(4096);
  private randomOffset = this.random.length;

  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    let ms = this.now();
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      this.counter += 1;
      if (this.counter > 0xfff) {
        // 4,096 ids in one millisecond: borrow the next millisecond rather than lose the order.
        ms = this.lastMs + 1;
        this.counter = 0;
      }
    } else {
      this.counter = 0;
    }
    this.lastMs = ms;
    const bytes = this.randomBytes(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (this.counter >> 8);
    bytes[7] = this.counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** `count` ids in order. */
  many(count: number): string[] {
    const ids = new Array<string>(count);
    for (let i = 0; i < count; i++) ids[i] = this.next();
    return ids;
  }

  private randomBytes(length: number): Buffer {
    if (this.randomOffset + length > this.random.length) {
      randomFillSync(this.random);
      this.randomOffset = 0;
    }
    const out = Buffer.from(this.random.subarray(this.randomOffset, this.randomOffset + length));
    this.randomOffset += length;
    return out;
  }
}
