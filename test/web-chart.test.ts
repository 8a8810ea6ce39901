/** The ranking chart: SVG drawn on the server, bars to scale, every label escaped. */
import { describe, expect, it } from 'vitest';
import { rankingChart } from '../web/chart.js';

describe('rankingChart', () => {
  const svg = rankingChart(
    [
      { label: 'xã Quang Trung', declared: 93.3, recomputed: 92.3 },
      { label: '<script>alert(1)</script>', declared: 50, recomputed: null },
    ],
    { max: 100 },
  );

  it('draws a declared and a recomputed bar per commune, to scale, with Vietnamese decimals', () => {
    const widths = [...svg.matchAll(/<rect x="180" y="\d+" width="([\d.]+)" height="11"/g)].map((m) => Number(m[1]));
    // 470 px of plot for 100 points.
    expect(widths).toEqual([438.5, 433.8, 235]);
    expect(svg).toContain('>93,3<');
    expect(svg).toContain('>92,3<');
    expect(svg).toContain('không có tính lại');
  });

  it('escapes every label, so a commune name cannot carry markup', () => {
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});
