/**
 * Opens the database: PostgreSQL when DATABASE_URL is set (many workers on many machines), else
 * SQLite in the data folder (DOISOAT_DATA, default ./data): the embedded default. Migrations run
 * on open; concurrent openers are serialised by Kysely's migration lock.
 */
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import { DoisoatError } from '../core/errors.js';
import { maskUrl } from '../core/redact.js';
import { openError, prepareDataDir } from './data-dir.js';
import { migrations } from './migrations.js';
import { preparingClient } from './prepared.js';
import type { Database, Dialect } from './schema.js';

export interface StoreConfig {
  /** postgres://… ; when absent, SQLite. */
  databaseUrl?: string;
  /** Folder of the SQLite file (default ./data). */
  dataDir?: string;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return {
    ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
    dataDir: env['DOISOAT_DATA'] || './data',
  };
}

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** For people: which database this is (no password). */
  where: string;
}

export const SQLITE_FILE = 'doisoat.sqlite';

export async function connect(config: StoreConfig): Promise<Connection> {
  const dataDir = config.dataDir ?? './data';
  const conn = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openSqlite(dataDir);
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(conn.dialect)) };
  const migrate = (): Promise<{ error?: unknown }> => new Migrator({ db: conn.db, provider }).migrateToLatest();
  // Kysely locks migrations on PostgreSQL (an advisory lock) but not on SQLite, which it assumes
  // has one connection: several worker processes opening a new data folder need a lock of ours.
  let error: unknown;
  try {
    ({ error } = conn.dialect === 'sqlite' ? await withSqliteLock(conn.where, migrate) : await migrate());
  } catch (err) {
    // Only the SQLite lock throws here: a data folder or file that became unwritable since open.
    await conn.db.destroy();
    throw conn.dialect === 'sqlite' ? openError(dataDir, conn.where, err) : err;
  }
  if (error) {
    await conn.db.destroy();
    throw DoisoatError.withDetail('internal-error', `Không cập nhật được cấu trúc cơ sở dữ liệu (${conn.where}).`, error);
  }
  return conn;
}

/** Opens in this process, one after another, per file (a synchronous wait would block the loop). */
const sqliteLocks = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` holding the SQLite file's migration lock: a write transaction on a small lock
 * database beside it, which other processes wait on (busy timeout).
 */
async function withSqliteLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const previous = sqliteLocks.get(file) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(async () => {
    const { default: SqliteDatabase } = await import('better-sqlite3');
    const lock = new SqliteDatabase(`${file}.lock`);
    try {
      lock.pragma('busy_timeout = 60000');
      lock.exec('CREATE TABLE IF NOT EXISTS migration_lock (id INTEGER PRIMARY KEY)');
      lock.exec('BEGIN IMMEDIATE');
      try {
        return await fn();
      } finally {
        lock.exec('COMMIT');
      }
    } finally {
      lock.close();
    }
  });
  sqliteLocks.set(file, run);
  return run;
}

async function openSqlite(dataDir: string): Promise<Connection> {
  const { default: SqliteDatabase } = await import('better-sqlite3');
  const file = path.join(dataDir, SQLITE_FILE);
  // A read-only folder or file is refused here, by name, not at the first write of a batch.
  prepareDataDir(dataDir, file);
  let database;
  try {
    database = new SqliteDatabase(file);
  } catch (err) {
    throw openError(dataDir, file, err);
  }
  try {
    // WAL lets readers (status, the waiting CLI) run beside a writing worker; several worker
    // processes on one machine wait for each other's short writes instead of failing.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 10000');
    database.pragma('foreign_keys = ON');
  } catch (err) {
    database.close();
    throw openError(dataDir, file, err);
  }
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite', where: file };
}

async function openPostgres(url: string): Promise<Connection> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4, Client: preparingClient(pg) });
  // A lost connection is reported on the pool; without a listener it would crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw DoisoatError.withDetail('connection-failed', `PostgreSQL (${maskUrl(url)}) không trả lời; hãy kiểm tra DATABASE_URL và máy chủ PostgreSQL.`, err);
  }
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', where: maskUrl(url) };
}
