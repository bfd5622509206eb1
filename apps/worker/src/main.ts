import 'reflect-metadata';
import { loadConfig } from '@spv-cloud/config';
import { createWorkerApp } from './bootstrap/create-worker-app';
import { workerSettingsFromConfig } from './config/worker-settings-from-config';
import { proofWorkerSettingsFromConfig } from './proof-service/proof-worker-settings';

/** `node apps/worker/dist/main.js`: the worker process, configured from the environment. */
async function main(): Promise<void> {
  const config = loadConfig();
  const settings = workerSettingsFromConfig(config);
  const { app, logger } = await createWorkerApp(settings, {
    proofService: { settings: proofWorkerSettingsFromConfig(config, settings) },
  });
  app.enableShutdownHooks();
  logger.info('worker started');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
