import { invalidArgument } from '../proof-service.errors';

/** The statement a checkpoint signature covers: the log, its size and its root. */
export function checkpointMessage(logId: string, treeSize: bigint, rootHash: Buffer): Buffer {
  if (typeof logId !== 'string' || !/^[A-Za-z0-9\-_.:]{1,128}$/.test(logId))
    throw invalidArgument('logId must be 1-128 characters of A-Z a-z 0-9 - _ . :');
  if (typeof treeSize !== 'bigint' || treeSize < 1n)
    throw invalidArgument('treeSize must be a positive bigint');
  if (!Buffer.isBuffer(rootHash) || rootHash.length !== 32)
    throw invalidArgument('rootHash must be 32 bytes');
  return Buffer.from(
    `spv-cloud provenance checkpoint v1\n${logId}\n${treeSize.toString()}\n${rootHash.toString('base64url')}\n`,
    'utf8',
  );
}
