// Development secrets for `npm start` (JWT secret, service signing key, embedded PostgreSQL
// password): generated once, kept in <DATA_DIR>/dev-secrets.json (mode 600) so sessions, signatures
// and the embedded database survive restarts. Never used when NODE_ENV=production.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function loadOrCreateDevSecrets(dataDir) {
  const file = join(dataDir, 'dev-secrets.json');
  try {
    const stored = JSON.parse(await readFile(file, 'utf8'));
    if (
      typeof stored.jwtSecret === 'string' &&
      /^[0-9a-f]{64}$/.test(stored.serviceSigningKey) &&
      typeof stored.postgresPassword === 'string'
    ) {
      return stored;
    }
  } catch {
    // absent or unreadable: make new ones
  }
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    serviceSigningKey: randomBytes(32).toString('hex'),
    postgresPassword: randomBytes(18).toString('base64url'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secrets;
}
