// One jest run for every workspace package: unit (*.spec.ts), integration (*.int-spec.ts)
// and end-to-end (test/*.e2e-spec.ts) tests. NestJS 12 and @noble/hashes 2 ship ESM only,
// so swc transforms them too (see ../shared/TOOLCHAIN.md).
const { workspaceSourceEntries } = require('./tools/workspace-packages.cjs');

const workspaceMappings = Object.fromEntries(
  [...workspaceSourceEntries()].map(([name, entry]) => [`^${name.replace('/', '\\/')}$`, entry]),
);

const esmPackages = [
  '@nestjs',
  '@noble',
  'cookie',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'load-esm',
  '@borewit',
];

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/contracts', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    // The portal's React components (jsdom via a docblock in each spec), automatic JSX runtime.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        ...swcOptions,
        jsc: {
          ...swcOptions.jsc,
          parser: { syntax: 'typescript', tsx: true },
          transform: { ...swcOptions.jsc.transform, react: { runtime: 'automatic' } },
        },
      },
    ],
    '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    ...workspaceMappings,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.cjs'],
  globalSetup: '<rootDir>/tools/jest/global-setup.cjs',
  testTimeout: 30000,
};
