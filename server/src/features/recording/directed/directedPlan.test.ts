import { describe, expect, it } from 'vitest';
import type { Stage } from '@shared';
import type { SegmentEntry, StageLogEntry } from '../recordingFiles.js';
import { PIP_INSET, planDirectedView } from './directedPlan.js';

const T0 = 1_000_000;
const segment = (participantId: string, source: SegmentEntry['source'], from: number, to: number): SegmentEntry => ({
  file: `${participantId}/${source}/${from}.webm`, participantId, classroomId: null, source, kind: source.endsWith('Mic') ? 'audio' : 'video',
  producerId: 'p', run: 'r', startedAt: T0 + from, endedAt: T0 + to, mediaStart: 0, mediaEnd: 0, partial: false, bytes: 1,
});
const stage = (layout: Stage['layout'], main: [string, Stage['main'] extends infer R ? (R extends { source: infer S } ? S : never) : never] | null, inset: typeof main = null): Stage => ({
  directing: { choice: 'auto', main: null, inset: null }, layout, main: main && { participantId: main[0], source: main[1] }, inset: inset && { participantId: inset[0], source: inset[1] }, changedAt: 0,
});
const log = (...stages: Array<[number, Stage]>): StageLogEntry[] => [
  { at: T0, type: 'recordingStarted', recordingId: 'r', resumed: false },
  ...stages.map(([at, s]): StageLogEntry => ({ at: T0 + at, type: 'stage', stage: s })),
  { at: T0 + 150_000, type: 'recordingStopped', reason: 'lessonEnded' },
];
const A = 'classroom:a';
const sources = [segment('teacher', 'teacher', 0, 150_000), segment(A, 'students', 0, 150_000), segment('teacher', 'courseware', 30_000, 150_000)];

describe('the directed-view plan', () => {
  it('cuts at each change of what the screen shows and at most every 60 s, on the 25 fps grid, covering the recording exactly', () => {
    const plan = planDirectedView(sources, log([0, stage('single', ['teacher', 'teacher'])], [10_001, stage('single', ['teacher', 'teacher'])], [20_013, stage('single', [A, 'students'])]))!;
    expect(plan.chunks.map((c) => [c.from - T0, c.to - T0])).toEqual([[0, 20_000], [20_000, 80_000], [80_000, 140_000], [140_000, 150_000]]);
    expect(plan.chunks.map((c) => c.pictures.map((p) => p.participantId))).toEqual([['teacher'], [A], [A], [A]]);
  });

  it('draws courseware with the teacher in the corner, and falls back to the teacher where a picture was not recorded', () => {
    const published: StageLogEntry = { at: T0 + 30_000, type: 'trackPublished', track: { producerId: 'c', participantId: 'teacher', kind: 'video', source: 'courseware', paused: false } };
    const plan = planDirectedView(sources, [...log([0, stage('pip', ['teacher', 'courseware'], ['teacher', 'teacher'])], [40_000, stage('single', ['classroom:gone', 'students'])]), published])!;
    // Before the courseware is published the teacher's camera is the main picture, as a page shows it.
    expect(plan.chunks[0]!.pictures.map((p) => [p.source, p.role])).toEqual([['teacher', 'main'], ['teacher', 'inset']]);
    expect(plan.chunks.map((c) => c.from - T0)).toEqual([0, 30_000, 40_000, 100_000]);
    expect(plan.chunks[1]!.pictures.map((p) => p.source)).toEqual(['courseware', 'teacher']);
    expect(plan.chunks.find((c) => c.from - T0 === 40_000)!.pictures).toEqual([{ participantId: 'teacher', source: 'teacher', role: 'main', region: { x: 0, y: 0, width: 1280, height: 720 } }]);
    const withCourseware = planDirectedView(sources, log([0, stage('pip', ['teacher', 'courseware'], ['teacher', 'teacher'])]), 20_000)!.chunks[2]!;
    expect(withCourseware.pictures).toEqual([
      { participantId: 'teacher', source: 'courseware', role: 'main', region: { x: 0, y: 0, width: 1280, height: 720 } },
      { participantId: 'teacher', source: 'teacher', role: 'inset', region: PIP_INSET },
    ]);
  });

  it('puts the teacher first in a grid and everyone recorded after her, in columns of three at most', () => {
    const B = 'classroom:b';
    const C = 'classroom:c';
    const plan = planDirectedView([...sources, segment(B, 'students', 0, 150_000), segment(C, 'students', 0, 150_000)], log([0, stage('grid', null)]))!;
    expect(plan.chunks[0]!.pictures.map((p) => [p.participantId, p.region.x, p.region.y])).toEqual([['teacher', 0, 0], [A, 428, 0], [B, 856, 0], [C, 0, 362]]);
  });

  it('has nothing to plan for a recording without a span', () => {
    expect(planDirectedView([], [])).toBeNull();
  });
});
