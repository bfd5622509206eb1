/**
 * The benchmark API. A bench file (`<package>/bench/<name>.bench.ts`) calls `defineBench` once and
 * reports rows; `npm run bench` (tools/bench.mjs) runs each file in a fresh Node process and prints
 * every row in one table, judging rows that carry a goal.
 *
 *   import { defineBench, measure } from '../../../tools/bench';
 *   defineBench('chainweb/merkle', async (bench) => {
 *     const t = await measure(() => build());
 *     bench.report({ metric: 'build', value: t.medianMs, unit: 'ms', goal: { max: 500 } });
 *   });
 *
 * A file also runs on its own: `node -r ./tools/bench/register.cjs <file>` prints its rows.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** A target for a row: the value must be at most `max` and/or at least `min`. */
export interface BenchGoal {
  readonly max?: number;
  readonly min?: number;
}

export interface BenchRow {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly goal?: BenchGoal;
  /** What was measured, when the metric name alone would be ambiguous. */
  readonly note?: string;
}

export interface BenchContext {
  report(row: BenchRow): void;
}

/** Messages a bench process sends to the runner over the IPC channel. */
export type BenchMessage =
  | { readonly type: 'row'; readonly bench: string; readonly row: BenchRow }
  | { readonly type: 'done'; readonly bench: string }
  | { readonly type: 'error'; readonly bench: string; readonly message: string }
  | { readonly type: 'task-result'; readonly task: string; readonly value: unknown }
  | { readonly type: 'task-error'; readonly task: string; readonly message: string };

/** Set (to the task's name) in a child process started by `isolated(...).run()`. */
const TASK_ENV = 'SPV_BENCH_TASK';
const activeTask = process.env[TASK_ENV];

export function goalMet(row: BenchRow): boolean | undefined {
  if (!row.goal) return undefined;
  const { min, max } = row.goal;
  return (min === undefined || row.value >= min) && (max === undefined || row.value <= max);
}

function send(message: BenchMessage): Promise<void> {
  const channel = process.send?.bind(process);
  if (!channel) return Promise.resolve();
  return new Promise((resolve, reject) => {
    channel(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function printRowStandalone(bench: string, row: BenchRow): void {
  const met = goalMet(row);
  const goal = row.goal ? ` (goal ${formatGoal(row.goal)}: ${met ? 'pass' : 'FAIL'})` : '';
  if (met === false) process.exitCode = 1;
  console.log(`${bench}  ${row.metric}: ${formatValue(row.value)} ${row.unit}${goal}`);
}

export function formatGoal(goal: BenchGoal): string {
  const parts: string[] = [];
  if (goal.min !== undefined) parts.push(`≥ ${formatValue(goal.min)}`);
  if (goal.max !== undefined) parts.push(`≤ ${formatValue(goal.max)}`);
  return parts.join(' and ');
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Declares the benchmark of this file. It starts once the module has finished loading (so
 * `isolated` tasks declared anywhere in the file are known), and not at all inside a task process.
 */
export function defineBench(name: string, run: (bench: BenchContext) => Promise<void> | void): void {
  if (activeTask !== undefined) return;
  const pending: Promise<void>[] = [];
  const context: BenchContext = {
    report(row) {
      if (!Number.isFinite(row.value)) throw new Error(`${name}: ${row.metric} is not a finite number`);
      if (process.send) pending.push(send({ type: 'row', bench: name, row }));
      else printRowStandalone(name, row);
    },
  };
  setImmediate(() => {
    void (async () => {
      try {
        await run(context);
        await Promise.all(pending);
        await send({ type: 'done', bench: name });
      } catch (error) {
        process.exitCode = 1;
        if (process.send) await send({ type: 'error', bench: name, message: describeError(error) });
        else console.error(`${name}: ${describeError(error)}`);
      }
      process.disconnect?.();
    })();
  });
}

export interface IsolatedTask<T> {
  /** Runs the task in a fresh Node process (this same file, started in task mode). */
  run(): Promise<T>;
}

/**
 * A measurement that needs a process of its own, such as peak memory: `run()` starts this bench
 * file again in a new process where only this task runs, and resolves with what it returned
 * (anything the structured clone algorithm can copy). Declare tasks at the top level of the file.
 */
export function isolated<T>(
  task: string,
  fn: () => Promise<T> | T,
  options: { execArgv?: readonly string[] } = {},
): IsolatedTask<T> {
  if (activeTask === task) {
    setImmediate(() => {
      void (async () => {
        try {
          await send({ type: 'task-result', task, value: await fn() });
        } catch (error) {
          process.exitCode = 1;
          await send({ type: 'task-error', task, message: describeError(error) });
        }
        process.disconnect?.();
      })();
    });
  }
  return {
    run: () =>
      new Promise<T>((resolve, reject) => {
        const script = process.argv[1];
        if (!script) return reject(new Error(`isolated task ${task}: cannot tell which file to run`));
        const child = fork(script, [], {
          execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
          env: { ...process.env, [TASK_ENV]: task },
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        let settled = false;
        child.on('message', (message: BenchMessage) => {
          if (message.type === 'task-result' && message.task === task) {
            settled = true;
            resolve(message.value as T);
          } else if (message.type === 'task-error' && message.task === task) {
            settled = true;
            reject(new Error(`isolated task ${task} failed:\n${message.message}`));
          }
        });
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          if (!settled)
            reject(new Error(`isolated task ${task} exited (${signal ?? code}) without a result`));
        });
      }),
  };
}

export interface Measurement {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
}

/**
 * Times `fn` after `warmup` untimed calls: at least `minRuns` runs and at least `minTimeMs` in all
 * (whichever takes longer), at most `maxRuns`. The median resists the other core's noise.
 */
export async function measure(
  fn: () => unknown,
  { warmup = 1, minRuns = 5, maxRuns = 1000, minTimeMs = 500 } = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - started < minTimeMs)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const medianMs =
    times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return { medianMs, minMs: times[0] as number, runs: times.length };
}
