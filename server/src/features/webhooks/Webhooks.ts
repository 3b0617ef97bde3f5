import { webhookEvents, type Broadcast, type WebhookData, type WebhookEnvelope, type WebhookEvent } from '@shared';
import type { Db } from '../../db/database.js';
import { newId } from '../../db/ids.js';
import { lessonSessionsOf } from '../../db/lessonRecords.js';
import { recordingById } from '../../db/recordings.js';
import { hooksFor, insertDeliveries, resendDelivery } from '../../db/webhooks.js';
import type { Logger } from '../../log.js';
import { courseOf } from './courseInfo.js';
import type { WebhookSender } from './WebhookSender.js';

/** Whose event it is: the bureau's hooks get it, and the hooks of these schools. */
export interface EventScope {
  bureauId: string;
  schoolIds: readonly string[];
}

/**
 * 推送: turns what happened into deliveries. `emit` writes one delivery per
 * hook that wants the event, in SQL, before anything is sent (the sender
 * takes it from there), so an event acknowledged to whoever caused it is
 * never lost to a restart. The course events below are one call each where
 * they happen; a later event (broadcast.approved, lesson.report) is one line
 * in shared/src/webhooks.ts and one `emit`.
 */
export class Webhooks {
  constructor(
    private readonly db: Db,
    private readonly sender: Pick<WebhookSender, 'wake'>,
    private readonly maxAttempts: number,
    private readonly logger: Logger,
  ) {}

  /** Queues `event` for every hook of its scope that wants it; returns the event's id (null when no hook wants it). */
  async emit<E extends WebhookEvent>(event: E, scope: EventScope, data: WebhookData<E>): Promise<string | null> {
    const hooks = await hooksFor(this.db, scope.bureauId, scope.schoolIds, event);
    if (hooks.length === 0) return null;
    const now = Date.now();
    // Our own payload is parsed like a receiver would: a drift from the schema fails here, in the tests, not at the receiver.
    const envelope: WebhookEnvelope<E> = { id: newId('evt'), type: event, occurredAt: now, bureauId: scope.bureauId, data: webhookEvents[event].parse(data) as WebhookData<E> };
    const body = JSON.stringify(envelope);
    await insertDeliveries(
      this.db,
      hooks.map((hook) => ({
        id: newId('dlv'),
        webhook_id: hook.id,
        event_id: envelope.id,
        event,
        body,
        status: 'pending' as const,
        attempts: 0,
        tries_left: this.maxAttempts,
        next_attempt_at: now,
        lease_until: null,
        last_status_code: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      })),
    );
    this.sender.wake();
    return envelope.id;
  }

  /** 重新发送: the delivery is sent again now (same event id and body, a fresh signature), with a full set of tries. */
  async resend(deliveryId: string): Promise<void> {
    await resendDelivery(this.db, deliveryId, this.maxAttempts, Date.now());
    this.sender.wake();
  }

  /** 排课: a lesson was created. */
  lessonScheduled(lessonId: string): Promise<void> {
    return this.safely('lesson.scheduled', lessonId, async () => {
      const found = await courseOf(this.db, lessonId);
      if (found) await this.emit('lesson.scheduled', found, { course: found.course });
    });
  }

  /** 开始上课 or 下课, as just recorded in the lesson's sessions. */
  lessonStatusChanged(lessonId: string, status: 'live' | 'ended', at: number): Promise<void> {
    return this.safely(status === 'live' ? 'lesson.started' : 'lesson.ended', lessonId, async () => {
      const found = await courseOf(this.db, lessonId);
      if (!found) return;
      if (status === 'live') return void (await this.emit('lesson.started', found, { course: found.course, startedAt: at }));
      const session = (await lessonSessionsOf(this.db, lessonId)).at(-1);
      await this.emit('lesson.ended', found, { course: found.course, startedAt: session?.startedAt ?? null, endedAt: at });
    });
  }

  /** 名师直播: a step of the workflow, to the bureau's hooks and the teacher's school's. */
  broadcastChanged(event: 'broadcast.applied' | 'broadcast.approved' | 'broadcast.rejected' | 'broadcast.live' | 'broadcast.ended', broadcast: Broadcast): Promise<void> {
    return this.safely(event, broadcast.id, async () => void (await this.emit(event, { bureauId: broadcast.bureauId, schoolIds: [broadcast.schoolId] }, { broadcast })));
  }

  /** 导播画面 ready: the recording can be played. */
  recordingReady(recordingId: string): Promise<void> {
    return this.safely('recording.ready', recordingId, async () => {
      const row = await recordingById(this.db, recordingId);
      if (!row || row.directed_status !== 'ready') return;
      const found = await courseOf(this.db, row.lesson_id);
      const schoolIds = row.school_ids.split(',').filter(Boolean);
      const bureauId = found?.bureauId ?? (await this.bureauOfSchool(row.host_school_id));
      if (!bureauId) return;
      const recording = {
        recordingId: row.id,
        lessonId: row.lesson_id,
        title: row.title,
        subject: row.subject,
        grade: row.grade,
        teacherName: row.teacher_name,
        schoolIds,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        durationMs: row.directed_duration_ms ?? row.duration_ms,
        sizeBytes: row.directed_bytes ?? 0,
      };
      await this.emit('recording.ready', { bureauId, schoolIds }, { recording, course: found?.course ?? null });
    });
  }

  private async bureauOfSchool(schoolId: string): Promise<string | null> {
    return (await this.db.selectFrom('school').select('bureau_id').where('id', '=', schoolId).executeTakeFirst())?.bureau_id ?? null;
  }

  /** A push that cannot be queued is logged, never thrown into the lesson or the request that caused it. */
  private async safely(event: WebhookEvent, id: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ event, id, err: (error as Error).message }, 'a webhook event could not be queued');
    }
  }
}
