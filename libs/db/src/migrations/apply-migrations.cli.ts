// Applies pending migrations — the deploy step before new API/worker versions start:
//   node libs/db/dist/migrations/apply-migrations.cli.js "$DATABASE_URL"
// (or `npm run migrate -w @spv-cloud/db -- "$DATABASE_URL"`). The URL is an argument so this tool
// needs none of the application's other settings. Exit status 0 = up to date afterwards.
import { applyMigrations, getMigrationStatus } from './migration-runner';

async function main(argv: readonly string[]): Promise<number> {
  const [databaseUrl, flag] = argv;
  if (!databaseUrl || (flag !== undefined && flag !== '--status')) {
    process.stderr.write('usage: apply-migrations <postgres url> [--status]\n');
    return 2;
  }
  if (flag === '--status') {
    const status = await getMigrationStatus(databaseUrl);
    process.stdout.write(`${JSON.stringify(status)}\n`);
    return status.pending.length === 0 && status.failed.length === 0 && status.edited.length === 0 ? 0 : 1;
  }
  const { applied } = await applyMigrations(databaseUrl);
  process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? ` [${String(error.code)}]` : '';
    process.stderr.write(
      `migration failed${code}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
