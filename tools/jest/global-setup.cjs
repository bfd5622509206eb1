// Builds the workspace once before any test runs, so tests that start a CLI or an app from dist/
// run the code under test, not whatever an earlier build left there. Builds are serialized with
// flock: several jest runs at once (engineers, CI) must not interleave their builds.
// SPV_SKIP_BUILD=1 skips it (a focused unit-test run that starts nothing from dist/).
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const LOCK_FILE = '/tmp/spv-cloud-build.lock';

module.exports = async function globalSetup() {
  if (process.env.SPV_SKIP_BUILD === '1') return;
  const started = Date.now();
  const npm = ['npm', 'run', '--silent', 'build'];
  const command = existsSync('/usr/bin/flock') ? ['/usr/bin/flock', LOCK_FILE, ...npm] : npm;
  const result = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', env: process.env });
  if (result.error)
    throw new Error(`jest global setup: could not run \`npm run build\`: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `jest global setup: \`npm run build\` failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
  const summary = result.stdout.trim().split('\n').pop() ?? '';
  process.stdout.write(
    `\n${summary} in ${((Date.now() - started) / 1000).toFixed(1)} s (jest global setup)\n`,
  );
};
