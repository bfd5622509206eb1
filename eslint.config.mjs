// One flat config for the whole repository: type-aware TypeScript rules everywhere, plus the
// dependency arrows of docs (CONVENTIONS.md "Nx tags keep the arrows pointing one way") enforced
// with no-restricted-imports. The arrows come from each workspace package's `nx.tags` in its
// package.json, so a new package is covered as soon as it declares its tag.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** @returns {{ dir: string, name: string, tags: string[] }[]} */
function workspacePackages() {
  const found = [];
  const dirs = ['contracts'];
  for (const group of ['libs', 'apps']) {
    try {
      const entries = readdirSync(join(root, group), { withFileTypes: true });
      dirs.push(...entries.filter((entry) => entry.isDirectory()).map((entry) => `${group}/${entry.name}`));
    } catch {
      // no apps/ yet
    }
  }
  for (const dir of dirs) {
    try {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      found.push({ dir, name: pkg.name, tags: pkg.nx?.tags ?? [] });
    } catch {
      // A folder without a package.json is not a package (yet).
    }
  }
  return found;
}

const packages = workspacePackages();
const layerOf = (pkg) => {
  if (pkg.tags.includes('type:pure')) return 'pure';
  if (pkg.tags.includes('type:app') || pkg.dir.startsWith('apps/')) return 'app';
  return 'lib'; // type:lib, type:infra and untagged libraries
};

// Node modules that do I/O or read the environment: a pure library may use none of them.
const ioModules = [
  'async_hooks',
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'dns/promises',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'inspector',
  'module',
  'net',
  'os',
  'process',
  'readline',
  'readline/promises',
  'repl',
  'tls',
  'tty',
  'v8',
  'vm',
  'worker_threads',
].flatMap((name) => [name, `node:${name}`]);

// Frameworks and service clients: infrastructure, never part of a pure library.
const frameworkPaths = [
  'ioredis',
  'bullmq',
  'pg',
  'stripe',
  'prisma',
  'fastify',
  'graphql',
  'passport',
  'pino',
  's3rver',
];
const frameworkPatterns = ['@nestjs/*', '@prisma/*', '@aws-sdk/*', '@apollo/*', '@fastify/*'];

const message = {
  pureIo: 'libs/chainweb is pure: no I/O, no environment (CONVENTIONS.md rule 1). node:crypto is fine.',
  pureFramework: 'libs/chainweb is pure: no frameworks or service clients (CONVENTIONS.md rule 1).',
  pureWorkspace: 'a type:pure library depends on nothing of ours.',
  app: 'nothing may depend on an app; move shared code into a library.',
  deep: 'import other packages through @spv-cloud/<name> only, never their files.',
};

/**
 * The no-restricted-imports options for one package. ESLint replaces (does not merge) a rule's
 * options when several config objects match a file, so each package gets one complete list.
 */
function restrictionsFor(pkg, { allowIo }) {
  const layer = layerOf(pkg);
  const others = packages.filter((other) => other.name !== pkg.name);
  const paths = [];
  const patterns = [
    { regex: '^(\\.\\./)*libs/', message: message.deep },
    { regex: '^(\\.\\./)*apps/', message: layer === 'app' ? message.deep : message.app },
  ];
  if (layer === 'pure') {
    patterns.push({ group: ['@spv-cloud/*'], message: message.pureWorkspace });
    patterns.push({ group: frameworkPatterns, message: message.pureFramework });
    paths.push(...frameworkPaths.map((name) => ({ name, message: message.pureFramework })));
    if (!allowIo) paths.push(...ioModules.map((name) => ({ name, message: message.pureIo })));
  } else {
    patterns.push({ group: ['@spv-cloud/*/**'], message: message.deep });
    for (const other of others) {
      if (layerOf(other) === 'app') paths.push({ name: other.name, message: message.app });
    }
  }
  return ['error', { paths, patterns }];
}

const tsFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.spec.tsx',
  '**/test/**',
  '**/bench/**',
];

// Node's globals for the plain JavaScript files (build scripts, jest config): `globals` is not a
// dependency here and these are all the scripts use.
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'Buffer',
    'TextDecoder',
    'TextEncoder',
    'URL',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = {
  __dirname: 'readonly',
  __filename: 'readonly',
  exports: 'writable',
  module: 'writable',
  require: 'readonly',
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/.dist-*/',
    '**/coverage/',
    '**/generated/',
    '.nx/',
    '.data/',
    'tmp/',
    'prisma/migrations/',
    'apps/portal/build/',
    'apps/portal/dist/',
  ]),

  js.configs.recommended,

  {
    name: 'spv/javascript',
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { ecmaVersion: 2023, globals: nodeGlobals },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  {
    name: 'spv/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: commonJsGlobals },
  },

  {
    name: 'spv/typescript',
    files: tsFiles,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Files outside every tsconfig.json: tool configs that no build compiles.
        projectService: { allowDefaultProject: ['prisma/*.ts'] },
        tsconfigRootDir: root,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // A `default:` branch is a decision about "everything else"; a switch without one must list every
      // member of the union, and a switch over a plain string or number must have one.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },

  // Dependency arrows, one complete rule per workspace package.
  ...packages.map((pkg) => ({
    name: `spv/boundaries/${pkg.dir}`,
    files: tsFiles.map((glob) => `${pkg.dir}/${glob}`),
    rules: { '@typescript-eslint/no-restricted-imports': restrictionsFor(pkg, { allowIo: false }) },
  })),
  ...packages
    .filter((pkg) => layerOf(pkg) === 'pure')
    .flatMap((pkg) => [
      {
        name: `spv/boundaries/${pkg.dir}/tests-and-benches`,
        files: testFiles.map((glob) => `${pkg.dir}/${glob}`),
        rules: { '@typescript-eslint/no-restricted-imports': restrictionsFor(pkg, { allowIo: true }) },
      },
      {
        // The environment and dynamic loading are I/O too; imports alone would not catch them.
        name: `spv/boundaries/${pkg.dir}/no-ambient-io`,
        files: [`${pkg.dir}/src/**/*.ts`],
        ignores: testFiles,
        rules: {
          'no-restricted-globals': [
            'error',
            ...['process', 'require', 'fetch', 'WebSocket', 'XMLHttpRequest'].map((name) => ({
              name,
              message: message.pureIo,
            })),
          ],
          'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: message.pureIo }],
        },
      },
    ]),

  {
    name: 'spv/tests',
    files: testFiles,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // expect(service.method).toHaveBeenCalled() passes methods unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);

// Sanity check at load time: a typo in the module list would silently allow everything.
for (const name of ioModules) {
  const bare = name.replace(/^node:/, '');
  if (!builtinModules.includes(bare)) throw new Error(`eslint.config.mjs: ${bare} is not a Node built-in`);
}
