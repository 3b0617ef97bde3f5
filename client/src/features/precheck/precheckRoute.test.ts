import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../route';

describe('the pre-class check address', () => {
  it('opens from the classroom link with /check', () => {
    expect(parseRoute('/lesson/math-4/classroom/shanping-4/check', '?key=abcdefgh')).toEqual({
      page: 'precheck',
      lessonId: 'math-4',
      classroomId: 'shanping-4',
      linkKey: 'abcdefgh',
    });
    expect(parseRoute('/lesson/math-4/classroom/shanping-4/check', '')).toEqual({ page: 'home' });
  });
});
