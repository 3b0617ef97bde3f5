import type { ReactNode } from 'react';
import { errorText } from './apiError';
import { commonMessages } from './commonMessages';
import { useDictionary } from './dictionary';
import type { Loaded } from './useLoad';

/** A loaded list's children once it is there; meanwhile 正在加载…, or what went wrong with a 重试 button. */
export function LoadState<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const t = useDictionary(commonMessages);
  if (loaded.data !== null) return <>{children(loaded.data)}</>;
  if (loaded.loading) return <p className="account-muted">{t('accounts.loading')}</p>;
  return (
    <p className="form-error" role="alert" data-testid="load-failed">
      {t('accounts.loadFailed', { message: errorText(t, loaded.error) })}{' '}
      <button type="button" onClick={loaded.reload}>
        {t('accounts.retry')}
      </button>
    </p>
  );
}
