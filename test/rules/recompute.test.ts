import { describe, expect, it } from 'vitest';
import { differenceOfTexts, toPlainString } from '../../core/decimal.js';
import { recompute, recomputedToJson } from '../../rules/recompute.js';
import { ext, g, quangTrung, type ExtSpec } from './build.js';

function plain(spec: ExtSpec): { total: string | null; groups: Record<string, string>; totalFallbacks: string[] } {
  const r = recompute(ext(spec));
  return {
    total: r.total === null ? null : toPlainString(r.total),
    groups: Object.fromEntries([...r.groups].map(([id, d]) => [id, toPlainString(d)])),
    totalFallbacks: r.totalFallbacks,
  };
}

const cases: Array<[string, ExtSpec, ReturnType<typeof plain>]> = [
  [
    'the sample report',
    quangTrung,
    { total: '92.3', groups: { I: '21.3', II: '33', VI: '4' }, totalFallbacks: [] },
  ],
  ['no groups', { total: '92,3' }, { total: null, groups: {}, totalFallbacks: [] }],
  ['0,1 + 0,2', { groups: [g('I', '0,3', { sub: [['1.1', '0,1'], ['1.2', '0,2']] }), g('II', '0,2')] }, { total: '0.5', groups: { I: '0.3' }, totalFallbacks: [] }],
  ['mixed scales', { groups: [g('I', '9,75', { sub: [['1.1', '8,25'], ['1.2', '1,5']] }), g('II', '0,05')] }, { total: '9.8', groups: { I: '9.75' }, totalFallbacks: [] }],
  ['penalties', { groups: [g('I', '90'), g('VI', '1', { items: ['2', '-0,5', '-0,5'] })] }, { total: '91', groups: { VI: '1' }, totalFallbacks: [] }],
  [
    'a partly scored group has no recomputed sum',
    { groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', null]] })] },
    { total: '21.3', groups: {}, totalFallbacks: [] },
  ],
  [
    'sub-groups win over items',
    { groups: [g('I', '10', { sub: [['1.1', '10']], items: ['2'] })] },
    { total: '10', groups: { I: '10' }, totalFallbacks: [] },
  ],
  [
    'fallbacks: summary first, then the parts',
    {
      groups: [g('I', '21,3'), g('II', null, { sub: [['2.1', '24'], ['2.2', '9']] }), g('III', null, { sub: [['3.1', '10']] })],
      summary: [['II', '32']],
    },
    { total: '63.3', groups: { II: '33', III: '10' }, totalFallbacks: ['II', 'III'] },
  ],
  [
    'a group with no value anywhere makes the total unknown',
    { groups: [g('I', '21,3'), g('II', null)], summary: [['II', null]] },
    { total: null, groups: {}, totalFallbacks: [] },
  ],
];

describe('recompute', () => {
  it.each(cases)('%s', (_name, spec, expected) => {
    expect(plain(spec)).toEqual(expected);
  });

  it('turns into the schema shape', () => {
    expect(recomputedToJson(recompute(ext(quangTrung)))).toEqual({ total: 92.3, groups: { I: 21.3, II: 33, VI: 4 } });
    expect(recomputedToJson(recompute(ext({})))).toEqual({ total: null, groups: {} });
  });

  it('gives 0,3 for 0,1 + 0,2, not 0.30000000000000004', () => {
    const json = recomputedToJson(recompute(ext({ groups: [g('I', '0,3', { sub: [['1.1', '0,1'], ['1.2', '0,2']] })] })));
    expect(json.groups['I']).toBe(0.3);
    expect(JSON.stringify(json)).toBe('{"total":0.3,"groups":{"I":0.3}}');
  });
});

describe('differenceOfTexts', () => {
  it.each([
    ['93.3', '92.3', '1'],
    ['80.25', '82', '-1.75'],
    ['8.3', '8.3', '0'],
    ['0.1', '0.2', '-0.1'],
    ['70', null, null],
    ['abc', '1', null],
  ] as const)('%s − %s = %s, exactly', (a, b, want) => {
    expect(differenceOfTexts(a, b)).toBe(want);
  });
});
