import { describe, expect, it } from 'vitest';
import { parseRoute } from './route';

describe('parseRoute', () => {
  it("opens the teacher's page from the teacher's link", () => {
    expect(parseRoute('/lesson/math-4/teacher', '?key=abcdefgh')).toEqual({
      page: 'teacher',
      lessonId: 'math-4',
      linkKey: 'abcdefgh',
    });
  });

  it("opens a classroom's page from its link", () => {
    expect(parseRoute('/lesson/math-4/classroom/shanping-4-1', '?key=abcdefgh&lang=en')).toEqual({
      page: 'classroom',
      lessonId: 'math-4',
      classroomId: 'shanping-4-1',
      linkKey: 'abcdefgh',
    });
  });

  it('opens the home page for a link without its key or an unknown address', () => {
    expect(parseRoute('/lesson/math-4/teacher', '')).toEqual({ page: 'home' });
    expect(parseRoute('/', '?key=abcdefgh')).toEqual({ page: 'home' });
    expect(parseRoute('/lesson/%E0/teacher', '?key=abcdefgh')).toEqual({ page: 'home' });
  });

  it('opens the pre-class check from the classroom link with /check', () => {
    expect(parseRoute('/lesson/math-4/classroom/shanping-4/check', '?key=abcdefgh')).toEqual({
      page: 'precheck',
      lessonId: 'math-4',
      classroomId: 'shanping-4',
      linkKey: 'abcdefgh',
    });
    expect(parseRoute('/lesson/math-4/classroom/shanping-4/check', '')).toEqual({ page: 'home' });
  });
});
