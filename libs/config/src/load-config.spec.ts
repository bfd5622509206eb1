import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// loadConfig reads the real process environment and exits on bad settings, so it runs in a child
// process against the built library (jest's global setup builds the workspace first).
const built = resolve(__dirname, '../dist/index.js');

function runLoadConfig(env: Record<string, string>) {
  const script = `const c = require(${JSON.stringify(built)}).loadConfig(); process.stdout.write(String(c.api.port));`;
  return spawnSync(process.execPath, ['-e', script], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
}

describe('loadConfig', () => {
  it('stops the process with status 78 and one line per bad setting', () => {
    const result = runLoadConfig({ PORT: 'abc', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/^ {2}DATABASE_URL: is required$/m);
    expect(result.stderr).toMatch(/^ {2}PORT: /m);
    expect(result.stderr).not.toMatch(/REDIS_URL/);
    expect(result.stdout).toBe('');
  });

  it('returns the parsed configuration when the environment is complete', () => {
    const result = runLoadConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/spv',
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'y'.repeat(40),
      SERVICE_SIGNING_KEY: '11'.repeat(32),
      CHAIN_NODE_URL: 'http://127.0.0.1:1848',
      PORT: '4321',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('4321');
  });
});
