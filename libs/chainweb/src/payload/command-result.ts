import { invalidInput } from '../errors';
import { fromBase64Url } from '../base64url';
import { pactInteger, parseStoredJsonObject } from './stored-json';

export type PactResult =
  | { readonly status: 'success'; readonly data: unknown }
  | { readonly status: 'failure'; readonly error: unknown };

export interface PactYield {
  readonly data: unknown;
  readonly source?: string;
  readonly provenance: { readonly targetChainId: string; readonly moduleHash: string } | null;
}

/** The `continuation` (PactExec) of a defpact step, e.g. step 0 of `coin.transfer-crosschain`. */
export interface PactContinuation {
  readonly pactId: string;
  readonly step: number;
  readonly stepCount: number;
  readonly stepHasRollback: boolean;
  readonly executed: boolean | null;
  readonly continuation: { readonly def: string; readonly args: readonly unknown[] };
  readonly yield: PactYield | null;
}

export interface PactEvent {
  readonly name: string;
  readonly module: { readonly name: string; readonly namespace: string | null };
  readonly moduleHash: string;
  readonly params: readonly unknown[];
}

/**
 * A Pact CommandResult as stored in a block output. `reqKey`, `result`, `continuation` and `events`
 * are checked; everything else stays in `json`. JSON numbers are read as JS numbers, so decimals and
 * integers beyond 2^53 in `result.data` lose precision: anything hashed must use the stored bytes.
 */
export interface CommandResult {
  /** Base64url; 32 bytes for transactions, other lengths for coinbase outputs. */
  readonly reqKey: string;
  readonly result: PactResult;
  readonly continuation: PactContinuation | null;
  readonly events: readonly PactEvent[];
  readonly json: Readonly<Record<string, unknown>>;
}

/** Decodes the stored bytes of a transaction output (or a coinbase output). */
export function decodeCommandResult(outputBytes: Uint8Array): CommandResult {
  const json = parseStoredJsonObject(outputBytes, 'output');
  const reqKey = json['reqKey'];
  if (typeof reqKey !== 'string' || reqKey.length === 0)
    throw invalidInput('output: reqKey must be a string');
  fromBase64Url(reqKey, 'output reqKey');
  return {
    reqKey,
    result: parseResult(json['result']),
    continuation: parseContinuation(json['continuation']),
    events: parseEvents(json['events']),
    json,
  };
}

/** The request key recorded in a CommandResult output. */
export function outputRequestKey(outputBytes: Uint8Array): string {
  return decodeCommandResult(outputBytes).reqKey;
}

function parseResult(value: unknown): PactResult {
  const result = asObject(value, 'output result');
  if (result['status'] === 'success') return { status: 'success', data: result['data'] };
  if (result['status'] === 'failure') return { status: 'failure', error: result['error'] };
  throw invalidInput('output result: status must be "success" or "failure"');
}

function parseContinuation(value: unknown): PactContinuation | null {
  if (value === undefined || value === null) return null;
  const exec = asObject(value, 'output continuation');
  const step = pactInteger(exec['step']);
  const stepCount = pactInteger(exec['stepCount']);
  if (typeof exec['pactId'] !== 'string') throw invalidInput('output continuation: pactId must be a string');
  if (step === undefined || stepCount === undefined) {
    throw invalidInput('output continuation: step and stepCount must be integers');
  }
  const executed = exec['executed'] ?? null;
  if (executed !== null && typeof executed !== 'boolean')
    throw invalidInput('output continuation: bad executed');
  const def = asObject(exec['continuation'], 'output continuation.continuation');
  if (typeof def['def'] !== 'string' || !Array.isArray(def['args'])) {
    throw invalidInput('output continuation.continuation: needs def and args');
  }
  return {
    pactId: exec['pactId'],
    step,
    stepCount,
    stepHasRollback: exec['stepHasRollback'] === true,
    executed,
    continuation: { def: def['def'], args: def['args'] },
    yield: parseYield(exec['yield']),
  };
}

function parseYield(value: unknown): PactYield | null {
  if (value === undefined || value === null) return null;
  const y = asObject(value, 'output continuation.yield');
  const rawProvenance = y['provenance'];
  let provenance: PactYield['provenance'] = null;
  if (rawProvenance !== undefined && rawProvenance !== null) {
    const p = asObject(rawProvenance, 'output continuation.yield.provenance');
    if (typeof p['targetChainId'] !== 'string' || typeof p['moduleHash'] !== 'string') {
      throw invalidInput('output continuation.yield.provenance: needs targetChainId and moduleHash strings');
    }
    provenance = { targetChainId: p['targetChainId'], moduleHash: p['moduleHash'] };
  }
  const source = y['source'];
  if (source !== undefined && source !== null && typeof source !== 'string') {
    throw invalidInput('output continuation.yield.source must be a string');
  }
  return typeof source === 'string'
    ? { data: y['data'], source, provenance }
    : { data: y['data'], provenance };
}

function parseEvents(value: unknown): PactEvent[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput('output events: expected an array');
  return value.map((item: unknown, i) => {
    const event = asObject(item, `output events[${i}]`);
    const module = asObject(event['module'], `output events[${i}].module`);
    const namespace = module['namespace'] ?? null;
    if (
      typeof event['name'] !== 'string' ||
      typeof module['name'] !== 'string' ||
      (namespace !== null && typeof namespace !== 'string') ||
      typeof event['moduleHash'] !== 'string' ||
      !Array.isArray(event['params'])
    ) {
      throw invalidInput(`output events[${i}]: needs name, module, moduleHash and params`);
    }
    return {
      name: event['name'],
      module: { name: module['name'], namespace },
      moduleHash: event['moduleHash'],
      params: event['params'],
    };
  });
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidInput(`${what}: expected an object`);
  return value as Record<string, unknown>;
}
