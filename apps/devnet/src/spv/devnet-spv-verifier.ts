import { verifySpvProof } from '@spv-cloud/chainweb';
import type { ChainStore } from '../chain/chain-store';
import { contracts, type PactObject, type PactValue, type SpvVerifier } from '../contracts/contracts-package';

/**
 * `(verify-spv "TXOUT" proof)` on a devnet chain, as chainweb's Pact 5 SPV support does it
 * (src/Chainweb/Pact5/SPV.hs, VerifyProof.hs): the proof object is read as the proof JSON
 * {chain, object, subject, algorithm}; it must target the redeeming chain; its root must be a header of
 * that chain no higher than the parent of the block running the transaction (HeaderOracle's upper
 * bound); the proven output must have succeeded; its `result.data` (an object) is returned.
 */
export function devnetSpvVerifier(
  store: ChainStore,
  redeemingChain: number,
  parentHeight: number,
): SpvVerifier {
  return (type, proof) => {
    if (type !== 'TXOUT') return { ok: false, message: `Unsupported SPV type: ${type}` };
    const json = proofJson(proof);
    if (json === undefined)
      return { ok: false, message: 'invalid proof object: expected {chain, object, subject, algorithm}' };
    const verified = verifySpvProof(json, { expectedKind: 'TXOUT' });
    if (!verified.valid) return { ok: false, message: verified.message };
    if (verified.chain !== redeemingChain) {
      return { ok: false, message: 'cannot redeem spv/continuation proof on wrong target chain' };
    }
    if (verified.kind !== 'TXOUT') return { ok: false, message: 'not a transaction output proof' };
    const root = store.hasChain(verified.chain) ? store.byHash(verified.chain, verified.root) : undefined;
    if (root === undefined || root.header.height > parentHeight) {
      return {
        ok: false,
        message: 'spv verification failed: target header is not in the chain or is out of bounds',
      };
    }
    const { result } = verified.output;
    if (result.status !== 'success')
      return { ok: false, message: 'Failed command result in tx output proof' };
    let data: PactValue;
    try {
      data = contracts.parsePactValueJson(result.data);
    } catch (error) {
      return { ok: false, message: `command result is not a Pact value: ${(error as Error).message}` };
    }
    if (!contracts.isPactObject(data)) return { ok: false, message: 'command result not an object' };
    return { ok: true, data };
  };
}

/** The proof JSON a Pact object stands for: integers (Pact integer or integral decimal) become numbers. */
function proofJson(proof: PactObject): unknown {
  const toJson = (value: PactValue): unknown => {
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'bigint') return Number(value);
    if (value instanceof contracts.PactDecimal) {
      const n = value.normalized();
      return n.places === 0 ? Number(n.mantissa) : Number(n.toString());
    }
    if (Array.isArray(value)) return value.map((v) => toJson(v as PactValue));
    if (contracts.isPactObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
    }
    return undefined;
  };
  const json = toJson(proof);
  return json !== null && typeof json === 'object' ? json : undefined;
}
