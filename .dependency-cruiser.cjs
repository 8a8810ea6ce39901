/**
 * The dependency rule (docs/architecture.md): every import points down the layers
 *   core ← extractors ← rules ← pipeline ← runtime ← batches ← accounts ← cli
 * with store/ and exports/ beside them, depending on core only. No exceptions list:
 * test/architecture.test.ts fails on any violation.
 */
const LAYERS = ['core', 'extractors', 'rules', 'pipeline', 'runtime', 'batches', 'accounts', 'review', 'web', 'cli'];
const PRODUCT = [...LAYERS, 'store', 'exports'];
const dir = (names) => `^(${names.join('|')})/`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `${layer}-points-down`,
  comment: `${layer}/ imports only the layers below it.`,
  severity: 'error',
  from: { path: dir([layer]) },
  to: { path: dir(LAYERS.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'core-depends-on-nothing',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: dir(['store', 'exports']) },
    },
    {
      name: 'below-the-store',
      comment: 'Only the execution runtime, batches, accounts and the CLI use the store and the exports.',
      severity: 'error',
      from: { path: dir(['extractors', 'rules', 'pipeline']) },
      to: { path: dir(['store', 'exports']) },
    },
    {
      name: 'store-and-exports-on-core-only',
      severity: 'error',
      from: { path: dir(['store', 'exports']) },
      to: { path: dir(PRODUCT.filter((d) => d !== 'core')), pathNot: '^$1/' },
    },
    {
      name: 'product-never-loads-tests-scripts-or-benches',
      severity: 'error',
      from: { path: dir(PRODUCT) },
      to: { path: dir(['test', 'scripts', 'bench']) },
    },
    {
      name: 'scripts-and-benches-never-load-tests',
      severity: 'error',
      from: { path: dir(['scripts', 'bench']) },
      to: { path: '^test/' },
    },
    {
      name: 'nothing-outside-the-repository',
      comment: 'The repository is self-contained: no import reaches outside it.',
      severity: 'error',
      from: {},
      to: { path: '^\\.\\./' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
    {
      name: 'product-not-to-dev-dependencies',
      severity: 'error',
      from: { path: dir(PRODUCT) },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: '^(node_modules|dist)/' },
    exclude: { path: '^node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'] },
    reporterOptions: {
      dot: {
        collapsePattern: '^(node_modules/[^/]+|core|extractors|rules|pipeline|runtime|batches|accounts|cli|store|exports)/',
      },
    },
  },
};
