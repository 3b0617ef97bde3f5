import { RequestError } from '../accounts/RequestError';
import { refusalText } from './timetableApi';

/** Why the last change was refused: a conflict in the server's words (naming the other lesson), else the usual message. */
export function TimetableError({ error }: { error: unknown }) {
  const refusal = refusalText(error);
  if (refusal === null) return <RequestError error={error} />;
  return (
    <p className="form-error timetable-refusal" role="alert" data-testid="timetable-refusal">
      {refusal}
    </p>
  );
}
