// The portal's tests under the root jest config (`npx jest -c apps/portal/jest.config.js`), until
// the root config runs them itself: React components (`*.spec.tsx`, jsdom via a docblock) and the
// browser end-to-end test. Only what differs from the root is overridden here.
const rootConfig = require('../../jest.config.js');

const [, swcOptions] = rootConfig.transform['^.+\\.(t|j|mj)s$'];

/** @type {import('jest').Config} */
module.exports = {
  ...rootConfig,
  roots: ['<rootDir>/apps/portal'],
  testMatch: [...rootConfig.testMatch, '**/*.spec.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
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
    ...rootConfig.transform,
  },
};
