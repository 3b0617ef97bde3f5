import type { ClassroomParticipation, LessonParticipation, SchoolParticipation } from '@shared';
import type { LessonClassroomRow, LessonEventRow } from '../../db/lessonEvents.js';
import { eventOfRow, HOST_CLASS_SPEAKER, type ParticipationEvent } from './participationEvents.js';

/**
 * A hand that goes down this soon after its classroom was given the floor was
 * answered by it: grantFloor gives the floor first, then lowers the hand.
 */
export const HAND_ANSWER_WINDOW_MS = 1000;

/** What the figures are made from: the log, the live intervals and who was meant to be in the lesson. */
export interface ParticipationInput {
  lessonId: string;
  /** The lesson's `lesson_event` rows in the order they were written. */
  rows: ReadonlyArray<Pick<LessonEventRow, 'at' | 'kind' | 'participant_id' | 'detail'>>;
  /** Its 开始上课 → 下课 intervals; one still open (`endedAt` null) runs to `now`. */
  live: ReadonlyArray<{ startedAt: number; endedAt: number | null }>;
  /** The host classroom and the paired classrooms, each with its school. */
  classrooms: readonly LessonClassroomRow[];
  now: number;
}

/** The lesson's live time as disjoint, sorted intervals, and how much of it lies in any stretch. */
class LiveTime {
  private readonly intervals: Array<[number, number]> = [];

  constructor(live: ParticipationInput['live'], now: number) {
    const clipped = live.map(({ startedAt, endedAt }) => [startedAt, Math.min(endedAt ?? now, now)] as [number, number]).filter(([a, b]) => b > a);
    for (const [a, b] of clipped.sort((x, y) => x[0] - y[0])) {
      const last = this.intervals.at(-1);
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else this.intervals.push([a, b]);
    }
  }

  get total(): number {
    return this.intervals.reduce((sum, [a, b]) => sum + b - a, 0);
  }

  /** Live milliseconds within [from, to). */
  within(from: number, to: number): number {
    let sum = 0;
    for (const [a, b] of this.intervals) sum += Math.max(0, Math.min(b, to) - Math.max(a, from));
    return sum;
  }

  /** Whether the lesson was live at this moment. */
  at(moment: number): boolean {
    return this.intervals.some(([a, b]) => moment >= a && moment < b);
  }
}

interface Hand {
  participantId: string;
  raisedAt: number;
  /** Its participant left (or the lesson closed under it) while the hand was up; a return clears it. */
  leftAt: number | null;
}

interface EndedHand {
  participantId: string;
  raisedAt: number;
  /** Given the floor, or lowered / left unanswered. */
  endedAt: number;
  answered: boolean;
}

/** A running sum of milliseconds per participant. */
class Tally extends Map<string, number> {
  add(key: string, ms: number): void {
    this.set(key, (this.get(key) ?? 0) + ms);
  }
  of(key: string): number {
    return this.get(key) ?? 0;
  }
}

/**
 * Replays the log: between two events the lesson's state (who is in, the
 * floor, who is heard, the main view) holds, and that stretch's live time is
 * added to whatever the state says.
 */
class Replay {
  open = true;
  readonly present = new Set<string>();
  holders: string[] = [];
  mode: 'lecture' | 'discussion' = 'lecture';
  speaking: string[] = [];
  mainView = 'teacher';
  /** When each holder's turn began; a turn is counted at its first live moment. */
  readonly turnStart = new Map<string, number>();
  readonly counted = new Set<string>();
  readonly hands = new Map<string, Hand>();
  readonly handsSeen = new Set<string>();
  readonly ended: EndedHand[] = [];

  readonly presentMs = new Tally();
  readonly floorMs = new Tally();
  readonly talkMs = new Tally();
  readonly mainViewMs = new Tally();
  readonly turns = new Tally();
  discussionMs = 0;
  teacherTalkMs = 0;
  studentTalkMs = 0;

  constructor(private readonly live: LiveTime) {}

  /** Adds the live time of [from, to) to the state as it stands. */
  hold(from: number, to: number): void {
    const ms = this.open ? this.live.within(from, to) : 0;
    if (ms <= 0) return;
    for (const id of this.present) this.presentMs.add(id, ms);
    for (const id of this.holders) {
      if (!this.present.has(id)) continue;
      this.floorMs.add(id, ms);
      if (!this.counted.has(id)) {
        this.counted.add(id);
        this.turns.add(id, 1);
      }
    }
    if (this.mode === 'discussion') this.discussionMs += ms;
    if (this.speaking.includes('teacher')) this.teacherTalkMs += ms;
    const students = this.speaking.filter((id) => id !== 'teacher');
    if (students.length > 0) this.studentTalkMs += ms;
    for (const id of students) this.talkMs.add(id, ms);
    this.mainViewMs.add(this.mainView, ms);
  }

  apply(event: ParticipationEvent): void {
    const { at, participantId } = event;
    switch (event.kind) {
      case 'opened':
        // Without a 'closed' before it the last server died: whoever was in has left with it.
        for (const id of this.present) this.leave(id, at);
        this.open = true;
        this.speaking = [];
        this.mainView = event.detail.mainView;
        this.setFloor(at, event.detail.floor);
        break;
      case 'closed':
        // Its participants went with it: a hand still up ends here unless they come back.
        for (const id of this.present) this.leave(id, at);
        this.open = false;
        this.speaking = [];
        break;
      case 'joined':
        if (!participantId) break;
        this.present.add(participantId);
        // Back while its hand is still in the queue (a reload, a reconnection): the hand kept waiting.
        if (this.hands.get(participantId)) this.hands.get(participantId)!.leftAt = null;
        break;
      case 'left':
        if (participantId) this.leave(participantId, at);
        break;
      case 'handraised':
        if (participantId) this.raised(participantId, event.detail.raisedAt, at);
        break;
      case 'handgone':
        if (participantId) this.gone(participantId, event.detail.raisedAt, at);
        break;
      case 'floor':
        this.setFloor(at, event.detail);
        break;
      case 'speaking':
        this.speaking = event.detail.speaking;
        break;
      case 'mainview':
        if (participantId) this.mainView = participantId;
        break;
      // Quality facts (the dashboard's): nothing of who is in, heard or shown.
      case 'precheck':
      case 'latency':
      case 'freezes':
        break;
    }
  }

  /** Hands still up when the log ends waited until their participant left, or until now. */
  finish(now: number): void {
    for (const hand of this.hands.values()) this.ended.push({ participantId: hand.participantId, raisedAt: hand.raisedAt, endedAt: hand.leftAt ?? now, answered: false });
    this.hands.clear();
  }

  private leave(participantId: string, at: number): void {
    this.present.delete(participantId);
    const hand = this.hands.get(participantId);
    if (hand && hand.leftAt === null) hand.leftAt = at;
  }

  private setFloor(at: number, floor: { holders: string[]; mode: 'lecture' | 'discussion' }): void {
    for (const id of this.holders) {
      if (floor.holders.includes(id)) continue;
      this.turnStart.delete(id);
      this.counted.delete(id);
    }
    for (const id of floor.holders) if (!this.turnStart.has(id)) this.turnStart.set(id, at);
    this.holders = [...floor.holders];
    this.mode = floor.mode;
  }

  private raised(participantId: string, raisedAt: number, at: number): void {
    const key = `${participantId}|${raisedAt}`;
    // Seen again after a reopening (the queue is in Redis), or after it ended by its participant leaving: the same hand.
    if (this.handsSeen.has(key)) return;
    this.handsSeen.add(key);
    const earlier = this.hands.get(participantId);
    if (earlier) this.end(earlier, earlier.leftAt ?? at, false);
    this.hands.set(participantId, { participantId, raisedAt, leftAt: null });
  }

  private gone(participantId: string, raisedAt: number, at: number): void {
    const hand = this.hands.get(participantId);
    if (!hand || hand.raisedAt !== raisedAt) return;
    if (hand.leftAt !== null) return this.end(hand, hand.leftAt, false);
    const since = this.turnStart.get(participantId);
    const answered = since !== undefined && since >= at - HAND_ANSWER_WINDOW_MS;
    this.end(hand, answered ? Math.max(since, raisedAt) : at, answered);
  }

  private end(hand: Hand, endedAt: number, answered: boolean): void {
    this.hands.delete(hand.participantId);
    this.ended.push({ participantId: hand.participantId, raisedAt: hand.raisedAt, endedAt, answered });
  }
}

/**
 * 课堂参与: a lesson's participation figures from its event log. Only live
 * time counts: every stretch (presence, floor, talk, main view, discussion,
 * a hand's wait) is clipped to the 开始上课 → 下课 intervals. A turn counts
 * once, at its first live moment while its classroom is in the lesson; a
 * hand counts if it was up at some live moment, and waited for the live time
 * from its raising to the floor being given (answered) or to it going down
 * or its classroom leaving (unanswered). Floor time counts only while the
 * holder is in the lesson. Student talk is the time any classroom was heard
 * (a union), each classroom's talk its own time; the host classroom's students
 * are heard through the teacher's room microphone, apart from her own.
 */
export function lessonParticipation(input: ParticipationInput): LessonParticipation {
  const live = new LiveTime(input.live, input.now);
  const replay = new Replay(live);
  const events = input.rows.map(eventOfRow).filter((event): event is ParticipationEvent => event !== null);
  // Stable: rows of one moment keep the order they were written in (the floor before the hand it answers).
  events.sort((a, b) => a.at - b.at);
  let last = events[0]?.at ?? input.now;
  for (const event of events) {
    replay.hold(last, event.at);
    replay.apply(event);
    last = Math.max(last, event.at);
  }
  replay.hold(last, input.now);
  replay.finish(input.now);

  const hands = replay.ended
    .filter((hand) => live.within(hand.raisedAt, hand.endedAt) > 0 || live.at(hand.raisedAt))
    .sort((a, b) => a.raisedAt - b.raisedAt);
  const classrooms = input.classrooms.map((room): ClassroomParticipation => {
    const participantId = `classroom:${room.classroomId}`;
    const own = room.host ? [] : hands.filter((hand) => hand.participantId === participantId);
    const of = (tally: Tally): number => (room.host ? 0 : tally.of(participantId));
    return {
      participantId,
      classroomId: room.classroomId,
      host: room.host,
      classroomName: room.classroomName,
      schoolId: room.schoolId,
      schoolName: room.schoolName,
      schoolKind: room.schoolKind,
      presentMs: replay.presentMs.of(room.host ? 'teacher' : participantId),
      floorMs: of(replay.floorMs),
      turns: of(replay.turns),
      handsRaised: own.length,
      handsAnswered: own.filter((hand) => hand.answered).length,
      handWaitsMs: own.map((hand) => live.within(hand.raisedAt, hand.endedAt)),
      talkMs: room.host ? replay.talkMs.of(HOST_CLASS_SPEAKER) : of(replay.talkMs),
      mainViewMs: of(replay.mainViewMs),
    };
  });
  return {
    lessonId: input.lessonId,
    liveMs: live.total,
    discussionMs: replay.discussionMs,
    teacherTalkMs: replay.teacherTalkMs,
    studentTalkMs: replay.studentTalkMs,
    teacherMainViewMs: replay.mainViewMs.of('teacher'),
    classrooms,
    schools: schoolsOf(classrooms),
    share: { support: shareOf(classrooms, 'support'), receiving: shareOf(classrooms, 'receiving') },
  };
}

/** Each school's sums, in the order its first classroom comes (the host's school first). */
function schoolsOf(classrooms: readonly ClassroomParticipation[]): SchoolParticipation[] {
  const schools = new Map<string, SchoolParticipation & { waits: number[] }>();
  for (const room of classrooms) {
    const school = schools.get(room.schoolId) ?? {
      schoolId: room.schoolId,
      schoolName: room.schoolName,
      schoolKind: room.schoolKind,
      floorMs: 0,
      turns: 0,
      handsRaised: 0,
      handsAnswered: 0,
      meanHandWaitMs: null,
      talkMs: 0,
      waits: [],
    };
    school.floorMs += room.floorMs;
    school.turns += room.turns;
    school.handsRaised += room.handsRaised;
    school.handsAnswered += room.handsAnswered;
    school.talkMs += room.talkMs;
    school.waits.push(...room.handWaitsMs);
    schools.set(room.schoolId, school);
  }
  return [...schools.values()].map(({ waits, ...school }) => ({
    ...school,
    meanHandWaitMs: waits.length === 0 ? null : Math.round(waits.reduce((sum, wait) => sum + wait, 0) / waits.length),
  }));
}

function shareOf(classrooms: readonly ClassroomParticipation[], kind: 'support' | 'receiving'): { floorMs: number; talkMs: number; turns: number } {
  const own = classrooms.filter((room) => room.schoolKind === kind);
  return {
    floorMs: own.reduce((sum, room) => sum + room.floorMs, 0),
    talkMs: own.reduce((sum, room) => sum + room.talkMs, 0),
    turns: own.reduce((sum, room) => sum + room.turns, 0),
  };
}
