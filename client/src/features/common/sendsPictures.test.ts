import { describe, expect, it } from 'vitest';
import type { Participant, Stage } from '@shared';
import { screenOf } from '../stage/stageScreen';
import { sendsPictures } from './sendsPictures';

const person = (id: string, role: Participant['role']): Participant => ({ id, role, classroomId: role === 'classroom' ? id : null, name: id, schoolName: '', joinedAt: 0 });
const grid: Stage = { directing: { choice: 'grid', main: null, inset: null }, layout: 'grid', main: null, inset: null, changedAt: 0 };

describe('observers in a lesson', () => {
  it('get no cell of the classrooms’ grid: they have no picture', () => {
    const others = [person('teacher', 'teacher'), person('classroom:a', 'classroom'), person('observer:guest-1', 'observer')];
    const cells = screenOf(grid, 'classroom:b', others.filter(sendsPictures).map((p) => p.id)).pictures.map((p) => p.participantId);
    expect(cells).toEqual(['teacher', 'classroom:a']);
  });
});
