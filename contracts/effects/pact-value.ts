/**
 * Pact values as the declared effects table sees them, and their JSON forms as Pact 5 writes them
 * into command results and events (pact-5 `Pact/Core/StableEncoding.hs` and the time codec of
 * `Pact/Core/Legacy/LegacyCodec.hs`, kadena-io/pact-5 bfc5310c).
 *
 * integer → bigint; decimal → PactDecimal; time → PactTime; keyset guard → PactKeyset; object →
 * a plain record; list → array; string and bool as they are.
 */
export type PactValue =
  | string
  | boolean
  | bigint
  | PactDecimal
  | PactTime
  | PactKeyset
  | PactUnit
  | readonly PactValue[]
  | PactObject;

export interface PactObject {
  readonly [field: string]: PactValue;
}

const MAX_SAFE = 9007199254740991n;

/** A Pact decimal: mantissa × 10^-places (places 0..255), kept exact. */
export class PactDecimal {
  private constructor(
    readonly mantissa: bigint,
    readonly places: number,
  ) {}

  static of(mantissa: bigint, places: number): PactDecimal {
    if (!Number.isInteger(places) || places < 0 || places > 255)
      throw new RangeError('decimal places must be 0..255');
    return new PactDecimal(mantissa, places);
  }

  /** Parses `12`, `-3.25`, `1e3` (JSON numbers) exactly. */
  static parse(text: string): PactDecimal {
    const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!match) throw new RangeError(`not a decimal: ${text}`);
    const [, sign, whole, fraction = '', exponentText = '0'] = match;
    let digits = `${whole}${fraction}`;
    let places = fraction.length - Number(exponentText);
    if (places < 0) {
      digits += '0'.repeat(-places);
      places = 0;
    }
    const mantissa = BigInt(digits) * (sign === '-' ? -1n : 1n);
    return PactDecimal.of(mantissa, places);
  }

  /** The same value with trailing zero places removed (Pact's Decimal equality is numeric). */
  normalized(): PactDecimal {
    let { mantissa, places } = this;
    while (places > 0 && mantissa % 10n === 0n) {
      mantissa /= 10n;
      places--;
    }
    return new PactDecimal(mantissa, places);
  }

  equals(other: PactDecimal): boolean {
    const a = this.normalized();
    const b = other.normalized();
    return a.mantissa === b.mantissa && a.places === b.places;
  }

  /** Whole microseconds in this many seconds, truncated toward zero. */
  toMicros(): bigint {
    const scaled = this.mantissa * 1_000_000n;
    return scaled / 10n ** BigInt(this.places);
  }

  toString(): string {
    const negative = this.mantissa < 0n;
    const digits = (negative ? -this.mantissa : this.mantissa).toString().padStart(this.places + 1, '0');
    const whole = digits.slice(0, digits.length - this.places);
    const fraction = digits.slice(digits.length - this.places);
    return `${negative ? '-' : ''}${whole}${this.places > 0 ? `.${fraction}` : ''}`;
  }
}

/** A Pact time: microseconds since the Unix epoch (UTC). */
export class PactTime {
  private constructor(readonly micros: bigint) {}

  static fromMicros(micros: bigint): PactTime {
    return new PactTime(micros);
  }

  static fromDate(date: Date): PactTime {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) throw new RangeError('invalid date');
    return new PactTime(BigInt(ms) * 1000n);
  }

  /** `2025-06-01T12:00:00Z` or with a fraction of up to 6 digits. */
  static parseIso(text: string): PactTime {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
    if (!match) throw new RangeError(`not a Pact time: ${text}`);
    const [, y, mo, d, h, mi, s, fraction = ''] = match;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (!Number.isFinite(ms)) throw new RangeError(`not a Pact time: ${text}`);
    return new PactTime(BigInt(ms) * 1000n + BigInt(fraction.padEnd(6, '0') || '0'));
  }

  addSeconds(seconds: PactDecimal): PactTime {
    return new PactTime(this.micros + seconds.toMicros());
  }

  compare(other: PactTime): number {
    return this.micros < other.micros ? -1 : this.micros > other.micros ? 1 : 0;
  }

  /** `%Y-%m-%dT%H:%M:%SZ` (whole seconds). */
  toIsoSeconds(): string {
    const seconds = floorDiv(this.micros, 1_000_000n);
    return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}Z`;
  }

  /** `%Y-%m-%dT%H:%M:%S.%vZ` (6 fraction digits). */
  toIsoMicros(): string {
    const seconds = floorDiv(this.micros, 1_000_000n);
    const fraction = this.micros - seconds * 1_000_000n;
    return `${this.toIsoSeconds().slice(0, 19)}.${fraction.toString().padStart(6, '0')}Z`;
  }
}

export type KeysetPredicate = 'keys-all' | 'keys-any' | 'keys-2';

/** A keyset guard. */
export class PactKeyset {
  constructor(
    readonly keys: readonly string[],
    readonly pred: KeysetPredicate,
  ) {}
}

/** Pact's unit value `()`. */
export class PactUnit {
  static readonly value = new PactUnit();
  private constructor() {}
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function isPactObject(value: PactValue | undefined): value is PactObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof PactDecimal) &&
    !(value instanceof PactTime) &&
    !(value instanceof PactKeyset) &&
    !(value instanceof PactUnit)
  );
}

export function pactTypeOf(value: PactValue): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'integer';
  if (value instanceof PactDecimal) return 'decimal';
  if (value instanceof PactTime) return 'time';
  if (value instanceof PactKeyset) return 'guard';
  if (value instanceof PactUnit) return 'unit';
  if (Array.isArray(value)) return 'list';
  return 'object';
}

/** Pact's `=`: structural, false across types (pact-5 valEqGassed). */
export function pactEquals(a: PactValue, b: PactValue): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof PactDecimal) return b instanceof PactDecimal && a.equals(b);
  if (a instanceof PactTime) return b instanceof PactTime && a.micros === b.micros;
  if (a instanceof PactUnit) return b instanceof PactUnit;
  if (a instanceof PactKeyset) {
    if (!(b instanceof PactKeyset) || a.pred !== b.pred) return false;
    const ka = [...new Set(a.keys)].sort();
    const kb = [...new Set(b.keys)].sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    const list = b as readonly PactValue[];
    return a.length === list.length && (a as readonly PactValue[]).every((v, i) => pactEquals(v, list[i]!));
  }
  if (!isPactObject(a) || !isPactObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b, k) && pactEquals(a[k] as PactValue, b[k] as PactValue))
  );
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Pact 5's stable JSON encoding (what command results and events carry): integers as {"int": n},
 * decimals as numbers (or {"decimal": "…"} past 2^53), times as {"time"}/{"timep"}, object keys sorted.
 */
export function encodePactValueJson(value: PactValue): JsonValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') {
    const abs = value < 0n ? -value : value;
    return { int: abs <= MAX_SAFE ? Number(value) : value.toString() };
  }
  if (value instanceof PactDecimal) {
    const abs = value.mantissa < 0n ? -value.mantissa : value.mantissa;
    return abs <= MAX_SAFE ? Number(value.toString()) : { decimal: value.toString() };
  }
  if (value instanceof PactTime) {
    // Pact checks for whole milliseconds but then prints whole seconds (a replay-protected quirk).
    return value.micros % 1000n === 0n ? { time: value.toIsoSeconds() } : { timep: value.toIsoMicros() };
  }
  if (value instanceof PactKeyset) return { keys: [...new Set(value.keys)].sort(), pred: value.pred };
  if (value instanceof PactUnit) return null;
  if (Array.isArray(value)) return value.map((v) => encodePactValueJson(v as PactValue));
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort())
    out[key] = encodePactValueJson((value as PactObject)[key] as PactValue);
  return out;
}

/**
 * A JSON value as Pact 5 reads it from message data or from a stored command result: numbers are
 * decimals, {"int": n} integers, {"decimal": "…"} decimals, {"time"}/{"timep"} times,
 * {"keys": […], "pred"?} keysets, arrays lists and other objects objects.
 */
export function parsePactValueJson(json: unknown): PactValue {
  if (typeof json === 'string' || typeof json === 'boolean') return json;
  if (typeof json === 'number') {
    if (!Number.isFinite(json)) throw new RangeError('non-finite number');
    return PactDecimal.parse(String(json));
  }
  if (json === null) return PactUnit.value;
  if (Array.isArray(json)) return json.map(parsePactValueJson);
  if (typeof json !== 'object') throw new RangeError(`not a JSON value: ${typeof json}`);
  const record = json as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === 'int') {
    const n = record['int'];
    if (typeof n === 'number' && Number.isInteger(n)) return BigInt(n);
    if (typeof n === 'string' && /^-?\d+$/.test(n)) return BigInt(n);
  }
  if (keys.length === 1 && keys[0] === 'decimal' && typeof record['decimal'] === 'string')
    return PactDecimal.parse(record['decimal']);
  if (keys.length === 1 && keys[0] === 'time' && typeof record['time'] === 'string')
    return PactTime.parseIso(record['time']);
  if (keys.length === 1 && keys[0] === 'timep' && typeof record['timep'] === 'string')
    return PactTime.parseIso(record['timep']);
  const keysetKeys = record['keys'];
  if (
    Array.isArray(keysetKeys) &&
    keysetKeys.every((k) => typeof k === 'string') &&
    keys.every((k) => k === 'keys' || k === 'pred')
  ) {
    const pred = record['pred'] ?? 'keys-all';
    if (pred === 'keys-all' || pred === 'keys-any' || pred === 'keys-2')
      return new PactKeyset(keysetKeys, pred);
  }
  return Object.freeze(Object.fromEntries(keys.map((key) => [key, parsePactValueJson(record[key])])));
}
