import { DEVNET_USAGE, parseDevnetArgs } from './config/devnet-cli-args';
import { DevnetError } from './config/devnet.errors';
import { startDevnet } from './devnet';

/** `npm run devnet -- [--port 1848] [--data-dir <dir>] [--block-time-ms 1000] [--chains 10|20] [--reset]` */
async function main(): Promise<void> {
  const commandLine = parseDevnetArgs(process.argv.slice(2), process.env);
  if (commandLine.help) {
    process.stdout.write(`${DEVNET_USAGE}\n`);
    return;
  }
  const devnet = await startDevnet({
    ...commandLine.options,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const stop = (): void => {
    void devnet.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message =
    error instanceof DevnetError
      ? `devnet: ${error.message} (${error.code})`
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
