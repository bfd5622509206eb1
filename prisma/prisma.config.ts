// Prisma CLI configuration (Prisma 7). The CLI is only used offline here: `npm run db:generate` runs
// `prisma generate` with PRISMA_SCHEMA_ENGINE_BINARY=/bin/false (generation needs no engine).
// Migrations are applied by @spv-cloud/db (`applyMigrations`, Prisma's WASM schema engine), never
// by `prisma migrate`, which would try to download a native engine. This is tooling configuration,
// read by the Prisma CLI only — application code takes its settings from @spv-cloud/config.
import { defineConfig } from 'prisma/config';

const databaseUrl = process.env['DATABASE_URL'];

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  // Only commands that talk to a database need the URL; `generate` and `validate` work without it.
  ...(databaseUrl ? { datasource: { url: databaseUrl } } : {}),
});
