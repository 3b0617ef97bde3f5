import { describe, expect, it } from 'vitest';
import type { Stage } from '@shared';
import { onScreen, screenOf } from './stageScreen';

const stage = (partial: Partial<Stage>): Stage => ({
  directing: { choice: 'auto', main: null, inset: null },
  layout: 'single',
  main: null,
  inset: null,
  changedAt: 0,
  ...partial,
});
const A = 'classroom:a';
const B = 'classroom:b';

describe('screenOf', () => {
  it('shows courseware large and the teacher small in picture-in-picture', () => {
    const screen = screenOf(
      stage({ layout: 'pip', main: { participantId: 'teacher', source: 'courseware' }, inset: { participantId: 'teacher', source: 'teacher' } }),
      A,
      ['teacher', A, B],
    );
    expect(screen.pictures).toEqual([
      { participantId: 'teacher', source: 'courseware', place: 'main', role: 'main' },
      { participantId: 'teacher', source: 'teacher', place: 'tile', role: 'inset' },
    ]);
  });

  it('a classroom never watches itself large: it sees the teacher there instead', () => {
    const screen = screenOf(stage({ main: { participantId: A, source: 'students' } }), A, ['teacher', A, B]);
    expect(screen.pictures).toEqual([{ participantId: 'teacher', source: null, place: 'main', role: 'main' }]);
    expect(screenOf(stage({ main: { participantId: A, source: 'students' } }), B, ['teacher', A, B]).pictures[0]).toMatchObject({ participantId: A, source: 'students' });
  });

  it('halves take the middle layer side by side', () => {
    const screen = screenOf(
      stage({ layout: 'sideBySide', main: { participantId: 'teacher', source: 'courseware' }, inset: { participantId: 'teacher', source: 'teacher' } }),
      A,
      ['teacher', A],
    );
    expect(screen.pictures.map((p) => p.place)).toEqual(['half', 'half']);
  });

  it('a grid shows the teacher and the other classrooms, smaller when there are many', () => {
    expect(screenOf(stage({ layout: 'grid' }), A, ['teacher', A, B]).pictures.map((p) => [p.participantId, p.place])).toEqual([
      ['teacher', 'half'],
      [B, 'half'],
    ]);
    const many = ['teacher', 'c:1', 'c:2', 'c:3', 'c:4', 'c:5'];
    expect(screenOf(stage({ layout: 'grid' }), 'teacher', many).pictures.every((p) => p.place === 'tile')).toBe(true);
  });

  it('knows whose best camera is already shown', () => {
    const screen = screenOf(stage({ layout: 'pip', main: { participantId: 'teacher', source: 'courseware' }, inset: { participantId: B, source: 'students' } }), A, ['teacher', A, B]);
    expect(onScreen(screen, B, 'students')).toBe(true);
    expect(onScreen(screen, 'teacher', 'teacher')).toBe(false);
  });
});
