import { directingChoiceSchema, isMicrophone, type SourceRef, type VideoSource } from '@shared';
import { useShallow } from 'zustand/react/shallow';
import { ActionError } from '../interaction/ActionError';
import { setDirecting } from '../interaction/interactionActions';
import { useInteractionStore } from '../interaction/interactionStore';
import { useAction } from '../interaction/useAction';
import { useT, type Translate } from '../i18n/useT';
import { useLessonStore, type LessonState } from '../lesson/lessonStore';

/** Every picture published in the lesson, the teacher's own first: what she can put on the classrooms' screens. */
function selectPictures(state: LessonState): SourceRef[] {
  const own = state.self ? state.published.filter((s) => !isMicrophone(s)).map((source) => ({ participantId: state.self!.id, source: source as VideoSource })) : [];
  const others = state.received.filter((r) => r.kind === 'video').map((r) => ({ participantId: r.participantId, source: r.source as VideoSource }));
  return [...own, ...others];
}

const refKey = (ref: SourceRef | null): string => (ref ? `${ref.participantId}|${ref.source}` : '');

/**
 * 导播 (manual directing): one click puts a layout on every classroom screen —
 * automatic, teacher full screen, courseware with the teacher small, the two
 * side by side, a grid of the classrooms, or the classroom that has the
 * floor. The large (and small) picture can be picked from every camera and
 * screen in the lesson; the server keeps the choice and logs it.
 */
export function DirectingPanel() {
  const t = useT();
  const stage = useInteractionStore((state) => state.stage);
  const pictures = useLessonStore(useShallow((state) => selectPictures(state).map(refKey)));
  const participants = useLessonStore((state) => state.participants);
  const action = useAction();
  const { choice, main, inset } = stage.directing;
  const nameOf = (ref: SourceRef): string => describe(t, ref, participants.find((p) => p.id === ref.participantId)?.name ?? ref.participantId);
  const parse = (key: string): SourceRef | null => {
    const [participantId, source] = key.split('|');
    return participantId && source ? { participantId, source: source as VideoSource } : null;
  };
  const showsPictures = choice !== 'auto' && choice !== 'grid';
  const showsInset = choice === 'coursewarePip' || choice === 'sideBySide';
  const picker = (which: 'main' | 'inset', value: SourceRef | null) => (
    <label className="directing__picker">
      <span>{t(which === 'main' ? 'directing.mainPicture' : 'directing.insetPicture')}</span>
      <select
        data-testid={`directing-${which}`}
        value={refKey(value)}
        disabled={action.pending}
        onChange={(event) => {
          const picked = parse(event.target.value);
          void action.run(() => setDirecting(choice, which === 'main' ? picked : main, which === 'inset' ? picked : inset));
        }}
      >
        <option value="">{t('directing.default')}</option>
        {pictures.map((key) => (
          <option key={key} value={key}>
            {nameOf(parse(key)!)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="panel directing" data-testid="directing" data-choice={choice} data-layout={stage.layout}>
      <h2 className="panel__title">{t('directing.title')}</h2>
      <div className="directing__choices">
        {directingChoiceSchema.options.map((option) => (
          <button
            key={option}
            type="button"
            className={option === choice ? 'button--active' : undefined}
            aria-pressed={option === choice}
            data-testid={`directing-${option}`}
            disabled={action.pending}
            onClick={() => void action.run(() => setDirecting(option))}
          >
            {t(`directing.${option}`)}
          </button>
        ))}
      </div>
      {showsPictures && picker('main', main)}
      {showsPictures && showsInset && picker('inset', inset)}
      <p className="directing__now" data-testid="directing-now">
        {t('directing.nowShowing', {
          what: [stage.main, stage.inset].filter((ref): ref is SourceRef => ref !== null).map(nameOf).join(' + ') || t(stage.layout === 'grid' ? 'directing.grid' : 'directing.nothing'),
        })}
      </p>
      <ActionError error={action.error} testId="directing-error" />
    </section>
  );
}

function describe(t: Translate, ref: SourceRef, name: string): string {
  return `${name} · ${t(`source.${ref.source}`)}`;
}
