import { ChainwebError, invalidInput } from '../errors';
import { checkBytes } from './block-payload';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses the JSON object stored in a transaction, output or miner-data entry. The bytes must be
 * UTF-8 (Pact writes them so); a lenient decoder would silently turn bad bytes into U+FFFD.
 */
export function parseStoredJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  checkBytes(bytes, what);
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    throw new ChainwebError('bad_encoding', `${what}: not UTF-8 JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(`${what}: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Pact integers appear in JSON either as plain numbers or as {"int": n}. */
export function pactInteger(value: unknown): number | undefined {
  const raw =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as { int?: unknown }).int
      : value;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  return undefined;
}
