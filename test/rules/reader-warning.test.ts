import { rule } from '../../rules/reader-warning.js';
import { quangTrung } from './build.js';
import { ruleTester } from './rule-tester.js';

const heading1Char = "Unrecognised paragraph style: 'Heading 1 Char' (Style ID: Heading1Char)";
const bodyText = "Unrecognised paragraph style: 'Body Text 2' (Style ID: BodyText2)";
const emphasis = "Unrecognised run style: 'Emphasis Char' (Style ID: EmphasisChar)";
const element = 'Image of type image/x-emf is unlikely to display in web browsers';
const unnamed = "Unrecognised paragraph style: 'null' (Style ID: TieuDeNhom)";

const asParagraph = (name: string): string => `Khi đọc tệp: kiểu đoạn văn “${name}” không có trong bảng kiểu chuẩn, đã đọc như đoạn văn thường`;

ruleTester(rule, {
  valid: [
    ['the sample report: no warning', quangTrung],
    ['nothing read at all', {}],
    ['a chosen reading is not a reader warning', { ...quangTrung, notes: [['Đọc “4.980” là 4980 (dấu phân cách hàng nghìn trước đơn vị đếm).', 1, 14]] }],
  ],
  invalid: [
    [
      'an unknown paragraph style (mammoth) in Vietnamese, as info, with no place to cite',
      { ...quangTrung, readerWarnings: [heading1Char] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: `${asParagraph('Heading 1 Char')}.` }],
    ],
    [
      'the same warning twice is one flag, counted',
      { ...quangTrung, readerWarnings: [heading1Char, heading1Char] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: `${asParagraph('Heading 1 Char')} (2 lần).` }],
    ],
    [
      'an unknown run style',
      { readerWarnings: [emphasis] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: 'Khi đọc tệp: kiểu chữ “Emphasis Char” không có trong bảng kiểu chuẩn, đã đọc như chữ thường.' }],
    ],
    [
      'a style with no name is named by its id',
      { readerWarnings: [unnamed] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: `${asParagraph('TieuDeNhom')}.` }],
    ],
    [
      'a table style the document uses but does not define',
      { readerWarnings: ['Table style with ID GridTable4 was referenced but not defined in the document'] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: 'Khi đọc tệp: kiểu bảng mã “GridTable4” được dùng nhưng không được định nghĩa trong tệp.' }],
    ],
    [
      'an element mammoth does not read',
      { readerWarnings: ['An unrecognised element was ignored: v:group'] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: 'Khi đọc tệp: bỏ qua phần tử không nhận ra “v:group”.' }],
    ],
    [
      'a table mammoth cannot merge cells of',
      { readerWarnings: ['unexpected non-cell element in table row, cell merging may be incorrect'] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: 'Khi đọc tệp: bảng có phần tử lạ, các ô gộp có thể bị đọc sai.' }],
    ],
    [
      'a message it does not know is quoted as the library wrote it',
      { readerWarnings: [element] },
      [{ rule: 'reader-warning', severity: 'info', evidence: [], message: `Khi đọc tệp: cảnh báo của thư viện đọc tệp: “${element}”.` }],
    ],
    [
      'distinct warnings: one flag each, in the order first met, each counted',
      { readerWarnings: [bodyText, element, heading1Char, bodyText, heading1Char, bodyText] },
      [
        { rule: 'reader-warning', severity: 'info', evidence: [], message: `${asParagraph('Body Text 2')} (3 lần).` },
        { rule: 'reader-warning', severity: 'info', evidence: [], message: `Khi đọc tệp: cảnh báo của thư viện đọc tệp: “${element}”.` },
        { rule: 'reader-warning', severity: 'info', evidence: [], message: `${asParagraph('Heading 1 Char')} (2 lần).`, messageContains: 'Heading 1 Char' },
      ],
    ],
  ],
});
