import { useEffect } from 'react';
import { z } from 'zod';
import { broadcastSchema, classroomSchema, schoolSchema, scopeOf, type Broadcast, type BroadcastActor, type Me } from '@shared';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad, type Loaded } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { api } from '../auth/session';
import { ApplyForm } from './ApplyForm';
import { BroadcastCard } from './BroadcastCard';
import { broadcastDictionary, type BroadcastTranslate } from './broadcastMessages';
import '../accounts/accounts.css';
import '../teach/teach.css';
import './broadcasts.css';

/** How often the list is read again while the page is open: the bureau's decision reaches the teacher's page this late at worst. */
const REFRESH_MS = 15_000;

/**
 * Notifications in the page, decided: no push socket. The list is read again
 * when the tab comes back into focus and every 15 s, so the teacher's 我的直播
 * shows the bureau's decision and reason, and the bureau's 直播审核 its count
 * of applications waiting, without a reload.
 */
function useKeptFresh(loaded: Loaded<unknown>) {
  const { reload } = loaded;
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    window.addEventListener('focus', reload);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', reload);
    };
  }, [reload]);
}

function BroadcastList({ list, actor, t, nameOf, onChanged }: { list: Broadcast[]; actor: BroadcastActor; t: BroadcastTranslate; nameOf(id: string): string; onChanged(): void }) {
  if (list.length === 0) return <p className="account-panel account-muted">{t('broadcast.none')}</p>;
  return (
    <ul className="lesson-cards" data-testid="broadcast-list">
      {list.map((b) => (
        <BroadcastCard key={`${b.id}-${b.updatedAt}`} broadcast={b} actor={actor} t={t} nameOf={nameOf} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function Broadcasts({ me, t }: { me: Me; t: BroadcastTranslate }) {
  const list = useLoad(() => api('/broadcasts', z.array(broadcastSchema)), 'broadcasts');
  const schools = useLoad(() => api('/schools', z.array(schoolSchema)), 'schools');
  const classrooms = useLoad(() => api('/classrooms', z.array(classroomSchema)), 'classrooms');
  useKeptFresh(list);
  const actor: BroadcastActor = me.role === 'bureauAdmin' ? 'bureau' : 'applicant';
  const nameOf = (id: string) => schools.data?.find((s) => s.id === id)?.name ?? classrooms.data?.find((c) => c.id === id)?.name ?? id;
  const pending = list.data?.filter((b) => b.state === 'applied').length ?? 0;
  return (
    <>
      {actor === 'applicant' && (
        <section className="account-panel">
          <h2 className="account-panel__title">{t('broadcast.apply')}</h2>
          <LoadState loaded={classrooms}>
            {(rooms) => <ApplyForm me={me} classrooms={rooms} schools={schools.data ?? []} t={t} onApplied={list.reload} />}
          </LoadState>
        </section>
      )}
      <section className="account-panel">
        <h2 className="account-panel__title">{t(actor === 'bureau' ? 'broadcast.review' : 'broadcast.mine')}</h2>
        {actor === 'bureau' && (
          <p className={pending > 0 ? 'broadcast-pending' : 'account-muted'} data-testid="broadcast-pending" data-count={pending} role="status">
            {pending > 0 ? t('broadcast.pending', { count: pending }) : t('broadcast.noPending')}
          </p>
        )}
        <LoadState loaded={list}>{(data) => <BroadcastList list={data} actor={actor} t={t} nameOf={nameOf} onChanged={list.reload} />}</LoadState>
      </section>
    </>
  );
}

/** 名师直播: a teacher's 申请直播 and 我的直播, or the bureau's 直播审核 (approve, reject with a reason, schedule, cancel); both enter the rehearsal from here. */
export function BroadcastsPage() {
  const t = useDictionary(broadcastDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase !== 'signedIn') {
    return (
      <div className="account-page" data-testid="broadcasts-page" data-phase={signed.phase}>
        <AccountBar title={t('broadcast.title')} me={null} />
        <SessionProblem state={signed} />
      </div>
    );
  }
  return (
    <div className="account-page broadcasts-page" data-testid="broadcasts-page" data-phase="signedIn">
      <AccountBar title={t('broadcast.title')} me={signed.me} />
      {scopeOf('broadcast.read', signed.me.role) === null ? <p className="form-error">{t('broadcast.notAllowed')}</p> : <Broadcasts me={signed.me} t={t} />}
    </div>
  );
}
