import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ChatMessage } from '@shared';
import { useI18nStore } from '../i18n/i18nStore';
import { useT } from '../i18n/useT';

export interface ChatMessageListProps {
  messages: ChatMessage[];
  /** This page's participant id: its own messages are marked, and always scrolled into view. */
  selfId: string | null;
}

/** Within this many pixels of the end the reader counts as "at the newest message". */
const NEAR_END_PX = 48;

/**
 * Messages oldest to newest, following the newest as it arrives, unless the
 * reader has scrolled back to read an older one. Text is rendered as text
 * (React children), never as HTML: it comes from other participants.
 */
export function ChatMessageList({ messages, selfId }: ChatMessageListProps) {
  const t = useT();
  const locale = useI18nStore((state) => state.locale);
  const listRef = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  const newest = messages.at(-1);
  const time = useMemo(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }), [locale]);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    if (atEnd.current || newest?.participantId === selfId) list.scrollTop = list.scrollHeight;
  }, [newest, selfId]);

  // The list also shrinks under the reader (a notice above it, a longer hand queue): stay at the newest message.
  const hasMessages = messages.length > 0;
  useEffect(() => {
    const list = listRef.current;
    if (!list || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atEnd.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [hasMessages]);

  const onScroll = () => {
    const list = listRef.current;
    if (list) atEnd.current = list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_END_PX;
  };

  if (messages.length === 0) return <p className="chat-list chat-list--empty">{t('chat.empty')}</p>;
  return (
    <ol ref={listRef} className="chat-list" onScroll={onScroll} aria-live="polite">
      {messages.map((message) => (
        <li
          key={message.id}
          className={message.participantId === selfId ? 'chat-message chat-message--own' : 'chat-message'}
          data-testid="chat-message"
          data-message-id={message.id}
        >
          <span className="chat-message__meta">
            <span className="chat-message__sender" data-testid="chat-sender">
              {message.senderName}
            </span>
            <time className="chat-message__time" dateTime={new Date(message.sentAt).toISOString()}>
              {time.format(message.sentAt)}
            </time>
          </span>
          <span className="chat-message__text" data-testid="chat-text">
            {message.text}
          </span>
        </li>
      ))}
    </ol>
  );
}
