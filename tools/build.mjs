// Compiles every workspace package's src/ to dist/ with swc (type checking is `npm run typecheck`).
// One process for the whole workspace keeps `npm ci` (which runs this through `prepare`) fast.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

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
      if (pkg?.spvCloud?.build === 'swc') found.push({ pkgDir, srcDirs: pkg.spvCloud.srcDirs ?? ['src'] });
    }
  }
  return found;
}

let count = 0;
for (const { pkgDir, srcDirs } of await packages()) {
  await rm(join(pkgDir, 'dist'), { recursive: true, force: true });
  for (const srcDir of srcDirs) {
    for await (const file of sources(join(pkgDir, srcDir))) {
      const out = join(pkgDir, 'dist', relative(join(pkgDir, srcDir), file)).replace(/\.ts$/, '.js');
      const { code, map } = await transformFile(file, { ...swcrc, filename: file, swcrc: false, sourceFileName: relative(dirname(out), file) });
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
      if (map) await writeFile(`${out}.map`, map);
      count++;
    }
  }
}
console.log(`build: ${count} files compiled`);
