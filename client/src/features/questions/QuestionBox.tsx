import { useState } from 'react';
import { MAX_QUESTION_LENGTH } from '@shared';
import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { askQuestion } from './questionActions';
import { useQuestionsStore } from './questionsStore';

/** A viewer's 向老师提问, shown only while the teacher takes questions; says plainly that she picks which to show. */
export function QuestionBox() {
  const t = useT();
  const open = useQuestionsStore((state) => state.open);
  const action = useAction();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  if (!open) return null;
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    if (text.trim() === '') return;
    void action.run(async () => {
      await askQuestion(text);
      setSent(true);
      setText('');
    });
  };
  return (
    <form className="question-box" data-testid="question-box" onSubmit={submit}>
      <input
        className="question-box__text"
        data-testid="question-text"
        value={text}
        maxLength={MAX_QUESTION_LENGTH}
        placeholder={t('questions.placeholder')}
        aria-label={t('questions.askLabel')}
        onChange={(event) => {
          setText(event.target.value);
          setSent(false);
        }}
      />
      <button type="submit" className="question-box__send" data-testid="question-send" disabled={action.pending || text.trim() === ''}>
        {t('questions.ask')}
      </button>
      <ActionError error={action.error} testId="question-error" />
      {sent && (
        <p className="question-box__sent" data-testid="question-sent">
          {t('questions.sent')}
        </p>
      )}
    </form>
  );
}
