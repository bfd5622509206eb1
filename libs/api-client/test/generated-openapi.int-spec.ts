import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The committed src/generated files must be what the API's OpenAPI builder produces from the
// API's current sources: a route or schema change without `npm run generate -w
// @spv-cloud/api-client` fails here (the script prints which files are stale).
describe('generated OpenAPI document and types', () => {
  it('match the document the API builds (needs Redis, like the API)', () => {
    const script = join(__dirname, '..', 'scripts', 'generate-openapi.mjs');
    const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`${result.stderr}${result.stdout}`);
    expect(result.stdout).toContain('generated files match the API');
  }, 120_000);
});
