/**
 * What a blind set holds, drawn from its label alone (pure: no rendering, no tools), and the
 * manifest written next to it.
 *
 * Every typed document is scanned once; each text as written is also photographed twice (its
 * summary page and one other page) and three of them are scanned a second time; eight variants are
 * photographed on a page that shows their discrepancy by itself. So about half the files carry
 * one injected discrepancy.
 */
import type { ExpectedFlag } from '../fixtures/expected.js';
import { prng, seedOf } from '../scans/seed.js';
import { type BlindScanLook, drawPhotoLook, drawScanLook, type PhotoLook } from './looks.js';
import type { TypedStyle } from './render.js';

export const EXTRA_SCANS = 3;
export const VARIANT_PHOTOS = 8;

/** A photo shows the page with the total and classification, another page, or a page showing the injected flag. */
export type PhotoRole = 'summary' | 'body' | 'flag';

export type Planned =
  | { readonly kind: 'scan'; readonly name: string; readonly doc: string; readonly look: BlindScanLook }
  | { readonly kind: 'photo'; readonly name: string; readonly doc: string; readonly role: PhotoRole; readonly pick: number; readonly look: PhotoLook };

/** Which files a set holds, in the order they are made. `docs`: typed documents, `variant` true for one with a discrepancy. */
export function drawPlan(label: string, docs: ReadonlyArray<{ readonly id: string; readonly variant: boolean }>): Planned[] {
  const r = prng(seedOf(`${label}:plan`));
  const shuffled = <T>(xs: readonly T[]): T[] => xs.map((x) => ({ x, k: r() })).sort((a, b) => a.k - b.k).map((e) => e.x);
  const plan: Planned[] = [];
  const scan = (doc: string, name: string): Planned => ({ kind: 'scan', name, doc, look: drawScanLook(`${label}:${name}`) });
  const photo = (doc: string, role: PhotoRole, name: string): Planned => ({ kind: 'photo', name, doc, role, pick: r(), look: drawPhotoLook(`${label}:${name}`) });
  const plain = docs.filter((d) => !d.variant).map((d) => d.id);
  const variants = docs.filter((d) => d.variant).map((d) => d.id);
  for (const d of docs) plan.push(scan(d.id, `${d.id}.scan`));
  for (const d of shuffled(plain).slice(0, EXTRA_SCANS)) plan.push(scan(d, `${d}.scan2`));
  for (const d of plain) plan.push(photo(d, 'summary', `${d}.photo-summary`), photo(d, 'body', `${d}.photo-body`));
  // Every variant is a candidate, in a drawn order; the first VARIANT_PHOTOS with a page that shows the flag are made.
  for (const d of shuffled(variants)) plan.push(photo(d, 'flag', `${d}.photo-flag`));
  return plan;
}

/** What the typed twins say about each of their pages, to place the photos. */
export interface PageFacts {
  readonly pages: number;
  /** Page of the declared total (else the last page). */
  readonly summaryPage: number;
  /** Pages holding at least one declared figure. */
  readonly figurePages: readonly number[];
  /** Pages whose text layer alone (the one-page twin) raises the injected flag. */
  readonly flagPages: readonly number[];
}

/** The page a planned photo shows, or null when none fits (a 'flag' photo whose flag no single page shows). */
export function photoPage(p: Extract<Planned, { kind: 'photo' }>, f: PageFacts): number | null {
  const choose = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs[Math.floor(p.pick * xs.length)]!);
  if (p.role === 'summary') return f.summaryPage;
  if (p.role === 'flag') return choose(f.flagPages);
  const others = f.figurePages.filter((x) => x !== f.summaryPage);
  return choose(others.length > 0 ? others : Array.from({ length: f.pages }, (_, i) => i + 1).filter((x) => x !== f.summaryPage));
}

/** The planned files that are made: every scan, every summary/body photo, the first VARIANT_PHOTOS flag photos that have a page. */
export function resolvePlan(plan: readonly Planned[], facts: (doc: string) => PageFacts): Array<{ planned: Planned; page: number | null }> {
  const out: Array<{ planned: Planned; page: number | null }> = [];
  let flagPhotos = 0;
  for (const p of plan) {
    if (p.kind === 'scan') {
      out.push({ planned: p, page: null });
      continue;
    }
    const page = photoPage(p, facts(p.doc));
    if (page === null) continue;
    if (p.role === 'flag' && flagPhotos++ >= VARIANT_PHOTOS) continue;
    out.push({ planned: p, page });
  }
  return out;
}

export interface ManifestTwin {
  readonly doc: string;
  readonly text: string;
  /** Variant id, null for the text as written. */
  readonly variant: string | null;
  readonly what: string;
  /** Relative to the set's folder. */
  readonly pdf: string;
  readonly pages: number;
  readonly style: TypedStyle;
  readonly expect: ExpectedFlag | null;
  /** Where the typed twin's reading differs from the text's declared scores (empty: read exactly). */
  readonly problems: readonly string[];
}

export interface ManifestFile {
  /** Relative to the set's folder. */
  readonly file: string;
  readonly kind: 'scan' | 'photo';
  readonly doc: string;
  /** The typed twin PDF. */
  readonly twin: string;
  /** A photo's page of the twin, and that page alone as a PDF (its text layer is the photo's typed twin). */
  readonly page?: number;
  readonly pageTwin?: string;
  readonly role?: PhotoRole;
  readonly look: BlindScanLook | PhotoLook;
  readonly lookText: string;
  /** The injected discrepancy this file must show as an error flag, or null. */
  readonly expected: ExpectedFlag | null;
}

export interface Manifest {
  readonly label: string;
  readonly texts: ReadonlyArray<{ readonly name: string; readonly what: string }>;
  readonly twins: readonly ManifestTwin[];
  readonly files: readonly ManifestFile[];
}
