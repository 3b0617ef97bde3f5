import { z } from 'zod';
import { ErrorCode, LessonError, signedInSchema } from '@shared';
import { broadcast } from '../db/broadcasts.js';
import { viewerTicket } from '../db/viewerTicket.js';
import { HLS_KEY } from '../features/broadcast/output/LiveOutputs.js';
import type { ApiRoute } from './apiRoute.js';
import { openSession } from './authRoutes.js';

const ticketSchema = z.object({ key: z.string().regex(HLS_KEY, 'the key of a broadcast’s address') }).strict();

/**
 * 观众 by WebRTC: the viewers' page trades the broadcast's key (the secret
 * of its address, as for HLS) for a session of the broadcast's viewers'
 * ticket, then joins its lesson as a viewer — receive-only, counted for the
 * teacher, in nobody's list. Only while the broadcast is live: a rehearsal
 * has no audience. Every viewer has a session of her own (one place each).
 */
const enterAsViewer: ApiRoute = {
  method: 'post',
  path: '/auth/broadcast',
  action: 'public',
  summary: "A broadcast's viewer enters its lesson (receive-only) with the key of the broadcast's address, while it is live.",
  body: ticketSchema,
  response: signedInSchema,
  async run(call) {
    const { key } = call.body as z.infer<typeof ticketSchema>;
    const { db } = call.services;
    const row = await db.selectFrom('broadcast_output').select('broadcast_id').where('hls_key', '=', key).executeTakeFirst();
    const b = row ? await broadcast(db, row.broadcast_id) : null;
    if (!b || b.state !== 'live' || !b.lessonId) throw new LessonError(ErrorCode.NotFound, 'no such broadcast on air');
    const ticket = await viewerTicket(db, { id: b.id, lessonId: b.lessonId, endsAt: b.endsAt, teacherAccountId: b.teacherAccountId });
    return openSession(call.services, call.req, call.res, 'guest', ticket.id, ticket.expiresAt);
  },
};

export const viewerRoutes: readonly ApiRoute[] = [enterAsViewer];
