// Compiles every workspace package's src/ to dist/ with swc (type checking is `npm run typecheck`),
// and bundles the browser apps that declare `"spvCloud": {"build": "vite"}` (the portal) with Vite.
// One process for the whole workspace keeps `npm ci` (which runs this through `prepare`) fast.
// `--only <dir>` (repeatable, e.g. `--only libs/chainweb`) compiles just those packages: each
// package's `build` script uses it, so `nx run-many -t build` builds and caches package by package.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

function parseOnly(argv) {
  const only = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error('build: --only needs a package directory');
      only.push(value);
    } else if (arg.startsWith('--only=')) {
      only.push(arg.slice('--only='.length));
    } else {
      throw new Error(
        `build: unknown argument ${arg} (usage: node tools/build.mjs [--only <package dir>]...)`,
      );
    }
  }
  // Always relative to the repository root: package scripts run from their own directory.
  return only.map((dir) => resolve(root, dir));
}

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(entry.name)) yield path;
  }
}

async function packages() {
  const found = [];
  for (const group of ['libs', 'apps', 'contracts']) {
    const base = join(root, group);
    const dirs = group === 'contracts' ? [''] : await readdir(base).catch(() => []);
    for (const name of dirs) {
      const pkgDir = join(base, name);
      const pkg = await readFile(join(pkgDir, 'package.json'), 'utf8').then(JSON.parse, () => null);
      if (pkg?.spvCloud?.build === 'swc')
        found.push({ kind: 'swc', pkgDir, srcDirs: pkg.spvCloud.srcDirs ?? ['src'] });
      else if (pkg?.spvCloud?.build === 'vite') found.push({ kind: 'vite', pkgDir });
    }
  }
  return found;
}

async function compilePackage({ pkgDir, srcDirs }) {
  // Compile into a fresh folder and swap it in at the end, so a test or CLI running the previous
  // dist/ (another jest run, a concurrent build) never sees it half deleted or half written.
  const dist = join(pkgDir, 'dist');
  const staging = join(pkgDir, `.dist-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  let compiled = 0;
  try {
    for (const srcDir of srcDirs) {
      for await (const file of sources(join(pkgDir, srcDir))) {
        const rel = relative(join(pkgDir, srcDir), file).replace(/\.ts$/, '.js');
        const out = join(staging, rel);
        const { code, map } = await transformFile(file, {
          ...swcrc,
          filename: file,
          swcrc: false,
          sourceFileName: relative(dirname(join(dist, rel)), file),
        });
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
        if (map) await writeFile(`${out}.map`, map);
        compiled++;
      }
    }
    await swapIntoDist(pkgDir, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return compiled;
}

async function swapIntoDist(pkgDir, staging) {
  const dist = join(pkgDir, 'dist');
  await mkdir(staging, { recursive: true });
  const retired = join(pkgDir, `.dist-old-${process.pid}`);
  await rename(dist, retired).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, dist);
  await rm(retired, { recursive: true, force: true });
}

// A browser app: `vite build` with the package's own vite config, into a staging folder swapped in
// like the swc output (the API may be serving the previous dist/ meanwhile).
async function bundleWithVite({ pkgDir }) {
  const { build } = await import('vite');
  const staging = join(pkgDir, `.dist-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await build({ root: pkgDir, logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    await swapIntoDist(pkgDir, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

const only = parseOnly(process.argv.slice(2));
const all = await packages();
const selected = only.length === 0 ? all : all.filter(({ pkgDir }) => only.includes(pkgDir));
const unknown = only.filter((dir) => !all.some(({ pkgDir }) => pkgDir === dir));
if (unknown.length > 0) {
  console.error(
    `build: not a package with "spvCloud": {"build": "swc" | "vite"}: ${unknown.map((d) => relative(root, d)).join(', ')}`,
  );
  process.exit(1);
}

let count = 0;
for (const pkg of selected) if (pkg.kind === 'swc') count += await compilePackage(pkg);
const bundled = selected.filter((pkg) => pkg.kind === 'vite');
for (const pkg of bundled) await bundleWithVite(pkg);
const scope =
  only.length === 0 ? '' : ` (${selected.map(({ pkgDir }) => relative(root, pkgDir)).join(', ')})`;
const apps =
  bundled.length === 0
    ? ''
    : `, ${bundled.length} ${bundled.length === 1 ? 'app' : 'apps'} bundled with vite`;
console.log(`build: ${count} files compiled${apps}${scope}`);
