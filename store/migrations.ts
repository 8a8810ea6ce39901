/**
 * Migrations, in code (compiled with the rest, no folder to find at run time). Column types are
 * the ones both SQLite and PostgreSQL understand; only the blob and the generated id differ.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { flagIdentity, searchKey } from './identity.js';
import { refreshCounts, summaryRow, SUMMARY_SORT_COLUMNS, type SummarySource } from './report-list.js';
import type { Database, Dialect } from './schema.js';

export function migrations(dialect: Dialect): Record<string, Migration> {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('documents')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('first_path', 'text', (c) => c.notNull())
          .addColumn('registered_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('files')
          .addColumn('sha256', 'text', (c) => c.primaryKey().references('documents.sha256'))
          .addColumn('bytes', sql.raw(blob), (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('batches')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('source', 'text')
          .addColumn('force', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .execute();
        await db.schema
          .createTable('batch_items')
          .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.references('documents.sha256'))
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addPrimaryKeyConstraint('batch_items_pk', ['batch_id', 'position'])
          .execute();
        await db.schema.createIndex('batch_items_sha256').on('batch_items').column('sha256').execute();
        await db.schema
          .createTable('audits')
          .addColumn('sha256', 'text', (c) => c.notNull().references('documents.sha256'))
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .addColumn('batch_id', 'text')
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('unit_name', 'text')
          .addColumn('year', 'integer')
          .addColumn('total', 'text')
          .addColumn('recomputed_total', 'text')
          .addColumn('classification', 'text')
          .addColumn('flag_count', 'integer', (c) => c.notNull())
          .addColumn('error_flag_count', 'integer', (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('audit', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('audits_pk', ['sha256', 'pipeline_version'])
          .execute();
        await db.schema
          .createTable('flags')
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addColumn('review_status', 'text')
          .addColumn('reviewer', 'text')
          .addColumn('review_note', 'text')
          .addColumn('reviewed_at', 'text')
          .addPrimaryKeyConstraint('flags_pk', ['sha256', 'pipeline_version', 'seq'])
          .addForeignKeyConstraint('flags_audit_fk', ['sha256', 'pipeline_version'], 'audits', ['sha256', 'pipeline_version'])
          .execute();
        await db.schema.createIndex('flags_rule').on('flags').columns(['rule', 'severity']).execute();
        await db.schema
          .createTable('runs')
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('batch_id', 'text')
          .addColumn('queue', 'text', (c) => c.notNull())
          .addColumn('worker', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('outcome', 'text')
          .addColumn('error', 'text')
          .addColumn('duration_ms', 'integer')
          .execute();
        await db.schema.createIndex('runs_sha256').on('runs').column('sha256').execute();
      },
    },
    // A file refused at registration (too large) is no document, so its item's sha256 (a key of
    // documents) stays null; its content's hash goes here, so that a nightly run knows the file.
    '0002_refused_sha256': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema.alterTable('batch_items').addColumn('refused_sha256', 'text').execute();
        await db.schema.createIndex('batch_items_refused_sha256').on('batch_items').column('refused_sha256').execute();
      },
    },
    // The originals are DOCX (zip) and PDF (deflated streams): PostgreSQL's TOAST compression ran
    // over each one at registration and saved nothing. Stored out of line as they are (new rows).
    '0003_files_uncompressed': {
      async up(db: Kysely<unknown>): Promise<void> {
        if (dialect === 'postgres') await sql`alter table files alter column bytes set storage external`.execute(db);
      },
    },
    // Accounts of the review desk, and their sessions (keyed by the token's sha256, never the token).
    '0004_accounts': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('users')
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('address', 'text')
          .execute();
        await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
        await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
      },
    },
    // The review desk's decisions, append-only. A decision names its flag by identity (rule, group,
    // declared, recomputed), so it outlives reprocessing when the same flag comes back; flags get
    // those columns too, and audits a folded commune name to search.
    '0005_decisions': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('decisions')
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('sha256', 'text', (c) => c.notNull().references('documents.sha256'))
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('group_id', 'text')
          .addColumn('declared', 'text')
          .addColumn('recomputed', 'text')
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('decision', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text', (c) => c.notNull())
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('decisions_flag').on('decisions').columns(['sha256', 'rule']).execute();
        // One statement per column: SQLite adds a column at a time.
        for (const column of ['group_id', 'declared', 'recomputed']) await db.schema.alterTable('flags').addColumn(column, 'text').execute();
        await db.schema.alterTable('audits').addColumn('unit_key', 'text').execute();
        await backfillIdentities(db);
      },
    },
    // The review desk's list reads the audit's own columns of every report of a pipeline version
    // (to filter, count and sort). An index that holds them all spares reading the rows, whose
    // audit JSON is large: on SQLite, unit_key (added last) sits behind it in the row's overflow pages.
    '0006_report_list': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createIndex('audits_list')
          .on('audits')
          .columns(['pipeline_version', 'unit_key', 'year', 'format', 'sha256', 'total', 'recomputed_total', 'classification', 'error_code', 'unit_name'])
          .execute();
      },
    },
    // The list read the audits with their flags and decisions on every request: at thousands of
    // reports a page cost more than the review desk can spend. Now it reads a narrow row per audit
    // (store/report-list.ts) with an index per sort key. The list's old index and search column on
    // audits go, and so do the flags' review columns, never used (decisions have their own table).
    '0007_report_summaries': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('report_summaries')
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .addColumn('first_path', 'text', (c) => c.notNull())
          .addColumn('unit_name', 'text')
          .addColumn('unit_key', 'text')
          .addColumn('year', 'integer')
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('total', 'text')
          .addColumn('recomputed_total', 'text')
          .addColumn('difference', 'text')
          .addColumn('total_value', 'numeric')
          .addColumn('recomputed_value', 'numeric')
          .addColumn('difference_size', 'numeric')
          .addColumn('classification', 'text')
          .addColumn('error_code', 'text')
          .addColumn('errors', 'integer', (c) => c.notNull())
          .addColumn('warnings', 'integer', (c) => c.notNull())
          .addColumn('infos', 'integer', (c) => c.notNull())
          .addColumn('decided', 'integer', (c) => c.notNull())
          .addColumn('undecided', 'integer', (c) => c.notNull())
          .addColumn('confirmed', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_summaries_pk', ['sha256', 'pipeline_version'])
          .addForeignKeyConstraint('report_summaries_audit_fk', ['sha256', 'pipeline_version'], 'audits', ['sha256', 'pipeline_version'])
          .execute();
        // Each sort key's order both ways, ties by file (A to Z) either way, read forwards or backwards.
        for (const [name, column] of Object.entries(SUMMARY_SORT_COLUMNS)) {
          for (const dir of ['asc', 'desc'] as const) {
            await db.schema.createIndex(`report_summaries_by_${name}_${dir}`).on('report_summaries').columns(['pipeline_version', `${column} ${dir}`, 'first_path', 'sha256']).execute();
          }
        }
        // Counting a filtered list from one index: the filters' columns and the sort keys that can be null.
        await db.schema
          .createIndex('report_summaries_counts')
          .on('report_summaries')
          .columns(['pipeline_version', 'year', 'format', 'error_code', 'errors', 'warnings', 'decided', 'undecided', 'confirmed', 'unit_key', 'total_value', 'recomputed_value', 'difference_size'])
          .execute();
        await backfillSummaries(db as Kysely<Database>);
        await db.schema.dropIndex('audits_list').execute();
        await db.schema.alterTable('audits').dropColumn('unit_key').execute();
        for (const column of ['review_status', 'reviewer', 'review_note', 'reviewed_at']) await db.schema.alterTable('flags').dropColumn(column).execute();
      },
    },
    // A file holding several reports (a bundle) is one document with one result row (its reports'
    // audits), and each report is a document of its own, without bytes, pointing at the file and
    // its pages: the review desk lists, shows and decides on each report as on any other.
    '0008_report_parts': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema.alterTable('documents').addColumn('parent_sha256', 'text').execute();
        for (const column of ['first_page', 'last_page']) await db.schema.alterTable('documents').addColumn(column, 'integer').execute();
        await db.schema.createIndex('documents_parent').on('documents').column('parent_sha256').execute();
      },
    },
    // An interrupted enqueue is resumed by its rerun: a batch keeps what its inputs were (a hash)
    // and when the process running or waiting for it last showed life (batches/batch-state.ts).
    '0009_batch_resume': {
      async up(db: Kysely<unknown>): Promise<void> {
        for (const column of ['inputs_key', 'heartbeat_at']) await db.schema.alterTable('batches').addColumn(column, 'text').execute();
        await db.schema.createIndex('batches_inputs_key').on('batches').column('inputs_key').execute();
      },
    },
  };
}

/** A summary row for every stored audit, a few hundred at a time, then their counts. */
async function backfillSummaries(db: Kysely<Database>): Promise<void> {
  let after = { sha256: '', version: '' };
  for (;;) {
    const { rows } = await sql<SummarySource>`
      select a.sha256, a.pipeline_version, d.first_path, a.unit_name, a.year, a.format, a.total, a.recomputed_total, a.classification, a.error_code
      from audits a join documents d on d.sha256 = a.sha256
      where a.sha256 > ${after.sha256} or (a.sha256 = ${after.sha256} and a.pipeline_version > ${after.version})
      order by a.sha256, a.pipeline_version limit 500`.execute(db);
    if (rows.length === 0) break;
    await db.insertInto('report_summaries').values(rows.map((r) => summaryRow({ ...r, year: r.year === null ? null : Number(r.year) }))).execute();
    const last = rows[rows.length - 1]!;
    after = { sha256: last.sha256, version: last.pipeline_version };
  }
  await refreshCounts(db, null);
}

/** Fills the columns 0005 added from the stored audits (JSON), a few hundred audits at a time. */
async function backfillIdentities(db: Kysely<unknown>): Promise<void> {
  let after = { sha256: '', version: '' };
  for (;;) {
    const { rows } = await sql<{ sha256: string; pipeline_version: string; audit: string }>`
      select sha256, pipeline_version, audit from audits
      where sha256 > ${after.sha256} or (sha256 = ${after.sha256} and pipeline_version > ${after.version})
      order by sha256, pipeline_version limit 200`.execute(db);
    if (rows.length === 0) return;
    for (const r of rows) {
      const audit = JSON.parse(r.audit) as { unit?: { name: string } | null; flags?: Array<{ rule: string; group?: string; declared?: number | null; recomputed?: number | null }> };
      await sql`update audits set unit_key = ${searchKey(audit.unit?.name ?? null)} where sha256 = ${r.sha256} and pipeline_version = ${r.pipeline_version}`.execute(db);
      for (const [seq, flag] of (audit.flags ?? []).entries()) {
        const id = flagIdentity(flag);
        await sql`update flags set group_id = ${id.group_id}, declared = ${id.declared}, recomputed = ${id.recomputed}
          where sha256 = ${r.sha256} and pipeline_version = ${r.pipeline_version} and seq = ${seq}`.execute(db);
      }
    }
    const last = rows[rows.length - 1]!;
    after = { sha256: last.sha256, version: last.pipeline_version };
  }
}
