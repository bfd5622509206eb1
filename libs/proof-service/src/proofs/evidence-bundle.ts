import {
  encodeBlockHeaderBase64Url,
  encodeSpvProofBase64Url,
  encodeSpvProofJson,
  parseSpvProof,
  type BlockHeader,
  type SpvProof,
} from '@spv-cloud/chainweb';
import { ProofServiceError } from '../proof-service.errors';
import type { SpvProofKindName } from './proof-key';

export const EVIDENCE_BUNDLE_FORMAT = 'spv-cloud/evidence-bundle@1';

/** How the proof material was obtained: copied into the provenance entry of every issuance. */
export interface GenerationFacts {
  readonly nodeUrl: string;
  readonly chainwebVersion: string;
  readonly serviceVersion: string;
  readonly buildHash: string;
  /** When the chain data was read from the node. */
  readonly observedAt: Date;
  /** The node's /pact/spv answer compared with ours: match, unavailable (no answer) or skipped (TX, refresh). */
  readonly crossCheck: 'match' | 'unavailable' | 'skipped';
}

/**
 * Everything needed to check a proof offline, in one JSON document shared by every tenant it is
 * issued to (content-addressed): the proof (the exact `/pact/spv` body and its JSON), the source and
 * target blocks, the decoded subject with its exact stored bytes, the target chain's headers from the
 * root up to a checkpoint header buried under them (parent links checkable offline), and how it was
 * generated. A tenant's provenance entry is added when the bundle is served, not stored in it.
 */
export interface EvidenceBundle {
  readonly format: typeof EVIDENCE_BUNDLE_FORMAT;
  readonly network: string;
  readonly kind: SpvProofKindName;
  readonly requestKey: string;
  readonly source: {
    readonly chainId: number;
    readonly blockHash: string;
    readonly height: number;
    readonly txIndex: number;
  };
  readonly target: { readonly chainId: number; readonly blockHash: string; readonly height: number };
  readonly proof: {
    /** base64url of the proof JSON: the string `/pact/spv` returns and Pact continuations take. */
    readonly encoded: string;
    readonly json: Readonly<Record<string, unknown>>;
  };
  readonly subject: {
    /** The transaction output (TXOUT) or command (TX) exactly as stored in the block, UTF-8. */
    readonly stored: string;
    readonly decoded: unknown;
  };
  readonly headers: {
    readonly chainId: number;
    /** Root header first, then each child, up to the checkpoint header; binary headers, base64url. */
    readonly fromHeight: number;
    readonly toHeight: number;
    readonly items: readonly string[];
  };
  readonly generatedBy: {
    readonly nodeUrl: string;
    readonly chainwebVersion: string;
    readonly serviceVersion: string;
    readonly buildHash: string;
    readonly observedAt: string;
    readonly crossCheck: GenerationFacts['crossCheck'];
  };
}

export interface EvidenceBundleInput {
  readonly network: string;
  readonly kind: SpvProofKindName;
  readonly requestKey: string;
  readonly proof: SpvProof;
  readonly txIndex: number;
  readonly sourceHeader: BlockHeader;
  readonly targetHeader: BlockHeader;
  /** Stored bytes of the output (TXOUT) or transaction (TX). */
  readonly subjectBytes: Buffer;
  /** The root header first, then its descendants on the target chain up to the checkpoint. */
  readonly headerChain: readonly BlockHeader[];
  readonly facts: GenerationFacts;
}

export function buildEvidenceBundle(input: EvidenceBundleInput): EvidenceBundle {
  const chain = input.headerChain;
  const first = chain[0];
  if (!first || !first.hash.equals(input.targetHeader.hash)) {
    throw new ProofServiceError('proof_failed', 'the header chain must start at the proof root');
  }
  for (let i = 1; i < chain.length; i++) {
    const header = chain[i] as BlockHeader;
    const parent = chain[i - 1] as BlockHeader;
    if (
      !header.parent.equals(parent.hash) ||
      header.chainId !== parent.chainId ||
      header.height !== parent.height + 1
    ) {
      throw new ProofServiceError('proof_failed', `header ${header.height} does not extend the header chain`);
    }
  }
  const stored = input.subjectBytes.toString('utf8');
  let decoded: unknown;
  try {
    decoded = JSON.parse(stored);
  } catch {
    decoded = null;
  }
  return {
    format: EVIDENCE_BUNDLE_FORMAT,
    network: input.network,
    kind: input.kind,
    requestKey: input.requestKey,
    source: {
      chainId: input.sourceHeader.chainId,
      blockHash: input.sourceHeader.hash.toString('base64url'),
      height: input.sourceHeader.height,
      txIndex: input.txIndex,
    },
    target: {
      chainId: input.targetHeader.chainId,
      blockHash: input.targetHeader.hash.toString('base64url'),
      height: input.targetHeader.height,
    },
    proof: {
      encoded: encodeSpvProofBase64Url(input.proof),
      json: JSON.parse(encodeSpvProofJson(input.proof)) as Record<string, unknown>,
    },
    subject: { stored, decoded },
    headers: {
      chainId: first.chainId,
      fromHeight: first.height,
      toHeight: (chain[chain.length - 1] as BlockHeader).height,
      items: chain.map(encodeBlockHeaderBase64Url),
    },
    generatedBy: {
      nodeUrl: input.facts.nodeUrl,
      chainwebVersion: input.facts.chainwebVersion,
      serviceVersion: input.facts.serviceVersion,
      buildHash: input.facts.buildHash,
      observedAt: input.facts.observedAt.toISOString(),
      crossCheck: input.facts.crossCheck,
    },
  };
}

/** The stored bytes: compact JSON in the field order above (identical input → identical content hash). */
export function encodeEvidenceBundle(bundle: EvidenceBundle): Buffer {
  return Buffer.from(JSON.stringify(bundle), 'utf8');
}

/** Reads stored bundle bytes back, checking the format and that the proof parses. */
export function decodeEvidenceBundle(bytes: Uint8Array): {
  readonly bundle: EvidenceBundle;
  readonly proof: SpvProof;
} {
  let bundle: EvidenceBundle;
  try {
    bundle = JSON.parse(Buffer.from(bytes).toString('utf8')) as EvidenceBundle;
  } catch (error) {
    throw new ProofServiceError('storage_corrupt', 'the evidence bundle is not JSON', { cause: error });
  }
  if (bundle?.format !== EVIDENCE_BUNDLE_FORMAT || typeof bundle.proof?.encoded !== 'string') {
    throw new ProofServiceError('storage_corrupt', 'not an evidence bundle of a known format');
  }
  try {
    return { bundle, proof: parseSpvProof(bundle.proof.encoded) };
  } catch (error) {
    throw new ProofServiceError('storage_corrupt', 'the evidence bundle holds an unreadable proof', {
      cause: error,
    });
  }
}
