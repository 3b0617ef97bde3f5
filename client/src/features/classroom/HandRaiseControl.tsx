import { useState } from 'react';
import { MAX_STUDENT_NAME } from '@shared';
import { HandIcon } from '../common/HandIcon';
import { ActionError } from '../interaction/ActionError';
import { lowerHand, raiseHand } from '../interaction/interactionActions';
import { useInteractionStore } from '../interaction/interactionStore';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { useLessonStore } from '../lesson/lessonStore';

/** 举手 / 放下手: one big button for the whole class, with an optional name of the student who asks. */
export function HandRaiseControl({ selfId }: { selfId: string | null }) {
  const t = useT();
  const raised = useInteractionStore((state) => selfId !== null && state.hands.some((hand) => hand.participantId === selfId));
  const joined = useLessonStore((state) => state.phase === 'joined');
  const [studentName, setStudentName] = useState('');
  const { run, pending, error } = useAction();

  const toggle = async () => {
    if (raised) {
      await run(() => lowerHand());
      return;
    }
    const name = studentName.trim();
    // The name now shows in the big 已举手 notice; the next student starts from an empty field.
    if (await run(() => raiseHand(name || undefined))) setStudentName('');
  };

  return (
    <div className="hand-raise">
      <div className="hand-raise__row">
        <input
          className="hand-raise__name"
          data-testid="student-name"
          type="text"
          value={studentName}
          maxLength={MAX_STUDENT_NAME}
          placeholder={t('classroom.studentName')}
          aria-label={t('classroom.studentName')}
          disabled={raised}
          onChange={(event) => setStudentName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.nativeEvent.isComposing && !raised) void toggle();
          }}
        />
        <button
          type="button"
          className={raised ? 'hand-raise__button hand-raise__button--raised' : 'hand-raise__button'}
          data-testid="raise-hand"
          data-raised={raised}
          aria-pressed={raised}
          disabled={!joined || pending}
          onClick={() => void toggle()}
        >
          {!raised && <HandIcon className="hand-raise__icon" />}
          {t(raised ? 'classroom.lowerHand' : 'classroom.raiseHand')}
        </button>
      </div>
      <ActionError error={error} testId="raise-hand-error" />
    </div>
  );
}
