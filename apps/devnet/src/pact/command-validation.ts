import type { ChainStore } from '../chain/chain-store';
import type { Mempool } from './mempool';
import { hasValidHash, type ParsedPactCommand, signatureProblem } from './pact-command';

/*
 * chainweb-node's checks of a submitted command, with its error texts: the mempool's validateOne and
 * preInsertSingle (src/Chainweb/Mempool/InMem.hs, src/Chainweb/Chainweb.hs) and Pact 5's
 * validateParsedChainwebTx (src/Chainweb/Pact/PactService/Pact5/ExecBlock.hs), in that order.
 * Texts: `Show InsertError` (src/Chainweb/Mempool/Mempool.hs).
 */
export const INSERT_ERROR = {
  duplicate: 'Transaction already exists on chain',
  ttlExpired: 'Transaction time-to-live is expired',
  timeInFuture: 'Transaction creation time too far in the future',
  metadataMismatch: 'Transaction metadata (chain id, chainweb version) conflicts with this endpoint',
  invalidHash: 'Invalid transaction hash',
  unparsableChainId: 'insert error: Unparsable ChainId',
  tooManySignatures: 'insert error: Too many signatures',
  invalidSigs: (message: string) => `Invalid transaction sigs: ${message}`,
} as const;

/** The mempool's clock slack for creation times (10 s, InMem.hs txTTLCheck). */
const CREATION_TIME_GRACE_MICROS = 10_000_000;
const MAX_SIGNATURES = 100;

export interface ValidationContext {
  readonly chainId: number;
  readonly networkId: string;
  /** µs since the Unix epoch. */
  readonly now: number;
  readonly store: ChainStore;
  readonly mempool: Mempool;
  /** Request keys accepted earlier in the same batch. */
  readonly batch: ReadonlySet<string>;
}

/** The InsertError text chainweb would report for this command, or undefined when it is accepted. */
export function insertError(command: ParsedPactCommand, context: ValidationContext): string | undefined {
  const { meta, networkId, signers } = command.payload;
  const created = meta.creationTime * 1_000_000;
  const expires = created + meta.ttl * 1_000_000;
  if (!(created < context.now + CREATION_TIME_GRACE_MICROS)) return INSERT_ERROR.timeInFuture;
  if (!(context.now < expires && created < expires)) return INSERT_ERROR.ttlExpired;
  if (
    context.batch.has(command.hash) ||
    context.mempool.has(context.chainId, command.hash) ||
    context.store.locate(context.chainId, command.hash) !== undefined
  ) {
    return INSERT_ERROR.duplicate;
  }
  if (!/^(0|[1-9]\d{0,9})$/.test(meta.chainId) || Number(meta.chainId) > 0xffffffff)
    return INSERT_ERROR.unparsableChainId;
  if (Number(meta.chainId) !== context.chainId) return INSERT_ERROR.metadataMismatch;
  if (command.sigs.length > MAX_SIGNATURES) return INSERT_ERROR.tooManySignatures;
  if (networkId !== context.networkId) return INSERT_ERROR.metadataMismatch;
  if (!hasValidHash(command)) return INSERT_ERROR.invalidHash;
  const sigProblem = signatureProblem(command, signers);
  if (sigProblem !== undefined) return INSERT_ERROR.invalidSigs(sigProblem);
  return undefined;
}

/** The /send error text for the rejected commands of a batch (Pact/RestAPI/Server.hs sendHandler). */
export function rejectedBatchText(
  failures: ReadonlyArray<{ index: number; requestKey: string; error: string }>,
): string {
  return `One or more transactions were invalid: ${failures
    .map((f) => `Transaction ${JSON.stringify(f.requestKey)} at index ${f.index} failed with: ${f.error}`)
    .join(', ')}`;
}
