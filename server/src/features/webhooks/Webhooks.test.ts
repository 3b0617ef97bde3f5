import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookEnvelopeSchema } from '@shared';
import { openDatabase, type Db } from '../../db/database.js';
import { setDirectedReady } from '../../db/directedViews.js';
import { createRecording } from '../../db/recordings.js';
import { createWebhook } from '../../db/webhooks.js';
import { createLogger } from '../../log.js';
import { Webhooks } from './Webhooks.js';

/** recording.ready at the unit level (a real directed view needs a recorded lesson and ffmpeg): what is queued, for whom. */
describe('the webhook events', () => {
  let db: Db;
  let woken = 0;
  const hook = (id: string, schoolId: string | null, events: string) =>
    createWebhook(db, { id, bureau_id: 'b', school_id: schoolId, url: `https://portal.example.cn/${id}`, events, description: '', secret: 's', created_by: 'a', created_by_name: '管理员', created_at: 1, removed_at: null });

  beforeEach(async () => {
    db = await openDatabase(mkdtempSync(join(tmpdir(), 'tongtang-events-')));
    woken = 0;
    await db.insertInto('bureau').values({ id: 'b', name: '县教育局' }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('school').values({ id: 'city', bureau_id: 'b', name: '城关小学', kind: 'support', demo: 0 }).execute();
  });
  afterEach(async () => db.destroy());

  it('pushes recording.ready with the recording’s id and duration to the bureau’s hooks and its schools’, not to another school’s', async () => {
    await hook('bureau', null, 'recording.ready');
    await hook('city', 'city', 'recording.ready,lesson.started');
    await hook('other', 'elsewhere', 'recording.ready');
    await hook('notWanted', null, 'lesson.started');
    const recording = await createRecording(
      db,
      { lessonId: 'gone', title: '分数的意义', hostSchoolId: 'city', schoolIds: ['city', 'village'], teacherAccountId: null, teacherName: '王老师', subject: '数学', grade: '五年级', startedAt: 1000, startedBy: 'teacher' },
      '{}',
    );
    await setDirectedReady(db, recording.id, 12_345, 2_700_000);
    const webhooks = new Webhooks(db, { wake: () => void woken++ }, 3, createLogger('silent'));
    await webhooks.recordingReady(recording.id);
    const rows = await db.selectFrom('webhook_delivery').selectAll().orderBy('webhook_id').execute();
    expect(rows.map((r) => r.webhook_id)).toEqual(['bureau', 'city']);
    expect(rows.every((r) => r.status === 'pending' && r.tries_left === 3 && r.body === rows[0]!.body)).toBe(true);
    const envelope = webhookEnvelopeSchema('recording.ready').parse(JSON.parse(rows[0]!.body));
    expect(envelope.data.recording).toMatchObject({ recordingId: recording.id, durationMs: 2_700_000, sizeBytes: 12_345, subject: '数学', schoolIds: ['city', 'village'] });
    // The lesson's plan was deleted since: the recording still says what it was.
    expect(envelope.data.course).toBeNull();
    expect(woken).toBe(1);
  });

  it('queues nothing (and wakes no sender) when no hook wants the event', async () => {
    const webhooks = new Webhooks(db, { wake: () => void woken++ }, 3, createLogger('silent'));
    await hook('elsewhere', 'elsewhere', 'recording.ready');
    expect(await webhooks.emit('recording.ready', { bureauId: 'b', schoolIds: ['city'] }, { recording: { recordingId: 'r', lessonId: 'l', title: '课', subject: null, grade: null, teacherName: '王老师', schoolIds: ['city'], startedAt: 1, endedAt: 2, durationMs: 1, sizeBytes: 1 }, course: null })).toBeNull();
    expect(woken).toBe(0);
  });
});
