import { describe, expect, it } from 'vitest';
import type { FloorState, Stage } from '@shared';
import type { StageLogEntry } from '../recording/recordingFiles.js';
import { chaptersOf, classroomIdsOf, timeZero } from './chapters.js';

const stage = (choice: Stage['directing']['choice'], main: string | null, at: number): StageLogEntry => ({
  at,
  type: 'stage',
  stage: { directing: { choice, main: null, inset: null }, layout: 'single', main: main ? { participantId: main, source: 'teacher' } : null, inset: null, changedAt: at },
});
const floor = (holders: string[], at: number, mode: FloorState['mode'] = 'lecture'): StageLogEntry => ({ at, type: 'floor', floor: { mode, holders, muted: [], maxHolders: 2 } });
const names: Record<string, string> = { teacher: '王老师', 'classroom:shanping-4': '山坪村小学 · 四年级' };

describe('chapters of a recording', () => {
  const log: StageLogEntry[] = [
    { at: 10_000, type: 'recordingStarted', recordingId: 'r1', resumed: false },
    stage('auto', 'teacher', 10_001),
    floor([], 10_002),
    // Automatic directing switching speakers is no chapter.
    stage('auto', 'classroom:shanping-4', 14_000),
    floor(['classroom:shanping-4'], 20_000),
    stage('grid', null, 31_500),
    floor([], 40_000, 'discussion'),
    stage('teacherFull', 'teacher', 50_000),
  ];

  it('puts layout choices and floor grants on the timeline, in ms from the recording start, with names', () => {
    expect(timeZero(log, 9000)).toBe(10_000);
    expect(chaptersOf(log, 10_000, (id) => names[id] ?? id)).toEqual([
      { kind: 'start', atMs: 0 },
      { kind: 'floorGranted', atMs: 10_000, names: ['山坪村小学 · 四年级'] },
      { kind: 'layout', atMs: 21_500, choice: 'grid', mainName: null },
      { kind: 'floorReturned', atMs: 30_000, names: ['山坪村小学 · 四年级'] },
      { kind: 'discussion', atMs: 30_000, on: true },
      { kind: 'layout', atMs: 40_000, choice: 'teacherFull', mainName: '王老师' },
    ]);
  });

  it('names the classrooms it speaks of, and a log without a start counts from the row', () => {
    expect(classroomIdsOf(log)).toEqual(['shanping-4']);
    expect(timeZero(log.slice(1), 9000)).toBe(9000);
    expect(chaptersOf([], 0, String)).toEqual([{ kind: 'start', atMs: 0 }]);
  });
});
