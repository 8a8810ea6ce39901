/** Parsers for command-line option values, with Vietnamese messages. */
import { InvalidArgumentError } from 'commander';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('phải là số nguyên dương.');
  return n;
}
