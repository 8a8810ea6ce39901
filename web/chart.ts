/**
 * The ranking's bar chart, drawn on the server as SVG: per commune, its declared total beside the
 * recomputed one. Every text in it is escaped; no script, no external resource.
 */

export interface ChartRow {
  readonly label: string;
  /** Declared and recomputed totals (null when the report has none). */
  readonly declared: number | null;
  readonly recomputed: number | null;
}

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "92,3": a score as the office writes it. */
const vi = (n: number): string => String(Math.round(n * 100) / 100).replace('.', ',');

const ROW = 30;
const LABEL = 180;
const WIDTH = 720;
const BAR = 11;

export function rankingChart(rows: readonly ChartRow[], options: { max?: number; title?: string } = {}): string {
  const max = options.max ?? Math.max(100, ...rows.flatMap((r) => [r.declared ?? 0, r.recomputed ?? 0]));
  const plot = WIDTH - LABEL - 70;
  const scale = (n: number): number => Math.max(0, (n / max) * plot);
  const height = 40 + rows.length * ROW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(options.title ?? 'Tổng điểm khai báo và tính lại')}" class="ranking-chart">`,
    `<g font-family="system-ui, sans-serif" font-size="12">`,
    `<rect x="${LABEL}" y="6" width="12" height="10" fill="#0b3d62"/><text x="${LABEL + 16}" y="15">Khai báo</text>`,
    `<rect x="${LABEL + 90}" y="6" width="12" height="10" fill="#e0962b"/><text x="${LABEL + 106}" y="15">Tính lại</text>`,
  ];
  rows.forEach((r, i) => {
    const y = 30 + i * ROW;
    out.push(`<text x="${LABEL - 8}" y="${y + BAR + 4}" text-anchor="end">${escapeXml(r.label)}</text>`);
    const bar = (value: number | null, dy: number, fill: string, kind: string): void => {
      if (value === null) {
        out.push(`<text x="${LABEL + 4}" y="${y + dy + BAR - 1}" fill="#777">không có ${kind}</text>`);
        return;
      }
      const w = scale(value);
      out.push(`<rect x="${LABEL}" y="${y + dy}" width="${w.toFixed(1)}" height="${BAR}" fill="${fill}"><title>${escapeXml(`${r.label}: ${kind} ${vi(value)} điểm`)}</title></rect>`);
      out.push(`<text x="${(LABEL + w + 4).toFixed(1)}" y="${y + dy + BAR - 1}">${vi(value)}</text>`);
    };
    bar(r.declared, 0, '#0b3d62', 'khai báo');
    bar(r.recomputed, BAR + 2, '#e0962b', 'tính lại');
  });
  out.push('</g></svg>');
  return out.join('\n');
}
