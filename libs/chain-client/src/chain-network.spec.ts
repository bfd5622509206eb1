import { ChainClientError } from './chain-client.errors';
import { ChainNetworks, defineChainNetwork } from './chain-network';

describe('ChainNetworks', () => {
  const networks = new ChainNetworks([
    {
      name: 'mainnet',
      baseUrl: 'https://api.chainweb.com/',
      chainwebVersion: 'mainnet01',
      chainIds: [3, 0, 1],
    },
    {
      name: 'devnet',
      baseUrl: 'http://127.0.0.1:1848',
      chainwebVersion: 'development',
      chainIds: [0],
      networkId: 'dev',
      timeoutMs: 500,
      retry: { maxAttempts: 2 },
    },
  ]);

  it('holds several networks with defaults applied', () => {
    expect(networks.names()).toEqual(['mainnet', 'devnet']);
    expect(networks.get('mainnet')).toMatchObject({
      baseUrl: 'https://api.chainweb.com',
      chainIds: [0, 1, 3],
      networkId: 'mainnet01',
      timeoutMs: 15_000,
      listenTimeoutMs: 200_000,
    });
    expect(networks.get('devnet')).toMatchObject({
      networkId: 'dev',
      timeoutMs: 500,
      retry: { maxAttempts: 2 },
    });
    expect(networks.has('testnet')).toBe(false);
  });

  it('reports an unknown network with a typed error', () => {
    expect(() => networks.get('testnet')).toThrow(expect.objectContaining({ code: 'unknown_network' }));
  });

  it.each([
    ['an uppercase name', { name: 'Main', baseUrl: 'http://x', chainwebVersion: 'mainnet01', chainIds: [0] }],
    ['a non-http URL', { name: 'm', baseUrl: 'ftp://x', chainwebVersion: 'mainnet01', chainIds: [0] }],
    [
      'a URL with a query',
      { name: 'm', baseUrl: 'http://x/?a=1', chainwebVersion: 'mainnet01', chainIds: [0] },
    ],
    ['no chains', { name: 'm', baseUrl: 'http://x', chainwebVersion: 'mainnet01', chainIds: [] }],
    ['duplicate chains', { name: 'm', baseUrl: 'http://x', chainwebVersion: 'mainnet01', chainIds: [1, 1] }],
    [
      'a version name with a slash',
      { name: 'm', baseUrl: 'http://x', chainwebVersion: 'main/net', chainIds: [0] },
    ],
    [
      'an unknown field',
      { name: 'm', baseUrl: 'http://x', chainwebVersion: 'mainnet01', chainIds: [0], color: 'red' },
    ],
    [
      'zero attempts',
      {
        name: 'm',
        baseUrl: 'http://x',
        chainwebVersion: 'mainnet01',
        chainIds: [0],
        retry: { maxAttempts: 0 },
      },
    ],
  ])('rejects %s', (_name, config) => {
    expect(() => defineChainNetwork(config as never)).toThrow(ChainClientError);
  });

  it('rejects two networks with one name', () => {
    const config = { name: 'm', baseUrl: 'http://x', chainwebVersion: 'mainnet01', chainIds: [0] };
    expect(() => new ChainNetworks([config, config])).toThrow(/configured twice/);
  });
});
