/** A secret shown this once (a webhook's signing secret, an API key): copy it, then say so; it is never shown again. */
export function SecretOnce({ title, secret, hint, done, testId, onDone }: { title: string; secret: string; hint: string; done: string; testId: string; onDone(): void }) {
  return (
    <div className="account-panel__row" role="status" data-testid={testId}>
      <strong>{title}</strong>
      <code data-testid={`${testId}-value`}>{secret}</code>
      <p className="account-hint">{hint}</p>
      <button type="button" className="button--primary" onClick={onDone}>
        {done}
      </button>
    </div>
  );
}
