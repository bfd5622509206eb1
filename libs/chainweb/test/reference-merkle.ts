import { createHash } from 'node:crypto';

/**
 * A deliberately naive Merkle log, written straight from the RFC 6962 recursion with a different
 * hash API, to cross-check the optimised flat-level implementation.
 */
const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha512-256');
  for (const part of parts) h.update(part);
  return h.digest();
};

export const refLeaf = (bytes: Uint8Array): Buffer => sha(Buffer.from([0]), bytes);
export const refNode = (l: Uint8Array, r: Uint8Array): Buffer => sha(Buffer.from([1]), l, r);

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function refRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = split(leaves.length);
  return refNode(refRoot(leaves.slice(0, k)), refRoot(leaves.slice(k)));
}

/** Steps innermost first, as [side, sibling] with side 1 = sibling on the right. */
export function refPath(leaves: readonly Buffer[], pos: number): Array<[number, Buffer]> {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  if (pos < k) return [...refPath(leaves.slice(0, k), pos), [1, refRoot(leaves.slice(k))]];
  return [...refPath(leaves.slice(k), pos - k), [0, refRoot(leaves.slice(0, k))]];
}
