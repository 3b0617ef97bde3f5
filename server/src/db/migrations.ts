import { sql, type Kysely, type Migration } from 'kysely';

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
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
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
};
