import { describe, expect, it } from 'vitest';
import type { Directing, MainView, PublishedTrack } from '@shared';
import { resolveStage, type StageInput } from './resolveStage.js';

const A = 'classroom:a';
const video = (participantId: string, source: PublishedTrack['source']): PublishedTrack => ({
  producerId: `${participantId}-${source}`,
  participantId,
  kind: 'video',
  source,
  paused: false,
});
const teacherView: MainView = { participantId: 'teacher', reason: 'teacher', pinned: false, microphone: 'teacherMic' };
const auto: Directing = { choice: 'auto', main: null, inset: null };
const input = (partial: Partial<StageInput>): StageInput => ({
  directing: auto,
  mainView: teacherView,
  tracks: [video('teacher', 'teacher'), video('teacher', 'students'), video(A, 'students'), video(A, 'teacher')],
  floorHolders: [],
  ...partial,
});

describe('resolveStage', () => {
  it('automatic: the teacher camera full screen, then courseware large with the speaker in the corner once it is shared', () => {
    expect(resolveStage(input({}))).toMatchObject({ layout: 'single', main: { participantId: 'teacher', source: 'teacher' }, inset: null });
    const shared = input({ tracks: [...input({}).tracks, video('teacher', 'courseware')] });
    expect(resolveStage(shared)).toMatchObject({
      layout: 'pip',
      main: { participantId: 'teacher', source: 'courseware' },
      inset: { participantId: 'teacher', source: 'teacher' },
    });
  });

  it('automatic: the camera follows the microphone heard — a class microphone shows the student camera, a teacher microphone the teacher camera', () => {
    const students: MainView = { participantId: A, reason: 'speaker', pinned: false, microphone: 'studentsMic' };
    expect(resolveStage(input({ mainView: students })).main).toEqual({ participantId: A, source: 'students' });
    const assistant: MainView = { ...students, microphone: 'teacherMic' };
    expect(resolveStage(input({ mainView: assistant })).main).toEqual({ participantId: A, source: 'teacher' });
    // A classroom with one camera is shown by it whichever microphone spoke.
    const oneCamera = input({ mainView: assistant, tracks: [video('teacher', 'teacher'), video(A, 'students')] });
    expect(resolveStage(oneCamera).main).toEqual({ participantId: A, source: 'students' });
  });

  it('manual layouts use the pictures the teacher picked, and fall back when one is not published', () => {
    const withCourseware = [...input({}).tracks, video('teacher', 'courseware')];
    const sideBySide = input({ directing: { choice: 'sideBySide', main: null, inset: { participantId: A, source: 'students' } }, tracks: withCourseware });
    expect(resolveStage(sideBySide)).toMatchObject({ layout: 'sideBySide', main: { source: 'courseware' }, inset: { participantId: A, source: 'students' } });
    // Courseware not shared: the courseware layout shows the teacher camera alone rather than an empty half.
    expect(resolveStage(input({ directing: { choice: 'coursewarePip', main: null, inset: null } }))).toMatchObject({
      layout: 'single',
      main: { participantId: 'teacher', source: 'teacher' },
    });
    const picked = input({ directing: { choice: 'teacherFull', main: { participantId: 'teacher', source: 'document' }, inset: null } });
    expect(resolveStage(picked).main).toEqual({ participantId: 'teacher', source: 'teacher' });
    const document = input({ directing: picked.directing, tracks: [...input({}).tracks, video('teacher', 'document')] });
    expect(resolveStage(document).main).toEqual({ participantId: 'teacher', source: 'document' });
  });

  it('the floor layout shows the class holding the floor, or the teacher when nobody holds it', () => {
    const floor: Directing = { choice: 'floor', main: null, inset: null };
    expect(resolveStage(input({ directing: floor, floorHolders: [A] })).main).toEqual({ participantId: A, source: 'students' });
    expect(resolveStage(input({ directing: floor })).main).toEqual({ participantId: 'teacher', source: 'teacher' });
  });

  it('a grid names no picture: each page shows every classroom but itself', () => {
    expect(resolveStage(input({ directing: { choice: 'grid', main: null, inset: null } }))).toMatchObject({ layout: 'grid', main: null, inset: null });
  });

  it('nobody publishing leaves the stage empty rather than pointing at nothing', () => {
    expect(resolveStage(input({ tracks: [] }))).toMatchObject({ layout: 'single', main: null });
  });
});
