import { sql, type Kysely, type Migration } from 'kysely';

/** 名师直播 (issue 17): broadcasts and their workflow. Spread into `migrations` after the bureau's. */
export const broadcastMigrations: Record<string, Migration> = {
  '0015_broadcasts': {
    async up(db: Kysely<unknown>) {
      // One row per application; `state` moves only by shared/src/broadcasts.ts's table, each step in the audit trail.
      await db.schema
        .createTable('broadcast')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('bureau_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('host_classroom_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('teacher_account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('teacher_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('subject', 'varchar(64)')
        .addColumn('grade', 'varchar(64)')
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('audience_public', 'integer', (c) => c.notNull())
        // Comma-separated ids: read and written as a whole with the broadcast.
        .addColumn('audience_school_ids', 'text', (c) => c.notNull())
        .addColumn('audience_classroom_ids', 'text', (c) => c.notNull())
        .addColumn('expected_viewers', 'integer', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('lesson_id', 'varchar(64)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql`create index broadcast_bureau_state on broadcast (bureau_id, state)`.execute(db);
      await sql`create index broadcast_teacher on broadcast (teacher_account_id, created_at)`.execute(db);
    },
  },
  '0016_broadcast_outputs': {
    async up(db: Kysely<unknown>) {
      // 直播输出: a broadcast's HLS address (its key, a capability: whoever has the address may watch) and its RTMP push target.
      await db.schema
        .createTable('broadcast_output')
        .addColumn('broadcast_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('hls_key', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('rtmp_url', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
};
