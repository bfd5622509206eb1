import { join } from 'node:path';
import { DevnetError } from './devnet.errors';
import { parseDevnetArgs } from './devnet-cli-args';
import { resolveDevnetOptions } from './devnet-options';

describe('parseDevnetArgs', () => {
  it('reads every flag, in both spellings', () => {
    expect(
      parseDevnetArgs([
        '--port',
        '0',
        '--data-dir=/tmp/x',
        '--block-time-ms',
        '250',
        '--chains',
        '20',
        '--reset',
        '--host',
        '0.0.0.0',
      ]),
    ).toEqual({
      help: false,
      options: { port: 0, dataDir: '/tmp/x', blockTimeMs: 250, chains: 20, reset: true, host: '0.0.0.0' },
    });
    expect(parseDevnetArgs(['--help'])).toEqual({ help: true });
  });

  it('falls back to PORT, DEVNET_DATA_DIR or DATA_DIR/devnet, DEVNET_BLOCK_TIME_MS; flags win', () => {
    expect(parseDevnetArgs([], { PORT: '1900', DATA_DIR: '/d', DEVNET_BLOCK_TIME_MS: '100' })).toEqual({
      help: false,
      options: { port: 1900, dataDir: join('/d', 'devnet'), blockTimeMs: 100 },
    });
    expect(parseDevnetArgs(['--port', '5'], { PORT: '1900', DEVNET_DATA_DIR: '/e', DATA_DIR: '/d' })).toEqual(
      {
        help: false,
        options: { port: 5, dataDir: '/e' },
      },
    );
  });

  it.each([[['--chains', '12']], [['--port', 'x']], [['--bogus']], [['stray']], [['--block-time-ms']]])(
    'rejects %j with invalid_option',
    (argv) => {
      expect(() => parseDevnetArgs(argv)).toThrow(DevnetError);
      try {
        parseDevnetArgs(argv);
      } catch (error) {
        expect((error as DevnetError).code).toBe('invalid_option');
      }
    },
  );

  it('checks ranges when options are resolved', () => {
    expect(() => resolveDevnetOptions({ blockTimeMs: 1 })).toThrow(/block time/);
    expect(() => resolveDevnetOptions({ port: 70000 })).toThrow(/port/);
    expect(resolveDevnetOptions({}).port).toBe(1848);
  });
});
