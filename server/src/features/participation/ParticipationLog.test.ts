import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FloorState, RaisedHand } from '@shared';
import type { LessonEventRow } from '../../db/lessonEvents.js';
import type { LessonEvents } from '../../lesson/LessonTypes.js';
import type { Participant } from '../../lesson/Participant.js';
import { TypedEmitter } from '../../lesson/TypedEmitter.js';
import { createLogger } from '../../log.js';
import { ParticipationLog, type WriteRows } from './ParticipationLog.js';
import { HOST_CLASS_SPEAKER } from './participationEvents.js';

const floor: FloorState = { mode: 'lecture', holders: [], muted: [], maxHolders: 1 };
const hand = (participantId: string, raisedAt: number): RaisedHand => ({ participantId, schoolName: '', classroomName: '', studentName: '', raisedAt });
const participant = (id: string, hidden = false) => ({ id, hidden }) as unknown as Participant;

/** A lesson to follow: its events, emitted by the test. */
function fakeLesson() {
  const events = new TypedEmitter<LessonEvents>((_event, error) => {
    throw error;
  });
  return {
    record: { id: 'l1', title: '', teacherName: '' },
    floor,
    director: { mainView: { participantId: 'teacher', reason: 'teacher' as const, pinned: false, microphone: null } },
    on: events.on.bind(events),
    emit: events.emit.bind(events),
  };
}

describe('ParticipationLog', () => {
  let batches: LessonEventRow[][];
  let write: WriteRows;
  beforeEach(() => {
    vi.useFakeTimers();
    batches = [];
    write = async (rows) => void batches.push([...rows]);
  });
  afterEach(() => vi.useRealTimers());

  it('writes a busy stretch as one batch, not one row at a time', async () => {
    const lesson = fakeLesson();
    new ParticipationLog(lesson, write, createLogger('silent'));
    for (let i = 0; i < 20; i++) lesson.emit('speakingchanged', i % 2 ? ['teacher'] : [], i % 2 ? [{ participantId: 'teacher', microphone: 'teacherMic' }] : []);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1600);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((row) => row.kind)).toEqual(['opened', ...Array<string>(20).fill('speaking')]);
  });

  it("writes the host classroom's students apart from their teacher, though both are the teacher's page", async () => {
    const lesson = fakeLesson();
    new ParticipationLog(lesson, write, createLogger('silent'));
    lesson.emit('speakingchanged', ['teacher'], [{ participantId: 'teacher', microphone: 'studentsMic' }]);
    lesson.emit('speakingchanged', ['teacher', 'classroom:a'], [
      { participantId: 'teacher', microphone: 'teacherMic' },
      { participantId: 'classroom:a', microphone: 'studentsMic' },
      { participantId: 'teacher', microphone: 'studentsMic' },
    ]);
    await vi.advanceTimersByTimeAsync(1600);
    const speaking = batches.flat().filter((row) => row.kind === 'speaking').map((row) => JSON.parse(row.detail!).speaking);
    expect(speaking).toEqual([[HOST_CLASS_SPEAKER], ['teacher', 'classroom:a', HOST_CLASS_SPEAKER]]);
  });

  it('turns the hand queue into hands raised and gone, and leaves hidden observers out', async () => {
    const lesson = fakeLesson();
    const log = new ParticipationLog(lesson, write, createLogger('silent'));
    lesson.emit('participantjoined', participant('observer:x', true));
    lesson.emit('participantjoined', participant('classroom:a'));
    lesson.emit('handschanged', [hand('classroom:a', 10)]);
    lesson.emit('handschanged', [hand('classroom:a', 10), hand('classroom:b', 20)]);
    lesson.emit('handschanged', [hand('classroom:b', 20)]);
    await log.settled();
    const rows = batches.flat().slice(1);
    expect(rows.map((row) => [row.kind, row.participant_id, row.detail])).toEqual([
      ['joined', 'classroom:a', null],
      ['handraised', 'classroom:a', JSON.stringify({ raisedAt: 10, studentName: '' })],
      ['handraised', 'classroom:b', JSON.stringify({ raisedAt: 20, studentName: '' })],
      ['handgone', 'classroom:a', JSON.stringify({ raisedAt: 10 })],
    ]);
  });

  it('writes at once at 下课, and keeps what a failing database refused for the next batch', async () => {
    const lesson = fakeLesson();
    let refuse = true;
    const failing: WriteRows = async (rows) => {
      if (refuse) throw new Error('disk I/O error');
      batches.push([...rows]);
    };
    const log = new ParticipationLog(lesson, failing, createLogger('silent'));
    lesson.emit('floorchanged', { ...floor, mode: 'discussion' });
    // Nothing the lesson does waits for the log or hears of its failure.
    expect(() => lesson.emit('ended')).not.toThrow();
    await log.settled();
    expect(batches).toEqual([]);
    refuse = false;
    await vi.advanceTimersByTimeAsync(1600);
    expect(batches.flat().map((row) => row.kind)).toEqual(['opened', 'floor']);
  });
});
