import { hash } from 'node:crypto';
import { invalidArgument } from '../proof-service.errors';

/**
 * The bucket's key layout. Bundles are content-addressed: one blob per distinct content (sha256),
 * shared by every tenant that was issued it; each tenant holds a small reference object under its
 * own prefix, so a tenant's data is listable, exportable and deletable by prefix.
 *
 *   blobs/sha256/<first 2 hex>/<64 hex>              the bundle bytes (shared)
 *   tenants/<tenant id>/bundles/<64 hex>.json        the tenant's reference to that blob
 */
export const BLOB_PREFIX = 'blobs/sha256/';
export const TENANT_PREFIX = 'tenants/';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX_HASH = /^[0-9a-f]{64}$/;

export function sha256(bytes: Uint8Array): Buffer {
  return hash('sha256', bytes, 'buffer');
}

export function contentHashHex(contentHash: Uint8Array): string {
  if (!(contentHash instanceof Uint8Array) || contentHash.length !== 32) {
    throw invalidArgument('content hash: expected 32 bytes (sha256)');
  }
  return Buffer.from(contentHash).toString('hex');
}

export function parseContentHash(hex: string): Buffer {
  if (!HEX_HASH.test(hex)) throw invalidArgument('content hash: expected 64 lower-case hex characters');
  return Buffer.from(hex, 'hex');
}

export function blobKey(contentHash: Uint8Array): string {
  const hex = contentHashHex(contentHash);
  return `${BLOB_PREFIX}${hex.slice(0, 2)}/${hex}`;
}

export function checkTenantId(tenantId: string): string {
  if (typeof tenantId !== 'string' || !UUID.test(tenantId)) throw invalidArgument('tenantId must be a UUID');
  return tenantId;
}

export function tenantPrefix(tenantId: string): string {
  return `${TENANT_PREFIX}${checkTenantId(tenantId)}/`;
}

export function tenantBundleKey(tenantId: string, contentHash: Uint8Array): string {
  return `${tenantPrefix(tenantId)}bundles/${contentHashHex(contentHash)}.json`;
}
