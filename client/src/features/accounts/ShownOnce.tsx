import { useState } from 'react';
import { commonMessages } from './commonMessages';
import { useDictionary } from './dictionary';

/**
 * A secret the server hands out once (an initial password, a guest link):
 * shown in full with a copy button, kept only in this component's state and
 * gone when it closes.
 */
export function ShownOnce({ value, testId }: { value: string; testId: string }) {
  const t = useDictionary(commonMessages);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = () =>
    navigator.clipboard?.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    ) ?? setCopied('failed');
  return (
    <div className="shown-once">
      <output className="shown-once__value" data-testid={testId}>
        {value}
      </output>
      <div className="shown-once__actions">
        <button type="button" data-testid={`${testId}-copy`} onClick={() => void copy()}>
          {t(copied === 'yes' ? 'accounts.copied' : 'accounts.copy')}
        </button>
        {copied === 'failed' && <span className="form-error">{t('accounts.copyFailed')}</span>}
      </div>
      <p className="shown-once__hint">{t('accounts.shownOnce')}</p>
    </div>
  );
}
