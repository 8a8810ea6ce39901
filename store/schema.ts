/**
 * The database's tables as Kysely types: one schema for SQLite and PostgreSQL (store/migrations.ts
 * creates it). Times are ISO-8601 text and decimals are exact decimal text ("21.3"), so both
 * databases store and return the same values.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../core/roles.js';

/** The two databases the store runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** Where a batch came from. */
export type BatchKind = 'enqueue' | 'local' | 'nightly' | 'reconcile';

export interface DocumentsTable {
  /** sha256 of the file's bytes: the same file under any name is one document. */
  sha256: string;
  size: number;
  /** What the bytes are (docx, pdf, image…), sniffed when registered. */
  format: string;
  /** The path it was first submitted under (the original name, for people). */
  first_path: string;
  registered_at: string;
  /** One report of a bundle: the file it is in (its bytes are the file's) and the file's pages it covers. */
  parent_sha256: string | null;
  first_page: number | null;
  last_page: number | null;
}

/** Original files, content-addressed: the bytes a job reads are exactly the bytes registered. */
export interface FilesTable {
  sha256: string;
  bytes: Uint8Array;
}

export interface BatchesTable {
  id: string;
  kind: BatchKind;
  /** The inbox folder of a nightly run, else null. */
  source: string | null;
  /** 1: documents are processed again even if they have a result. */
  force: number;
  size: number;
  created_at: string;
  finished_at: string | null;
  /** sha256 of the paths (absolute, in order) and force of an enqueue: what a rerun resumes by. Null for other batches. */
  inputs_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Last sign of life of the process running or waiting for it; null when none holds it. */
  heartbeat_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One submitted path of a batch, in order; a path that could not be registered keeps its error. */
export interface BatchItemsTable {
  batch_id: string;
  position: number;
  path: string;
  sha256: string | null;
  /** The content hash of a file refused at registration (it is no document). */
  refused_sha256: string | null;
  error_code: string | null;
  error_message: string | null;
}

/** The result of one document under one pipeline version. */
export interface AuditsTable {
  sha256: string;
  pipeline_version: string;
  /** The batch whose job wrote it. */
  batch_id: string | null;
  format: string;
  unit_name: string | null;
  year: number | null;
  /** Declared total and the recomputed one, exact decimal text. */
  total: string | null;
  recomputed_total: string | null;
  classification: string | null;
  flag_count: number;
  error_flag_count: number;
  error_code: string | null;
  /** The full ReportAudit JSON. */
  audit: string;
  created_at: string;
  updated_at: string;
}

/**
 * What the review desk's list and ranking show of an audit, a narrow row each (store/report-list.ts):
 * derived from the audit, its document, its flags and the decisions on them, and kept in step with
 * them by every write. Sort values are exact decimals in a numeric column.
 */
export interface ReportSummariesTable {
  sha256: string;
  pipeline_version: string;
  first_path: string;
  unit_name: string | null;
  /** The commune's name folded for search (store/identity.ts searchKey). */
  unit_key: string | null;
  year: number | null;
  format: string;
  /** Exact decimal text: declared, recomputed, declared − recomputed. */
  total: string | null;
  recomputed_total: string | null;
  difference: string | null;
  /** For sorting: the declared and recomputed totals and |declared − recomputed|. */
  total_value: string | null;
  recomputed_value: string | null;
  difference_size: string | null;
  classification: string | null;
  error_code: string | null;
  /** Flags by severity. */
  errors: number;
  warnings: number;
  infos: number;
  /** Error and warning flags with a decision, without one, and whose latest decision confirms. */
  decided: number;
  undecided: number;
  confirmed: number;
}

/** One flag of an audit, ready for an auditor's decision. */
export interface FlagsTable {
  sha256: string;
  pipeline_version: string;
  /** Its index in the audit's `flags`. */
  seq: number;
  rule: string;
  severity: string;
  message: string;
  /** JSON array of spans. */
  evidence: string;
  /** The flag's identity with `rule` (store/identity.ts): what a decision is matched on. */
  group_id: ColumnType<string | null, string | null | undefined, string | null>;
  declared: ColumnType<string | null, string | null | undefined, string | null>;
  recomputed: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An auditor's decision on a flag, append-only: the latest per flag identity counts. */
export interface DecisionsTable {
  id: Generated<number>;
  sha256: string;
  rule: string;
  group_id: string | null;
  declared: string | null;
  recomputed: string | null;
  /** The pipeline version and index of the flag when it was decided. */
  pipeline_version: string;
  seq: number;
  /** 'confirmed' (a real discrepancy) or 'dismissed'. */
  decision: string;
  note: string;
  user_name: string;
  decided_at: string;
}

/** Each time a processor took a document: proves what ran how often, and on which worker. */
export interface RunsTable {
  id: Generated<number>;
  sha256: string;
  batch_id: string | null;
  queue: string;
  worker: string;
  started_at: string;
  finished_at: string | null;
  /** 'stored' (result written), 'kept' (a result was already there), 'deferred' (sent to the scans queue), 'missing' (not registered), 'failed'. */
  outcome: string | null;
  error: string | null;
  duration_ms: ColumnType<number | null, number | null, number | null>;
}

/** An account of the review desk. */
export interface UsersTable {
  id: Generated<number>;
  /** The login name, unique. */
  name: string;
  role: Role;
  /** scrypt$N$r$p$salt$key (accounts/passwords.ts); never the password. */
  password_hash: string;
  /** 1: the account may not log in. */
  disabled: Generated<number>;
  created_at: string;
}

/** A logged-in session. The id is the sha256 (hex) of the session token: the token is never stored. */
export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** The client's address when it logged in, if known. */
  address: string | null;
}

export interface Database {
  documents: DocumentsTable;
  files: FilesTable;
  batches: BatchesTable;
  batch_items: BatchItemsTable;
  audits: AuditsTable;
  report_summaries: ReportSummariesTable;
  flags: FlagsTable;
  runs: RunsTable;
  users: UsersTable;
  sessions: SessionsTable;
  decisions: DecisionsTable;
}
