/**
 * Two readings of one narrow table cell (a numbering or a number): the row read as a line, and
 * the cell read alone as one line. Tesseract drops characters far more often than it invents them
 * (a decimal mark, one of two equal digits, a stroke of a numeral), and the two readings drop
 * different ones; so they are merged rather than one of them trusted:
 * - the same text, or only one of them a number: that one;
 * - two numbers whose digits are one inside the other ("3,5" and "335"; "11" and "1.1"): the longer
 *   digits, with the decimal mark where the reading that has one put it ("33,5"; "1.1"); but when
 *   both kept their mark ("33.225" and "33.25"), the clearly surer one (10 points);
 * - two different numbers: the cell read alone (in the scanned fixtures' tables it was right wherever
 *   the two disagreed), unless read with clearly less confidence (20 points);
 * - no number: a roman numeral if only the cell alone gives one ("y" / "V"), else the row's text,
 *   read with the context of its line.
 */
export interface CellReading {
  readonly text: string;
  /** 0–100. */
  readonly confidence: number;
}

const NUMBER = /^\d+(?:[.,]\d+)?$/;
const ROMAN = /^[IVXL]{1,4}\.?$/;

export function mergeCellReadings(row: CellReading, alone: CellReading): string {
  const a = row.text.trim();
  const b = alone.text.trim();
  if (a === b) return a;
  const numA = NUMBER.test(a);
  const numB = NUMBER.test(b);
  if (numA && numB) {
    const digits = (t: string): string => t.replace(/[.,]/g, '');
    const fromRow = { text: a, confidence: row.confidence };
    const fromAlone = { text: b, confidence: alone.confidence };
    const [long, short] = digits(a).length >= digits(b).length ? [fromRow, fromAlone] : [fromAlone, fromRow];
    if (isSubsequence(digits(short.text), digits(long.text))) {
      // Both kept their decimal mark ("33.225" and "33.25"): the digit one lacks was dropped by
      // it or made up by the other, so the clearly surer reading is taken.
      if (MARK.test(long.text) && MARK.test(short.text) && short.confidence >= long.confidence + SURER) return short.text;
      return lostDigits(long.text, short.text);
    }
    return alone.confidence + 20 >= row.confidence ? b : a;
  }
  if (numA) return a;
  if (numB) return b;
  if (ROMAN.test(b) && !ROMAN.test(a)) return b;
  return a;
}

const MARK = /[.,]/;
/** Confidence points by which a reading is clearly surer than another. */
const SURER = 10;

/** The longer digits, with the decimal mark where the reading that has one put it ("33,5"; "1.1"). */
function lostDigits(long: string, short: string): string {
  if (MARK.test(long)) return long;
  const mark = MARK.exec(short);
  if (!mark) return long;
  const decimals = short.length - mark.index - 1;
  return decimals > 0 && decimals < long.length ? `${long.slice(0, long.length - decimals)}${mark[0]}${long.slice(long.length - decimals)}` : long;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}
