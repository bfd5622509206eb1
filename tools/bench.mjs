// `npm run bench [-- <filter>...]`: finds every libs/*/**/bench/*.bench.ts and apps/*/**/bench/*.bench.ts
// (or those whose path contains one of the filters), runs each in a fresh Node process with
// TypeScript compiled by swc on the fly (tools/bench/register.cjs), collects the rows it reports
// through tools/bench (defineBench) and prints one table. Exits non-zero when a bench fails or
// a row misses its goal.
import { fork } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const register = join(root, 'tools', 'bench', 'register.cjs');
const skipDirs = new Set(['node_modules', 'dist', 'coverage', '.nx', '.data']);

function usage() {
  console.log(`usage: npm run bench [-- [--timeout <seconds>] [<path filter>...]]

Runs libs/**/bench/*.bench.ts and apps/**/bench/*.bench.ts, each in its own Node process.
A filter keeps the files whose path contains it (e.g. "merkle" or "libs/chainweb").`);
}

function parseArgs(argv) {
  const filters = [];
  let timeoutSeconds = 600;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      usage();
      process.exit(0);
    } else if (arg === '--timeout') {
      timeoutSeconds = Number(argv[++i]);
      if (!(timeoutSeconds > 0)) throw new Error('bench: --timeout needs a positive number of seconds');
    } else if (arg.startsWith('-')) {
      throw new Error(`bench: unknown option ${arg}`);
    } else {
      filters.push(arg);
    }
  }
  return { filters, timeoutSeconds };
}

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!skipDirs.has(entry.name) && !entry.name.startsWith('.')) yield* walk(join(dir, entry.name));
    } else if (entry.name.endsWith('.bench.ts') && dir.split('/').pop() === 'bench') {
      yield join(dir, entry.name);
    }
  }
}

async function discover(filters) {
  const files = [];
  for (const group of ['libs', 'apps']) {
    for await (const file of walk(join(root, group))) files.push(relative(root, file));
  }
  files.sort();
  return filters.length === 0 ? files : files.filter((file) => filters.some((f) => file.includes(f)));
}

/** Runs one bench file; resolves with its rows and, if it failed, why. */
function runFile(file, timeoutSeconds) {
  return new Promise((resolve) => {
    const rows = [];
    const errors = [];
    let done = false;
    const child = fork(join(root, file), [], {
      cwd: root,
      execArgv: ['--require', register],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      errors.push(`timed out after ${timeoutSeconds} s`);
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('message', (message) => {
      if (message.type === 'row') rows.push({ bench: message.bench, ...message.row });
      else if (message.type === 'done') done = true;
      else if (message.type === 'error') errors.push(message.message);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!done && errors.length === 0) {
        errors.push(
          `exited (${signal ?? `code ${code}`}) before finishing${rows.length === 0 ? ' (did it call defineBench?)' : ''}`,
        );
      } else if (code !== 0 && errors.length === 0) {
        errors.push(`exited with code ${code}`);
      }
      resolve({ rows, errors });
    });
  });
}

function formatValue(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatGoal(goal) {
  if (!goal) return '';
  const parts = [];
  if (goal.min !== undefined) parts.push(`≥ ${formatValue(goal.min)}`);
  if (goal.max !== undefined) parts.push(`≤ ${formatValue(goal.max)}`);
  return parts.join(' and ');
}

function verdict(row) {
  if (!row.goal) return '';
  const { min, max } = row.goal;
  return (min === undefined || row.value >= min) && (max === undefined || row.value <= max) ? 'pass' : 'FAIL';
}

function printTable(rows) {
  const header = ['bench', 'metric', 'value', 'unit', 'goal', 'result'];
  const cells = rows.map((row) => [
    row.bench,
    row.metric,
    formatValue(row.value),
    row.unit,
    formatGoal(row.goal),
    verdict(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  const notes = rows.filter((row) => row.note);
  if (notes.length > 0) {
    console.log('\nnotes:');
    for (const row of notes) console.log(`  ${row.bench} / ${row.metric}: ${row.note}`);
  }
}

const { filters, timeoutSeconds } = parseArgs(process.argv.slice(2));
const files = await discover(filters);
if (files.length === 0) {
  console.error(`bench: no bench files found${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(1);
}

const allRows = [];
const failures = [];
const started = Date.now();
for (const file of files) {
  const t0 = Date.now();
  console.log(`bench: running ${file}`);
  const { rows, errors } = await runFile(file, timeoutSeconds);
  console.log(`bench: ${file} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  allRows.push(...rows);
  for (const error of errors) failures.push(`${file}: ${error}`);
}

console.log('');
printTable(allRows);
const judged = allRows.filter((row) => row.goal);
const missed = judged.filter((row) => verdict(row) === 'FAIL');
console.log(
  `\nbench: ${files.length} file(s), ${allRows.length} rows, ${judged.length - missed.length} of ${judged.length} goals met, ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s (node ${process.version}, ${process.platform}/${process.arch})`,
);
for (const failure of failures) console.error(`bench: FAILED ${failure}`);
if (failures.length > 0 || missed.length > 0) process.exitCode = 1;
