import { Presets, SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';

/** Inputs at least this large get a progress bar; smaller ones finish before a bar would help. */
export const PROGRESS_THRESHOLD = 10_000;

/** A progress sink: a cli-progress bar on a terminal, nothing otherwise. */
export interface Progress {
  start(phase: string, total: number): void;
  update(value: number): void;
  stop(): void;
}

const silent: Progress = { start() {}, update() {}, stop() {} };

/** A bar only when stderr is a terminal, the work is large and the user did not ask for quiet. */
export function progressFor(stderr: Writable & { isTTY?: boolean }, size: number, quiet: boolean): Progress {
  if (quiet || stderr.isTTY !== true || size < PROGRESS_THRESHOLD) return silent;
  const bar = new SingleBar(
    {
      stream: stderr,
      format: '{phase} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    },
    Presets.shades_classic,
  );
  let active = false;
  return {
    start(phase, total) {
      if (active) bar.stop();
      bar.start(total, 0, { phase: phase.padEnd(8) });
      active = true;
    },
    update(value) {
      if (active) bar.update(value);
    },
    stop() {
      if (active) bar.stop();
      active = false;
    },
  };
}
