/**
 * The review desk's views of reports, ready to render or to send as JSON: the list (filters kept in
 * every link, so a view can be shared) and one report in detail (declared against recomputed, its
 * flags with their evidence and decisions, its figure and evidence lines page by page).
 */
import { differenceOfTexts } from '../core/decimal.js';
import { DoisoatError } from '../core/errors.js';
import type { ReportAudit, Severity, Span } from '../core/report-audit.js';
import type { Role } from '../core/roles.js';
import type { DecisionRecord, DecisionValue, ReportFilter, ReportRow, Store, SummarySort } from '../store/store.js';
import { mayDecide } from './decide.js';
import { isReviewState, REVIEW_STATE_LABELS, REVIEW_STATES, reviewOf, stateCondition, stateFromCounts, stateLabel, type ReviewState } from './state.js';

export const PAGE_SIZE = 50;

export const SEVERITY_LABELS: Record<Severity, string> = { error: 'lỗi', warning: 'cảnh báo', info: 'lưu ý' };
export const DECISION_LABELS: Record<DecisionValue, string> = { confirmed: 'xác nhận sai lệch', dismissed: 'bỏ qua' };
export const FORMAT_LABELS: Record<string, string> = { docx: 'DOCX', doc: 'DOC', pdf: 'PDF', 'pdf-scanned': 'PDF quét', image: 'Ảnh', unknown: 'không rõ' };
/** The list's sortable columns (the store sorts on more: the ranking's). */
export const REPORT_SORTS = ['commune', 'year', 'total', 'recomputed', 'difference', 'errors'] as const satisfies readonly SummarySort[];
export type ReportSort = (typeof REPORT_SORTS)[number];
export const SORT_LABELS: Record<ReportSort, string> = { commune: 'Xã', year: 'Năm', total: 'Tổng điểm khai', recomputed: 'Tổng điểm tính lại', difference: 'Chênh lệch', errors: 'Lỗi' };

/** Exact decimal text in Vietnamese writing ("92.3" → "92,3"); '—' when unknown. */
export function vi(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  return String(text).replace('-', '−').replace('.', ',');
}

/** A difference with its sign ("+1", "−0,5", "0"). */
function signed(text: string | null): string {
  if (text === null) return '—';
  return /^[1-9]|^0\.\d*[1-9]/.test(text) ? `+${vi(text)}` : vi(text);
}

export const isZero = (text: string | null): boolean => text !== null && /^-?0(\.0*)?$/.test(text);

/** An instant in Vietnam's time: "05/03/2025 14:07". */
export function viTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(d);
  const v = (t: string): string => p.find((x) => x.type === t)?.value ?? '';
  return `${v('day')}/${v('month')}/${v('year')} ${v('hour')}:${v('minute')}`;
}

export const lineId = (s: Pick<Span, 'page' | 'line'>): string => `p${s.page}-l${s.line}`;

/** The address of a line's crop of its page image (web/routes/crops.ts); null for a line without a box (DOCX, DOC). */
export const cropHref = (sha256: string, s: Span): string | null => (s.box ? `/bao-cao/${sha256}/trang/${s.page}/dong/${s.line}/anh` : null);

/** Every span an audit names: figures, flag evidence, notes, indicators. */
export function* auditSpans(a: ReportAudit): Generator<Span> {
  for (const f of a.flags) yield* f.evidence;
  for (const n of a.notes ?? []) if (n.at) yield n.at;
  if (a.declared.total?.at) yield a.declared.total.at;
  if (a.declared.classification?.at) yield a.declared.classification.at;
  for (const g of a.declared.groups) {
    if (g.score?.at) yield g.score.at;
    for (const s of g.subgroups) if (s.score?.at) yield s.score.at;
    for (const i of g.items) if (i.at) yield i.at;
  }
  for (const s of a.declared.summary) if (s.score?.at) yield s.score.at;
  for (const i of a.indicators) if (i.at) yield i.at;
}

/** The span of page `page`, line `line` that carries a box on the page image, if the audit names one. */
export function boxedSpan(a: ReportAudit, page: number, line: number): (Span & { box: NonNullable<Span['box']> }) | null {
  for (const s of auditSpans(a)) if (s.page === page && s.line === line && s.box) return s as Span & { box: NonNullable<Span['box']> };
  return null;
}

// ---------------------------------------------------------------- the list

export interface ListQuery {
  flagged: boolean;
  commune: string;
  year: number | null;
  format: string;
  state: ReviewState | null;
  sort: ReportSort;
  dir: 'asc' | 'desc';
  page: number;
  /** Rows per page. */
  size: number;
}

export const DEFAULT_QUERY: ListQuery = { flagged: false, commune: '', year: null, format: '', state: null, sort: 'commune', dir: 'asc', page: 1, size: PAGE_SIZE };

const one = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();

/** The list's query string, leniently: a value that makes no sense is ignored. */
export function parseListQuery(q: Record<string, unknown>): ListQuery {
  const year = Number(one(q['nam']));
  const page = Number(one(q['trang']));
  const sort = one(q['sap-xep']);
  const state = one(q['trang-thai']);
  const flagged = one(q['co-canh-bao']);
  const size = Number(one(q['so-dong']));
  return {
    flagged: flagged === '1' || flagged === 'on' || flagged === 'true',
    commune: one(q['xa']).slice(0, 100),
    year: Number.isInteger(year) && year >= 1900 && year <= 2999 ? year : null,
    format: one(q['dinh-dang']) in FORMAT_LABELS ? one(q['dinh-dang']) : '',
    state: isReviewState(state) ? state : null,
    sort: (REPORT_SORTS as readonly string[]).includes(sort) ? (sort as ReportSort) : 'commune',
    dir: one(q['chieu']) === 'giam' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: Number.isInteger(size) && size >= 1 && size <= 200 ? size : PAGE_SIZE,
  };
}

/** The query string of a view (only what differs from the defaults), with `changes` applied. */
export function listHref(q: ListQuery, changes: Partial<ListQuery> = {}): string {
  const v = { ...q, ...changes };
  const p = new URLSearchParams();
  if (v.flagged) p.set('co-canh-bao', '1');
  if (v.commune) p.set('xa', v.commune);
  if (v.year !== null) p.set('nam', String(v.year));
  if (v.format) p.set('dinh-dang', v.format);
  if (v.state) p.set('trang-thai', v.state);
  if (v.sort !== 'commune') p.set('sap-xep', v.sort);
  if (v.dir !== 'asc') p.set('chieu', 'giam');
  if (v.page !== 1) p.set('trang', String(v.page));
  if (v.size !== PAGE_SIZE) p.set('so-dong', String(v.size));
  const s = p.toString();
  return s ? `/bao-cao?${s}` : '/bao-cao';
}

export interface ReportRowView {
  sha256: string;
  href: string;
  file: string;
  commune: string;
  year: string;
  format: string;
  total: string;
  recomputed: string;
  difference: string;
  mismatch: boolean;
  classification: string;
  error: string | null;
  flags: { error: number; warning: number; info: number };
  state: ReviewState;
  stateLabel: string;
}

export interface ReportListView {
  query: ListQuery;
  rows: ReportRowView[];
  /** The rows as data (exact decimal text), for the JSON API. */
  data: Array<ReportRow & { state: ReviewState; stateLabel: string }>;
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  defaultSize: number;
  sortLinks: Array<{ key: ReportSort; label: string; href: string; active: boolean; dir: 'asc' | 'desc' }>;
  pageLinks: Array<{ page: number; href: string; current: boolean }>;
  prev: string | null;
  next: string | null;
  states: Array<{ value: ReviewState; label: string }>;
  formats: Array<{ value: string; label: string }>;
}

/** The list's filters and order as the store takes them (without paging): the list and its exports. */
export function filterOf(q: ListQuery): ReportFilter {
  return {
    flaggedOnly: q.flagged,
    ...(q.commune ? { commune: q.commune } : {}),
    ...(q.year !== null ? { year: q.year } : {}),
    ...(q.format ? { format: q.format } : {}),
    ...(q.state ? { review: stateCondition(q.state) } : {}),
    // An unreadable report has nothing to review: it is in no state but its own (stateLabel).
    ...(q.state ? { readableOnly: true } : {}),
    sort: q.sort,
    direction: q.dir,
  };
}

export async function listReports(store: Store, query: ListQuery): Promise<ReportListView> {
  const pageSize = query.size;
  const { rows, total } = await store.listReports({ ...filterOf(query), page: query.page, pageSize });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const data = rows.map((r) => {
    const state = stateFromCounts(r.review);
    return { ...r, state, stateLabel: stateLabel(state, r.errorCode) };
  });
  // Page links around the current one, first and last always.
  const near = [...new Set([1, query.page - 2, query.page - 1, query.page, query.page + 1, query.page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return {
    query,
    data,
    rows: data.map((r) => ({
      sha256: r.sha256,
      href: `/bao-cao/${r.sha256}`,
      file: r.firstPath,
      commune: r.unitName ?? '—',
      year: r.year === null ? '—' : String(r.year),
      format: FORMAT_LABELS[r.format] ?? r.format,
      total: vi(r.total),
      recomputed: vi(r.recomputedTotal),
      difference: signed(r.difference),
      mismatch: r.difference !== null && !isZero(r.difference),
      classification: r.classification ?? '—',
      error: r.errorCode,
      flags: r.flags,
      state: r.state,
      stateLabel: r.stateLabel,
    })),
    total,
    page: query.page,
    pages,
    pageSize,
    defaultSize: PAGE_SIZE,
    sortLinks: REPORT_SORTS.map((key) => {
      const active = query.sort === key;
      // A second click on the active column turns its direction.
      const dir = active && query.dir === 'asc' ? 'desc' : active ? 'asc' : key === 'commune' || key === 'year' ? 'asc' : 'desc';
      return { key, label: SORT_LABELS[key], href: listHref(query, { sort: key, dir, page: 1 }), active, dir: query.dir };
    }),
    pageLinks: near.map((n) => ({ page: n, href: listHref(query, { page: n }), current: n === query.page })),
    prev: query.page > 1 ? listHref(query, { page: query.page - 1 }) : null,
    next: query.page < pages ? listHref(query, { page: query.page + 1 }) : null,
    states: REVIEW_STATES.map((value) => ({ value, label: REVIEW_STATE_LABELS[value] })),
    formats: Object.entries(FORMAT_LABELS).map(([value, label]) => ({ value, label })),
  };
}

// ---------------------------------------------------------------- one report

export interface FigureCell {
  text: string;
  href: string | null;
}

export interface ComparisonRow {
  kind: 'group' | 'subgroup' | 'item' | 'total';
  label: string;
  declared: FigureCell;
  summary: FigureCell;
  recomputed: string;
  difference: string;
  mismatch: boolean;
}

export interface DecisionView {
  decision: DecisionValue;
  label: string;
  userName: string;
  at: string;
  note: string;
}

export interface FlagView {
  seq: number;
  rule: string;
  severity: Severity;
  severityLabel: string;
  message: string;
  reviewed: boolean;
  evidence: Array<{ href: string; where: string; text: string; crop: string | null }>;
  latest: DecisionView | null;
  history: DecisionView[];
}

export interface LineView {
  id: string;
  line: number;
  text: string;
  evidence: boolean;
  note: boolean;
  /** The crop of the page image around the line (lines with a box: OCR'd, or a PDF's text layer), and its alt text. */
  crop: string | null;
  cropAlt: string;
}

export interface ReportDetailView {
  sha256: string;
  file: string;
  commune: string;
  year: string;
  format: string;
  pages: string;
  classification: string;
  error: { code: string; message: string } | null;
  comparison: ComparisonRow[];
  flags: FlagView[];
  notCarried: Array<DecisionView & { rule: string; what: string }>;
  lines: Array<{ page: number; lines: LineView[] }>;
  state: ReviewState;
  stateLabel: string;
  canDecide: boolean;
}

function decisionView(d: DecisionRecord): DecisionView {
  return { decision: d.decision, label: DECISION_LABELS[d.decision], userName: d.userName, at: viTime(d.decidedAt), note: d.note };
}

const cell = (f: { value: number; at?: Span } | null | undefined): FigureCell => (f ? { text: vi(f.value), href: f.at ? `#${lineId(f.at)}` : null } : { text: '—', href: null });

/** declared − recomputed as exact decimal text, from two JSON numbers (their shortest decimal text). */
function diffOf(declared: number | null | undefined, recomputed: number | null | undefined): string | null {
  return declared === null || declared === undefined || recomputed === null || recomputed === undefined ? null : differenceOfTexts(String(declared), String(recomputed));
}

export interface Viewer {
  name: string;
  role: Role;
}

/** The full record of a report: audit, flags, decisions, state; DoisoatError 'report-not-found'. */
export async function reportData(store: Store, sha256: string) {
  const detail = await store.reportDetail(sha256);
  if (!detail) throw new DoisoatError('report-not-found', sha256);
  const review = reviewOf(detail.flags, detail.decisions);
  return { detail, review };
}

export async function reportDetail(store: Store, sha256: string, viewer: Viewer): Promise<ReportDetailView> {
  const { detail, review } = await reportData(store, sha256);
  const a = detail.audit;
  const comparison: ComparisonRow[] = [];
  for (const g of a.declared.groups) {
    const recomputed = a.recomputed.groups[g.id];
    const summary = a.declared.summary.find((s) => s.id === g.id)?.score;
    const d = diffOf(g.score?.value, recomputed);
    comparison.push({
      kind: 'group',
      label: `Nhóm ${g.id}${g.title ? `. ${g.title}` : ''}`,
      declared: cell(g.score),
      summary: cell(summary),
      recomputed: vi(recomputed ?? null),
      difference: signed(d),
      mismatch: (d !== null && !isZero(d)) || (summary !== null && summary !== undefined && g.score !== null && summary.value !== g.score.value),
    });
    for (const s of g.subgroups) comparison.push({ kind: 'subgroup', label: `${s.id}${s.title ? `. ${s.title}` : ''}`, declared: cell(s.score), summary: cell(null), recomputed: '—', difference: '—', mismatch: false });
    for (const [i, item] of g.items.entries()) comparison.push({ kind: 'item', label: item.label ?? `Mục ${i + 1}`, declared: cell(item), summary: cell(null), recomputed: '—', difference: '—', mismatch: false });
  }
  const totalDiff = diffOf(a.declared.total?.value, a.recomputed.total);
  comparison.push({ kind: 'total', label: 'Tổng điểm', declared: cell(a.declared.total), summary: cell(null), recomputed: vi(a.recomputed.total), difference: signed(totalDiff), mismatch: totalDiff !== null && !isZero(totalDiff) });

  // The lines the audit names, page by page: evidence of flags, figures, notes.
  const lines = new Map<string, LineView & { page: number }>();
  const mark = (s: Span | undefined, kind: 'evidence' | 'note' | 'figure'): void => {
    if (!s) return;
    const id = lineId(s);
    const l = lines.get(id) ?? { id, page: s.page, line: s.line, text: s.text, evidence: false, note: false, crop: null, cropAlt: `Ảnh trang ${s.page}, dòng ${s.line}` };
    l.crop ??= cropHref(sha256, s);
    if (kind === 'evidence') l.evidence = true;
    if (kind === 'note') l.note = true;
    lines.set(id, l);
  };
  for (const f of a.flags) for (const s of f.evidence) mark(s, 'evidence');
  for (const n of a.notes ?? []) mark(n.at, 'note');
  mark(a.declared.total?.at, 'figure');
  mark(a.declared.classification?.at, 'figure');
  for (const g of a.declared.groups) {
    mark(g.score?.at, 'figure');
    for (const s of g.subgroups) mark(s.score?.at, 'figure');
    for (const i of g.items) mark(i.at, 'figure');
  }
  for (const s of a.declared.summary) mark(s.score?.at, 'figure');
  for (const i of a.indicators) mark(i.at, 'figure');
  const byPage = new Map<number, LineView[]>();
  for (const l of [...lines.values()].sort((x, y) => x.page - y.page || x.line - y.line)) {
    const { page, ...line } = l;
    byPage.set(page, [...(byPage.get(page) ?? []), line]);
  }

  return {
    sha256,
    file: detail.firstPath,
    commune: a.unit ? `${a.unit.type} ${a.unit.name}` : '—',
    year: a.year === null ? '—' : String(a.year),
    format: FORMAT_LABELS[a.format] ?? a.format,
    pages: a.pages === null ? '—' : String(a.pages),
    classification: a.declared.classification?.text ?? '—',
    error: a.error,
    comparison,
    flags: review.flags.map(({ flag, latest, history }) => ({
      seq: flag.seq,
      rule: flag.rule,
      severity: flag.severity,
      severityLabel: SEVERITY_LABELS[flag.severity] ?? flag.severity,
      message: flag.message,
      reviewed: flag.severity === 'error' || flag.severity === 'warning',
      evidence: flag.evidence.map((s) => ({ href: `#${lineId(s)}`, where: `trang ${s.page}, dòng ${s.line}`, text: s.text, crop: cropHref(sha256, s) })),
      latest: latest ? decisionView(latest) : null,
      history: history.map(decisionView),
    })),
    notCarried: review.notCarried.map((d) => ({
      ...decisionView(d),
      rule: d.rule,
      what: [d.groupId ? `nhóm ${d.groupId}` : '', d.declared !== null ? `khai ${vi(d.declared)}` : '', d.recomputed !== null ? `tính lại ${vi(d.recomputed)}` : ''].filter(Boolean).join(', '),
    })),
    lines: [...byPage].map(([page, ls]) => ({ page, lines: ls })),
    state: review.state,
    stateLabel: stateLabel(review.state, detail.audit.error?.code ?? null),
    canDecide: mayDecide(viewer.role),
  };
}
