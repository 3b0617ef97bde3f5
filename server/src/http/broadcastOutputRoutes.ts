import { broadcastOutputSchema, ErrorCode, LessonError, publicBroadcastSchema, setBroadcastOutputSchema, type Broadcast } from '@shared';
import { demand } from '../auth/can.js';
import { broadcastOutput, setRtmpTarget } from '../db/broadcastOutputs.js';
import { broadcast } from '../db/broadcasts.js';
import { maskedTarget } from '../features/broadcast/output/LiveOutput.js';
import type { Services } from '../features/context.js';
import { audited, type ApiCall, type ApiRoute } from './apiRoute.js';

/*
 * 直播输出 over REST: a broadcast's HLS addresses, its RTMP target and the
 * outputs' status. The outputs start when the broadcast goes live
 * (`startBroadcastOutputs`, from 开始直播) and stop when its lesson ends.
 */

const targetOf = (b: Broadcast) => ({ bureauId: b.bureauId, schoolIds: [b.schoolId], ownerId: b.teacherAccountId });

async function found(call: ApiCall, action: 'broadcast.host' | 'broadcast.review'): Promise<Broadcast> {
  const b = await broadcast(call.services.db, call.params['id'] ?? '');
  if (!b) throw new LessonError(ErrorCode.NotFound, 'no such broadcast');
  demand(call.principal, action, targetOf(b));
  return b;
}

/** Starts a live broadcast's outputs on this server (HLS always, the push if it has a target); a failure is logged, never a refusal of 开始直播. */
export async function startBroadcastOutputs(services: Services, b: Broadcast): Promise<void> {
  if (!b.lessonId) return;
  const plan = await broadcastOutput(services.db, b.id);
  await services.liveOutputs.start(b.lessonId, plan).catch((error: unknown) => services.logger.error({ broadcastId: b.id, err: String(error) }, 'the live outputs could not start'));
}

async function view(services: Services, b: Broadcast) {
  const plan = await broadcastOutput(services.db, b.id);
  const base = services.config.publicUrl;
  return broadcastOutputSchema.parse({
    watchUrl: `${base}/live/${plan.hlsKey}`,
    playlistUrl: `${base}/api/media/live/${plan.hlsKey}/index.m3u8`,
    rtmpTarget: plan.rtmpUrl ? maskedTarget(plan.rtmpUrl) : null,
    status: b.state === 'live' && b.lessonId ? services.liveOutputs.status(b.lessonId) : null,
  });
}

export const broadcastOutputRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/broadcasts/by-key/:key',
    action: 'public',
    summary: "What the viewers' page shows of a broadcast, by its HLS key (no sign-in: the key is the address's secret).",
    response: publicBroadcastSchema,
    async run({ services, params }) {
      const row = await services.db.selectFrom('broadcast_output').select('broadcast_id').where('hls_key', '=', params['key'] ?? '').executeTakeFirst();
      const b = row ? await broadcast(services.db, row.broadcast_id) : null;
      // Only a broadcast on its way or on air: a rehearsal, an application or one withdrawn is nobody's to see.
      if (!b || (b.state !== 'scheduled' && b.state !== 'live')) throw new LessonError(ErrorCode.NotFound, 'no such broadcast on air');
      return publicBroadcastSchema.parse(b);
    },
  },
  {
    method: 'get',
    path: '/broadcasts/:id/output',
    action: 'broadcast.host',
    summary: "直播输出: a broadcast's HLS addresses, its RTMP target (key hidden) and, while live, the outputs' status.",
    response: broadcastOutputSchema,
    run: async (call) => view(call.services, await found(call, 'broadcast.host')),
  },
  {
    method: 'post',
    path: '/broadcasts/:id/output',
    action: 'broadcast.review',
    summary: 'Sets (or removes, with null) the RTMP address a broadcast is pushed to; a live broadcast restarts its outputs with it.',
    body: setBroadcastOutputSchema,
    response: broadcastOutputSchema,
    async run(call) {
      const b = await found(call, 'broadcast.review');
      const { rtmpUrl } = call.body as { rtmpUrl: string | null };
      await setRtmpTarget(call.services.db, b.id, rtmpUrl);
      audited(call, 'broadcast.output', b.id, rtmpUrl ? `push to ${maskedTarget(rtmpUrl)}` : 'no push');
      if (b.state === 'live') await startBroadcastOutputs(call.services, b);
      return view(call.services, b);
    },
  },
];
