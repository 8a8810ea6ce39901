/** The rule tester itself: it must fail a rule whose flags are wrong or ill formed. */
import { describe, expect, it } from 'vitest';
import type { Flag } from '../../core/report-audit.js';
import type { Rule } from '../../rules/types.js';
import { expectFlags, expectOneVietnameseSentence, type ExpectedFlag } from './rule-tester.js';

const span = { page: 2, line: 7, text: 'Tổng điểm tự chấm 92,3 điểm' };
const good: Flag = { rule: 'demo', severity: 'error', message: 'Tổng điểm tự chấm khai 92,3 điểm (trang 2, dòng 7) nhưng cộng lại là 92,8 điểm.', declared: 92.3, recomputed: 92.8, evidence: [span] };
const rule: Rule = { id: 'demo', description: 'demo', check: () => [good] };
const expected: ExpectedFlag = { rule: 'demo', severity: 'error', declared: 92.3, recomputed: 92.8, evidence: [[2, 7]], messageContains: '92,8' };

describe('rule tester', () => {
  it('passes a well-formed flag that is as expected', () => {
    expectFlags(rule, [good], [expected]);
    expectFlags(rule, [{ ...good, evidence: [] }], [{ ...expected, evidence: [] }]);
  });

  it.each<[string, Flag[], ExpectedFlag[]]>([
    ['another rule’s id', [{ ...good, rule: 'other' }], [{ ...expected, rule: 'other' }]],
    ['a field the expectation leaves out', [{ ...good, group: 'I' }], [expected]],
    ['a flag too many', [good, good], [expected]],
    ['another severity', [{ ...good, severity: 'warning' }], [expected]],
    ['other evidence positions', [{ ...good, evidence: [{ ...span, line: 8 }] }], [expected]],
    ['no evidence, not declared so', [{ ...good, evidence: [] }], [{ ...expected, evidence: undefined }]],
    ['evidence on line 0', [{ ...good, evidence: [{ ...span, line: 0 }] }], [{ ...expected, evidence: [[2, 0]] }]],
    ['evidence on page 0', [{ ...good, evidence: [{ ...span, page: 0 }] }], [{ ...expected, evidence: [[0, 7]] }]],
    ['a message not as expected', [good], [{ ...expected, message: 'Tổng điểm tự chấm khai 92,3 điểm.' }]],
    ['a message not matching', [good], [{ ...expected, message: /^Nhóm/ }]],
    ['a message without the words', [good], [{ ...expected, messageContains: ['92,3', '93'] }]],
    ['a message in English', [{ ...good, message: 'The total is 92.3 but adds up to 92.8.' }], [expected]],
    ['a message without a full stop', [{ ...good, message: good.message.slice(0, -1) }], [expected]],
    ['two sentences', [{ ...good, message: 'Tổng điểm tự chấm khai 92,3 điểm. Cộng lại là 92,8 điểm.' }], [expected]],
  ])('fails on %s', (_name, flags, want) => {
    expect(() => expectFlags(rule, flags, want)).toThrow();
  });

  it.each([
    'Khi đọc tệp: cảnh báo của thư viện đọc tệp: “Done. Next thing”.',
    'Tiểu mục 1.2 của nhóm tiêu chí I (trang 1, dòng 4) không ghi điểm tự chấm.',
  ])('one sentence: %s', (message) => {
    expectOneVietnameseSentence(message);
  });
});
