import { fromBase64Url, hashFromBase64Url, toBase64Url } from '../base64url';
import { ChainwebError, invalidInput } from '../errors';
import { inputSubject, MerkleProofObject, treeSubject, type MerkleSubject } from '../merkle/merkle-proof';
import { isChainIdValue, MAX_CHAIN_ID, SPV_ALGORITHM, spvProof, type SpvProof } from './spv-proof';

/**
 * The JSON forms of a legacy SPV proof, byte-compatible with chainweb-node:
 * - the proof JSON: `{"chain":1,"object":"…","subject":{"input":"…"},"algorithm":"SHA512t_256"}`
 *   (compact, in that key order, which is what current nodes emit through aeson `pairs`);
 * - the `/pact/spv` body: a JSON string holding base64url (unpadded) of the proof JSON's UTF-8 bytes.
 *   Pact continuations take that inner string as their `proof`.
 */

const PROOF_KEYS = ['chain', 'object', 'subject', 'algorithm'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The proof JSON text exactly as chainweb-node writes it. */
export function encodeSpvProofJson(proof: SpvProof): string {
  const checked = spvProof(proof.chain, proof.object, proof.subject);
  if ((proof.algorithm as string) !== SPV_ALGORITHM) {
    throw new ChainwebError('unsupported_algorithm', `spv proof algorithm must be ${SPV_ALGORITHM}`);
  }
  const subject =
    checked.subject.kind === 'input'
      ? `{"input":"${toBase64Url(checked.subject.bytes)}"}`
      : `{"tree":"${toBase64Url(checked.subject.root)}"}`;
  // base64url and decimal integers need no JSON escaping, so the text is assembled directly.
  return `{"chain":${checked.chain},"object":"${toBase64Url(checked.object.encode())}","subject":${subject},"algorithm":"${SPV_ALGORITHM}"}`;
}

/** The `/pact/spv` response body: a JSON string of base64url(proof JSON). */
export function encodeSpvResponse(proof: SpvProof): string {
  return `"${encodeSpvProofBase64Url(proof)}"`;
}

/** base64url of the proof JSON: what a Pact continuation's `proof` field carries. */
export function encodeSpvProofBase64Url(proof: SpvProof): string {
  return toBase64Url(Buffer.from(encodeSpvProofJson(proof), 'utf8'));
}

/**
 * Reads every form a user may hold: the `/pact/spv` body (a JSON string), the bare base64url string
 * inside it, the proof JSON text, or the already decoded object, with its keys in any order (older
 * nodes wrote `subject, algorithm, object, chain`). Anything else is rejected with a typed error:
 * `bad_encoding` / `bad_length` for malformed input, `unsupported_algorithm` for another algorithm.
 */
export function parseSpvProof(input: unknown): SpvProof {
  if (typeof input === 'string') return parseSpvProofText(input);
  if (Buffer.isBuffer(input) || input instanceof Uint8Array) {
    return parseSpvProofText(decodeUtf8(input, 'spv proof'));
  }
  return spvProofFromObject(input);
}

function parseSpvProofText(text: string): SpvProof {
  const trimmed = text.trim();
  if (trimmed.startsWith('"')) {
    const inner = parseJson(trimmed, 'spv response body');
    if (typeof inner !== 'string')
      throw new ChainwebError('bad_encoding', 'spv response body: expected a JSON string');
    return spvProofFromBase64Url(inner);
  }
  if (trimmed.startsWith('{')) return spvProofFromObject(parseJson(trimmed, 'spv proof JSON'));
  return spvProofFromBase64Url(text);
}

function spvProofFromBase64Url(text: string): SpvProof {
  const json = decodeUtf8(fromBase64Url(text, 'spv proof'), 'spv proof');
  if (!json.startsWith('{'))
    throw new ChainwebError('bad_encoding', 'spv proof: base64url does not hold a JSON object');
  return spvProofFromObject(parseJson(json, 'spv proof JSON'));
}

/** Strict reading of the decoded proof object: exactly the four fields, each of its exact type. */
export function spvProofFromObject(value: unknown): SpvProof {
  const record = plainObject(value, 'spv proof');
  checkKeys(record, PROOF_KEYS, 'spv proof');
  const { chain, object, subject, algorithm } = record;
  if (typeof algorithm !== 'string')
    throw new ChainwebError('bad_encoding', 'spv proof: algorithm must be a string');
  if (algorithm !== SPV_ALGORITHM) {
    throw new ChainwebError(
      'unsupported_algorithm',
      `spv proof: algorithm ${JSON.stringify(algorithm)} is not ${SPV_ALGORITHM}`,
    );
  }
  if (!isChainIdValue(chain)) {
    throw new ChainwebError('bad_encoding', `spv proof: chain must be an integer 0..${MAX_CHAIN_ID}`);
  }
  if (typeof object !== 'string')
    throw new ChainwebError('bad_encoding', 'spv proof: object must be a base64url string');
  const proofObject = MerkleProofObject.decode(fromBase64Url(object, 'spv proof object'));
  return spvProof(chain, proofObject, subjectFromJson(subject));
}

function subjectFromJson(value: unknown): MerkleSubject {
  const record = plainObject(value, 'spv proof subject');
  const keys = Object.keys(record);
  if (keys.length !== 1)
    throw new ChainwebError('bad_encoding', 'spv proof subject: expected exactly one of "input" or "tree"');
  if (typeof record['input'] === 'string')
    return inputSubject(fromBase64Url(record['input'], 'spv proof subject input'));
  if (typeof record['tree'] === 'string')
    return treeSubject(hashFromBase64Url(record['tree'], 'spv proof subject tree'));
  throw new ChainwebError(
    'bad_encoding',
    'spv proof subject: expected {"input": base64url} or {"tree": base64url}',
  );
}

function plainObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChainwebError('bad_encoding', `${what}: expected a JSON object`);
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw invalidInput(`${what}: expected a plain object`);
  return value as Record<string, unknown>;
}

function checkKeys(record: Record<string, unknown>, expected: readonly string[], what: string): void {
  const keys = Object.keys(record);
  for (const key of expected) {
    if (!Object.hasOwn(record, key)) throw new ChainwebError('bad_encoding', `${what}: missing "${key}"`);
  }
  const unknown = keys.filter((key) => !expected.includes(key));
  if (unknown.length > 0)
    throw new ChainwebError('bad_encoding', `${what}: unexpected field(s) ${unknown.join(', ')}`);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChainwebError('bad_encoding', `${what}: not valid JSON`);
  }
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ChainwebError('bad_encoding', `${what}: not valid UTF-8`);
  }
}
