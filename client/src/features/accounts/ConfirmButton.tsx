import { useState } from 'react';
import { commonMessages } from './commonMessages';
import { useDictionary } from './dictionary';

/**
 * A button for something that cannot be undone (停用 a terminal, disable an
 * account): the first click asks, a second click on 确定 does it.
 */
export function ConfirmButton({ label, question, testId, disabled, onConfirm }: { label: string; question: string; testId: string; disabled?: boolean; onConfirm(): void }) {
  const t = useDictionary(commonMessages);
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button--danger" data-testid={testId} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm__question">{question}</span>
      <button
        type="button"
        className="button--danger"
        data-testid={`${testId}-confirm`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('accounts.confirm')}
      </button>
      <button type="button" data-testid={`${testId}-cancel`} onClick={() => setAsking(false)}>
        {t('accounts.cancel')}
      </button>
    </span>
  );
}
