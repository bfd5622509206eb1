import { ChainwebError } from '../errors';
import { PETERSEN_GRAPH, TWENTY_CHAIN_GRAPH } from './chain-graph';
import { type ChainwebVersion, defineChainwebVersion, MAX_TARGET } from './chainweb-version';

/*
 * The production versions as chainweb-node defines them (src/Chainweb/Version/{Mainnet,Testnet04,
 * Development,RecapDevelopment}.hs at 5e46fa79). Genesis payload hashes are the `expectedHash` of
 * each src/Chainweb/BlockHeader/Genesis/*Payload.hs module.
 */

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function perChains<T>(groups: ReadonlyArray<readonly [readonly number[], T]>): Record<number, T> {
  const out: Record<number, T> = {};
  for (const [chains, value] of groups) for (const chainId of chains) out[chainId] = value;
  return out;
}

/** 2019-10-30T00:01:00Z */
const MAINNET_GENESIS_TIME = 1_572_393_660_000_000n;
/** 2019-07-17T18:28:37.613832Z (testnet04, development and recap-development) */
const TESTNET_GENESIS_TIME = 1_563_388_117_613_832n;

export const MAINNET01: ChainwebVersion = defineChainwebVersion({
  name: 'mainnet01',
  code: 0x05,
  graphHistory: [
    { height: 0, graph: PETERSEN_GRAPH },
    { height: 852_054, graph: TWENTY_CHAIN_GRAPH },
  ],
  genesisTime: MAINNET_GENESIS_TIME,
  genesisTargets: perChains([
    [range(0, 9), MAX_TARGET],
    [range(10, 19), 0x000000000000cb73de4be95ba21db5b9178dd85974c194e3ee05717dd8afa830n],
  ]),
  genesisPayloadHashes: perChains([
    [[0], 'k1H3DsInAPvJ0W_zPxnrpkeSNdPUT0S9U8bqDLG739o'],
    [[1], 'kClp_Tw7keCLXMfaCyjH-gToAGmLvRQqiNRmhWUCbxs'],
    [[2], '4DVp1dkSLYkFD0zbFF7e5Ba0ezKmnZhEVzlc5ZqqAT0'],
    [[3], 'fCHKOS9SF9G3Gy5iGZnOmQxjGYf32yM8PklrcBD_dmQ'],
    [[4], 'cTZ_29TkjXDlG_GlW8iB-va3mofpt_UjthLcOoqtlaQ'],
    [[5], 'MS_wu92H4GVPCziB6g8rOAc3x2uyegXH4Yl_0TfpI7U'],
    [[6], 'DVs3k9omI_WHMOJ8tUZ1Bt9Q1DdNmqC3V51iZDGmWwM'],
    [[7], 'Faa4TQZGFkFumLfHnMIJBAu_PSmGY4F-YraLVFrxr7Y'],
    [[8], 'YWgbJ4K5VET4WnG3H0Y0HPgzZ_qSnTgqxyB1kpMLJTQ'],
    [[9], 'w_6Spsw-jdCi9hBTlM6v0C1P7XoglU_AqNG9rcOwAZ0'],
    [range(10, 19), 'i-MN4AoxsaPds4M_MzwNSUygAkGnPZoCDvahfckowt4'],
  ]),
  forks: {
    slowEpoch: 80_000,
    oldTargetGuard: 452_820,
    skipFeatureFlagValidation: 530_500,
    oldDaGuard: 771_414,
  },
  // Chainweb231Pact forks at 6,269,344; the window rule starts at its successor.
  spvProofRootWindow: { fromHeight: 6_269_345, blocks: 20_000 },
});

export const TESTNET04: ChainwebVersion = defineChainwebVersion({
  name: 'testnet04',
  code: 0x07,
  graphHistory: [
    { height: 0, graph: PETERSEN_GRAPH },
    { height: 332_604, graph: TWENTY_CHAIN_GRAPH },
  ],
  genesisTime: TESTNET_GENESIS_TIME,
  genesisTargets: perChains([
    [range(0, 9), MAX_TARGET],
    [range(10, 19), 0x000000001b9bf15be43824bae4c4f17722572883f7b53ed2e8c6ba9596249235n],
  ]),
  genesisPayloadHashes: perChains([
    [[0], 'nfYm3e_fk2ICws0Uowos6OMuqfFg5Nrl_zqXVx9v_ZQ'],
    [range(1, 19), 'HU-ZhdfsQCiTrfxjtbkr5MHmjoukOt6INqB2vuYiF3g'],
  ]),
  forks: { slowEpoch: 0, oldTargetGuard: 0, skipFeatureFlagValidation: 0, oldDaGuard: 318_204 },
  // Chainweb231Pact forks at 5,783,985.
  spvProofRootWindow: { fromHeight: 5_783_986, blocks: 20_000 },
});

/** chainweb-node's `development` (devnet): twenty chains from genesis, every fork at genesis, PoW off. */
export const DEVELOPMENT: ChainwebVersion = defineChainwebVersion({
  name: 'development',
  code: 0x02,
  graphHistory: [{ height: 0, graph: TWENTY_CHAIN_GRAPH }],
  genesisTime: TESTNET_GENESIS_TIME,
  genesisTargets: MAX_TARGET / 100_000n,
  genesisPayloadHashes: perChains([
    [[0], 'GB8YsdVgd50IaJ_shYGN3pnzOohPi-gE3YaP2pvhw0w'],
    [range(1, 19), 'tL8Um8Zql3uKtYX5yo9-YoW_cKGf_BFBONzVD5JDd5k'],
  ]),
  forks: { slowEpoch: 0, oldTargetGuard: 0, skipFeatureFlagValidation: 0, oldDaGuard: 0 },
  disablePow: true,
  fakeFirstEpochStart: true,
});

export const RECAP_DEVELOPMENT: ChainwebVersion = defineChainwebVersion({
  name: 'recap-development',
  code: 0x01,
  graphHistory: [
    { height: 0, graph: PETERSEN_GRAPH },
    { height: 60, graph: TWENTY_CHAIN_GRAPH },
  ],
  genesisTime: TESTNET_GENESIS_TIME,
  genesisTargets: perChains([
    [range(0, 9), MAX_TARGET / 100_000n],
    [range(10, 19), 0x0000088f99632cadf39b0db7655be62cb7dbc84ebbd9a90e5b5756d3e7d9196cn],
  ]),
  genesisPayloadHashes: perChains([
    [[0], '5TWTF5R6Vc85vWHqcklTY91ljkV6mJ1wYfDJShooTCw'],
    [range(1, 9), 'yZ6Syxl34TTrGGKxVHInV0S29BH8v-C8VZTbJr2eK2k'],
    [range(10, 19), 'OXFBWONFKY7fTY4MH3GaOOELd_cPCMn9GpIOPBYMsvM'],
  ]),
  forks: { slowEpoch: 0, oldTargetGuard: 0, skipFeatureFlagValidation: 0, oldDaGuard: 13 },
  fakeFirstEpochStart: true,
});

export const KNOWN_CHAINWEB_VERSIONS: readonly ChainwebVersion[] = Object.freeze([
  MAINNET01,
  TESTNET04,
  DEVELOPMENT,
  RECAP_DEVELOPMENT,
]);

/** A known version by name ('mainnet01') or header code (5). */
export function chainwebVersion(nameOrCode: string | number): ChainwebVersion {
  const found = findKnownChainwebVersion(nameOrCode);
  if (found === undefined)
    throw new ChainwebError('unknown_version', `unknown chainweb version ${JSON.stringify(nameOrCode)}`);
  return found;
}

export function findKnownChainwebVersion(nameOrCode: string | number): ChainwebVersion | undefined {
  if (typeof nameOrCode === 'string') return KNOWN_CHAINWEB_VERSIONS.find((v) => v.name === nameOrCode);
  if (typeof nameOrCode === 'number') return KNOWN_CHAINWEB_VERSIONS.find((v) => v.code === nameOrCode);
  return undefined;
}
