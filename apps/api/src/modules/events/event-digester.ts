import { hash as oneShotHash } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { type EventDigestAlgorithm } from '@spv-cloud/chainweb';

const NODE_ALGORITHMS: Partial<Record<EventDigestAlgorithm, string>> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  'sha512-256': 'sha512-256',
  'sha3-256': 'sha3-256',
  'sha3-512': 'sha3-512',
  'blake2s-256': 'blake2s256',
};

/**
 * Hashes an event's `data` server-side with the tenant's event digest algorithm (every algorithm
 * libs/chainweb's event leaves name). One-shot node:crypto where Node has the algorithm, @noble/hashes
 * for the rest.
 */
export function digestEventData(algorithm: EventDigestAlgorithm, data: string): Buffer {
  const bytes = Buffer.from(data, 'utf8');
  const nodeName = NODE_ALGORITHMS[algorithm];
  if (nodeName) return oneShotHash(nodeName, bytes, 'buffer');
  switch (algorithm) {
    case 'keccak256':
      return Buffer.from(keccak_256(bytes));
    case 'blake2b-256':
      return Buffer.from(blake2b(bytes, { dkLen: 32 }));
    case 'blake3':
      return Buffer.from(blake3(bytes));
    default:
      // Every algorithm is either in NODE_ALGORITHMS or above; a new one must be added to one of them.
      throw new Error(`no hash implementation for ${algorithm}`);
  }
}
