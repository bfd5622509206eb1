import { processIo } from './cli-io';
import { runCli } from './cli';

// Read at run time (the compiled file sits in dist/, package.json one level up) so it cannot drift.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

// exitCode, not exit(): stdout may be a pipe still draining.
runCli(process.argv.slice(2), processIo(), version).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
