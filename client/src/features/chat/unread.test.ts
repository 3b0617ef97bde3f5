import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@shared';
import { arrivedCount } from './unread';

const message = (id: string): ChatMessage => ({ id, participantId: 'teacher', senderName: '王老师', text: id, sentAt: 0 });

describe('arrivedCount', () => {
  it('counts each message that arrives', () => {
    expect(arrivedCount([], [message('a')])).toBe(1);
    expect(arrivedCount([message('a')], [message('a'), message('b')])).toBe(1);
  });

  it('does not count the history a page receives when it joins', () => {
    expect(arrivedCount([], [message('a'), message('b'), message('c')])).toBe(0);
  });

  it('counts messages sent while the page was reconnecting, and nothing when the oldest are dropped', () => {
    expect(arrivedCount([message('a')], [message('a'), message('b'), message('c')])).toBe(2);
    expect(arrivedCount([message('a'), message('b')], [message('b')])).toBe(0);
  });
});
