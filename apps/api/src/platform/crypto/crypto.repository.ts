import { Injectable } from '@nestjs/common';
import { hash as oneShotHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~45 ms per hash on this hardware.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Randomness, hashing and password hashing: side effects services get injected (and tests fake). */
@Injectable()
export class CryptoRepository {
  private dummyPasswordHash: Promise<string> | undefined;

  randomBytes(length: number): Buffer {
    return randomBytes(length);
  }

  sha256(input: string | Buffer): Buffer {
    return oneShotHash('sha256', input, 'buffer');
  }

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verifyPassword(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(passwordHash, password);
    } catch {
      // A malformed stored hash is a failed verification, not a crash.
      return false;
    }
  }

  /**
   * Spends the same time as a real verification, so an unknown e-mail cannot be told apart from
   * a wrong password by timing.
   */
  async burnPasswordVerification(password: string): Promise<void> {
    this.dummyPasswordHash ??= argon2.hash('spv-cloud-timing-equaliser', ARGON2_OPTIONS);
    await this.verifyPassword(await this.dummyPasswordHash, password);
  }

  equalBytes(a: Buffer, b: Buffer): boolean {
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
