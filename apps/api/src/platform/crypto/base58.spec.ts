import { base58Encode, BASE58_PATTERN } from './base58';

describe('base58Encode', () => {
  it.each([
    ['', ''],
    ['00', '1'],
    ['0000', '11'],
    ['61', '2g'],
    ['626262', 'a3gV'],
    ['636363', 'aPEr'],
    ['73696d706c792061206c6f6e6720737472696e67', '2cFupjhnEsSn59qHXstmK2ffpLv2'],
    ['00eb15231dfceb60925886b67d065299925915aeb172c06647', '1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L'],
  ])('encodes %s as %s (Bitcoin vectors)', (hex, expected) => {
    expect(base58Encode(Buffer.from(hex, 'hex'))).toBe(expected);
  });

  it('only emits the base58 alphabet', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.from(Array.from({ length: 24 }, (_, j) => (i * 31 + j * 7) % 256));
      expect(base58Encode(bytes)).toMatch(BASE58_PATTERN);
    }
  });
});
