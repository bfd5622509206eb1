import { generateApiKey, isApiKeyToken, looksLikeApiKey } from './api-key-format';

describe('API key format', () => {
  it('builds spv_<env>_<base58> keys with a display start', () => {
    const generated = generateApiKey('live', Buffer.alloc(32, 7));
    expect(generated.key).toMatch(/^spv_live_[1-9A-HJ-NP-Za-km-z]{43,44}$/);
    expect(generated.prefix).toBe('spv_live');
    expect(generated.start).toBe(generated.key.slice(0, 'spv_live_'.length + 6));
    expect(looksLikeApiKey(generated.key)).toBe(true);
    expect(generateApiKey('test', Buffer.alloc(32, 1)).key.startsWith('spv_test_')).toBe(true);
  });

  it('rejects secrets of the wrong size', () => {
    expect(() => generateApiKey('live', Buffer.alloc(16))).toThrow('32 bytes');
  });

  it.each([
    'spv_live_',
    'spv_prod_3fQ9zA3fQ9zA3fQ9zA3fQ9zA3fQ9zA3fQ9zA3fQ9zA',
    'spv_live_0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl',
    'spv_live_short',
    `spv_live_${'a'.repeat(100)}`,
    'eyJhbGciOiJIUzI1NiJ9.e30.x',
  ])('does not mistake %s for a key', (token) => {
    expect(looksLikeApiKey(token)).toBe(false);
  });

  it('routes tokens by their spv_live_/spv_test_ prefix', () => {
    expect(isApiKeyToken('spv_live_abc')).toBe(true);
    expect(isApiKeyToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
    expect(isApiKeyToken('spv_rt_abc')).toBe(false);
  });
});
