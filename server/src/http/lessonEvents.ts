import type { Request, Response } from 'express';
import type { LessonEventRecord } from '@shared';
import type { Lesson } from '../lesson/Lesson.js';
import type { Participant } from '../lesson/Participant.js';
import type { LessonEvents } from '../lesson/LessonTypes.js';

/** Everything a feed sends; a listener for each, turned into the shared record shape. */
const records: { [K in keyof LessonEvents]?: (...args: LessonEvents[K]) => Omit<LessonEventRecord, 'at'> } = {
  participantjoined: (participant) => ({ event: 'participantjoined', participant: participant.view }),
  participantleft: (participant) => ({ event: 'participantleft', participant: participant.view }),
  trackpublished: (track) => ({ event: 'trackpublished', track }),
  trackclosed: (track) => ({ event: 'trackclosed', track }),
  trackpaused: (track) => ({ event: 'trackpaused', track }),
  floorchanged: (floor) => ({ event: 'floorchanged', floor }),
  handschanged: (hands) => ({ event: 'handschanged', hands }),
  mainviewchanged: (mainView) => ({ event: 'mainviewchanged', mainView }),
  speakingchanged: (speaking) => ({ event: 'speakingchanged', speaking }),
  stagechanged: (stage) => ({ event: 'stagechanged', stage }),
  statuschanged: (status) => ({ event: 'statuschanged', status }),
  ended: () => ({ event: 'ended' }),
  closed: () => ({ event: 'closed' }),
};

/**
 * GET /api/lessons/:id/events: the live lesson's typed events as server-sent
 * events, each stamped with the server's time, until the lesson closes or the
 * reader goes. For an inspector's screen and for tests that time decisions.
 */
export function streamLessonEvents(lesson: Lesson, req: Request, res: Response): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': following\n\n');
  const stops: Array<() => void> = [];
  const stop = (): void => {
    for (const off of stops.splice(0)) off();
    res.end();
  };
  for (const [event, toRecord] of Object.entries(records) as Array<[keyof LessonEvents, (...args: unknown[]) => Omit<LessonEventRecord, 'at'>]>) {
    stops.push(
      lesson.on(event, (...args: unknown[]) => {
        // 听课: an observer's coming and going is nobody's business but the teacher's observer list.
        if ((event === 'participantjoined' || event === 'participantleft') && (args[0] as Participant).hidden) return;
        res.write(`data: ${JSON.stringify({ ...toRecord(...args), at: Date.now() })}\n\n`);
        if (event === 'closed') stop();
      }),
    );
  }
  req.on('close', stop);
}
