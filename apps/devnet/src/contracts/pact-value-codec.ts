import { contracts, type PactValue } from './contracts-package';

/**
 * A lossless JSON form of Pact values for the devnet's own files (Pact 5's stable encoding prints
 * times to whole seconds, so it cannot be the storage format). Strings and booleans are stored as
 * they are; every other value is a one-key tagged object.
 */
export type StoredPactValue =
  | string
  | boolean
  | { int: string }
  | { dec: [string, number] }
  | { time: string }
  | { keyset: { keys: string[]; pred: string } }
  | { unit: true }
  | { list: StoredPactValue[] }
  | { obj: { [field: string]: StoredPactValue } };

export function storePactValue(value: PactValue): StoredPactValue {
  const { PactDecimal, PactTime, PactKeyset, PactUnit } = contracts;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return { int: value.toString() };
  if (value instanceof PactDecimal) return { dec: [value.mantissa.toString(), value.places] };
  if (value instanceof PactTime) return { time: value.micros.toString() };
  if (value instanceof PactKeyset) return { keyset: { keys: [...value.keys], pred: value.pred } };
  if (value instanceof PactUnit) return { unit: true };
  if (Array.isArray(value)) return { list: value.map((v) => storePactValue(v as PactValue)) };
  const obj: { [field: string]: StoredPactValue } = {};
  for (const [field, v] of Object.entries(value)) obj[field] = storePactValue(v);
  return { obj };
}

export function loadPactValue(stored: unknown): PactValue {
  const { PactDecimal, PactTime, PactKeyset, PactUnit } = contracts;
  if (typeof stored === 'string' || typeof stored === 'boolean') return stored;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new TypeError('stored Pact value: expected a string, a boolean or a tagged object');
  }
  const entries = Object.entries(stored);
  const [tag, body] = entries[0] ?? [];
  if (entries.length !== 1) throw new TypeError('stored Pact value: expected one tag');
  switch (tag) {
    case 'int':
      return BigInt(String(body));
    case 'dec': {
      const [mantissa, places] = body as [string, number];
      return PactDecimal.of(BigInt(mantissa), places);
    }
    case 'time':
      return PactTime.fromMicros(BigInt(String(body)));
    case 'keyset': {
      const { keys, pred } = body as { keys: string[]; pred: string };
      if (pred !== 'keys-all' && pred !== 'keys-any' && pred !== 'keys-2')
        throw new TypeError(`stored keyset: bad predicate ${pred}`);
      return new PactKeyset(keys, pred);
    }
    case 'unit':
      return PactUnit.value;
    case 'list':
      return Object.freeze((body as unknown[]).map(loadPactValue));
    case 'obj':
      return Object.freeze(
        Object.fromEntries(
          Object.entries(body as Record<string, unknown>).map(([f, v]) => [f, loadPactValue(v)]),
        ),
      );
    default:
      throw new TypeError(`stored Pact value: unknown tag ${String(tag)}`);
  }
}
