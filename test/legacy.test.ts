/**
 * Legacy Vietnamese encodings: TCVN3 (.VnTime, the ABC charset) and VNI (VNI-Times) mojibake is
 * detected line by line and converted to Unicode, and nothing else is touched.
 *
 * The legacy strings are made here in two ways: typed by hand as they come out of real files,
 * and encoded from Unicode with this file's own encoders (built from tone rows, independently of
 * the pair tables in extractors/text/legacy.ts). End to end, a DOCX set in .VnTime/.VnTimeH is
 * made with the `docx` package and read with readDocument and extractReport.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { toNumber } from '../core/decimal.js';
import type { DocumentModel } from '../extractors/document.js';
import type { Extraction } from '../extractors/extraction.js';
import { readDocument } from '../extractors/formats/index.js';
import { pageOf } from '../extractors/formats/lines.js';
import { extractReport } from '../extractors/report.js';
import { decodeLegacyUnits, decodeLegacyVietnamese, isVietnameseSyllable } from '../extractors/text/legacy.js';
import { ROOT } from './support/paths.js';

// ---------------------------------------------------------------------------------------------
// Test-side encoders: Unicode → TCVN3 / VNI.

const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323']; // huyền, hỏi, ngã, sắc, nặng

/** Base letter (NFC, no tone) → [its code untoned, its five toned codes in TONES order]. */
const TCVN3_ROWS: Record<string, readonly [string, string]> = {
  a: ['a', 'µ¶·¸¹'], ă: ['¨', '»¼½¾Æ'], â: ['©', 'ÇÈÉÊË'], e: ['e', 'ÌÎÏÐÑ'], ê: ['ª', 'ÒÓÔÕÖ'],
  i: ['i', '×ØÜÝÞ'], o: ['o', 'ßáâãä'], ô: ['«', 'åæçèé'], ơ: ['¬', 'êëìíî'], u: ['u', 'ïñòóô'],
  ư: ['\u00AD', 'õö÷øù'], y: ['y', 'úûüýþ'], đ: ['®', ''],
};
const TCVN3_CAPITALS: Record<string, string> = { Ă: '¡', Â: '¢', Ê: '£', Ô: '¤', Ơ: '¥', Ư: '¦', Đ: '§' };

function baseAndTone(c: string): { base: string; tone: number } {
  const d = c.normalize('NFD');
  const tone = TONES.findIndex((m) => d.includes(m));
  return { base: (tone < 0 ? d : d.replace(TONES[tone]!, '')).normalize('NFC'), tone };
}

/**
 * As typed with the ABC keyboard in .VnTime, or .VnTimeH for a word in capitals: a toned capital
 * has no code point of its own, its lower-case code stands in (which .VnTimeH draws as a capital).
 */
function toTcvn3(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) {
    const capital = TCVN3_CAPITALS[c];
    if (capital) {
      out += capital;
      continue;
    }
    const { base, tone } = baseAndTone(c);
    const row = TCVN3_ROWS[base.toLowerCase()];
    if (!row) out += c;
    else if (tone >= 0) out += row[1][tone]!;
    else out += base !== base.toLowerCase() && /^[a-z]$/.test(row[0]) ? row[0].toUpperCase() : row[0];
  }
  return out;
}

const VNI_TONE = ['ø', 'û', 'õ', 'ù', 'ï'];
const VNI_CIRCUMFLEX = ['à', 'å', 'ã', 'á', 'ä'];
const VNI_BREVE = ['è', 'ú', 'ü', 'é', 'ë'];
const VNI_ROWS: Record<string, readonly [string, readonly string[]]> = {
  a: ['a', VNI_TONE.map((t) => 'a' + t)], â: ['aâ', VNI_CIRCUMFLEX.map((t) => 'a' + t)], ă: ['aê', VNI_BREVE.map((t) => 'a' + t)],
  e: ['e', VNI_TONE.map((t) => 'e' + t)], ê: ['eâ', VNI_CIRCUMFLEX.map((t) => 'e' + t)],
  i: ['i', ['ì', 'æ', 'ó', 'í', 'ò']],
  o: ['o', VNI_TONE.map((t) => 'o' + t)], ô: ['oâ', VNI_CIRCUMFLEX.map((t) => 'o' + t)], ơ: ['ô', VNI_TONE.map((t) => 'ô' + t)],
  u: ['u', VNI_TONE.map((t) => 'u' + t)], ư: ['ö', VNI_TONE.map((t) => 'ö' + t)],
  y: ['y', [...VNI_TONE.slice(0, 4).map((t) => 'y' + t), 'î']], đ: ['ñ', []],
};

/** As typed in VNI-Times: capitals take the capital accent characters. */
function toVni(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) {
    const { base, tone } = baseAndTone(c);
    const row = VNI_ROWS[base.toLowerCase()];
    if (!row) {
      out += c;
      continue;
    }
    const seq = tone < 0 ? row[0] : row[1][tone]!;
    out += base !== base.toLowerCase() ? seq.toUpperCase() : seq;
  }
  return out;
}

/**
 * What a .VnTime document can say: a toned capital in a word not all in capitals is typed in
 * lower case ("Ủy ban" → "ñy ban"), and comes back so unless it starts a sentence.
 */
function asVnTimeCanHold(line: string): string {
  return line.replace(/\p{L}+/gu, (word, at: number) => {
    if (word === word.toUpperCase() && word.length > 1) return word;
    const sentenceStart = at > 0 && /[.!?]\s+$/.test(line.slice(0, at));
    return [...word]
      .map((c, i) => (i === 0 && sentenceStart) || TCVN3_CAPITALS[c] || baseAndTone(c).tone < 0 ? c : c.toLowerCase())
      .join('');
  });
}

const decode = (s: string) => decodeLegacyVietnamese(s);

const SAMPLE = path.join(ROOT, 'fixtures/source/quang-trung-2024.md');
const sampleText = (): string => readFileSync(SAMPLE, 'utf8');
/** The sample's lines as a report's paragraphs: Markdown marks removed, blank lines dropped. */
const sampleParagraphs = (): string[] =>
  sampleText()
    .split('\n')
    .map((l) => l.replace(/^\s*(?:#+\s*)?(?:[-+]\s+)*/u, '').replace(/\*+/g, '').trim())
    .filter((l) => l !== '');

// ---------------------------------------------------------------------------------------------

describe('the test encoders', () => {
  it('agree with text typed by hand', () => {
    expect(toTcvn3('Tổng điểm tự chấm')).toBe('Tæng ®iÓm tù chÊm');
    expect(toTcvn3('Nước sạch, Ưu tiên')).toBe('N\u00ADíc s¹ch, ¦u tiªn');
    expect(toVni('Tổng điểm tự chấm')).toBe('Toång ñieåm töï chaám');
    expect(toVni('CỘNG HÒA')).toBe('COÄNG HOØA');
  });
});

describe('TCVN3', () => {
  const typed: Array<[string, string]> = [
    ['Tæng ®iÓm tù chÊm', 'Tổng điểm tự chấm'],
    ['B¸o c¸o kÕt qu¶ tù ®¸nh gi¸, chÊm ®iÓm', 'Báo cáo kết quả tự đánh giá, chấm điểm'],
    ['1. Nhãm tiªu chÝ I: KÕt qu¶ thùc hiÖn c¸c môc tiªu ph¸t triÓn kinh tÕ - x· héi. Tæng ®iÓm tù chÊm 21,3 ®iÓm, gåm:',
      '1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội. Tổng điểm tự chấm 21,3 điểm, gồm:'],
    ['Thu nhËp b×nh qu©n ®Çu ng\u00ADêi: 61,6 triÖu ®ång ®¹t 102,6% KH.', 'Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.'],
    ['Tû lÖ hé nghÌo gi¶m cßn 0,64%, chØ tiªu giao 0,89%.', 'Tỷ lệ hộ nghèo giảm còn 0,64%, chỉ tiêu giao 0,89%.'],
    ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
    ['§Ò nghÞ th\u00ADëng 2 ®iÓm; ¦u tiªn ®Çu t\u00AD x©y dùng', 'Đề nghị thưởng 2 điểm; Ưu tiên đầu tư xây dựng'],
    ['KÕt qu¶ sè ®iÓm tù chÊm nhãm tiªu chÝ vÒ kinh tÕ ®¹t: 8,3 ®iÓm.', 'Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.'],
  ];
  it.each(typed)('typed: %s', (legacy, unicode) => {
    expect(decode(legacy)).toEqual({ text: unicode, encoding: 'tcvn3' });
  });

  const sentences = [
    'Hoàn thành tốt nhiệm vụ năm 2024, xếp loại xuất sắc.',
    'Sản lượng lương thực có hạt cả năm: 805,2 tấn; năng suất lúa đạt 61,5 tạ/ha.',
    'Tổng thu ngân sách: 31 tỷ 263 triệu đồng đạt 69,8% KH thị xã giao.',
    'Gia đình văn hóa đạt 90,8% tăng 0,5% so với năm 2023, thôn văn hóa 6/6 thôn.',
    'Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95,2%; hộ cận nghèo còn 1,2%.',
    'Giải quyết thủ tục hành chính trước hạn và đúng hạn 100%, không có hồ sơ trễ hạn.',
    'Công tác tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo được thực hiện nghiêm túc.',
    'Ưu tiên đầu tư xây dựng trường học, nước sạch và đường giao thông nông thôn.',
  ];
  it.each(sentences)('encoded from Unicode: %s', (unicode) => {
    expect(decode(toTcvn3(unicode))).toEqual({ text: unicode, encoding: 'tcvn3' });
  });

  it('every letter of the table, lower case and the capitals TCVN3 has', () => {
    const letters = 'àảãáạ ăằẳẵắặ âầẩẫấậ đ èẻẽéẹ êềểễếệ ìỉĩíị òỏõóọ ôồổỗốộ ơờởỡớợ ùủũúụ ưừửữứự ỳỷỹýỵ';
    // Alone they prove nothing; inside real words they do: test each letter in "B_o c_o tæng".
    for (const c of letters.replace(/ /g, '')) {
      const unicode = `tổng ${c === 'đ' ? 'đ' : `h${c}`} chấm điểm`;
      const out = decodeLegacyUnits([[toTcvn3(unicode)]])[0]!;
      expect(out.encoding).toBe('tcvn3');
      expect(out.cells[0]).toBe(unicode);
    }
    expect(decode('¡n ¢n £m ¤ng ¥n ¦u §iÓm tæng').text).toBe('Ăn Ân Êm Ông Ơn Ưu Điểm tổng');
  });

  it('.VnTimeH: capitals drawn from lower-case code points', () => {
    expect(decode('B¸O C¸O KÕT QU¶ Tù §¸NH GI¸').text).toBe('BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ');
    expect(decode('CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM').text).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(decode('III. TæNG HîP KÕT QU¶ CHÊM §IÓM Vµ §Ò NGHÞ XÕP LO¹I').text).toBe('III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI');
    // A word with capitals after its first letter is in capitals even in a lower-case line.
    expect(decode('1. NhãM tiªu chÝ I: tæng ®iÓm').text).toBe('1. NHÓM tiêu chí I: tổng điểm');
    // A title-case word stays so in a line of capitals; acronyms alone make no line capitals.
    expect(decode('PhÇn I. KH¸I QU¸T §ÆC §IÓM, T×NH H×NH').text).toBe('Phần I. KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH');
    expect(decodeLegacyUnits([['Sè: 168/BC-UBND'], ['Tæng ®iÓm tù chÊm'], ['§éc lËp - Tù do']])[0]!.cells[0]).toBe('Số: 168/BC-UBND');
  });

  it('ư: the soft hyphen kept, a PDF hyphen between letters restored where it makes a syllable', () => {
    expect(decode('n\u00ADíc s¹ch, tr\u00ADêng häc').text).toBe('nước sạch, trường học');
    expect(decode('n-íc s¹ch, tr-êng häc, ng-êi d©n').text).toBe('nước sạch, trường học, người dân');
    expect(decode('Kinh tÕ-x· héi, n¨m 2023-2024').text).toBe('Kinh tế-xã hội, năm 2023-2024');
  });

  it('a toned vowel starting a sentence was a capital .VnTime could not hold', () => {
    expect(decode('theo ph¹m vi tr¸ch nhiÖm. ñy viªn UBND').text).toBe('theo phạm vi trách nhiệm. Ủy viên UBND');
  });
});

describe('VNI', () => {
  const typed: Array<[string, string]> = [
    ['Baùo caùo', 'Báo cáo'],
    ['Toång ñieåm töï chaám 21,3 ñieåm', 'Tổng điểm tự chấm 21,3 điểm'],
    ['Nhoùm tieâu chí I: Keát quaû thöïc hieän caùc muïc tieâu', 'Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu'],
    ['COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
    ['Thu nhaäp bình quaân ñaàu ngöôøi: 61,6 trieäu ñoàng ñaït 102,6% KH.', 'Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.'],
    ['Naêm 2024 tyû leä hoä ngheøo giaûm coøn 0,64%', 'Năm 2024 tỷ lệ hộ nghèo giảm còn 0,64%'],
  ];
  it.each(typed)('typed: %s', (legacy, unicode) => {
    expect(decode(legacy)).toEqual({ text: unicode, encoding: 'vni' });
  });

  it('a capital base with a lower-case accent character is read as the capital', () => {
    expect(decode('Aán ñoä tyû leä Ñaït').text).toBe('Ấn độ tỷ lệ Đạt');
  });

  it('every letter, in both cases', () => {
    const letters = 'àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ';
    for (const c of letters) {
      for (const unicode of [`tổng ${c === 'đ' ? 'đ' : `h${c}`} chấm điểm`, `TỔNG ${c === 'đ' ? 'Đ' : `H${c.toUpperCase()}`} CHẤM ĐIỂM`]) {
        const out = decodeLegacyUnits([[toVni(unicode)]])[0]!;
        expect(out.encoding).toBe('vni');
        expect(out.cells[0]).toBe(unicode);
      }
    }
  });

  it.each([...[
    'Sản lượng lương thực có hạt cả năm: 805,2 tấn; năng suất lúa đạt 61,5 tạ/ha.',
    'Ưu tiên đầu tư xây dựng trường học, nước sạch và đường giao thông nông thôn.',
    'Ủy ban nhân dân xã Quang Trung, thị xã Bỉm Sơn, tỉnh Thanh Hóa',
    'NHÓM TIÊU CHÍ VI: ĐIỂM THƯỞNG, PHẠT. TỔNG ĐIỂM TỰ CHẤM: 04 ĐIỂM.',
  ]])('encoded from Unicode: %s', (unicode) => {
    expect(decode(toVni(unicode))).toEqual({ text: unicode, encoding: 'vni' });
  });
});

describe('leaves everything else alone', () => {
  it('the whole sample report, line by line and as one text', () => {
    const text = sampleText();
    for (const line of text.split('\n')) expect(decode(line)).toEqual({ text: line, encoding: null });
    expect(decode(text)).toEqual({ text, encoding: null });
    expect(decode(text.normalize('NFD'))).toEqual({ text: text.normalize('NFD'), encoding: null });
  });

  it.each([
    'The quick brown fox jumps over the lazy dog; naïve café, façade, déjà vu.',
    '92,3', '0,64%', '§ 3', '§3 Điều 5', '© 2024 UBND xã', '5 µm × 3 µm, ½ ¼ ¾, ±2 °C, x² + y³',
    '«Nhóm tiêu chí» — “trích dẫn”', 'Müller, Jürgen; Søren Kierkegaard; España; Ångström; Straße; Zoë',
    'über für Mädchen größer', 'São Paulo, Açores, Niño, Peña', 'Crème brûlée à la française; où êtes-vous',
    'entities.escapeUTF8("&#38; ü"); // "&amp;#38; ü"', 'hyphen\u00ADation in Eng\u00ADlish, op\u00ADtional', 'xã hội\u00ADhóa, văn\u00ADhóa',
    'Báo cáo', 'Mô hình', 'Có', 'Chú ý: hoá đơn', 'TÌNH HÌNH CHUNG', 'NHÓM TIÊU CHÍ II', 'Xã Quang Trung', 'Học sinh giỏi',
    'TT | Tiêu chí | Điểm chuẩn (max) | Điểm tự đánh giá', 'Ελληνικά, Русский, 中文',
    // UTF-8 read as Latin-1 and byte soup: Latin-1 noise that is no Vietnamese font.
    'ZLIB Option ã\u0081åç§ã\u0081\u0097ã\u0081¦ã\u0081\u008Fã\u0081 ã\u0081\u0095ã\u0081\u0084', 'ï¿½ï¿½Vsï¿½ï¿½=Deï¿½Q,d"3zï¿½X1(?Gï¿½É²ï¿½',
  ])('%s', (text) => {
    expect(decode(text)).toEqual({ text, encoding: null });
  });

  it('a Unicode line stays Unicode inside a legacy block', () => {
    const block = ['BÁO CÁO', 'Báo cáo', 'Tổng điểm tự chấm 21,3 điểm', 'Tæng ®iÓm tù chÊm 21,3 ®iÓm', 'B¸o c¸o kÕt qu¶', 'Mét sè chØ tiªu ®¹t'];
    expect(decodeLegacyUnits(block.map((l) => [l])).map((d) => d.cells[0])).toEqual([
      'BÁO CÁO', 'Báo cáo', 'Tổng điểm tự chấm 21,3 điểm', 'Tổng điểm tự chấm 21,3 điểm', 'Báo cáo kết quả', 'Một số chỉ tiêu đạt',
    ]);
  });
});

describe('a block decides together', () => {
  it('Unicode headings over TCVN3 body text; short lines take the block’s encoding', () => {
    const text = [
      'II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM',
      '1. Nhãm tiªu chÝ I: KÕt qu¶ thùc hiÖn c¸c môc tiªu. Tæng ®iÓm tù chÊm 21,3 ®iÓm, gåm:',
      'Tæng',
      '9.5®)',
      'cho 8/8 khu phè.',
      'Sè: 168/BC-UBND',
      'Nhóm tiêu chí II: Tổng điểm tự chấm 33 điểm.',
      'KÕt qu¶ sè ®iÓm tù chÊm nhãm tiªu chÝ vÒ kinh tÕ ®¹t: 8,3 ®iÓm.',
    ].join('\n');
    expect(decode(text)).toEqual({
      text: [
        'II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM',
        '1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu. Tổng điểm tự chấm 21,3 điểm, gồm:',
        'Tổng',
        '9.5đ)',
        'cho 8/8 khu phố.',
        'Số: 168/BC-UBND',
        'Nhóm tiêu chí II: Tổng điểm tự chấm 33 điểm.',
        'Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.',
      ].join('\n'),
      encoding: 'tcvn3',
    });
    // Alone, the short ones are not enough to go on.
    for (const short of ['Tæng', '9.5®)', 'cho 8/8 khu phè.', 'Sè: 168/BC-UBND']) expect(decode(short).encoding).toBeNull();
  });

  it('a line both encodings could read goes with the block (VNI "hoä = 31tr.ñ.")', () => {
    const block = ['Toång ñieåm töï chaám 21,3 ñieåm', 'Nhoùm tieâu chí I: Keát quaû', 'Thu nhaäp bình quaân ñaàu ngöôøi ñaït', 'hoä = 31tr.ñ.'];
    expect(decodeLegacyUnits(block.map((l) => [l]))[3]).toEqual({ cells: ['hộ = 31tr.đ.'], encoding: 'vni' });
  });

  it('the whole sample encoded: every line back, but what .VnTime cannot hold', () => {
    const lines = sampleText().split('\n');
    const tcvn3 = decode(lines.map(toTcvn3).join('\n'));
    expect(tcvn3.encoding).toBe('tcvn3');
    expect(tcvn3.text.split('\n')).toEqual(lines.map(asVnTimeCanHold));
    const vni = decode(lines.map(toVni).join('\n'));
    expect(vni).toEqual({ text: lines.join('\n'), encoding: 'vni' });
  });
});

describe('syllables', () => {
  it.each([
    ['người', true], ['nghiêng', true], ['quyết', true], ['khuya', true], ['giữa', true], ['HĐND', true], ['các', true],
    ['cáng', true], ['cac', false], ['càc', false], ['Müller', false], ['nhóóm', false], ['ắù', false], ['xkoù', false],
  ] as Array<[string, boolean]>)('%s', (word, ok) => {
    expect(isVietnameseSyllable(word)).toBe(ok);
  });
});

describe('pageOf: the hook every reader goes through', () => {
  it('converts lines and table cells, keeps kinds and numbering, leaves Unicode rows alone', () => {
    const page = pageOf(3, [
      { text: 'II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM', kind: 'heading', level: 2 },
      { text: '  ' },
      { text: '1. Nhãm tiªu chÝ I: Tæng ®iÓm tù chÊm 21,3 ®iÓm', emphasis: true },
      { text: '', cells: ['TT', 'Néi dung', '§iÓm tèi ®a', '§iÓm tù chÊm'] },
      { text: '', cells: ['I', 'Nhãm tiªu chÝ I', '25', '21,3'] },
      { text: '', cells: ['II', 'Nhóm tiêu chí II', '35', '33'] },
      { text: 'Thu nhËp b×nh qu©n ®Çu ng\u00ADêi:\u00A061,6 triÖu ®ång', kind: 'list-item' },
    ]);
    expect(page).toEqual({
      number: 3,
      lines: [
        { line: 1, text: 'II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM', kind: 'heading', level: 2 },
        { line: 2, text: '1. Nhóm tiêu chí I: Tổng điểm tự chấm 21,3 điểm', emphasis: true },
        { line: 3, text: 'TT | Nội dung | Điểm tối đa | Điểm tự chấm', kind: 'table-row', cells: ['TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'] },
        { line: 4, text: 'I | Nhóm tiêu chí I | 25 | 21,3', kind: 'table-row', cells: ['I', 'Nhóm tiêu chí I', '25', '21,3'] },
        { line: 5, text: 'II | Nhóm tiêu chí II | 35 | 33', kind: 'table-row', cells: ['II', 'Nhóm tiêu chí II', '35', '33'] },
        { line: 6, text: 'Thu nhập bình quân đầu người: 61,6 triệu đồng', kind: 'list-item' },
      ],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: a DOCX typed in .VnTime.

type Font = 'unicode' | 'tcvn3';

/** A run as the clerk typed it: Times New Roman, or .VnTime (.VnTimeH for words in capitals). */
function run(text: string, font: Font, o: { bold?: boolean } = {}): TextRun {
  if (font === 'unicode') return new TextRun({ text, font: 'Times New Roman', ...o });
  const capitals = text === text.toUpperCase() && /\p{Lu}{2}/u.test(text);
  return new TextRun({ text: toTcvn3(text), font: capitals ? '.VnTimeH' : '.VnTime', ...o });
}

/** The sample report, one paragraph a line, and a summary table. */
function sampleDocx(font: Font): Document {
  const cell = (text: string) => new TableCell({ children: [new Paragraph({ children: [run(text, font)] })] });
  const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
  return new Document({
    sections: [
      {
        children: [
          ...sampleParagraphs().map((p) => new Paragraph({ children: [run(p, font, { bold: /^\d\. Nhóm tiêu chí/.test(p) })] })),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [row('TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'), row('I', 'Nhóm tiêu chí I', '25', '21,3'), row('II', 'Nhóm tiêu chí II', '35', '33')],
          }),
        ],
      },
    ],
  });
}

/** A short report typed by hand in .VnTime: the mojibake is written out, not encoded here. */
function handTypedDocx(): Document {
  const p = (text: string, font = '.VnTime', o: { bold?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}) =>
    new Paragraph({ ...(o.heading ? { heading: o.heading } : {}), children: [new TextRun({ text, font, ...(o.bold ? { bold: true } : {}) })] });
  return new Document({
    sections: [
      {
        children: [
          p('UBND X· QUANG TRUNG', '.VnTimeH'),
          p('Sè: 12/BC-UBND'),
          p('B¸O C¸O', '.VnTimeH', { heading: HeadingLevel.HEADING_1 }),
          p('KÕt qu¶ tù ®¸nh gi¸, chÊm ®iÓm vµ xÕp lo¹i møc ®é hoµn thµnh nhiÖm vô n¨m 2024'),
          p('II. NéI DUNG, §¸NH GI¸ CHÊM §IÓM', '.VnTimeH', { heading: HeadingLevel.HEADING_2 }),
          p('1. Nhãm tiªu chÝ I: KÕt qu¶ thùc hiÖn c¸c môc tiªu ph¸t triÓn kinh tÕ - x· héi. Tæng ®iÓm tù chÊm 21,3 ®iÓm, gåm:', '.VnTime', { bold: true }),
          p('1.1 Nhãm tiªu chÝ vÒ kinh tÕ:'),
          p('Thu nhËp b×nh qu©n ®Çu ng\u00ADêi: 61,6 triÖu ®ång ®¹t 102,6% KH.'),
          p('KÕt qu¶ sè ®iÓm tù chÊm nhãm tiªu chÝ vÒ kinh tÕ ®¹t: 8,3 ®iÓm.'),
          p('2. Nhãm tiªu chÝ II: KÕt qu¶ thùc hiÖn nhiÖm vô qu¶n lý nhµ n\u00ADíc trªn ®Þa bµn. Tæng ®iÓm tù chÊm 33 ®iÓm.', '.VnTime', { bold: true }),
        ],
      },
    ],
  });
}

const readDocx = async (d: Document): Promise<DocumentModel> => readDocument(await Packer.toBuffer(d));
const texts = (doc: DocumentModel): string[] => doc.pages.flatMap((pg) => pg.lines.map((l) => l.text));
const groupScores = (ex: Extraction) => ex.groups.map((g) => [g.id, g.score ? toNumber(g.score.exact) : null, g.subgroups.map((s) => [s.id, s.score ? toNumber(s.score.exact) : null])]);

describe('DOCX in .VnTime, end to end', () => {
  let typed: DocumentModel;
  let unicode: DocumentModel;
  let tcvn3: DocumentModel;
  beforeAll(async () => {
    [typed, unicode, tcvn3] = await Promise.all([readDocx(handTypedDocx()), readDocx(sampleDocx('unicode')), readDocx(sampleDocx('tcvn3'))]);
  }, 60_000);

  it('a hand-typed report reads as Unicode, line by line', () => {
    expect(typed.pages[0]!.lines.map((l) => [l.line, l.text, l.kind])).toEqual([
      [1, 'UBND XÃ QUANG TRUNG', 'paragraph'],
      [2, 'Số: 12/BC-UBND', 'paragraph'],
      [3, 'BÁO CÁO', 'heading'],
      [4, 'Kết quả tự đánh giá, chấm điểm và xếp loại mức độ hoàn thành nhiệm vụ năm 2024', 'paragraph'],
      [5, 'II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM', 'heading'],
      [6, '1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội. Tổng điểm tự chấm 21,3 điểm, gồm:', 'paragraph'],
      [7, '1.1 Nhóm tiêu chí về kinh tế:', 'paragraph'],
      [8, 'Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.', 'paragraph'],
      [9, 'Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.', 'paragraph'],
      [10, '2. Nhóm tiêu chí II: Kết quả thực hiện nhiệm vụ quản lý nhà nước trên địa bàn. Tổng điểm tự chấm 33 điểm.', 'paragraph'],
    ]);
    expect(typed.pages[0]!.lines[5]!.emphasis).toBe(true);
  });

  it('extractReport reads the group scores from it', () => {
    const ex = extractReport(typed);
    expect(groupScores(ex)).toEqual([
      ['I', 21.3, [['1.1', 8.3]]],
      ['II', 33, []],
    ]);
    expect(ex.groups[0]!.score).toMatchObject({ raw: '21,3', at: { page: 1, line: 6 } });
    expect(ex.unit).toEqual({ type: 'xã', name: 'Quang Trung' });
  });

  it('the sample typed in .VnTime reads as the same sample typed in Unicode: same lines, same numbers', () => {
    const [u, t] = [texts(unicode), texts(tcvn3)];
    expect(t).toHaveLength(u.length);
    expect(t).toEqual(u.map((line) => (line.includes(' | ') ? line : asVnTimeCanHold(line))));
    expect(tcvn3.pages[0]!.lines.map((l) => [l.line, l.kind, l.emphasis])).toEqual(unicode.pages[0]!.lines.map((l) => [l.line, l.kind, l.emphasis]));
  });

  it('and extracts to the same scores, at the same places', () => {
    const [u, t] = [extractReport(unicode), extractReport(tcvn3)];
    expect(groupScores(t)).toEqual(groupScores(u));
    expect(groupScores(t).slice(0, 2)).toEqual([
      ['I', 21.3, [['1.1', 8.3], ['1.2', 9], ['1.3', 3], ['1.4', 1]]],
      ['II', 33, [['2.1', 24], ['2.2', 9]]],
    ]);
    expect(t.groups.map((g) => g.score?.at.line)).toEqual(u.groups.map((g) => g.score?.at.line));
    expect(t.total && toNumber(t.total.exact)).toBe(92.3);
    expect(t.summary.map((s) => [s.id, s.score?.raw])).toEqual(u.summary.map((s) => [s.id, s.score?.raw]));
    expect(t.classification?.level).toBe(u.classification?.level);
  });
});
