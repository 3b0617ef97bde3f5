import { errorText } from './apiError';
import { commonMessages } from './commonMessages';
import { useDictionary } from './dictionary';

/** Why a form's or button's last call failed, right beside it (nothing while it has not failed). */
export function RequestError({ error, testId = 'request-error' }: { error: unknown; testId?: string }) {
  const t = useDictionary(commonMessages);
  if (error === null || error === undefined) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {errorText(t, error)}
    </p>
  );
}
