/**
 * The dependency rule (docs/architecture.md): every import points down the layers, checked by
 * dependency-cruiser with the repository's own rules (.dependency-cruiser.cjs, no exceptions list),
 * and the drawing in docs/architecture.md is the graph of the code as it is.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, currentGraphDoc, layerEdges, pointsDown, ROOT } from '../scripts/module-graph.js';

describe('the dependency rule', () => {
  const project = cruise();

  it('holds for every import of the repository', () => {
    expect(project.imports.size).toBeGreaterThan(100);
    expect(project.violations).toEqual([]);
  });

  it('gives a layer graph in which every arrow points down', () => {
    const edges = [...layerEdges(project.imports).keys()];
    expect(edges).toContain('rules→extractors');
    expect(edges.filter((e) => !pointsDown(e))).toEqual([]);
  });

  it('is drawn in docs/architecture.md as the code has it (npm run graph)', () => {
    const { doc, wanted } = currentGraphDoc();
    expect(doc).toBe(wanted);
  });

  describe('catches', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'doisoat-layers-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    cpSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    write('core/types.ts', "import { label } from '../cli/labels.js';\nexport const x = label;\n");
    write('cli/labels.ts', "export const label = 'nhãn';\n");
    write('store/store.ts', "import { run } from '../pipeline/run.js';\nexport const y = run;\n");
    write('pipeline/run.ts', "import { z } from './loop.js';\nexport const run = z;\n");
    write('pipeline/loop.ts', "import { run } from './run.js';\nexport const z = 1;\nexport const w = run;\n");
    write('batches/b.ts', "import { t } from '../test/t.js';\nexport const b = t;\n");
    write('test/t.ts', 'export const t = 1;\n');

    const found = cruise(dir, ['core', 'cli', 'store', 'pipeline', 'batches', 'test']).violations;

    it.each([
      ['core/types.ts', 'cli/labels.ts', 'core-points-down'],
      ['store/store.ts', 'pipeline/run.ts', 'store-and-exports-on-core-only'],
      ['batches/b.ts', 'test/t.ts', 'product-never-loads-tests-scripts-or-benches'],
    ])('an import from %s to %s (%s)', (from, to, rule) => {
      expect(found).toContainEqual({ from, to, rule });
    });

    it('a cycle', () => {
      expect(found.filter((v) => v.rule === 'no-circular').map((v) => [v.from, v.to].sort())).toContainEqual(['pipeline/loop.ts', 'pipeline/run.ts']);
    });
  });
});
