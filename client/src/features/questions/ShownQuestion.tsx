import { useT } from '../i18n/useT';
import { useQuestionsStore } from './questionsStore';

/** The viewer's question the teacher chose (unsigned: every viewer of a broadcast holds the same ticket and name), on every screen until she takes it down: read out, answered, seen by all. */
export function ShownQuestion() {
  const t = useT();
  const shown = useQuestionsStore((state) => state.shown);
  if (!shown) return null;
  return (
    <p className="shown-question" data-testid="shown-question" data-question-id={shown.id} role="status">
      <span className="shown-question__label">{t('questions.shownLabel')}</span> {shown.text}
    </p>
  );
}
