// The blind sets' texts and plans (scripts/blind-sets.ts), without LibreOffice, ImageMagick or OCR.
import { describe, expect, it } from 'vitest';
import { drawPlan, EXTRA_SCANS, type PageFacts, resolvePlan, VARIANT_PHOTOS } from '../scripts/blind/manifest.js';
import { drawStyle } from '../scripts/blind/render.js';
import { twinDocs } from '../scripts/blind/texts.js';

const docs = twinDocs();
const ids = docs.map((d) => ({ id: d.id, variant: d.variant !== null }));

describe('blind texts', () => {
  it('are consistent as written, and each variant changes one figure for exactly one stated flag', () => {
    // twinDocs throws on any inconsistency; here the counts the plan relies on.
    expect(docs.filter((d) => d.variant === null).length).toBeGreaterThanOrEqual(6);
    expect(docs.filter((d) => d.variant !== null).length).toBeGreaterThanOrEqual(VARIANT_PHOTOS);
    for (const d of docs) if (d.variant) expect(d.markdown).not.toBe(docs.find((x) => x.id === d.text.name)!.markdown);
  });
});

describe('blind plan', () => {
  const facts = (doc: string): PageFacts => ({ pages: 3, summaryPage: 3, figurePages: [1, 2, 3], flagPages: doc.endsWith('.total') ? [] : [2] });

  it('is drawn from the label alone: same label, same set; another label, another set', () => {
    expect(JSON.stringify(drawPlan('blind-x', ids))).toBe(JSON.stringify(drawPlan('blind-x', ids)));
    expect(JSON.stringify(drawPlan('blind-y', ids))).not.toBe(JSON.stringify(drawPlan('blind-x', ids)));
    expect(drawStyle('blind-x', 'phu-loc-2024')).toEqual(drawStyle('blind-x', 'phu-loc-2024'));
  });

  it('makes at least 40 files, about half of them with an injected discrepancy', () => {
    const files = resolvePlan(drawPlan('blind-x', ids), facts);
    const injected = files.filter((f) => docs.find((d) => d.id === f.planned.doc)!.variant !== null);
    expect(files.length).toBe(docs.length + EXTRA_SCANS + 2 * docs.filter((d) => !d.variant).length + VARIANT_PHOTOS);
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(injected.length / files.length).toBeGreaterThan(0.4);
    expect(injected.length / files.length).toBeLessThan(0.6);
    // Photos: the summary page, another page, or a page that shows the flag.
    for (const f of files) {
      if (f.planned.kind !== 'photo') continue;
      if (f.planned.role === 'summary') expect(f.page).toBe(3);
      else if (f.planned.role === 'flag') expect(f.page).toBe(2);
      else expect([1, 2]).toContain(f.page);
    }
  });

  it('keeps every look within its bounds', () => {
    for (const p of drawPlan('blind-z', ids)) {
      if (p.kind === 'scan') {
        expect([150, 200, 240, 300]).toContain(p.look.dpi);
        expect(p.look.quality).toBeGreaterThanOrEqual(40);
        expect(p.look.quality).toBeLessThanOrEqual(85);
        for (const s of p.look.skews) expect(Math.abs(s)).toBeLessThanOrEqual(3);
      } else {
        expect(p.look.tilt).toBeLessThanOrEqual(6);
        expect(p.look.orientation === null).toBe(p.look.format !== 'jpeg-exif');
      }
    }
  });
});
