import { vectorJson, vectorText } from './vectors';

/** Typed views of the SPV vector files in ../shared/vectors (see its README for their sources). */

export interface RealSpvProofVector {
  id: string;
  network: string;
  sourceChain: number;
  targetChain: number;
  requestKey: string;
  responseBody: string;
  proofB64: string;
  proofJsonText: string;
  proofJson: { chain: number; object: string; subject: { input: string }; algorithm: string };
  proofObject: { hex: string; length: number; stepCount: number; subjectPosition: number };
  subject: { inputB64: string; tagHex: string; payloadUtf8: string; leafHash: string };
  segmentsInferred: Array<{
    tree: string;
    stepRange: [number, number];
    sides: string;
    rootAfterSegment: string;
  }>;
  computedRoot: string;
  independentCheck: { pollBlockHash: string; proofIntermediate: string };
}

export interface DerivedProofVector {
  label: string;
  proofType: string;
  targetChain: number;
  subjectPosition: number;
  stepCount: number;
  sides: string;
  proofObjectB64: string;
  proofJsonText: string;
  proofB64: string;
  expectedRoot: string;
  requestKey?: string;
  txIndex?: number;
  sourceHeader?: { chain: number; height: number; hash: string; payloadHash: string };
  chainSteps?: Array<{ chain: number; height: number; hash: string; leaf: number }>;
  crossSteps?: Array<{ chain: number; height: number; hash: string; leaf: number; adjIndex: number }>;
  targetHeader?: { chain: number; height: number; hash: string };
}

export interface DerivedProofsFile {
  sameChainPayloadProofs_mainnet01_c15_h4841250: DerivedProofVector[];
  sameChainPayloadProofs_mainnet01_genesis_c0: DerivedProofVector[];
  headerChainProofs_mainnet01_h6321598_to_6321600: DerivedProofVector[];
}

export const realSpvProofs = (): RealSpvProofVector[] =>
  vectorJson<{ proofs: RealSpvProofVector[] }>('spv_proofs_real.json').proofs;

export const realSpvResponses = (): Array<{ file: string; body: string }> =>
  ['spv_response_mainnet01_c0_to_c1_bKT10k.txt', 'spv_response_devnet_c0_to_c1_zflBHR6Q.txt'].map((file) => ({
    file,
    body: vectorText(file),
  }));

export const derivedProofs = (): DerivedProofsFile =>
  vectorJson<DerivedProofsFile>('proofs_derived_from_real_data.json');

export function allDerivedProofs(): DerivedProofVector[] {
  const file = derivedProofs();
  return [
    ...file.sameChainPayloadProofs_mainnet01_c15_h4841250,
    ...file.sameChainPayloadProofs_mainnet01_genesis_c0,
    ...file.headerChainProofs_mainnet01_h6321598_to_6321600,
  ];
}
