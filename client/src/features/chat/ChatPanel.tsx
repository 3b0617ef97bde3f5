import type { ReactNode } from 'react';
import { useInteractionStore } from '../interaction/interactionStore';
import { useT } from '../i18n/useT';
import { useLessonStore } from '../lesson/lessonStore';
import { ChatInput } from './ChatInput';
import { ChatMessageList } from './ChatMessageList';

export interface ChatPanelProps {
  /** Buttons in the panel's header: the teacher's on/off switch, a drawer's close button. */
  controls?: ReactNode;
  className?: string;
}

/** 文字互动: the lesson's messages and a line to write one, the same on the teacher's and the classrooms' pages. */
export function ChatPanel({ controls, className }: ChatPanelProps) {
  const t = useT();
  const messages = useInteractionStore((state) => state.messages);
  const enabled = useInteractionStore((state) => state.chatEnabled);
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  const isTeacher = useLessonStore((state) => state.self?.role === 'teacher');
  const joined = useLessonStore((state) => state.phase === 'joined');

  return (
    <section className={className ? `panel chat-panel ${className}` : 'panel chat-panel'} data-testid="chat-panel" data-enabled={enabled}>
      <header className="panel__header">
        <h2 className="panel__title">{t('chat.title')}</h2>
        {controls}
      </header>
      {!enabled && (
        <p className="chat-panel__closed" data-testid="chat-closed">
          {t(isTeacher ? 'chat.closedForClassrooms' : 'chat.closed')}
        </p>
      )}
      <ChatMessageList messages={messages} selfId={selfId} />
      {/* The server refuses classroom messages while chat is off; only the teacher may still write. */}
      <ChatInput disabled={!joined || (!enabled && !isTeacher)} />
    </section>
  );
}
