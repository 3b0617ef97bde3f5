import { sql, type Kysely, type Migration } from 'kysely';
import { autoId } from './autoId.js';
import { broadcastMigrations } from './broadcastMigrations.js';
import { bureauMigrations } from './bureauMigrations.js';

/*
 * Migrations in code, in order. Keep SQL portable (SQLite now, PostgreSQL for
 * several servers): plain types, no SQLite-only syntax.
 */
export const migrations: Record<string, Migration> = {
  '0001_schools_lessons': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('school')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('classroom')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('school.id'))
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('lesson')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('teacher_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('host_classroom_id', 'varchar(64)', (c) => c.notNull().references('classroom.id'))
        .addColumn('teacher_key', 'varchar(128)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('lesson_classroom')
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull().references('lesson.id'))
        .addColumn('classroom_id', 'varchar(64)', (c) => c.notNull().references('classroom.id'))
        .addColumn('join_key', 'varchar(128)', (c) => c.notNull())
        .addPrimaryKeyConstraint('lesson_classroom_pk', ['lesson_id', 'classroom_id'])
        .execute();
      await db.schema
        .createTable('lesson_session')
        .addColumn('id', ...autoId(db))
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull().references('lesson.id'))
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .execute();
      await sql`create index lesson_session_lesson on lesson_session (lesson_id)`.execute(db);
    },
  },
  '0002_device_mapping': {
    async up(db: Kysely<unknown>) {
      // Which camera or microphone of a classroom's terminal is which, by device label.
      await db.schema
        .createTable('device_mapping')
        .addColumn('classroom_id', 'varchar(64)', (c) => c.notNull().references('classroom.id'))
        .addColumn('device_label', 'varchar(200)', (c) => c.notNull())
        .addColumn('source', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_mapping_pk', ['classroom_id', 'device_label'])
        .execute();
    },
  },
  '0003_accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('bureau').addColumn('id', 'varchar(64)', (c) => c.primaryKey()).addColumn('name', 'varchar(200)', (c) => c.notNull()).execute();
      // Schools from before accounts belong to the first bureau (created at start-up if none exists).
      await db.schema.alterTable('school').addColumn('bureau_id', 'varchar(64)', (c) => c.notNull().defaultTo('main')).execute();
      await db.schema.alterTable('school').addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('lesson').addColumn('teacher_account_id', 'varchar(64)').execute();
      await db.schema.alterTable('lesson').addColumn('starts_at', 'bigint').execute();
      await db.schema.alterTable('lesson').addColumn('ends_at', 'bigint').execute();
      await db.schema.alterTable('lesson').addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Permanent keys in links are gone: people sign in, terminals and guests hold revocable credentials.
      await db.schema.alterTable('lesson').dropColumn('teacher_key').execute();
      await db.schema.alterTable('lesson_classroom').dropColumn('join_key').execute();
      await db.schema
        .createTable('account')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('login', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('bureau_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('school_id', 'varchar(64)', (c) => c.references('school.id'))
        .addColumn('staff_number', 'varchar(32)')
        .addColumn('phone', 'varchar(32)')
        .addColumn('password_hash', 'varchar(200)')
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled_at', 'bigint')
        .addColumn('sso_subject', 'varchar(300)', (c) => c.unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('auth_session')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('principal_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoke_reason', 'varchar(32)')
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('address', 'varchar(64)')
        .execute();
      await sql`create index auth_session_principal on auth_session (principal_id)`.execute(db);
      await db.schema
        .createTable('terminal')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('classroom_id', 'varchar(64)', (c) => c.notNull().references('classroom.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('link_hash', 'varchar(128)')
        .addColumn('link_expires_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_seen_at', 'bigint')
        .execute();
      await db.schema
        .createTable('guest_link')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull().references('lesson.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('rights', 'varchar(100)', (c) => c.notNull())
        .addColumn('link_hash', 'varchar(128)', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('withdrawn_at', 'bigint')
        .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('pairing')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('support_school_id', 'varchar(64)', (c) => c.notNull().references('school.id'))
        .addColumn('receiving_school_id', 'varchar(64)', (c) => c.notNull().references('school.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('pairing_schools', ['support_school_id', 'receiving_school_id'])
        .execute();
      await db.schema
        .createTable('audit_event')
        .addColumn('id', ...autoId(db))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'varchar(64)')
        .addColumn('actor_name', 'varchar(100)')
        .addColumn('action', 'varchar(64)', (c) => c.notNull())
        .addColumn('target', 'varchar(200)')
        .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
        .addColumn('address', 'varchar(64)')
        .addColumn('detail', 'varchar(1000)')
        .addColumn('bureau_id', 'varchar(64)')
        .addColumn('school_id', 'varchar(64)')
        .execute();
      await sql`create index audit_event_at on audit_event (at)`.execute(db);
      await db.schema
        .createTable('ip_rule')
        .addColumn('scope_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('scope_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('list', 'varchar(8)', (c) => c.notNull())
        .addColumn('cidr', 'varchar(64)', (c) => c.notNull())
        .execute();
      await sql`create index ip_rule_scope on ip_rule (scope_kind, scope_id)`.execute(db);
      await db.schema
        .createTable('sso_settings')
        .addColumn('bureau_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('client_secret', 'varchar(500)', (c) => c.notNull())
        .execute();
    },
  },
  '0004_recordings': {
    async up(db: Kysely<unknown>) {
      // 录制: a school records all its lessons, or a lesson says so itself (null: as its school says).
      await db.schema.alterTable('school').addColumn('record_lessons', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('lesson').addColumn('record', 'integer').execute();
      await db.schema.alterTable('lesson').addColumn('subject', 'varchar(64)').execute();
      await db.schema.alterTable('lesson').addColumn('grade', 'varchar(64)').execute();
      await db.schema
        .createTable('recording')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        // No foreign key: a recording (and the library's copy of it) outlives its lesson's plan.
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('host_school_id', 'varchar(64)', (c) => c.notNull())
        // Every school of the lesson (host first), comma-separated, for the library's per-school view.
        .addColumn('school_ids', 'varchar(2000)', (c) => c.notNull())
        .addColumn('teacher_account_id', 'varchar(64)')
        .addColumn('teacher_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('subject', 'varchar(64)')
        .addColumn('grade', 'varchar(64)')
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('duration_ms', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('segment_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('stop_reason', 'varchar(32)')
        .addColumn('started_by', 'varchar(16)', (c) => c.notNull())
        // The folder under the recordings directory and the files in it (JSON, see RecordingFiles).
        .addColumn('dir', 'varchar(300)', (c) => c.notNull())
        .addColumn('files', 'text', (c) => c.notNull())
        .execute();
      await sql`create index recording_lesson on recording (lesson_id)`.execute(db);
      await sql`create index recording_status on recording (status)`.execute(db);
    },
  },
  '0005_directed_view': {
    async up(db: Kysely<unknown>) {
      // 导播画面: the one MP4 of a finished recording, built by a job after the lesson (see DirectedViewJobs).
      await db.schema.alterTable('recording').addColumn('directed_status', 'varchar(16)', (c) => c.notNull().defaultTo('waiting')).execute();
      await db.schema.alterTable('recording').addColumn('directed_percent', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('recording').addColumn('directed_eta_s', 'integer').execute();
      await db.schema.alterTable('recording').addColumn('directed_bytes', 'bigint').execute();
      await db.schema.alterTable('recording').addColumn('directed_duration_ms', 'bigint').execute();
      await db.schema.alterTable('recording').addColumn('directed_error', 'varchar(500)').execute();
      await db.schema.alterTable('recording').addColumn('directed_updated_at', 'bigint').execute();
    },
  },
  '0006_clips': {
    async up(db: Kysely<unknown>) {
      // 微课: a stretch of one recording, cut into its own file beside the recording's.
      await db.schema
        .createTable('clip')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('recording_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('description', 'varchar(2000)', (c) => c.notNull())
        .addColumn('in_ms', 'bigint', (c) => c.notNull())
        .addColumn('out_ms', 'bigint', (c) => c.notNull())
        .addColumn('method', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('duration_ms', 'bigint')
        .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
        // Relative to the recordings directory.
        .addColumn('file', 'varchar(300)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_by_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql`create index clip_recording on clip (recording_id)`.execute(db);
    },
  },
  '0007_comments': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('lesson_comment')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        // No foreign key: comments belong to the lesson's record, which outlives its plan (like recordings).
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('author_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('during', 'varchar(8)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql`create index lesson_comment_lesson on lesson_comment (lesson_id, at)`.execute(db);
    },
  },
  '0008_rubrics': {
    async up(db: Kysely<unknown>) {
      // 评课量表: a bureau's (school_id null) or a school's; criteria as JSON (see shared/src/rubric.ts).
      await db.schema
        .createTable('rubric')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('bureau_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('school_id', 'varchar(64)')
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('criteria', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // A lesson put up for scoring: the rubric's criteria copied at opening, so a later edit of the rubric changes nothing here.
      await db.schema
        .createTable('lesson_scoring')
        .addColumn('lesson_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('rubric_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('rubric_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('criteria', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('closes_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .execute();
      // One sheet per scorer and lesson (the primary key is what makes "once each" hold under races).
      await db.schema
        .createTable('lesson_score')
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('scorer_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('scorer_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('scores', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('lesson_score_pk', ['lesson_id', 'scorer_id'])
        .execute();
    },
  },
  '0009_lesson_events': {
    async up(db: Kysely<unknown>) {
      // 课堂参与: what a lesson measured as it ran (hands, floor, speakers, main view, presence), for its report.
      await db.schema
        .createTable('lesson_event')
        .addColumn('id', ...autoId(db))
        // No foreign key: the lesson's record outlives its plan (like recordings and comments).
        .addColumn('lesson_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('participant_id', 'varchar(200)')
        .addColumn('detail', 'text')
        .execute();
      await sql`create index lesson_event_lesson on lesson_event (lesson_id, at)`.execute(db);
    },
  },
  // 推送, 课表 and 开放接口 (the bureau's side): their own file.
  ...bureauMigrations,
  // 名师直播: its own file.
  ...broadcastMigrations,
};
