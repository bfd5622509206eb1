import type { ServiceSigner } from '../platform/service-signer';
import { sha256 } from './object-keys';

/** What a retention deletion removed, stated so anyone can check the digest against a list of ids and keys. */
export interface DeletionReceiptContent {
  readonly receiptId: string;
  readonly tenantId: string;
  readonly scope: 'proofs';
  /** Database rows deleted (proof requests). */
  readonly objectCount: number;
  /** Objects deleted from object storage (tenant references and blobs no one holds any more). */
  readonly s3ObjectCount: number;
  /** Oldest and newest issue time among the deleted proofs. */
  readonly rangeStart: Date | null;
  readonly rangeEnd: Date | null;
  /** sha256 over the sorted lines `proof_request:<id>` and `s3:<key>`, joined by "\n". */
  readonly digest: Buffer;
  readonly policy: Readonly<Record<string, string | number | boolean>>;
  readonly createdAt: Date;
}

export function deletionDigest(requestIds: readonly string[], objectKeys: readonly string[]): Buffer {
  const lines = [
    ...requestIds.map((id) => `proof_request:${id}`),
    ...objectKeys.map((key) => `s3:${key}`),
  ].sort();
  return sha256(Buffer.from(lines.join('\n'), 'utf8'));
}

/** The canonical bytes a receipt's signature covers. */
export function deletionReceiptMessage(receipt: DeletionReceiptContent): Buffer {
  const policy = Object.keys(receipt.policy)
    .sort()
    .map((key) => [key, receipt.policy[key]]);
  return Buffer.from(
    JSON.stringify({
      v: 1,
      type: 'spv-cloud retention deletion receipt',
      receiptId: receipt.receiptId,
      tenantId: receipt.tenantId,
      scope: receipt.scope,
      objectCount: receipt.objectCount,
      s3ObjectCount: receipt.s3ObjectCount,
      rangeStart: receipt.rangeStart?.toISOString() ?? null,
      rangeEnd: receipt.rangeEnd?.toISOString() ?? null,
      digest: receipt.digest.toString('hex'),
      policy,
      createdAt: receipt.createdAt.toISOString(),
    }),
    'utf8',
  );
}

export function signDeletionReceipt(receipt: DeletionReceiptContent, signer: ServiceSigner): Buffer {
  return signer.sign(deletionReceiptMessage(receipt));
}
