/**
 * `npm run fuzz`'s mutations (scripts/fuzz/mutate.ts): seeded, so a run repeats input for input,
 * and each one really changes the fixture in the way it says (a zip stays a zip with one entry
 * changed, a PDF keeps its objects, reordered or one fewer).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bitFlips, mutationsFor, pdfObjects, seeded, truncation, zipSplice } from '../scripts/fuzz/mutate.js';
import { REPORTS } from './support/paths.js';

const docx = new Uint8Array(readFileSync(path.join(REPORTS, 'quang-trung-2024.docx')));
const otherDocx = new Uint8Array(readFileSync(path.join(REPORTS, 'lam-son-2024.docx')));
const pdf = new Uint8Array(readFileSync(path.join(REPORTS, 'quang-trung-2024.pdf')));
const objects = (b: Uint8Array): number => Buffer.from(b).toString('latin1').match(/\d+\s+\d+\s+obj\b/g)?.length ?? 0;

describe('fuzz mutations', () => {
  it('repeat for a seed and differ between seeds', () => {
    const run = (seed: number): string[] => {
      const r = seeded(seed);
      return Array.from({ length: 20 }, () => {
        const m = r.pick(mutationsFor('x.docx'))(docx, r, otherDocx);
        return `${m.mutation}:${Buffer.from(m.bytes).toString('base64').length}:${m.bytes[m.bytes.length >> 1]}`;
      });
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('flip bits and cut where they say', () => {
    const r = seeded(1);
    const flipped = bitFlips(docx, r, otherDocx);
    expect(flipped.bytes).toHaveLength(docx.length);
    expect(Buffer.compare(flipped.bytes, docx)).not.toBe(0);
    const cut = truncation(docx, r, otherDocx);
    expect(cut.bytes.length).toBe(Number(cut.mutation.split('-')[1]));
    expect(Buffer.compare(cut.bytes, docx.subarray(0, cut.bytes.length))).toBe(0);
  });

  it('rebuild a DOCX with one entry changed, still a zip', () => {
    const before = unzipSync(docx);
    const r = seeded(2);
    for (let i = 0; i < 10; i++) {
      const m = zipSplice(docx, r, otherDocx);
      expect(m.mutation).toMatch(/^zip-(donor|empty|duplicate|remove|flip)-/);
      const after = unzipSync(m.bytes);
      const changed = new Set([...Object.keys(before), ...Object.keys(after)].filter((n) => !after[n] || !before[n] || Buffer.compare(after[n], before[n]) !== 0));
      expect(changed.size, m.mutation).toBeLessThanOrEqual(1);
    }
  });

  it('swap or remove a PDF object', () => {
    const r = seeded(3);
    const n = objects(pdf);
    for (let i = 0; i < 10; i++) {
      const m = pdfObjects(pdf, r, pdf);
      expect(m.mutation).toMatch(/^pdf-(swap|remove)-/);
      expect(objects(m.bytes)).toBe(m.mutation.startsWith('pdf-remove') ? n - 1 : n);
      expect(Buffer.compare(m.bytes, pdf)).not.toBe(0);
    }
  });
});
