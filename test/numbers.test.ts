/**
 * The Vietnamese number grammar (extractors/numbers.ts) against every way DOMAIN.md says numbers
 * are written: tables of sentences and the tokens that must be read from them.
 */
import { describe, expect, it } from 'vitest';
import { add, equals, type Decimal } from '../core/decimal.js';
import { detectDecimalStyle, detectScoreDecimalStyle, findNumbers, parseNumber, type NumberContext, type NumberToken } from '../extractors/numbers.js';

/** What one token must be. `ambiguity`: true = reported, false = not reported, 'any' = not asserted. */
interface Expected {
  raw: string;
  value: number;
  unit?: string | null;
  kind?: NumberToken['kind'];
  decimals?: number;
  exact?: Decimal;
  ambiguity?: boolean | 'any';
  denominator?: { raw: string; value: number; unit?: string | null };
  /** Compound amounts ("31 tỷ 263 triệu") are not asserted to be a plain slice of the text. */
  compound?: boolean;
}

interface Case {
  text: string;
  context?: NumberContext;
  tokens: Expected[];
}

const DOT: NumberContext = { style: 'dot' };

function check(text: string, actual: NumberToken[], expected: Expected[]): void {
  expect(actual.map((t) => t.raw)).toEqual(expected.map((e) => e.raw));
  expected.forEach((e, i) => {
    const t = actual[i]!;
    expect(t.value, `value of ${e.raw}`).toBe(e.value);
    expect(t.unit, `unit of ${e.raw}`).toBe(e.unit ?? null);
    expect(t.kind, `kind of ${e.raw}`).toBe(e.kind ?? 'number');
    if (e.decimals !== undefined) expect(t.decimals, `decimals of ${e.raw}`).toBe(e.decimals);
    expect(t.decimals).toBe(t.exact.scale);
    if (e.exact) expect(t.exact).toEqual(e.exact);
    const ambiguity = e.ambiguity ?? false;
    if (ambiguity === true) {
      expect(t.ambiguity, `ambiguity of ${e.raw}`).toBeTypeOf('string');
      expect(t.ambiguity).toContain(e.raw);
    } else if (ambiguity === false) {
      expect(t.ambiguity, `ambiguity of ${e.raw}`).toBeUndefined();
    }
    expect(t.start).toBeGreaterThanOrEqual(0);
    expect(t.end).toBeGreaterThan(t.start);
    expect(t.end).toBeLessThanOrEqual(text.length);
    if (!e.compound) expect(text.slice(t.start, t.end)).toBe(e.raw);
    if (e.denominator) {
      const d = t.denominator;
      expect(d, `denominator of ${e.raw}`).toBeDefined();
      expect(d!.raw).toBe(e.denominator.raw);
      expect(d!.value).toBe(e.denominator.value);
      if (e.denominator.unit !== undefined) expect(d!.unit).toBe(e.denominator.unit);
      expect(text.slice(d!.start, d!.end)).toBe(e.denominator.raw);
      expect(d!.start).toBeGreaterThanOrEqual(t.end);
    } else {
      expect(t.denominator, `denominator of ${e.raw}`).toBeUndefined();
    }
  });
}

function table(cases: Case[]): void {
  it.each(cases)('$text', ({ text, context, tokens }) => {
    check(text, findNumbers(text, context), tokens);
  });
}

describe('decimal comma', () => {
  table([
    { text: 'Tổng điểm tự chấm 21,3 điểm', tokens: [{ raw: '21,3', value: 21.3, unit: 'điểm', decimals: 1, exact: { units: 213, scale: 1 } }] },
    { text: 'Tỷ lệ hộ nghèo còn 0,64%', tokens: [{ raw: '0,64', value: 0.64, unit: '%', kind: 'percent', decimals: 2 }] },
    { text: 'Thu nhập bình quân đầu người 61,6 triệu đồng', tokens: [{ raw: '61,6', value: 61.6, unit: 'triệu đồng', kind: 'money', decimals: 1 }] },
    { text: 'Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.', tokens: [{ raw: '8,3', value: 8.3, unit: 'điểm', decimals: 1 }] },
    { text: 'Điểm tự chấm: 21,3đ, trong đó', tokens: [{ raw: '21,3', value: 21.3, unit: 'điểm' }] },
    { text: 'Tổng điểm: 92,3 điểm.', tokens: [{ raw: '92,3', value: 92.3, unit: 'điểm' }] },
    { text: 'hệ số 0,125', tokens: [{ raw: '0,125', value: 0.125, decimals: 3 }] },
    { text: 'diện tích 2,5 ha', tokens: [{ raw: '2,5', value: 2.5, unit: 'ha' }] },
  ]);
});

describe('dot decimals in a comma document', () => {
  table([
    { text: 'tỷ lệ tham gia BHYT đạt 96.2%', tokens: [{ raw: '96.2', value: 96.2, unit: '%', kind: 'percent', decimals: 1 }] },
    { text: 'Tổng điểm tự chấm 92.83 điểm', tokens: [{ raw: '92.83', value: 92.83, unit: 'điểm', decimals: 2, exact: { units: 9283, scale: 2 } }] },
    { text: '| 8.00 |', tokens: [{ raw: '8.00', value: 8, decimals: 2, exact: { units: 800, scale: 2 } }] },
    { text: '8.00', tokens: [{ raw: '8.00', value: 8, decimals: 2 }] },
    { text: 'năng suất bình quân 12.5 tấn', tokens: [{ raw: '12.5', value: 12.5, unit: 'tấn', decimals: 1 }] },
    { text: 'đạt 100.5%', tokens: [{ raw: '100.5', value: 100.5, unit: '%', kind: 'percent' }] },
    // Three digits after the foreign mark: a score or percent keeps it decimal, and says so.
    { text: 'Tổng điểm 92.830 điểm', tokens: [{ raw: '92.830', value: 92.83, unit: 'điểm', decimals: 3, ambiguity: true }] },
    { text: 'đạt 92.830%', tokens: [{ raw: '92.830', value: 92.83, unit: '%', kind: 'percent', decimals: 3, ambiguity: true }] },
  ]);
});

describe('dot thousands', () => {
  table([
    { text: 'Tổng đàn gia súc 4.980 con', tokens: [{ raw: '4.980', value: 4980, unit: 'con', decimals: 0, exact: { units: 4980, scale: 0 } }] },
    { text: 'dân số 45.226 người', tokens: [{ raw: '45.226', value: 45226, unit: 'người', decimals: 0 }] },
    { text: 'dân số 45.226', tokens: [{ raw: '45.226', value: 45226, decimals: 0, ambiguity: 'any' }] },
    { text: 'Tổng chi ngân sách 300.850.000 đồng', tokens: [{ raw: '300.850.000', value: 300850000, unit: 'đồng', kind: 'money', decimals: 0 }] },
    { text: 'Tổng thu 26.353,6 tỷ', tokens: [{ raw: '26.353,6', value: 26353.6, unit: 'tỷ đồng', kind: 'money', decimals: 1, exact: { units: 263536, scale: 1 } }] },
    { text: 'tiếp nhận 1.124 yêu cầu', tokens: [{ raw: '1.124', value: 1124, unit: 'yêu cầu' }] },
    { text: 'giải quyết 8.005 hồ sơ', tokens: [{ raw: '8.005', value: 8005, unit: 'hồ sơ' }] },
    { text: 'tiếp nhận 1.124 yêu cầu; 8.005 hồ sơ', tokens: [{ raw: '1.124', value: 1124, unit: 'yêu cầu' }, { raw: '8.005', value: 8005, unit: 'hồ sơ' }] },
    { text: 'sản lượng lương thực 2.000 tấn', tokens: [{ raw: '2.000', value: 2000, unit: 'tấn' }] },
    { text: '1.000.000', tokens: [{ raw: '1.000.000', value: 1000000 }] },
    { text: 'đơn giá 1.234,5 đồng', tokens: [{ raw: '1.234,5', value: 1234.5, unit: 'đồng', kind: 'money', decimals: 1 }] },
    // The comma before three digits of a count, in a comma document: thousands, but said so.
    { text: 'Tổng đàn 4,980 con', tokens: [{ raw: '4,980', value: 4980, unit: 'con', decimals: 0, ambiguity: true }] },
  ]);
});

describe('dot-style documents', () => {
  table([
    { text: 'Tổng điểm tự chấm: 20.5đ', context: DOT, tokens: [{ raw: '20.5', value: 20.5, unit: 'điểm', decimals: 1 }] },
    { text: 'Nhóm tiêu chí I (Tổng điểm tự chấm: 20.5đ)', context: DOT, tokens: [{ raw: '20.5', value: 20.5, unit: 'điểm' }] },
    { text: 'Tổng đàn 4.980 con', context: DOT, tokens: [{ raw: '4.980', value: 4980, unit: 'con', decimals: 0, ambiguity: true }] },
    { text: 'dân số 45.226 người', context: DOT, tokens: [{ raw: '45.226', value: 45226, unit: 'người', ambiguity: true }] },
    { text: 'Tổng điểm 92.830 điểm', context: DOT, tokens: [{ raw: '92.830', value: 92.83, unit: 'điểm', decimals: 3, exact: { units: 92830, scale: 3 } }] },
    { text: 'đạt 96.25%', context: DOT, tokens: [{ raw: '96.25', value: 96.25, unit: '%', kind: 'percent', decimals: 2 }] },
    { text: '45.226', context: DOT, tokens: [{ raw: '45.226', value: 45.226, decimals: 3, ambiguity: true }] },
    { text: 'Tổng đàn 4,980 con', context: DOT, tokens: [{ raw: '4,980', value: 4980, unit: 'con', decimals: 0, ambiguity: true }] },
    { text: '| 8.00 |', context: DOT, tokens: [{ raw: '8.00', value: 8, decimals: 2 }] },
    { text: 'đơn giá 1,000.50', context: DOT, tokens: [{ raw: '1,000.50', value: 1000.5, decimals: 2 }] },
  ]);
});

describe('leading zeros', () => {
  table([
    { text: 'Đề nghị thưởng 04 điểm', tokens: [{ raw: '04', value: 4, unit: 'điểm', decimals: 0, exact: { units: 4, scale: 0 } }] },
    { text: 'Có 09 hộ nghèo', tokens: [{ raw: '09', value: 9, unit: 'hộ' }] },
    { text: 'Tổng điểm tự chấm: 02 điểm.', tokens: [{ raw: '02', value: 2, unit: 'điểm' }] },
  ]);
});

describe('stray spaces and glued units', () => {
  table([
    { text: 'năng suất lúa 17, 66 tạ', tokens: [{ raw: '17, 66', value: 17.66, unit: 'tạ', decimals: 2, exact: { units: 1766, scale: 2 }, ambiguity: true }] },
    { text: 'năng suất 17, 66 tạ/ha', tokens: [{ raw: '17, 66', value: 17.66, unit: 'tạ/ha', ambiguity: true }] },
    // Without a unit after it, "17, 66" is a list of two numbers.
    { text: 'các thôn 17, 66', tokens: [{ raw: '17', value: 17 }, { raw: '66', value: 66 }] },
    { text: 'năng suất đạt 24 tạ/ ha', tokens: [{ raw: '24', value: 24, unit: 'tạ/ha' }] },
    { text: 'năng suất đạt 24 tạ/ ha, sản lượng 2.000 tấn', tokens: [{ raw: '24', value: 24, unit: 'tạ/ha' }, { raw: '2.000', value: 2000, unit: 'tấn' }] },
    { text: 'đạt 100%KH', tokens: [{ raw: '100', value: 100, unit: '%', kind: 'percent' }] },
    { text: 'đạt 100% KH', tokens: [{ raw: '100', value: 100, unit: '%', kind: 'percent' }] },
    { text: 'thu nhập 31tr.đ', tokens: [{ raw: '31', value: 31, unit: 'triệu đồng', kind: 'money' }] },
    { text: 'thu nhập 31tr.đ/người/năm', tokens: [{ raw: '31', value: 31, unit: 'triệu đồng', kind: 'money' }] },
  ]);
});

describe('compound money', () => {
  table([
    {
      text: 'Tổng thu ngân sách 31 tỷ 263 triệu đồng',
      tokens: [{ raw: '31 tỷ 263 triệu', value: 31.263, unit: 'tỷ đồng', kind: 'money', decimals: 3, exact: { units: 31263, scale: 3 }, compound: true }],
    },
    {
      text: 'mức hỗ trợ 4 triệu 250 nghìn đồng/người',
      tokens: [{ raw: '4 triệu 250 nghìn', value: 4.25, unit: 'triệu đồng', kind: 'money', exact: { units: 4250, scale: 3 }, compound: true }],
    },
    {
      text: 'Tổng thu 31 tỷ 263 triệu đồng, đạt 105% KH',
      tokens: [
        { raw: '31 tỷ 263 triệu', value: 31.263, unit: 'tỷ đồng', kind: 'money', compound: true },
        { raw: '105', value: 105, unit: '%', kind: 'percent' },
      ],
    },
    { text: 'vốn 5 tỷ 50 triệu', tokens: [{ raw: '5 tỷ 50 triệu', value: 5.05, unit: 'tỷ đồng', kind: 'money', compound: true }] },
    { text: 'Tổng chi 18 tỷ đồng', tokens: [{ raw: '18', value: 18, unit: 'tỷ đồng', kind: 'money', decimals: 0 }] },
  ]);
});

describe('percents', () => {
  table([
    { text: 'đạt 69,8% KH', tokens: [{ raw: '69,8', value: 69.8, unit: '%', kind: 'percent', decimals: 1 }] },
    { text: 'đạt 102,6% KH;', tokens: [{ raw: '102,6', value: 102.6, unit: '%', kind: 'percent' }] },
    // Ties broken with three decimals: the document's own mark before "%" is certain.
    { text: 'tỷ lệ 79,885%', tokens: [{ raw: '79,885', value: 79.885, unit: '%', kind: 'percent', decimals: 3, exact: { units: 79885, scale: 3 } }] },
    {
      text: 'Chỉ tiêu giao 0,89%, đạt 0,64%.',
      tokens: [
        { raw: '0,89', value: 0.89, unit: '%', kind: 'percent' },
        { raw: '0,64', value: 0.64, unit: '%', kind: 'percent' },
      ],
    },
  ]);
});

describe('slashes: ratios', () => {
  table([
    { text: '120ha/120ha', tokens: [{ raw: '120', value: 120, unit: 'ha', kind: 'ratio', denominator: { raw: '120', value: 120, unit: 'ha' } }] },
    {
      text: 'thu nhập 22/23 triệu, đạt 96%',
      tokens: [
        { raw: '22', value: 22, unit: 'triệu đồng', kind: 'ratio', denominator: { raw: '23', value: 23, unit: 'triệu đồng' } },
        { raw: '96', value: 96, unit: '%', kind: 'percent' },
      ],
    },
    { text: 'Điểm 60,5/61,5 điểm', tokens: [{ raw: '60,5', value: 60.5, unit: 'điểm', kind: 'ratio', decimals: 1, denominator: { raw: '61,5', value: 61.5, unit: 'điểm' } }] },
    { text: 'Điểm tự chấm: 13,5/15 điểm', tokens: [{ raw: '13,5', value: 13.5, unit: 'điểm', kind: 'ratio', denominator: { raw: '15', value: 15 } }] },
    { text: 'xếp thứ 15/34 xã', tokens: [{ raw: '15', value: 15, unit: null, kind: 'ratio', denominator: { raw: '34', value: 34, unit: null } }] },
    { text: 'xếp thứ 15 / 34', tokens: [{ raw: '15', value: 15, kind: 'ratio', denominator: { raw: '34', value: 34 } }] },
    { text: 'tiếp 5/5 công dân', tokens: [{ raw: '5', value: 5, unit: 'công dân', kind: 'ratio', denominator: { raw: '5', value: 5 } }] },
    { text: 'cấp 3989/4564', tokens: [{ raw: '3989', value: 3989, kind: 'ratio', denominator: { raw: '4564', value: 4564 } }] },
    { text: 'giải quyết 3989/4564 hồ sơ', tokens: [{ raw: '3989', value: 3989, unit: 'hồ sơ', kind: 'ratio', denominator: { raw: '4564', value: 4564, unit: 'hồ sơ' } }] },
  ]);
});

describe('slashes: dates', () => {
  table([
    { text: 'ngày 02/12/2024', tokens: [{ raw: '02/12/2024', value: 2, kind: 'date' }] },
    { text: '02/12/2024', tokens: [{ raw: '02/12/2024', value: 2, kind: 'date' }] },
    { text: 'ngày 26/4', tokens: [{ raw: '26/4', value: 26, kind: 'date' }] },
    { text: 'từ 01/6', tokens: [{ raw: '01/6', value: 1, kind: 'date' }] },
    { text: '01/6', tokens: [{ raw: '01/6', value: 1, kind: 'date' }] },
    { text: 'ngày 26/4 và 01/6', tokens: [{ raw: '26/4', value: 26, kind: 'date' }, { raw: '01/6', value: 1, kind: 'date' }] },
    {
      text: 'từ 20/11/1982 -20/11/2024',
      tokens: [
        { raw: '20/11/1982', value: 20, kind: 'date' },
        { raw: '20/11/2024', value: 20, kind: 'date' },
      ],
    },
    { text: '20/11/1982 -20/11/2024', tokens: [{ raw: '20/11/1982', value: 20, kind: 'date' }, { raw: '20/11/2024', value: 20, kind: 'date' }] },
    { text: 'đến tháng 12/2024', tokens: [{ raw: '12/2024', value: 12, kind: 'date' }] },
  ]);
});

describe('slashes and colons: document numbers', () => {
  table([
    { text: 'Quyết định số 12/QĐ-UBND', tokens: [{ raw: '12/QĐ-UBND', value: 12, kind: 'reference' }] },
    {
      text: 'theo Quyết định số 12/QĐ-UBND, ngày 05/01/2024.',
      tokens: [
        { raw: '12/QĐ-UBND', value: 12, kind: 'reference' },
        { raw: '05/01/2024', value: 5, kind: 'date' },
      ],
    },
    { text: 'Nghị định 100/2019/NĐ-CP', tokens: [{ raw: '100/2019/NĐ-CP', value: 100, kind: 'reference' }] },
    { text: 'Số: 125/BC-UBND ngày 02/12/2024', tokens: [{ raw: '125/BC-UBND', value: 125, kind: 'reference' }, { raw: '02/12/2024', value: 2, kind: 'date' }] },
    { text: 'ISO 9001:2015', tokens: [{ raw: '9001:2015', value: 9001, kind: 'reference' }] },
    { text: 'đạt chuẩn ISO 9001:2015.', tokens: [{ raw: '9001:2015', value: 9001, kind: 'reference' }] },
  ]);
});

describe('codes glued to letters, lists, years, upper case', () => {
  table([
    { text: 'KT3', tokens: [] },
    { text: 'Covid-19', tokens: [] },
    { text: 'F0', tokens: [] },
    { text: 'phòng chống dịch Covid-19, F0 và KT3 năm 2024', tokens: [{ raw: '2024', value: 2024 }] },
    { text: 'thôn 4,5,6', tokens: [{ raw: '4', value: 4 }, { raw: '5', value: 5 }, { raw: '6', value: 6 }] },
    { text: 'thôn 4,5,6 và 7', tokens: [{ raw: '4', value: 4 }, { raw: '5', value: 5 }, { raw: '6', value: 6 }, { raw: '7', value: 7 }] },
    { text: 'thôn 4, 5, 6 có', tokens: [{ raw: '4', value: 4 }, { raw: '5', value: 5 }, { raw: '6', value: 6 }] },
    { text: 'năm 2024', tokens: [{ raw: '2024', value: 2024, kind: 'number', unit: null }] },
    { text: '33 ĐIỂM', tokens: [{ raw: '33', value: 33, unit: 'điểm' }] },
    { text: 'NHÓM TIÊU CHÍ II TỔNG ĐIỂM TỰ CHẤM 33 ĐIỂM', tokens: [{ raw: '33', value: 33, unit: 'điểm' }] },
    { text: 'TỔNG THU 61,6 TRIỆU ĐỒNG', tokens: [{ raw: '61,6', value: 61.6, unit: 'triệu đồng', kind: 'money' }] },
  ]);
});

describe('exact values', () => {
  const cases: Array<[string, NumberContext, Decimal]> = [
    ['8,3', {}, { units: 83, scale: 1 }],
    ['21,3 điểm', {}, { units: 213, scale: 1 }],
    ['0,64%', {}, { units: 64, scale: 2 }],
    ['8.00', {}, { units: 800, scale: 2 }],
    ['92.83 điểm', {}, { units: 9283, scale: 2 }],
    ['79,885%', {}, { units: 79885, scale: 3 }],
    ['26.353,6 tỷ', {}, { units: 263536, scale: 1 }],
    ['4 triệu 250 nghìn đồng', {}, { units: 4250, scale: 3 }],
    ['20.5đ', DOT, { units: 205, scale: 1 }],
  ];
  it.each(cases)('%s', (text, context, exact) => {
    expect(findNumbers(text, context)[0]!.exact).toEqual(exact);
  });

  it('adds 8,3 + 9 + 3 + 1 to exactly 21,3', () => {
    const [a, b, c, d] = findNumbers('8,3 điểm; 9 điểm; 3 điểm; 1 điểm').map((t) => t.exact);
    const total = findNumbers('Tổng 21,3 điểm')[0]!.exact;
    expect(equals(add(add(add(a!, b!), c!), d!), total)).toBe(true);
  });
});

describe('parseNumber on standalone cells', () => {
  const cases: Array<[string, NumberContext, Decimal | null]> = [
    ['21,3', {}, { units: 213, scale: 1 }],
    ['21.3', {}, { units: 213, scale: 1 }],
    ['04', {}, { units: 4, scale: 0 }],
    ['  7 ', {}, { units: 7, scale: 0 }],
    ['8.00', {}, { units: 800, scale: 2 }],
    ['50%', {}, { units: 50, scale: 0 }],
    ['4.980', {}, { units: 4980, scale: 0 }],
    ['45.226', DOT, { units: 45226, scale: 3 }],
    ['', {}, null],
    ['   ', {}, null],
    ['abc', {}, null],
    ['02/12/2024', {}, null],
    ['15/34', {}, null],
    ['12/QĐ-UBND', {}, null],
    ['1,5,6', {}, null],
    ['Tổng 21,3', {}, null],
  ];
  it.each(cases)('%j', (cell, context, expected) => {
    expect(parseNumber(cell, context)).toEqual(expected);
  });
});

describe('detectDecimalStyle', () => {
  const cases: Array<[string, string[], 'comma' | 'dot']> = [
    ['comma document', ['Tổng điểm tự chấm 21,3 điểm', 'Tỷ lệ hộ nghèo 0,64%', 'Thu nhập 61,6 triệu đồng'], 'comma'],
    ['dot document', ['Tổng điểm tự chấm 92.83 điểm', 'BHYT đạt 96.2%', 'Thu nhập 61.6 triệu đồng'], 'dot'],
    ['dot document with glued đ', ['Tổng điểm tự chấm: 20.5đ', 'Điểm tự chấm: 9.5đ.', 'Tổng 21,3 điểm'], 'dot'],
    ['comma document with a few dot percents', ['21,3 điểm', '8,3 điểm', '9,5 điểm', 'đạt 96.2%', 'đạt 98.5%'], 'comma'],
    ['headings "1.1 Nhóm" are no evidence', ['1.1 Nhóm tiêu chí về kinh tế', '1.2 Nhóm văn hóa', '1.3 Nhóm môi trường', 'Tổng 21,3 điểm'], 'comma'],
    ['headings only: no evidence', ['1.1 Nhóm', '2.1 Nhóm'], 'comma'],
    ['heading words that start like units', ['1.1 Tạo việc làm', '1.3 Tạo nguồn thu', 'Tổng 21,3 điểm'], 'comma'],
    ['heading titles that are unit words', ['1.2 Tỷ lệ hộ nghèo', '2.1 Tỷ lệ BHYT', '6.1 Điểm thưởng', 'Tổng 21,3 điểm'], 'comma'],
    ['upper case dot document', ['TỔNG ĐIỂM TỰ CHẤM 92.83 ĐIỂM', 'ĐẠT 96.2%'], 'dot'],
    ['thousands are no evidence', ['4.980 con', '300.850.000 đồng', '45.226'], 'comma'],
    ['no evidence at all', ['Báo cáo kết quả tự đánh giá năm 2024'], 'comma'],
    ['no lines', [], 'comma'],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    expect(detectDecimalStyle(lines)).toBe(expected);
  });
});

describe('detectScoreDecimalStyle', () => {
  const cases: Array<[string, string[], 'comma' | 'dot' | null]> = [
    ['comma scores', ['Tổng điểm tự chấm 21,3 điểm', 'Điểm tự chấm: 8,3đ'], 'comma'],
    ['dot scores among comma percents', ['Điểm tự đánh giá: 22.50 điểm.', 'Tổng điểm: 92.83 điểm', 'đạt 98,1%', 'đạt 97,22%', 'thu nhập 61,6 triệu'], 'dot'],
    ['upper case dot scores', ['TỔNG ĐIỂM TỰ CHẤM 92.83 ĐIỂM'], 'dot'],
    ['percents only: no evidence', ['đạt 98,1%', 'thu nhập 61.6 triệu'], null],
    ['a tie: no evidence', ['22.50 điểm', '8,3 điểm'], null],
    ['"6.1 Điểm thưởng" is a heading, no evidence', ['6.1 Điểm thưởng', '6.2 Điểm trừ'], null],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    expect(detectScoreDecimalStyle(lines)).toBe(expected);
  });
});
