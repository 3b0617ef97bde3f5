// TEMPORARY stand-in until the participation branch merges (not to be committed).
import type { LessonParticipation } from '@shared';
import type { Db } from '../../db/database.js';
export async function participationOf(_db: Db, lessonId: string, _now: number): Promise<LessonParticipation> {
  return { lessonId, liveMs: 0, discussionMs: 0, teacherTalkMs: 0, studentTalkMs: 0, teacherMainViewMs: 0, classrooms: [], schools: [], share: { support: { floorMs: 0, talkMs: 0, turns: 0 }, receiving: { floorMs: 0, talkMs: 0, turns: 0 } } };
}
