import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_CHAT_LENGTH } from '@shared';
import { ActionError } from '../interaction/ActionError';
import { sendChat } from '../interaction/interactionActions';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';

/** One line to type a message; Enter or 发送 sends it. The text stays if sending fails, so nothing typed is lost. */
export function ChatInput({ disabled }: { disabled: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  const { run, pending, error } = useAction();
  const inputRef = useRef<HTMLInputElement>(null);
  const message = text.trim();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (disabled || pending || message === '') return;
    if (await run(() => sendChat(message))) setText('');
    inputRef.current?.focus();
  };

  // The Enter that picks a word in a Chinese input method must not send the half-typed
  // line; Safari reports that Enter with isComposing false but keyCode 229.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && (event.nativeEvent.isComposing || event.keyCode === 229)) event.preventDefault();
  };

  return (
    <form className="chat-input" onSubmit={(event) => void send(event)}>
      <div className="chat-input__row">
        <input
          ref={inputRef}
          className="chat-input__field"
          data-testid="chat-input"
          type="text"
          value={text}
          maxLength={MAX_CHAT_LENGTH}
          placeholder={t('chat.placeholder')}
          aria-label={t('chat.inputLabel')}
          disabled={disabled}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button--primary" data-testid="chat-send" disabled={disabled || pending || message === ''}>
          {t('chat.send')}
        </button>
      </div>
      <ActionError error={error} testId="chat-error" />
    </form>
  );
}
