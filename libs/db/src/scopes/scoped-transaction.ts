import type { Prisma } from '../generated/prisma/client';

/** The Prisma client inside a scoped transaction (no nested $transaction, no $connect). */
export type ScopedTransaction = Prisma.TransactionClient;

export interface ScopedTransactionOptions {
  readonly isolationLevel?: Prisma.TransactionIsolationLevel;
  /** How long to wait for a pool connection (ms, default 5,000). */
  readonly maxWaitMs?: number;
  /** How long the whole callback may run before Prisma rolls back (ms, default 10,000). */
  readonly timeoutMs?: number;
}

export function toPrismaTransactionOptions(options: ScopedTransactionOptions) {
  return {
    maxWait: options.maxWaitMs ?? 5_000,
    timeout: options.timeoutMs ?? 10_000,
    ...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
  };
}
