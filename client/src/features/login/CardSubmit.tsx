export interface CardSubmitProps {
  /** Why the last try failed, in words for the person at the keyboard; null before a try or after one that worked. */
  problem: string | null;
  problemTestId: string;
  label: string;
  testId: string;
  pending: boolean;
}

/** The end of a login card's form: why the last try failed, then the one big button (held while the try is on its way). */
export function CardSubmit({ problem, problemTestId, label, testId, pending }: CardSubmitProps) {
  return (
    <>
      {problem && (
        <p className="form-error" role="alert" data-testid={problemTestId}>
          {problem}
        </p>
      )}
      <button type="submit" className="big-button big-button--start" data-testid={testId} disabled={pending}>
        {label}
      </button>
    </>
  );
}
