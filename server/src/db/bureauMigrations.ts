import { sql, type Kysely, type Migration } from 'kysely';
import { autoId } from './autoId.js';

/** The bureau's side (issue 16): webhooks (推送), the timetable (课表), API keys (开放接口), inspection notes (巡课记录). Spread into `migrations` in order. */
export const bureauMigrations: Record<string, Migration> = {
  '0011_webhooks': {
    async up(db: Kysely<unknown>) {
      // 推送: a receiver of a bureau (school_id null) or of one school; its secret signs every push (never shown again).
      await db.schema
        .createTable('webhook')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('bureau_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('school_id', 'varchar(64)')
        .addColumn('url', 'varchar(2000)', (c) => c.notNull())
        .addColumn('events', 'varchar(500)', (c) => c.notNull())
        .addColumn('description', 'varchar(200)', (c) => c.notNull())
        .addColumn('secret', 'varchar(128)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_by_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('removed_at', 'bigint')
        .execute();
      // One row per hook and event, written before anything is sent; `lease_until` lets one sender of several servers take it.
      await db.schema
        .createTable('webhook_delivery')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('webhook_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('event_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('event', 'varchar(64)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('tries_left', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'varchar(500)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint')
        .execute();
      await sql`create index webhook_delivery_due on webhook_delivery (status, next_attempt_at)`.execute(db);
      await sql`create index webhook_delivery_hook on webhook_delivery (webhook_id, created_at)`.execute(db);
      await db.schema
        .createTable('webhook_attempt')
        .addColumn('id', ...autoId(db))
        .addColumn('delivery_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('address', 'varchar(64)')
        .addColumn('status_code', 'integer')
        .addColumn('error', 'varchar(500)')
        .execute();
      await sql`create index webhook_attempt_delivery on webhook_attempt (delivery_id, at)`.execute(db);
      // Hosts a bureau lets its hooks reach on loopback or a private network (the SSRF guard's exceptions).
      await db.schema
        .createTable('webhook_host')
        .addColumn('bureau_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('host', 'varchar(253)', (c) => c.notNull())
        .addColumn('added_by_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('added_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_host_pk', ['bureau_id', 'host'])
        .execute();
    },
  },
  '0012_timetable': {
    async up(db: Kysely<unknown>) {
      // 课表: a school's terms, their holidays, weekly (or one-off) entries and one-off changes; dates YYYY-MM-DD, times HH:MM in SCHOOL_TIME_ZONE.
      await db.schema
        .createTable('timetable_term')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('school.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('timetable_holiday')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('term_id', 'varchar(64)', (c) => c.notNull().references('timetable_term.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('timetable_entry')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('term_id', 'varchar(64)', (c) => c.notNull().references('timetable_term.id'))
        .addColumn('weekday', 'integer')
        .addColumn('on_date', 'varchar(10)')
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('subject', 'varchar(64)')
        .addColumn('grade', 'varchar(64)')
        .addColumn('form', 'varchar(16)', (c) => c.notNull())
        .addColumn('starts_at', 'varchar(5)', (c) => c.notNull())
        .addColumn('ends_at', 'varchar(5)', (c) => c.notNull())
        .addColumn('teacher_account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('host_classroom_id', 'varchar(64)', (c) => c.notNull())
        // Comma-separated classroom ids: read and written as a whole with the entry.
        .addColumn('classroom_ids', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('timetable_change')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('entry_id', 'varchar(64)', (c) => c.notNull().references('timetable_entry.id'))
        .addColumn('kind', 'varchar(8)', (c) => c.notNull())
        .addColumn('occurs_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('to_date', 'varchar(10)')
        .addColumn('starts_at', 'varchar(5)')
        .addColumn('ends_at', 'varchar(5)')
        .execute();
      await sql`create unique index timetable_change_once on timetable_change (entry_id, occurs_on)`.execute(db);
      // A lesson the timetable put on the calendar: one row per entry and day (the unique index keeps expansion idempotent).
      await db.schema.alterTable('lesson').addColumn('timetable_entry_id', 'varchar(64)').execute();
      await db.schema.alterTable('lesson').addColumn('occurs_on', 'varchar(10)').execute();
      await db.schema.alterTable('lesson').addColumn('form', 'varchar(16)').execute();
      await sql`create unique index lesson_occurrence on lesson (timetable_entry_id, occurs_on)`.execute(db);
    },
  },
  '0013_api_keys': {
    async up(db: Kysely<unknown>) {
      // 开放接口: a bureau's (school_id null) or a school's key; only the secret's hash is kept, and `scopes` limits what it may do.
      await db.schema
        .createTable('api_key')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('bureau_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('school_id', 'varchar(64)')
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('hint', 'varchar(32)', (c) => c.notNull())
        .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_by_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await sql`create index api_key_bureau on api_key (bureau_id, created_at)`.execute(db);
    },
  },
  '0014_inspection_notes': {
    async up(db: Kysely<unknown>) {
      // 巡课记录: apart from 评课意见, which the lesson's teacher reads; these are the inspecting admins' own.
      await db.schema
        .createTable('inspection_note')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('author_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await sql`create index inspection_note_lesson on inspection_note (lesson_id, at)`.execute(db);
    },
  },
};
