import { describe, expect, it } from 'vitest';
import { ErrorCode, LessonError } from '@shared';
import { failureMessageKey } from './actionFailure';

describe('failureMessageKey', () => {
  it('names the message of the server error code', () => {
    expect(failureMessageKey(new LessonError(ErrorCode.NoFloor, 'no floor'))).toBe('error.NO_FLOOR');
    expect(failureMessageKey(new LessonError(ErrorCode.ChatClosed, 'closed'))).toBe('error.CHAT_CLOSED');
  });

  it('treats any other failure as a lost connection', () => {
    expect(failureMessageKey(new Error('not connected'))).toBe('error.network');
  });
});
