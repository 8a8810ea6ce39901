/**
 * Mutations of real fixtures for `npm run fuzz`: seeded, so a run can be repeated input for input.
 * Each takes the fixture's bytes and a random source and returns new bytes and a name for the
 * mutation (the input's file name carries it, so a finding can be traced back and replayed).
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';

/** A seeded source of randomness (mulberry32): the same seed gives the same inputs. */
export interface Random {
  /** 0 ≤ x < 1. */
  next(): number;
  /** An integer 0 ≤ n < max. */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

export interface Mutated {
  bytes: Uint8Array;
  /** What was done, short and file-name safe ("bitflip-12", "truncate-4096"). */
  mutation: string;
}

export type Mutation = (bytes: Uint8Array, random: Random, donor: Uint8Array) => Mutated;

/** 1 to 64 bits flipped anywhere. */
export const bitFlips: Mutation = (bytes, random) => {
  const out = bytes.slice();
  const n = 1 + random.int(64);
  for (let i = 0; i < n && out.length > 0; i++) out[random.int(out.length)]! ^= 1 << random.int(8);
  return { bytes: out, mutation: `bitflip-${n}` };
};

/** Cut at a random length (the head kept). */
export const truncation: Mutation = (bytes, random) => {
  const at = random.int(bytes.length);
  return { bytes: bytes.slice(0, at), mutation: `truncate-${at}` };
};

/** A run of bytes overwritten with random ones or with a piece of another fixture. */
export const overwrite: Mutation = (bytes, random, donor) => {
  const out = bytes.slice();
  const len = 1 + random.int(Math.min(4096, Math.max(1, out.length)));
  const at = random.int(Math.max(1, out.length - len));
  const from = random.int(Math.max(1, donor.length - len));
  for (let i = 0; i < len && at + i < out.length; i++) out[at + i] = random.next() < 0.5 ? random.int(256) : (donor[from + i] ?? 0);
  return { bytes: out, mutation: `overwrite-${len}` };
};

/** A zip's entries, refusing (throwing) when they would inflate past 20 MB. */
function unzipSmall(bytes: Uint8Array): Unzipped {
  let total = 0;
  const sizes = unzipSync(bytes, { filter: (f) => ((total += f.originalSize), false) });
  if (Object.keys(sizes).length > 0 || total > 20 * 2 ** 20) throw new Error('too large to rebuild');
  return unzipSync(bytes);
}

/**
 * A zip (DOCX) rebuilt with one entry changed: replaced by another fixture's entry of the same
 * name or any name, emptied, duplicated under another name, removed, or its bytes flipped.
 */
export const zipSplice: Mutation = (bytes, random, donor) => {
  let entries: Unzipped;
  let donorEntries: Unzipped;
  try {
    entries = unzipSmall(bytes);
    donorEntries = unzipSmall(donor);
  } catch {
    // Not a zip, or a zip bomb (fixtures/bad has one): its bytes are mutated as they are.
    return bitFlips(bytes, random, donor);
  }
  const names = Object.keys(entries);
  const donorNames = Object.keys(donorEntries);
  if (names.length === 0) return truncation(bytes, random, donor);
  const name = random.pick(names);
  const kind = random.int(5);
  if (kind === 0 && donorNames.length > 0) entries[name] = donorEntries[random.pick(donorNames)]!;
  else if (kind === 1) entries[name] = new Uint8Array(0);
  else if (kind === 2) entries[`${name}.copy`] = entries[name]!;
  else if (kind === 3) delete entries[name];
  else entries[name] = new Uint8Array(bitFlips(entries[name]!, random, donor).bytes);
  const what = ['donor', 'empty', 'duplicate', 'remove', 'flip'][kind]!;
  return { bytes: new Uint8Array(zipSync(entries, { level: random.int(2) === 0 ? 0 : 6 })), mutation: `zip-${what}-${name.replace(/[^\w.-]+/g, '_')}` };
};

const OBJECT = /\d+\s+\d+\s+obj\b[\s\S]*?\bendobj\b/g;

/** Two of a PDF's objects swapped in place (offsets in the cross-reference table then lie), or one removed. */
export const pdfObjects: Mutation = (bytes, random, donor) => {
  const text = Buffer.from(bytes).toString('latin1');
  const found = [...text.matchAll(OBJECT)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  if (found.length < 2) return bitFlips(bytes, random, donor);
  const a = found[random.int(found.length)]!;
  const b = found[random.int(found.length)]!;
  if (random.int(4) === 0) {
    const out = text.slice(0, a.start) + text.slice(a.end);
    return { bytes: new Uint8Array(Buffer.from(out, 'latin1')), mutation: `pdf-remove-${a.start}` };
  }
  const [x, y] = a.start <= b.start ? [a, b] : [b, a];
  if (x === y || x.end > y.start) return bitFlips(bytes, random, donor);
  const out = text.slice(0, x.start) + text.slice(y.start, y.end) + text.slice(x.end, y.start) + text.slice(x.start, x.end) + text.slice(y.end);
  return { bytes: new Uint8Array(Buffer.from(out, 'latin1')), mutation: `pdf-swap-${x.start}-${y.start}` };
};

/** The mutations that fit a fixture's kind. */
export function mutationsFor(file: string): readonly Mutation[] {
  if (/\.docx$/i.test(file)) return [bitFlips, truncation, overwrite, zipSplice, zipSplice];
  if (/\.pdf$/i.test(file)) return [bitFlips, truncation, overwrite, pdfObjects, pdfObjects];
  return [bitFlips, truncation, overwrite];
}
