/**
 * The store: the only module that knows SQL. Documents (keyed by sha256, original bytes kept),
 * audits (keyed by document + pipeline version, the full ReportAudit), flags (a row each, ready
 * for review), batches, runs, and the review desk's users and sessions. The database is the
 * source of truth; Redis is only transport.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { DoisoatError } from '../core/errors.js';
import { errorAudit, NO_FILE_SHA, type AuditFormat, type Flag, type ReportAudit, type Severity, type Span } from '../core/report-audit.js';
import type { Role } from '../core/roles.js';
import { reportKey, reportName } from '../core/report-part.js';
import { PIPELINE_VERSION } from '../core/version.js';
import { flagIdentity, searchKey, type FlagIdentity } from './identity.js';
import { listSummaries, refreshCounts, reviewCounts, summaryRow, summaryYears, writeSummary, type ReportFilter, type ReportRow, type SummarySource } from './report-list.js';
import { prepared } from './prepared.js';
import { connect, storeConfigFromEnv, type Connection, type StoreConfig } from './connect.js';
import type { AuditsTable, BatchKind, Database, DecisionsTable, Dialect, FlagsTable, RunsTable } from './schema.js';

export type { BatchKind } from './schema.js';
export { SUMMARY_SORTS, type ReportFilter, type ReportRow, type ReviewCondition, type SummarySort } from './report-list.js';
export type { Role } from '../core/roles.js';

/** One submitted path: its bytes when they could be read, a document already stored, or why not. */
export type SubmittedItem =
  | { path: string; file: { bytes: Uint8Array; sha256: string; format: AuditFormat } }
  | { path: string; stored: { sha256: string } }
  | { path: string; sha256?: string; error: { code: string; message: string } };

/** The content hash of a file refused at registration, when it could be read (not the no-file hash). */
function refusedSha(item: SubmittedItem): string | null {
  return 'error' in item && item.sha256 && item.sha256 !== NO_FILE_SHA ? item.sha256 : null;
}

/** The document an item names, if any. */
export function itemSha(item: SubmittedItem): string | null {
  if ('file' in item) return item.file.sha256;
  if ('stored' in item) return item.stored.sha256;
  return null;
}

export interface RegisteredItem {
  position: number;
  path: string;
  sha256: string | null;
  /** The format sniffed from bytes read now (null for a stored document or an error). */
  format: string | null;
  /** The document already has a result for this pipeline version. */
  hasResult: boolean;
  /** The store had never seen these bytes before. */
  isNew: boolean;
}

export interface RegisteredBatch {
  id: string;
  items: RegisteredItem[];
}

export interface BatchProgress {
  size: number;
  done: number;
  /** The documents (sha256) of the items not done yet, once per item. */
  pending: string[];
}

export type SaveOutcome = 'stored' | 'kept';

export interface SaveOptions {
  /** The batch whose job wrote it. */
  batchId?: string | null;
  /** A forced run: rewrite what is there. */
  replace?: boolean;
  /** Finish this run in the same write. */
  run?: RunTiming;
}

export interface StoreStats {
  documents: number;
  withResult: number;
  withoutResult: number;
  errors: number;
  flagged: number;
  /** The latest batches; `resumable`: an enqueue of paths, which a rerun of the same command resumes. */
  batches: Array<{ id: string; kind: string; size: number; createdAt: string; finishedAt: string | null; heartbeatAt: string | null; resumable: boolean }>;
}

/** What a processor needs of a document: its name, its bytes, whether it is done. */
export interface ProcessingDocument {
  firstPath: string;
  format: string;
  bytes: Uint8Array;
  hasResult: boolean;
}

export interface RunStart {
  sha256: string;
  batchId: string | null;
  queue: string;
  worker: string;
}

/** A run to finish: its id and when it started (performance.now()). */
export interface RunTiming {
  id: number;
  startedMs: number;
}

export interface RunRecord {
  id: number;
  sha256: string;
  batchId: string | null;
  queue: string;
  worker: string;
  outcome: string | null;
  error: string | null;
}

/** An account of the review desk, as stored. */
export interface UserRecord {
  id: number;
  name: string;
  role: Role;
  /** scrypt$N$r$p$salt$key: for verifying only, never to show. */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
}

/** A live session (not expired, its user not disabled). */
export interface SessionRecord {
  /** sha256 (hex) of the session token. */
  idHash: string;
  csrfToken: string;
  expiresAt: string;
  user: UserRecord;
}

export interface NewSession {
  /** sha256 (hex) of the session token: the token itself is never stored. */
  idHash: string;
  /** The user's id (UserRecord.id). */
  userId: number | string;
  csrfToken: string;
  /** An instant (ISO-8601); stored normalised to UTC. */
  expiresAt: string;
  address?: string;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
}

function userRecord(r: UserRow): UserRecord {
  return { id: Number(r.id), name: r.name, role: r.role, passwordHash: r.password_hash, disabled: Number(r.disabled) !== 0, createdAt: r.created_at };
}

const now = (): string => new Date().toISOString();

/** A flag's identity columns (rule is a column of its own already). */
function identityColumns(flag: Flag): Omit<FlagIdentity, 'rule'> {
  const { rule: _rule, ...rest } = flagIdentity(flag);
  return rest;
}

/** A document row as read for processing: `bytes` as the dialect's `bytesColumn` gives them. */
interface ProcessingRow {
  first_path: string | null;
  format: string | null;
  bytes: string | Uint8Array | null;
  audited: string | null;
}

/** The row as the pipeline takes it, the bytes decoded or viewed without a copy; null if missing. */
function processingDocument(row: ProcessingRow): ProcessingDocument | null {
  if (row.first_path === null || row.format === null || row.bytes === null) return null;
  const b = typeof row.bytes === 'string' ? Buffer.from(row.bytes, 'base64') : row.bytes;
  return { firstPath: row.first_path, format: row.format, bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength), hasResult: row.audited !== null };
}


export interface FlagRecord {
  seq: number;
  rule: string;
  severity: Severity;
  message: string;
  evidence: Span[];
  groupId: string | null;
  declared: string | null;
  recomputed: string | null;
}

export type DecisionValue = 'confirmed' | 'dismissed';

export interface DecisionRecord {
  id: number;
  sha256: string;
  rule: string;
  groupId: string | null;
  declared: string | null;
  recomputed: string | null;
  /** The pipeline version and index of the flag when it was decided. */
  pipelineVersion: string;
  seq: number;
  decision: DecisionValue;
  note: string;
  userName: string;
  decidedAt: string;
}

export interface NewDecision {
  sha256: string;
  /** The flag decided on, as stored (its identity is copied into the decision). */
  flag: FlagRecord;
  decision: DecisionValue;
  note: string;
  userName: string;
}

export interface ReportDetailRecord {
  sha256: string;
  firstPath: string;
  audit: ReportAudit;
  flags: FlagRecord[];
  /** Every decision ever made on the document's flags, oldest first. */
  decisions: DecisionRecord[];
}

/** A decisions row as read: the table's columns (its generated id may come back as text). */
type DecisionRow = Omit<Selectable<DecisionsTable>, 'id'> & { id: number | string };

/** A flags row as read, as the review desk uses it. */
function flagRecord(f: Pick<Selectable<FlagsTable>, 'seq' | 'rule' | 'severity' | 'message' | 'evidence' | 'group_id' | 'declared' | 'recomputed'>): FlagRecord {
  return {
    seq: Number(f.seq),
    rule: f.rule,
    severity: f.severity as Severity,
    message: f.message,
    evidence: JSON.parse(f.evidence) as Span[],
    groupId: f.group_id,
    declared: f.declared,
    recomputed: f.recomputed,
  };
}

function decisionRecord(r: DecisionRow): DecisionRecord {
  return {
    id: Number(r.id),
    sha256: r.sha256,
    rule: r.rule,
    groupId: r.group_id,
    declared: r.declared,
    recomputed: r.recomputed,
    pipelineVersion: r.pipeline_version,
    seq: Number(r.seq),
    decision: r.decision as DecisionValue,
    note: r.note,
    userName: r.user_name,
    decidedAt: r.decided_at,
  };
}

/** A report's audit as its row: the columns the store filters on and the JSON. */
function auditRow(sha256: string, version: string, audit: ReportAudit, batchId: string | null, at: string): Insertable<AuditsTable> {
  return {
    sha256,
    pipeline_version: version,
    batch_id: batchId,
    format: audit.format,
    unit_name: audit.unit?.name ?? null,
    year: audit.year,
    total: audit.declared.total ? String(audit.declared.total.value) : null,
    recomputed_total: audit.recomputed.total === null ? null : String(audit.recomputed.total),
    classification: audit.declared.classification?.text ?? null,
    flag_count: audit.flags.length,
    error_flag_count: audit.flags.filter((f) => f.severity === 'error').length,
    error_code: audit.error?.code ?? null,
    audit: JSON.stringify(audit),
    created_at: at,
    updated_at: at,
  };
}

/** A result row's audits: a bundle's row holds an array, any other one audit. */
function fileAudits(json: string): ReportAudit[] {
  const parsed = JSON.parse(json) as ReportAudit | ReportAudit[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** The audit row's part of its summary row (store/report-list.ts). */
function summarySource(row: Insertable<AuditsTable>): Omit<SummarySource, 'first_path'> {
  return {
    sha256: row.sha256,
    pipeline_version: row.pipeline_version,
    unit_name: row.unit_name ?? null,
    year: row.year ?? null,
    format: row.format,
    total: row.total ?? null,
    recomputed_total: row.recomputed_total ?? null,
    classification: row.classification ?? null,
    error_code: row.error_code ?? null,
  };
}

export class Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly where: string;
  readonly version: string;

  private constructor(conn: Connection, version: string) {
    this.db = conn.db;
    this.dialect = conn.dialect;
    this.where = conn.where;
    this.version = version;
  }

  /** Opens (and migrates) the database named by the config, by default from the environment. */
  static async open(config: StoreConfig = storeConfigFromEnv(), version: string = PIPELINE_VERSION): Promise<Store> {
    return new Store(await connect(config), version);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Registers a batch with all its items at once (see createBatch and addItems for batches too
   * large to hold in memory). Nothing is queued yet: a crash after this leaves documents without
   * a result, which `reconcile` finds.
   */
  async registerBatch(kind: BatchKind, items: readonly SubmittedItem[], options: { source?: string; force?: boolean } = {}): Promise<RegisteredBatch> {
    const id = await this.createBatch(kind, options);
    const registered = await this.addItems(id, 0, items);
    return { id, items: registered };
  }

  /** A new, empty batch; its size grows with addItems. Held (heartbeat now) by its creator. */
  async createBatch(kind: BatchKind, options: { source?: string; force?: boolean; inputsKey?: string } = {}): Promise<string> {
    const id = randomUUID();
    const at = now();
    await this.db
      .insertInto('batches')
      .values({ id, kind, source: options.source ?? null, force: options.force ? 1 : 0, size: 0, created_at: at, finished_at: null, inputs_key: options.inputsKey ?? null, heartbeat_at: at })
      .execute();
    return id;
  }

  /**
   * Adds items to a batch at `position` onward, in one transaction: every document and its bytes
   * first (a document already known is kept as it is), then the items.
   */
  async addItems(batchId: string, position: number, items: readonly SubmittedItem[]): Promise<RegisteredItem[]> {
    const registeredAt = now();
    return this.#write(async (trx) => {
      const shas = [...new Set(items.flatMap((i) => itemSha(i) ?? []))];
      const known = await this.#existing(trx, shas);
      const withResult = await this.#withResult(trx, shas);
      // New documents and their bytes in multi-row inserts (a statement per document cost the
      // enqueuer two round trips each before any job could start).
      const fresh = new Map<string, { path: string; bytes: Uint8Array; format: AuditFormat }>();
      for (const item of items) {
        if ('file' in item && !known.has(item.file.sha256) && !fresh.has(item.file.sha256)) fresh.set(item.file.sha256, { path: item.path, ...item.file });
      }
      const docs = [...fresh].map(([sha256, f]) => ({ sha256, size: f.bytes.byteLength, format: f.format, first_path: f.path, registered_at: registeredAt }));
      for (let i = 0; i < docs.length; i += 200) {
        await trx
          .insertInto('documents')
          .values(docs.slice(i, i + 200))
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
      }
      // Files by size, so that a statement holds a few MiB at most (pg builds each in memory).
      let files: Array<{ sha256: string; bytes: Buffer }> = [];
      let held = 0;
      const flushFiles = async (): Promise<void> => {
        if (files.length === 0) return;
        await trx
          .insertInto('files')
          .values(files)
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
        files = [];
        held = 0;
      };
      for (const [sha256, f] of fresh) {
        files.push({ sha256, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) });
        held += f.bytes.byteLength;
        if (held >= 4 * 1024 * 1024 || files.length >= 200) await flushFiles();
      }
      await flushFiles();
      const rows = items.map((item, i) => ({
        batch_id: batchId,
        position: position + i,
        path: item.path,
        sha256: itemSha(item),
        refused_sha256: refusedSha(item),
        error_code: 'error' in item ? item.error.code : null,
        error_message: 'error' in item ? item.error.message : null,
      }));
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('batch_items').values(rows.slice(i, i + 200)).execute();
      await trx
        .updateTable('batches')
        .set((eb) => ({ size: eb('size', '+', items.length) }))
        .where('id', '=', batchId)
        .execute();
      return items.map((item, i) => {
        const sha256 = itemSha(item);
        return {
          position: position + i,
          path: item.path,
          sha256,
          format: 'file' in item ? item.file.format : null,
          hasResult: sha256 !== null && withResult.has(sha256),
          isNew: sha256 !== null && !known.has(sha256),
        };
      });
    });
  }

  async getDocument(sha256: string): Promise<{ sha256: string; format: string; first_path: string; size: number } | null> {
    const row = await this.db.selectFrom('documents').select(['sha256', 'format', 'first_path', 'size']).where('sha256', '=', sha256).executeTakeFirst();
    return row ?? null;
  }

  /** Contents ever submitted: registered documents, and files refused at registration. */
  async knownSubmissions(shas: readonly string[]): Promise<Set<string>> {
    const out = await this.#existing(this.db, shas);
    const rest = shas.filter((sha) => !out.has(sha));
    for (let i = 0; i < rest.length; i += 500) {
      const rows = await this.db.selectFrom('batch_items').select('refused_sha256').distinct().where('refused_sha256', 'in', rest.slice(i, i + 500)).execute();
      for (const r of rows) if (r.refused_sha256) out.add(r.refused_sha256);
    }
    return out;
  }

  /**
   * Stores what processing a document gave: its one audit (saveAudit), or, for a bundle of several
   * reports, the file's result row and each report as a document of its own (pointing at the file
   * and its pages) with its audit, flags and summary row, all in one transaction.
   */
  async saveAudits(sha256: string, audits: readonly ReportAudit[], options: SaveOptions = {}): Promise<SaveOutcome> {
    const [first] = audits;
    if (!first) throw new DoisoatError('internal-error', 'saveAudits: no audit to store');
    if (audits.length === 1 && !first.part) return this.saveAudit(sha256, first, options);
    const at = now();
    const fileRow: Insertable<AuditsTable> = {
      ...auditRow(sha256, this.version, first, options.batchId ?? null, at),
      unit_name: null,
      year: null,
      total: null,
      recomputed_total: null,
      classification: null,
      // The flags are the reports' own; counted on their rows, not twice.
      flag_count: 0,
      error_flag_count: 0,
      audit: JSON.stringify(audits),
    };
    return this.#write(async (trx) => {
      const written = await this.#writeAuditRow(trx, fileRow, options.replace ?? false);
      const stored = written !== 'kept';
      if (written === 'replaced') await this.#dropReports(trx, sha256, audits.map((a) => reportKey(sha256, a.part)));
      if (stored) {
        const file = await trx.selectFrom('documents').select(['first_path', 'size']).where('sha256', '=', sha256).executeTakeFirstOrThrow();
        for (const audit of audits) {
          const key = reportKey(sha256, audit.part);
          await trx
            .insertInto('documents')
            .values({
              sha256: key,
              size: file.size,
              format: audit.format,
              first_path: reportName({ file: file.first_path, ...(audit.part ? { part: audit.part } : {}) }),
              registered_at: at,
              parent_sha256: sha256,
              first_page: audit.part?.firstPage ?? null,
              last_page: audit.part?.lastPage ?? null,
            })
            .onConflict((oc) => oc.column('sha256').doNothing())
            .execute();
          await this.#writeAudit(trx, auditRow(key, this.version, audit, options.batchId ?? null, at), audit, true);
        }
      }
      if (options.run) await this.#finishRun(trx, options.run, stored ? 'stored' : 'kept');
      return stored ? 'stored' : 'kept';
    });
  }

  /**
   * Stores a document's audit, its flags and its summary row (the list's). Idempotent: a second
   * write for the same document and pipeline version keeps the first (`kept`) unless `replace` (a
   * forced run). Decisions live apart and are matched to the flags by identity, so they survive
   * either. With `run`, that run is finished with the outcome in the same write, so a processed
   * document costs one commit, not two.
   */
  async saveAudit(sha256: string, audit: ReportAudit, options: SaveOptions = {}): Promise<SaveOutcome> {
    const row = auditRow(sha256, this.version, audit, options.batchId ?? null, now());
    if (this.dialect === 'postgres' && !options.replace) return this.#insertAuditPostgres(row, audit, options.run);
    return this.#write(async (trx) => {
      const stored = await this.#writeAudit(trx, row, audit, options.replace ?? false);
      // Processed again, a file read as a bundle before may now be one report.
      if (stored && options.replace) await this.#dropReports(trx, sha256, [sha256]);
      if (options.run) await this.#finishRun(trx, options.run, stored ? 'stored' : 'kept');
      return stored ? 'stored' : 'kept';
    });
  }

  /**
   * On a forced run, the reports a file no longer holds under this version (its bundle split
   * differently, or became or stopped being a bundle): their summary rows, flags and audits go;
   * decisions stay, matched again if the report comes back.
   */
  async #dropReports(trx: Kysely<Database>, sha256: string, keep: readonly string[]): Promise<void> {
    const parts = await trx.selectFrom('documents').select('sha256').where('parent_sha256', '=', sha256).execute();
    const gone = [sha256, ...parts.map((p) => p.sha256)].filter((key) => !keep.includes(key));
    if (gone.length === 0) return;
    await trx.deleteFrom('report_summaries').where('sha256', 'in', gone).where('pipeline_version', '=', this.version).execute();
    await trx.deleteFrom('flags').where('sha256', 'in', gone).where('pipeline_version', '=', this.version).execute();
    // The file's own row stays: it is the file's result.
    const partRows = gone.filter((key) => key !== sha256);
    if (partRows.length > 0) await trx.deleteFrom('audits').where('sha256', 'in', partRows).where('pipeline_version', '=', this.version).execute();
  }

  /** The audit row: inserted, replaced (`replace`), or kept as it was. */
  async #writeAuditRow(trx: Kysely<Database>, row: Insertable<AuditsTable>, replace: boolean): Promise<'inserted' | 'replaced' | 'kept'> {
    const inserted = await trx
      .insertInto('audits')
      .values(row)
      .onConflict((oc) => oc.columns(['sha256', 'pipeline_version']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return 'inserted';
    if (!replace) return 'kept';
    const { created_at: _created, ...changes } = row;
    await trx.updateTable('audits').set(changes).where('sha256', '=', row.sha256).where('pipeline_version', '=', this.version).execute();
    return 'replaced';
  }

  /** A report's audit row, its flags and its summary row; false when an audit was there and is kept. */
  async #writeAudit(trx: Kysely<Database>, row: Insertable<AuditsTable>, audit: ReportAudit, replace: boolean): Promise<boolean> {
    const sha256 = row.sha256;
    const written = await this.#writeAuditRow(trx, row, replace);
    if (written === 'kept') return false;
    // Only a replaced audit can have flags already (they are written with their audit).
    if (written === 'replaced') await trx.deleteFrom('flags').where('sha256', '=', sha256).where('pipeline_version', '=', this.version).where('seq', '>=', audit.flags.length).execute();
    if (audit.flags.length > 0) {
      // One statement for all flags; on a forced run the rows are rewritten in place.
      await trx
        .insertInto('flags')
        .values(
          audit.flags.map((f, seq) => ({
            sha256,
            pipeline_version: this.version,
            seq,
            rule: f.rule,
            severity: f.severity,
            message: f.message,
            evidence: JSON.stringify(f.evidence),
            ...identityColumns(f),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['sha256', 'pipeline_version', 'seq']).doUpdateSet((eb) => ({
            rule: eb.ref('excluded.rule'),
            severity: eb.ref('excluded.severity'),
            message: eb.ref('excluded.message'),
            evidence: eb.ref('excluded.evidence'),
            group_id: eb.ref('excluded.group_id'),
            declared: eb.ref('excluded.declared'),
            recomputed: eb.ref('excluded.recomputed'),
          })),
        )
        .execute();
    }
    const doc = await trx.selectFrom('documents').select('first_path').where('sha256', '=', sha256).executeTakeFirstOrThrow();
    await writeSummary(trx, { ...summarySource(row), first_path: doc.first_path });
    return true;
  }

  /**
   * The common write on PostgreSQL (not a forced run) as one statement, hence one round trip and
   * one implicit transaction: the audit if it is not there yet, its flags and its summary row only
   * if it was inserted now (a fresh audit has neither yet), and the run finished as `stored` or
   * `kept`. The summary's counts are taken from the flags as sent (a statement's parts do not see
   * each other's rows) and the document's earlier decisions.
   */
  async #insertAuditPostgres(row: Insertable<AuditsTable>, audit: ReportAudit, run: RunTiming | undefined): Promise<SaveOutcome> {
    const flags = audit.flags;
    const ids = flags.map(identityColumns);
    const summary = summaryRow({ ...summarySource(row), first_path: '' });
    const counts = reviewCounts(sql`x f where true`, sql`${row.sha256}::text`);
    const finish = run
      ? sql`, r as (
          update runs set finished_at = ${now()}, outcome = case when exists (select 1 from a) then 'stored' else 'kept' end,
            error = null, duration_ms = ${Math.round(performance.now() - run.startedMs)}
          where id = ${run.id}
        )`
      : sql``;
    const query = sql<{ stored: boolean }>`
      with x as (
        select * from unnest(${flags.map((_, i) => i)}::integer[], ${flags.map((f) => f.rule)}::text[], ${flags.map((f) => f.severity)}::text[],
          ${flags.map((f) => f.message)}::text[], ${flags.map((f) => JSON.stringify(f.evidence))}::text[],
          ${ids.map((i) => i.group_id)}::text[], ${ids.map((i) => i.declared)}::text[], ${ids.map((i) => i.recomputed)}::text[])
          as x(seq, rule, severity, message, evidence, group_id, declared, recomputed)
      ), a as (
        insert into audits (sha256, pipeline_version, batch_id, format, unit_name, year, total, recomputed_total, classification,
          flag_count, error_flag_count, error_code, audit, created_at, updated_at)
        values (${row.sha256}, ${row.pipeline_version}, ${row.batch_id}, ${row.format}, ${row.unit_name}, ${row.year}, ${row.total},
          ${row.recomputed_total}, ${row.classification}, ${row.flag_count}, ${row.error_flag_count}, ${row.error_code}, ${row.audit},
          ${row.created_at}, ${row.updated_at})
        on conflict (sha256, pipeline_version) do nothing
        returning 1
      ), f as (
        insert into flags (sha256, pipeline_version, seq, rule, severity, message, evidence, group_id, declared, recomputed)
        select ${row.sha256}::text, ${row.pipeline_version}::text, x.seq, x.rule, x.severity, x.message, x.evidence, x.group_id, x.declared, x.recomputed
        from x where exists (select 1 from a)
      ), s as (
        insert into report_summaries (sha256, pipeline_version, first_path, unit_name, unit_key, year, format, total, recomputed_total, difference,
          total_value, recomputed_value, difference_size, classification, error_code, errors, warnings, infos, decided, undecided, confirmed)
        select ${row.sha256}::text, ${row.pipeline_version}::text, d.first_path, ${summary.unit_name}::text, ${summary.unit_key}::text, ${summary.year}::integer,
          ${summary.format}::text, ${summary.total}::text, ${summary.recomputed_total}::text, ${summary.difference}::text, ${summary.total_value}::numeric,
          ${summary.recomputed_value}::numeric, ${summary.difference_size}::numeric, ${summary.classification}::text, ${summary.error_code}::text,
          ${counts.errors}, ${counts.warnings}, ${counts.infos}, ${counts.decided}, ${counts.undecided}, ${counts.confirmed}
        from documents d where d.sha256 = ${row.sha256} and exists (select 1 from a)
      )${finish}
      select exists (select 1 from a) as stored`;
    const result = await this.db.executeQuery(prepared(query.compile(this.db)));
    return result.rows[0]?.stored ? 'stored' : 'kept';
  }

  /** What a processor needs of a document, in one query: its name, its bytes, whether it is done. */
  async documentForProcessing(sha256: string): Promise<ProcessingDocument | null> {
    const row = await this.db
      .selectFrom('documents as d')
      // A bundle's report has the bytes of its file (the review desk crops its pages).
      .innerJoin('files as f', (j) => j.on((eb) => eb('f.sha256', '=', eb.fn.coalesce('d.parent_sha256', 'd.sha256'))))
      .leftJoin('audits as a', (j) => j.onRef('a.sha256', '=', 'd.sha256').on('a.pipeline_version', '=', this.version))
      .select(['d.first_path', 'd.format', this.#bytesColumn().as('bytes'), 'a.sha256 as audited'])
      .where('d.sha256', '=', sha256)
      .executeTakeFirst();
    return row ? processingDocument(row) : null;
  }

  /**
   * A file's bytes as read for processing: on PostgreSQL in base64 (pg sends bytea as hex text,
   * twice the text to send, read and decode per document), on SQLite the blob itself.
   */
  #bytesColumn(): RawBuilder<string | Uint8Array | null> {
    return this.dialect === 'postgres' ? sql`encode(f.bytes, 'base64')` : sql`f.bytes`;
  }

  /** The audit of the report stored under this key (a file's sha256, or a bundle part's key); null for a bundle's file. */
  async getAudit(key: string): Promise<ReportAudit | null> {
    const row = await this.db.selectFrom('audits').select('audit').where('sha256', '=', key).where('pipeline_version', '=', this.version).executeTakeFirst();
    const parsed = row ? (JSON.parse(row.audit) as ReportAudit | ReportAudit[]) : null;
    return parsed === null || Array.isArray(parsed) ? null : parsed;
  }

  /** What processing the document gave: one audit per report it holds; null before its result. */
  async fileAudits(sha256: string): Promise<ReportAudit[] | null> {
    const row = await this.db.selectFrom('audits').select('audit').where('sha256', '=', sha256).where('pipeline_version', '=', this.version).executeTakeFirst();
    return row ? fileAudits(row.audit) : null;
  }

  /**
   * A batch's progress: its items done (a result, or an error at registration) so far, and the
   * documents still to come. One query; a waiter asks again when it hears of results
   * (batches/wait.ts), not several times a second.
   */
  async batchProgress(batchId: string): Promise<BatchProgress> {
    const batch = await this.db.selectFrom('batches').select(['force', 'size']).where('id', '=', batchId).executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('batch_items as i')
      .leftJoin('audits as a', (j) => j.onRef('a.sha256', '=', 'i.sha256').on('a.pipeline_version', '=', this.version))
      .select('i.sha256')
      .where('i.batch_id', '=', batchId)
      .where('i.error_code', 'is', null)
      // A forced batch waits for its own result, not the one that was there before.
      .where((eb) => (batch.force === 0 ? eb('a.sha256', 'is', null) : eb.or([eb('a.batch_id', 'is', null), eb('a.batch_id', '!=', batchId)])))
      .execute();
    return { size: batch.size, done: batch.size - rows.length, pending: rows.flatMap((r) => (r.sha256 ? [r.sha256] : [])) };
  }

  /** The batch's audits in submission order, each under the path it was submitted as: one per report. */
  async batchAudits(batchId: string): Promise<ReportAudit[]> {
    return (await this.batchItemAudits(batchId)).flat();
  }

  /** Each item's audits in submission order: one per report its file holds, or its one error audit. */
  async batchItemAudits(batchId: string): Promise<ReportAudit[][]> {
    const rows = await this.db
      .selectFrom('batch_items as i')
      .leftJoin('audits as a', (j) => j.onRef('a.sha256', '=', 'i.sha256').on('a.pipeline_version', '=', this.version))
      .leftJoin('documents as d', 'd.sha256', 'i.sha256')
      .select(['i.path', 'i.sha256', 'i.refused_sha256', 'i.error_code', 'i.error_message', 'a.audit', 'd.format'])
      .where('i.batch_id', '=', batchId)
      .orderBy('i.position')
      .execute();
    return rows.map((r) => {
      // A bundle's row holds its reports' audits: one entry per report.
      if (r.audit) return fileAudits(r.audit).map((a) => ({ ...a, file: r.path }));
      const code = (r.error_code ?? 'internal-error') as Parameters<typeof errorAudit>[3];
      const message = r.error_message ?? 'Tài liệu chưa có kết quả xử lý.';
      return [errorAudit(r.path, r.sha256 ?? r.refused_sha256 ?? NO_FILE_SHA, (r.format ?? 'unknown') as AuditFormat, code, message)];
    });
  }

  async batchInfo(batchId: string): Promise<{ id: string; kind: string; source: string | null; force: boolean; size: number; createdAt: string; finishedAt: string | null } | null> {
    const b = await this.db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirst();
    return b ? { id: b.id, kind: b.kind, source: b.source, force: b.force === 1, size: b.size, createdAt: b.created_at, finishedAt: b.finished_at } : null;
  }

  /** Removes a batch that got no items (a nightly run that found nothing new). */
  async discardEmptyBatch(batchId: string): Promise<void> {
    await this.db.deleteFrom('batches').where('id', '=', batchId).where('size', '=', 0).execute();
  }

  async finishBatch(batchId: string): Promise<void> {
    await this.db.updateTable('batches').set({ finished_at: now() }).where('id', '=', batchId).where('finished_at', 'is', null).execute();
  }

  /** The batch's heartbeat: now (its process is alive), or null (its process let go of it). */
  async touchBatch(batchId: string, alive = true): Promise<void> {
    await this.db.updateTable('batches').set({ heartbeat_at: alive ? now() : null }).where('id', '=', batchId).execute();
  }

  /** The latest unfinished enqueue batch of these inputs that no process has held since `staleBefore`. */
  async resumableBatch(inputsKey: string, staleBefore: string): Promise<{ id: string } | null> {
    const row = await this.db
      .selectFrom('batches')
      .select('id')
      .where('inputs_key', '=', inputsKey)
      .where('kind', 'in', ['enqueue', 'local'])
      .where('finished_at', 'is', null)
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ?? null;
  }

  /**
   * Takes over a batch no process holds (heartbeat still older than `staleBefore`) to register its
   * inputs again: its items go (addItems adds the new walk), its id and created_at stay. False when
   * another process got it first.
   */
  async reopenBatch(batchId: string, kind: BatchKind, staleBefore: string): Promise<boolean> {
    return this.#write(async (trx) => {
      const taken = await trx
        .updateTable('batches')
        .set({ kind, size: 0, heartbeat_at: now() })
        .where('id', '=', batchId)
        .where('finished_at', 'is', null)
        .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) return false;
      await trx.deleteFrom('batch_items').where('batch_id', '=', batchId).execute();
      return true;
    });
  }

  /** Documents whose result under this pipeline version this batch's jobs wrote. */
  async batchResults(batchId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('audits').select('sha256').where('batch_id', '=', batchId).where('pipeline_version', '=', this.version).execute();
    return new Set(rows.map((r) => r.sha256));
  }

  /** Documents registered but without a result for this pipeline version (what `reconcile` re-queues). */
  async documentsWithoutResult(): Promise<Array<{ sha256: string; format: string; first_path: string }>> {
    return this.db
      .selectFrom('documents as d')
      .leftJoin('audits as a', (j) => j.onRef('a.sha256', '=', 'd.sha256').on('a.pipeline_version', '=', this.version))
      .select(['d.sha256', 'd.format', 'd.first_path'])
      .where('a.sha256', 'is', null)
      // A bundle's reports come with their file's result.
      .where('d.parent_sha256', 'is', null)
      .orderBy('d.registered_at')
      .execute();
  }

  async startRun(run: RunStart): Promise<number> {
    const row = await this.db.insertInto('runs').values(this.#runRow(run)).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /**
   * startRun and documentForProcessing together: on PostgreSQL one statement (a round trip less
   * per document for every worker), on SQLite the two in turn. The run is committed before the
   * document is parsed, so a run in progress can be seen (and a killed one stays on record).
   */
  async beginRun(run: RunStart): Promise<{ runId: number; doc: ProcessingDocument | null }> {
    if (this.dialect !== 'postgres') return { runId: await this.startRun(run), doc: await this.documentForProcessing(run.sha256) };
    const query = this.db
      .with('r', (db) => db.insertInto('runs').values(this.#runRow(run)).returning('id'))
      .selectFrom('r')
      .leftJoin('documents as d', (j) => j.on('d.sha256', '=', run.sha256))
      .leftJoin('files as f', 'f.sha256', 'd.sha256')
      .leftJoin('audits as a', (j) => j.onRef('a.sha256', '=', 'd.sha256').on('a.pipeline_version', '=', this.version))
      .select(['r.id', 'd.first_path', 'd.format', this.#bytesColumn().as('bytes'), 'a.sha256 as audited']);
    const [row] = (await this.db.executeQuery(prepared(query.compile()))).rows;
    if (!row) throw new DoisoatError('internal-error', 'beginRun: the run insert returned no row');
    return { runId: Number(row.id), doc: processingDocument(row) };
  }

  async finishRun(id: number, outcome: string, startedMs: number, error?: string): Promise<void> {
    await this.#finishRun(this.db, { id, startedMs }, outcome, error);
  }

  #runRow(run: RunStart): Insertable<RunsTable> {
    return { sha256: run.sha256, batch_id: run.batchId, queue: run.queue, worker: run.worker, started_at: now(), finished_at: null, outcome: null, error: null, duration_ms: null };
  }

  async #finishRun(db: Kysely<Database>, run: RunTiming, outcome: string, error?: string): Promise<void> {
    await db
      .updateTable('runs')
      .set({ finished_at: now(), outcome, error: error ?? null, duration_ms: Math.round(performance.now() - run.startedMs) })
      .where('id', '=', run.id)
      .execute();
  }

  async runs(sha256?: string): Promise<RunRecord[]> {
    let q = this.db.selectFrom('runs').select(['id', 'sha256', 'batch_id', 'queue', 'worker', 'outcome', 'error']).orderBy('id');
    if (sha256) q = q.where('sha256', '=', sha256);
    const rows = await q.execute();
    return rows.map((r) => ({ id: Number(r.id), sha256: r.sha256, batchId: r.batch_id, queue: r.queue, worker: r.worker, outcome: r.outcome, error: r.error }));
  }

  async stats(): Promise<StoreStats> {
    const count = async (q: Promise<{ n: number | string | bigint } | undefined>): Promise<number> => Number((await q)?.n ?? 0);
    // Files: a bundle's reports are documents too, counted as flagged but not as files.
    const documents = await count(this.db.selectFrom('documents').where('parent_sha256', 'is', null).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst());
    const audits = this.db.selectFrom('audits').where('pipeline_version', '=', this.version);
    const withResult = await count(
      audits
        .innerJoin('documents as d', 'd.sha256', 'audits.sha256')
        .where('d.parent_sha256', 'is', null)
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    const errors = await count(audits.where('error_code', 'is not', null).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst());
    const flagged = await count(audits.where('error_flag_count', '>', 0).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst());
    const batches = await this.db
      .selectFrom('batches')
      .select(['id', 'kind', 'size', 'created_at', 'finished_at', 'heartbeat_at', 'inputs_key'])
      .orderBy('created_at', 'desc')
      .limit(5)
      .execute();
    return {
      documents,
      withResult,
      withoutResult: documents - withResult,
      errors,
      flagged,
      batches: batches.map((b) => ({
        id: b.id,
        kind: b.kind,
        size: b.size,
        createdAt: b.created_at,
        finishedAt: b.finished_at,
        heartbeatAt: b.heartbeat_at,
        resumable: b.inputs_key !== null,
      })),
    };
  }

  /** The documents with an audit under this pipeline version, filtered, sorted and paged (store/report-list.ts). */
  async listReports(filter: ReportFilter = {}): Promise<{ rows: ReportRow[]; total: number }> {
    return listSummaries(this.db, this.version, filter);
  }

  /** The years the stored reports are for, latest first. */
  async reportYears(): Promise<number[]> {
    return summaryYears(this.db, this.version);
  }

  /** A document's audit under this pipeline version, its flags as stored and every decision on it; null if none. */
  async reportDetail(sha256: string): Promise<ReportDetailRecord | null> {
    const row = await this.db
      .selectFrom('audits as a')
      .innerJoin('documents as d', 'd.sha256', 'a.sha256')
      .select(['a.audit', 'd.first_path'])
      .where('a.sha256', '=', sha256)
      .where('a.pipeline_version', '=', this.version)
      .executeTakeFirst();
    if (!row) return null;
    const flags = await this.db
      .selectFrom('flags')
      .select(['seq', 'rule', 'severity', 'message', 'evidence', 'group_id', 'declared', 'recomputed'])
      .where('sha256', '=', sha256)
      .where('pipeline_version', '=', this.version)
      .orderBy('seq')
      .execute();
    return {
      sha256,
      firstPath: row.first_path,
      audit: JSON.parse(row.audit) as ReportAudit,
      flags: flags.map(flagRecord),
      decisions: await this.decisionsFor(sha256),
    };
  }

  /** Appends a decision (decisions are never changed or removed). */
  async addDecision(d: NewDecision): Promise<DecisionRecord> {
    return this.#write(async (trx) => {
      const row = await trx
        .insertInto('decisions')
        .values({
          sha256: d.sha256,
          rule: d.flag.rule,
          group_id: d.flag.groupId,
          declared: d.flag.declared,
          recomputed: d.flag.recomputed,
          pipeline_version: this.version,
          seq: d.flag.seq,
          decision: d.decision,
          note: d.note,
          user_name: d.userName,
          decided_at: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The document's list rows count it from now on, every version's (decisions carry over).
      await refreshCounts(trx, d.sha256);
      return decisionRecord(row);
    });
  }

  /** Every decision on a document's flags, under any pipeline version, oldest first. */
  async decisionsFor(sha256: string): Promise<DecisionRecord[]> {
    const rows = await this.db.selectFrom('decisions').selectAll().where('sha256', '=', sha256).orderBy('id').execute();
    return rows.map(decisionRecord);
  }

  /**
   * For many documents at once (exports): each one's flags under this pipeline version (by seq)
   * and every decision on it (oldest first), two queries per 500 documents. Unknown ones are absent.
   */
  async flagsAndDecisions(shas: readonly string[]): Promise<Map<string, { flags: FlagRecord[]; decisions: DecisionRecord[] }>> {
    const out = new Map<string, { flags: FlagRecord[]; decisions: DecisionRecord[] }>();
    const unique = [...new Set(shas)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const [flags, decisions] = await Promise.all([
        this.db
          .selectFrom('flags')
          .select(['sha256', 'seq', 'rule', 'severity', 'message', 'evidence', 'group_id', 'declared', 'recomputed'])
          .where('sha256', 'in', chunk)
          .where('pipeline_version', '=', this.version)
          .orderBy('sha256')
          .orderBy('seq')
          .execute(),
        this.db.selectFrom('decisions').selectAll().where('sha256', 'in', chunk).orderBy('id').execute(),
      ]);
      const entry = (sha: string): { flags: FlagRecord[]; decisions: DecisionRecord[] } => {
        let e = out.get(sha);
        if (!e) out.set(sha, (e = { flags: [], decisions: [] }));
        return e;
      };
      for (const f of flags) {
        entry(f.sha256).flags.push(flagRecord(f));
      }
      for (const d of decisions) entry(d.sha256).decisions.push(decisionRecord(d));
    }
    return out;
  }

  /** A new account; a name already taken → DoisoatError 'user-exists'. */
  async createUser(user: { name: string; role: Role; passwordHash: string }): Promise<UserRecord> {
    const row = await this.db
      .insertInto('users')
      .values({ name: user.name, role: user.role, password_hash: user.passwordHash, disabled: 0, created_at: now() })
      .onConflict((oc) => oc.column('name').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw DoisoatError.withDetail('user-exists', `(${user.name})`);
    return userRecord(row);
  }

  async getUser(name: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? userRecord(row) : null;
  }

  /** Every account, by name (code-point order, the same on both databases). */
  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().execute();
    return rows.map(userRecord).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A new password hash; the user's sessions end with the old password. */
  async setPassword(name: string, passwordHash: string): Promise<void> {
    await this.#updateUserEndingSessions(name, { password_hash: passwordHash });
  }

  /** The account may no longer log in, and its sessions end now. */
  async disableUser(name: string): Promise<void> {
    await this.#updateUserEndingSessions(name, { disabled: 1 });
  }

  async #updateUserEndingSessions(name: string, changes: { password_hash?: string; disabled?: number }): Promise<void> {
    await this.#write(async (trx) => {
      const updated = await trx.updateTable('users').set(changes).where('name', '=', name).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw DoisoatError.withDetail('user-not-found', `(${name})`);
      await trx
        .deleteFrom('sessions')
        .where('user_id', 'in', trx.selectFrom('users').select('id').where('name', '=', name))
        .execute();
    });
  }

  /** Stores a session (expired ones are removed on the way). */
  async createSession(s: NewSession): Promise<void> {
    const expires = new Date(s.expiresAt);
    const userId = Number(s.userId);
    if (Number.isNaN(expires.getTime())) throw new DoisoatError('internal-error', `createSession: invalid expiresAt ${s.expiresAt}`);
    if (!Number.isSafeInteger(userId)) throw new DoisoatError('internal-error', `createSession: invalid userId ${String(s.userId)}`);
    const at = now();
    await this.db.deleteFrom('sessions').where('expires_at', '<=', at).execute();
    await this.db
      .insertInto('sessions')
      .values({ id: s.idHash, user_id: userId, csrf_token: s.csrfToken, created_at: at, expires_at: expires.toISOString(), address: s.address ?? null })
      .execute();
  }

  /** The session and its user; null if there is none, it has expired, or the user is disabled. */
  async getSession(idHash: string): Promise<SessionRecord | null> {
    const query = this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id as id_hash', 's.csrf_token', 's.expires_at', 'u.id', 'u.name', 'u.role', 'u.password_hash', 'u.disabled', 'u.created_at'])
      .where('s.id', '=', idHash)
      .where('s.expires_at', '>', now())
      .where('u.disabled', '=', 0)
      .compile();
    // Asked on every request of the web server: prepared on PostgreSQL (a fixed text).
    const [row] = (await this.db.executeQuery(this.dialect === 'postgres' ? prepared(query) : query)).rows;
    return row ? { idHash: row.id_hash, csrfToken: row.csrf_token, expiresAt: row.expires_at, user: userRecord(row) } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', idHash).execute();
  }

  async #existing(db: Kysely<Database>, shas: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < shas.length; i += 500) {
      const rows = await db.selectFrom('documents').select('sha256').where('sha256', 'in', shas.slice(i, i + 500)).execute();
      for (const r of rows) out.add(r.sha256);
    }
    return out;
  }

  async #withResult(db: Kysely<Database>, shas: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < shas.length; i += 500) {
      const rows = await db
        .selectFrom('audits')
        .select('sha256')
        .where('pipeline_version', '=', this.version)
        .where('sha256', 'in', shas.slice(i, i + 500))
        .execute();
      for (const r of rows) out.add(r.sha256);
    }
    return out;
  }

  /**
   * A write transaction. SQLite's is taken with BEGIN IMMEDIATE: several worker processes share
   * the file, and a deferred transaction that later needs the write lock fails at once with
   * SQLITE_BUSY instead of waiting its turn.
   */
  #write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.db.transaction().execute(fn);
    return this.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw err;
      }
    });
  }
}
