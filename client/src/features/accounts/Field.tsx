import type { InputHTMLAttributes } from 'react';

export type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> & {
  /** Above the input, and what it is called to a screen reader (the label holds both). */
  label: string;
  /** Below the input, muted. */
  hint?: string;
  testId: string;
};

/** One labelled input of an account form, with an optional hint under it. */
export function Field({ label, hint, testId, ...input }: FieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input data-testid={testId} {...input} />
      {hint && <small className="account-hint">{hint}</small>}
    </label>
  );
}
