/**
 * Prepared statements on PostgreSQL for what runs once per document. Kysely sends every query
 * unnamed, so the server parses and plans it each time; a statement whose text starts with
 * `PREPARED` is instead sent as a named statement (named by its text), which node-postgres
 * prepares once per connection and then only binds and runs: that nearly halves PostgreSQL's CPU
 * for the two statements a worker runs per document (docs/decisions/0006-prepared-statements-for-per-document-sql.md).
 *
 * Only fixed texts may be marked: each distinct text stays prepared on every pooled connection.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { CompiledQuery } from 'kysely';

export const PREPARED = '/* prepared */ ';

/** The query marked to be prepared (run it with `db.executeQuery`). */
export function prepared<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  return { ...query, sql: PREPARED + query.sql };
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `doisoat_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

/** A pg Client class that sends marked statements as named ones (for `new pg.Pool({ Client })`). */
export function preparingClient(pgModule: typeof pg): typeof pg.Client {
  const query = pgModule.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  class PreparingClient extends pgModule.Client {}
  // Kysely calls query(text, values) and awaits the promise.
  PreparingClient.prototype.query = function (this: pg.Client, ...args: unknown[]): unknown {
    const [text, values] = args;
    if (args.length <= 2 && typeof text === 'string' && text.startsWith(PREPARED) && (values === undefined || Array.isArray(values))) {
      return query.call(this, { name: statementName(text), text, values });
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return PreparingClient;
}
