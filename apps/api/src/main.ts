import 'reflect-metadata';
import { loadConfig } from '@spv-cloud/config';
import { apiSettingsFromConfig } from './bootstrap/api-settings-from-config';
import { createApiApp } from './bootstrap/create-api-app';

/** `node apps/api/dist/main.js`: the API process, configured from the environment (PORT default 3000). */
async function main(): Promise<void> {
  const settings = apiSettingsFromConfig(loadConfig());
  const { app, logger } = await createApiApp(settings);
  app.enableShutdownHooks();
  await app.listen({ port: settings.port, host: settings.host });
  logger.info({ host: settings.host, port: settings.port }, 'api listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
