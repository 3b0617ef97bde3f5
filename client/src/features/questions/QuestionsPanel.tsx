import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { useViewerCount } from '../lesson/viewerCount';
import { dismissQuestion, setQuestionsOpen, showQuestion } from './questionActions';
import { useQuestionsStore } from './questionsStore';

/**
 * The teacher's 观众提问: her switch, the questions waiting (oldest first)
 * with 展示 and 忽略 each, and the one on every screen with 取下. Drawn only
 * once the lesson has viewers or questions, so an ordinary lesson's side
 * panel stays as it was.
 */
export function QuestionsPanel() {
  const t = useT();
  const { open, shown, waiting } = useQuestionsStore();
  const viewers = useViewerCount();
  const action = useAction();
  if (viewers === 0 && !open && !shown && waiting.length === 0) return null;
  return (
    <section className="panel questions-panel" data-testid="questions-panel" data-waiting={waiting.length}>
      <header className="panel__header">
        <h2 className="panel__title">{t('questions.title', { count: waiting.length })}</h2>
        <button type="button" data-testid="questions-toggle" data-open={open} disabled={action.pending} onClick={() => void action.run(() => setQuestionsOpen(!open))}>
          {t(open ? 'questions.close' : 'questions.open')}
        </button>
      </header>
      {shown && (
        <p className="questions-panel__shown" data-testid="questions-shown">
          <span>{t('questions.shownLabel')}</span> {shown.text}{' '}
          <button type="button" data-testid="question-take-down" disabled={action.pending} onClick={() => void action.run(() => showQuestion(null))}>
            {t('questions.takeDown')}
          </button>
        </p>
      )}
      {waiting.length === 0 ? (
        <p className="panel__empty">{t('questions.empty')}</p>
      ) : (
        <ol className="questions-panel__list">
          {waiting.map((question) => (
            <li key={question.id} className="questions-panel__entry" data-testid="question-entry" data-question-id={question.id}>
              <span className="questions-panel__asker">{question.askerName}</span>
              <span className="questions-panel__text">{question.text}</span>
              <button type="button" data-testid="question-show" disabled={action.pending} onClick={() => void action.run(() => showQuestion(question.id))}>
                {t('questions.show')}
              </button>
              <button type="button" data-testid="question-dismiss" disabled={action.pending} onClick={() => void action.run(() => dismissQuestion(question.id))}>
                {t('questions.dismiss')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <ActionError error={action.error} testId="questions-error" />
    </section>
  );
}
