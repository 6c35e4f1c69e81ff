// Three tiers (README.md, Tests): unit tests are pure and sit beside the code; integration tests run
// against a real Temporal server and a real PostgreSQL; e2e tests drive a booted api and worker
// over HTTP (and a real browser). All TypeScript goes through SWC, which also rewrites the
// ESM-only packages (bpmn-moddle, feelin, …) that Jest's CommonJS runtime cannot load as-is.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const esmPackages = [
  'bpmn-moddle',
  'zeebe-bpmn-moddle',
  'dmn-moddle',
  'moddle',
  'moddle-xml',
  'saxen',
  'min-dash',
  'feelin',
  '@lezer',
  'lezer-feel',
  'luxon',
  '@bpmn-io',
  'temporal-polyfill',
  'temporal-spec',
  'temporal-utils',
  // bpmnlint-plugin-camunda-compat nests ESM-only @bpmn-io/feel-analyzer in its own node_modules
  'bpmnlint-plugin-camunda-compat',
].join('|');
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,workflows}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,apps,workflows,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
