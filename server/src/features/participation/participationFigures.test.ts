import { describe, expect, it } from 'vitest';
import type { LessonClassroomRow, LessonEventRow } from '../../db/lessonEvents.js';
import { lessonParticipation } from './participationFigures.js';
import { eventRow, HOST_CLASS_SPEAKER, type ParticipationEvent } from './participationEvents.js';

const A = 'classroom:shanping-4';
const B = 'classroom:hewan-4-2';
const classrooms: LessonClassroomRow[] = [
  { classroomId: 'chengguan-4-1', classroomName: '四年级(1)班', schoolId: 'chengguan', schoolName: '城关第一小学', schoolKind: 'support', host: true },
  { classroomId: 'hewan-4-2', classroomName: '四年级(2)班', schoolId: 'hewan', schoolName: '河湾乡中心小学', schoolKind: 'receiving', host: false },
  { classroomId: 'shanping-4', classroomName: '四年级', schoolId: 'shanping', schoolName: '山坪村小学', schoolKind: 'receiving', host: false },
];

/** A log written the way ParticipationLog writes it, in a few words per line. */
class Log {
  readonly rows: LessonEventRow[] = [];
  private add(event: ParticipationEvent): this {
    this.rows.push(eventRow('l1', event));
    return this;
  }
  opened(at: number, holders: string[] = [], mode: 'lecture' | 'discussion' = 'lecture'): this {
    return this.add({ kind: 'opened', at, participantId: null, detail: { floor: { holders, mode }, mainView: 'teacher' } });
  }
  closed(at: number): this {
    return this.add({ kind: 'closed', at, participantId: null, detail: null });
  }
  joined(at: number, ...ids: string[]): this {
    for (const id of ids) this.add({ kind: 'joined', at, participantId: id, detail: null });
    return this;
  }
  left(at: number, id: string): this {
    return this.add({ kind: 'left', at, participantId: id, detail: null });
  }
  raised(at: number, id: string, raisedAt = at): this {
    return this.add({ kind: 'handraised', at, participantId: id, detail: { raisedAt, studentName: '' } });
  }
  gone(at: number, id: string, raisedAt: number): this {
    return this.add({ kind: 'handgone', at, participantId: id, detail: { raisedAt } });
  }
  floor(at: number, holders: string[], mode: 'lecture' | 'discussion' = 'lecture'): this {
    return this.add({ kind: 'floor', at, participantId: null, detail: { holders, mode } });
  }
  speaking(at: number, ...speaking: string[]): this {
    return this.add({ kind: 'speaking', at, participantId: null, detail: { speaking } });
  }
  mainView(at: number, id: string): this {
    return this.add({ kind: 'mainview', at, participantId: id, detail: { reason: id === 'teacher' ? 'teacher' : 'floor' } });
  }
  /** The dashboard's quality facts, interleaved: a check, a latency summary, freezes. */
  quality(at: number, id: string): this {
    this.add({ kind: 'precheck', at, participantId: id, detail: { classroomId: id.slice('classroom:'.length), verdict: 'limited' } });
    this.add({ kind: 'latency', at, participantId: id, detail: { probeId: 'p', measurements: [{ from: 'teacher', kind: 'video', count: 3, p50: 150, p95: 200, p99: 210 }] } });
    return this.add({ kind: 'freezes', at, participantId: id, detail: { count: 2 } });
  }
}

const figures = (log: Log, live: Array<{ startedAt: number; endedAt: number | null }>, now = 100_000) =>
  lessonParticipation({ lessonId: 'l1', rows: log.rows, live, classrooms, now });
const room = (result: ReturnType<typeof figures>, id: string) => result.classrooms.find((c) => c.participantId === id)!;

describe('lessonParticipation', () => {
  it('measures floor, turns, hands, discussion, talk and the main view of a lesson', () => {
    const log = new Log()
      .opened(0)
      .joined(100, 'teacher', A, B)
      .speaking(2000, 'teacher')
      .speaking(4000)
      .raised(5000, A)
      // grantFloor: the floor first, then the hand goes down, then the main view.
      .floor(8000, [A])
      .gone(8004, A, 5000)
      .mainView(8000, A)
      .speaking(10_000, A)
      .speaking(15_000)
      .floor(20_000, [])
      .mainView(20_000, 'teacher')
      .raised(22_000, B)
      .gone(25_000, B, 22_000)
      .floor(30_000, [], 'discussion')
      .speaking(32_000, A)
      .speaking(34_000, A, B)
      .speaking(36_000, B)
      .speaking(38_000)
      .floor(40_000, [], 'lecture');
    const result = figures(log, [{ startedAt: 1000, endedAt: 61_000 }]);

    expect(result).toMatchObject({ liveMs: 60_000, discussionMs: 10_000, teacherTalkMs: 2000, studentTalkMs: 11_000, teacherMainViewMs: 48_000 });
    expect(room(result, A)).toMatchObject({ presentMs: 60_000, floorMs: 12_000, turns: 1, handsRaised: 1, handsAnswered: 1, handWaitsMs: [3000], talkMs: 9000, mainViewMs: 12_000 });
    expect(room(result, B)).toMatchObject({ floorMs: 0, turns: 0, handsRaised: 1, handsAnswered: 0, handWaitsMs: [3000], talkMs: 4000 });
    // The teacher's own classroom is the teacher: present with her, every other figure hers.
    expect(room(result, 'classroom:chengguan-4-1')).toMatchObject({ host: true, presentMs: 60_000, floorMs: 0, turns: 0, handsRaised: 0, talkMs: 0, mainViewMs: 0 });
    expect(result.schools.map((s) => [s.schoolId, s.handsRaised, s.meanHandWaitMs])).toEqual([['chengguan', 0, null], ['hewan', 1, 3000], ['shanping', 1, 3000]]);
    expect(result.share).toEqual({ support: { floorMs: 0, talkMs: 0, turns: 0 }, receiving: { floorMs: 12_000, talkMs: 13_000, turns: 1 } });
  });

  it("counts the host classroom's students heard through the room microphone as its talk and student talk, not the teacher's", () => {
    const log = new Log().opened(0).joined(100, 'teacher', A).speaking(1000, HOST_CLASS_SPEAKER).speaking(4000, 'teacher', HOST_CLASS_SPEAKER).speaking(5000, 'teacher').speaking(6000);
    const result = figures(log, [{ startedAt: 0, endedAt: 10_000 }]);
    expect(result).toMatchObject({ teacherTalkMs: 2000, studentTalkMs: 4000 });
    expect(room(result, 'classroom:chengguan-4-1')).toMatchObject({ host: true, talkMs: 4000, floorMs: 0 });
    expect(room(result, A).talkMs).toBe(0);
    expect(result.share.support.talkMs).toBe(4000);
  });

  it('counts only live time: before 开始上课, between sessions and after 下课 nothing counts', () => {
    const log = new Log()
      .opened(0)
      .joined(0, 'teacher', A)
      // Granted before the lesson starts, held through a break: one turn, live time only.
      .raised(1000, A)
      .floor(3000, [A])
      .gone(3001, A, 1000)
      .floor(50_000, []);
    const result = figures(log, [{ startedAt: 10_000, endedAt: 20_000 }, { startedAt: 30_000, endedAt: 40_000 }]);
    expect(result.liveMs).toBe(20_000);
    // The hand was never up while the lesson was live: not counted.
    expect(room(result, A)).toMatchObject({ presentMs: 20_000, floorMs: 20_000, turns: 1, handsRaised: 0 });

    const late = figures(new Log().opened(0).joined(0, 'teacher', A).raised(5000, A).floor(12_000, [A]).gone(12_002, A, 5000), [{ startedAt: 10_000, endedAt: null }], 15_000);
    // Raised before the start and answered after it: it waited the live part; the open session counts to now.
    expect(room(late, A)).toMatchObject({ handsRaised: 1, handsAnswered: 1, handWaitsMs: [2000], floorMs: 3000 });
    expect(late.liveMs).toBe(5000);
  });

  it('ends a hand when its classroom leaves, unless it comes back with the hand still queued', () => {
    const log = new Log()
      .opened(0)
      .joined(0, 'teacher', A, B)
      .raised(1000, A)
      .left(4000, A)
      .raised(2000, B)
      // A reload: the page leaves and joins in the same moment; its hand waited on and is answered.
      .left(3000, B)
      .joined(3000, B)
      .floor(6000, [B])
      .gone(6001, B, 2000)
      // The teacher lowers every hand after A has gone.
      .gone(9000, A, 1000);
    const result = figures(log, [{ startedAt: 0, endedAt: 10_000 }]);
    expect(room(result, A)).toMatchObject({ handsRaised: 1, handsAnswered: 0, handWaitsMs: [3000], presentMs: 4000 });
    expect(room(result, B)).toMatchObject({ handsRaised: 1, handsAnswered: 1, handWaitsMs: [4000], floorMs: 4000, turns: 1 });
  });

  it('does not count a hand lowered long after its classroom was given the floor as answered', () => {
    const log = new Log().opened(0).joined(0, 'teacher', A).floor(1000, [A]).raised(2000, A).gone(7000, A, 2000);
    expect(room(figures(log, [{ startedAt: 0, endedAt: 10_000 }]), A)).toMatchObject({ handsRaised: 1, handsAnswered: 0, handWaitsMs: [5000], turns: 1, floorMs: 9000 });
  });

  it('goes on across a reopened lesson without counting its hand or its turn twice', () => {
    const log = new Log()
      .opened(0)
      .joined(0, 'teacher', A, B)
      .raised(1000, B)
      .floor(2000, [A])
      // The server stops: the lesson closes under everyone; Redis keeps the floor and the queue.
      .closed(5000)
      .opened(8000, [A])
      .joined(8000, 'teacher', A, B)
      .raised(8001, B, 1000)
      .floor(9000, [A, B])
      .gone(9001, B, 1000);
    // B's hand waited in the queue through the restart: the lesson stayed live (开始上课 … 下课).
    const result = figures(log, [{ startedAt: 0, endedAt: 12_000 }]);
    expect(room(result, A)).toMatchObject({ turns: 1, floorMs: 3000 + 4000, presentMs: 5000 + 4000 });
    expect(room(result, B)).toMatchObject({ handsRaised: 1, handsAnswered: 1, handWaitsMs: [8000], turns: 1, floorMs: 3000 });
  });

  it('skips rows it cannot read and counts nothing for classrooms never there', () => {
    const log = new Log().opened(0).joined(0, 'teacher');
    log.rows.push({ lesson_id: 'l1', at: 10, kind: 'futurething', participant_id: null, detail: '{}' }, { lesson_id: 'l1', at: 11, kind: 'floor', participant_id: null, detail: 'not json' });
    const result = figures(log, [{ startedAt: 0, endedAt: 1000 }]);
    expect(result.liveMs).toBe(1000);
    expect(room(result, A)).toMatchObject({ presentMs: 0, floorMs: 0, handsRaised: 0, handWaitsMs: [] });
    expect(result.teacherMainViewMs).toBe(1000);
  });

  it('is not changed by the quality facts written into the same log', () => {
    const script = (log: Log, withQuality: boolean) => {
      log.opened(0).joined(100, 'teacher', A, B).raised(1000, A);
      if (withQuality) log.quality(1500, A).quality(1500, B);
      log.floor(3000, [A]).gone(3004, A, 1000).mainView(3000, A).speaking(4000, A);
      if (withQuality) log.quality(5000, A);
      return log.speaking(6000).floor(8000, []).mainView(8000, 'teacher');
    };
    const live = [{ startedAt: 0, endedAt: 10_000 }];
    expect(figures(script(new Log(), true), live)).toEqual(figures(script(new Log(), false), live));
  });
});
