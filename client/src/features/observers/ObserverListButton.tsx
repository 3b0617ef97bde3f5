import { useState } from 'react';
import type { Participant } from '@shared';
import { send } from '../lesson/connection';
import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';

/**
 * 听课名单: the one place the teacher sees who observes her lesson. Observers
 * are hidden everywhere else (no tile, no count, no notice), so nothing
 * distracts the class; she asks for the list when she wants it, and it is
 * read afresh each time she opens it.
 */
export function ObserverListButton({ enabled }: { enabled: boolean }) {
  const t = useT();
  const action = useAction();
  const [observers, setObservers] = useState<Participant[] | null>(null);
  const toggle = (): void => {
    if (observers) return setObservers(null);
    void action.run(async () => setObservers((await send({ type: 'listObservers' })).observers));
  };
  return (
    <div className="observer-list">
      <button type="button" className="observer-list__button" data-testid="observer-list-button" aria-expanded={observers !== null} disabled={!enabled || action.pending} onClick={toggle}>
        {t('observers.list')}
      </button>
      {observers && (
        <div className="observer-list__panel" role="dialog" aria-label={t('observers.list')} data-testid="observer-list" data-count={observers.length}>
          {observers.length === 0 ? (
            <p>{t('observers.none')}</p>
          ) : (
            <ul>
              {observers.map((observer) => (
                <li key={observer.id} data-testid="observer-entry">
                  {observer.name}
                  {observer.schoolName && <span className="observer-list__school"> · {observer.schoolName}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ActionError error={action.error} />
    </div>
  );
}
