import { fromBase64Url } from '../base64url';
import { ChainwebError } from '../errors';
import type { AnchoredEventProof, EventInclusionProof } from '../events';
import { parseSpvProof, type SpvProof } from '../spv';
import {
  ANCHORED_EVENT_PROOF_TYPE,
  eventProofJsonType,
  parseAnchoredEventProofJson,
  parseEventProofJson,
} from './event-proof-json';
import { decodeProofBinary, hasProofBinaryMagic, type BinaryProof } from './proof-binary';

/** How the proof was held when it reached us. */
export type ProofForm =
  /** The compact binary form, as bytes. */
  | 'binary'
  /** The binary form as base64url or base64 text. */
  | 'binary-base64'
  /** chainweb-node's `/pact/spv` answer body: a JSON string holding base64url of the proof JSON. */
  | 'pact-spv-response'
  /** Bare base64url of a proof JSON (what a Pact continuation's `proof` carries). */
  | 'base64url'
  /** A proof JSON, as text or as an already parsed object. */
  | 'json';

export type DecodedProof =
  | { readonly kind: 'spv'; readonly form: ProofForm; readonly proof: SpvProof }
  | { readonly kind: 'anchored-event'; readonly form: ProofForm; readonly proof: AnchoredEventProof }
  | { readonly kind: 'event'; readonly form: ProofForm; readonly proof: EventInclusionProof };

export type ProofKind = DecodedProof['kind'];

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const WHITESPACE = /\s+/g;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const SPV_PROOF_KEYS = ['chain', 'object', 'subject', 'algorithm'];

/**
 * Recognises every form a user may hold and decodes it:
 * - bytes: the binary form (by its magic), or UTF-8 text of any form below (a file read as bytes);
 * - text: the `/pact/spv` body (a JSON string), bare base64url of a proof JSON, a proof JSON
 *   (chainweb's `{chain, object, subject, algorithm}` in any key order, or our event proof JSON),
 *   the binary form in base64url/base64 (line breaks allowed), or a proof JSON encoded once more as
 *   a JSON string;
 * - an already parsed JSON object.
 * Errors are ChainwebErrors: unknown_format when the input is none of these; bad_encoding,
 * bad_length, bad_checksum, unsupported_version or unsupported_algorithm when it is one but broken.
 */
export function decodeAnyProof(input: Uint8Array | string | object): DecodedProof {
  try {
    if (input instanceof Uint8Array) {
      if (hasProofBinaryMagic(input)) return fromBinary(decodeProofBinary(input), 'binary');
      return fromText(utf8(input));
    }
    if (typeof input === 'string') return fromText(input);
    if (typeof input === 'object' && input !== null && !Array.isArray(input))
      return fromJsonValue(input, 'json');
    throw new ChainwebError('unknown_format', 'proof: expected bytes, text or a JSON object');
  } catch (error) {
    if (error instanceof ChainwebError) throw error;
    // Parsers throw ChainwebErrors; anything else is still the input's fault and must stay typed.
    throw new ChainwebError('bad_encoding', `proof: ${(error as Error).message}`);
  }
}

function fromText(raw: string): DecodedProof {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text.length === 0) throw new ChainwebError('unknown_format', 'proof: empty input');
  if (text.startsWith('"')) {
    const inner = parseJson(text);
    if (typeof inner !== 'string')
      throw new ChainwebError('bad_encoding', 'proof: a JSON string was expected');
    // A proof JSON that was itself JSON-encoded as a string (logs and message queues do this).
    if (inner.trimStart().startsWith('{')) return fromJsonValue(parseJson(inner), 'json');
    return fromEncoded(inner, 'pact-spv-response');
  }
  if (text.startsWith('{')) return fromJsonValue(parseJson(text), 'json');
  if (text.startsWith('[')) throw new ChainwebError('unknown_format', 'proof: a JSON array is not a proof');
  return fromEncoded(text, 'base64url');
}

/** base64url (or base64) text: of the binary form, or of a proof JSON. */
function fromEncoded(raw: string, form: 'pact-spv-response' | 'base64url'): DecodedProof {
  const text = raw.replace(WHITESPACE, '');
  let bytes: Buffer;
  try {
    if (BASE64URL.test(text)) bytes = fromBase64Url(text, 'proof');
    else if (BASE64.test(text)) bytes = fromBase64(text);
    else throw new ChainwebError('unknown_format', 'proof: not JSON, base64url or the binary form');
  } catch (error) {
    // Bare text that does not even decode is most likely no proof at all; inside a /pact/spv body
    // (a JSON string) it is a damaged proof.
    if (form === 'base64url' && error instanceof ChainwebError)
      throw new ChainwebError('unknown_format', error.message);
    throw error;
  }
  if (hasProofBinaryMagic(bytes))
    return fromBinary(decodeProofBinary(bytes), form === 'base64url' ? 'binary-base64' : form);
  const json = utf8(bytes).trim();
  if (!json.startsWith('{'))
    throw new ChainwebError(
      'unknown_format',
      'proof: the base64url text holds neither a proof JSON nor the binary form',
    );
  return fromJsonValue(parseJson(json), form);
}

function fromJsonValue(value: unknown, form: ProofForm): DecodedProof {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChainwebError('unknown_format', 'proof: expected a JSON object');
  }
  const json = value as Record<string, unknown>;
  if (Object.hasOwn(json, 'type')) {
    const type = eventProofJsonType(json);
    if (type === undefined)
      throw new ChainwebError('unknown_format', `proof: unknown proof type ${JSON.stringify(json['type'])}`);
    return type === ANCHORED_EVENT_PROOF_TYPE
      ? { kind: 'anchored-event', form, proof: parseAnchoredEventProofJson(json) }
      : { kind: 'event', form, proof: parseEventProofJson(json) };
  }
  if (SPV_PROOF_KEYS.some((key) => Object.hasOwn(json, key)))
    return { kind: 'spv', form, proof: parseSpvProof(json) };
  throw new ChainwebError(
    'unknown_format',
    'proof: a JSON object that is neither a Chainweb SPV proof nor an event proof',
  );
}

function fromBinary(decoded: BinaryProof, form: ProofForm): DecodedProof {
  switch (decoded.kind) {
    case 'spv':
      return { kind: 'spv', form, proof: decoded.proof };
    case 'anchored-event':
      return { kind: 'anchored-event', form, proof: decoded.proof };
    case 'event':
      return { kind: 'event', form, proof: decoded.proof };
  }
}

function fromBase64(text: string): Buffer {
  if (text.length % 4 !== 0)
    throw new ChainwebError('bad_encoding', 'proof: base64 length is not a multiple of 4');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text)
    throw new ChainwebError('bad_encoding', 'proof: non-canonical base64');
  return bytes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChainwebError('bad_encoding', 'proof: not valid JSON');
  }
}

function utf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ChainwebError('unknown_format', 'proof: neither the binary form nor UTF-8 text');
  }
}
