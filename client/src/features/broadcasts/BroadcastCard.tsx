import { useState } from 'react';
import { broadcastActionsFor, broadcastSchema, type Broadcast, type BroadcastAction, type BroadcastActor } from '@shared';
import { formatSpan, fromLocalInput, toLocalInput } from '../accounts/format';
import { useRequest } from '../accounts/useRequest';
import { useI18nStore } from '../i18n/i18nStore';
import { timetableApi } from '../timetable/timetableApi';
import { TimetableError } from '../timetable/TimetableError';
import type { BroadcastTranslate } from './broadcastMessages';

/** The address of each step (the server's route under /api/broadcasts/:id/). */
const pathOf: Record<BroadcastAction, string> = {
  approve: 'approve',
  reject: 'reject',
  withdraw: 'withdraw',
  schedule: 'schedule',
  openRehearsal: 'rehearsal',
  goLive: 'live',
  end: 'end',
  cancel: 'cancel',
};

/** Steps that need the bureau's reason, which the teacher reads on her card. */
const needsReason = new Set<BroadcastAction>(['reject', 'cancel']);

/** Where one enters the broadcast's lesson: its teacher teaches it, the bureau looks in receive-only. */
const lessonAddress = (b: Broadcast, actor: BroadcastActor) => `/lesson/${encodeURIComponent(b.lessonId!)}/${actor === 'applicant' ? 'teacher' : 'watch'}`;

/**
 * One broadcast: its state and the bureau's reason in words, and just the
 * buttons the state table gives this actor (so an invalid step is never
 * offered; the server refuses it all the same).
 */
export function BroadcastCard({ broadcast: b, actor, t, nameOf, onChanged }: { broadcast: Broadcast; actor: BroadcastActor; t: BroadcastTranslate; nameOf(id: string): string; onChanged(): void }) {
  const locale = useI18nStore((state) => state.locale);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [startsAt, setStartsAt] = useState(() => toLocalInput(b.startsAt));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(b.endsAt));
  const request = useRequest();
  const actions = broadcastActionsFor(b.state, actor);
  const take = (action: BroadcastAction) => {
    if (needsReason.has(action) && !reason.trim()) return setReasonMissing(true);
    setReasonMissing(false);
    const body = needsReason.has(action) ? { reason: reason.trim() } : action === 'schedule' ? { startsAt: fromLocalInput(startsAt), endsAt: fromLocalInput(endsAt) } : {};
    void request.run(() => timetableApi(`/broadcasts/${encodeURIComponent(b.id)}/${pathOf[action]}`, broadcastSchema, body).then(onChanged));
  };
  const audience = [b.audience.public ? t('broadcast.audiencePublic') : null, ...[...b.audience.schoolIds, ...b.audience.classroomIds].map(nameOf)].filter(Boolean).join(t('accounts.listSeparator'));
  return (
    <li className={`lesson-card broadcast-card broadcast-card--${b.state}`} data-testid="broadcast-card" data-broadcast-id={b.id} data-state={b.state}>
      <div className="lesson-card__main">
        <div className="lesson-card__about">
          <strong className="lesson-card__title">{b.title}</strong>
          <span className="broadcast-card__state" data-testid="broadcast-state">
            {t(`broadcast.state.${b.state}`)}
          </span>
          {b.reason && (
            <span className="broadcast-card__reason" data-testid="broadcast-reason">
              {t('broadcast.reason', { reason: b.reason })}
            </span>
          )}
          <span className="lesson-card__time">{formatSpan(b.startsAt, b.endsAt, locale)}</span>
          <span className="lesson-card__rooms">
            <span>{t('broadcast.by', { teacher: b.teacherName, school: b.schoolName })}</span>
            {[b.subject, b.grade].filter(Boolean).join(' · ')}
            <span>{audience}</span>
            <span>{t('broadcast.viewers', { count: b.expectedViewers })}</span>
          </span>
        </div>
        {(b.state === 'rehearsal' || b.state === 'live') && b.lessonId && (
          <a className="link-button link-button--big" data-testid="broadcast-enter" href={lessonAddress(b, actor)}>
            {t(b.state === 'rehearsal' ? 'broadcast.enterRehearsal' : 'broadcast.enterLive')}
          </a>
        )}
        {b.state === 'ended' && (
          <a className="account-bar__link" data-testid="broadcast-recording" href="/library">
            {t('broadcast.recording')}
          </a>
        )}
      </div>
      {b.state === 'rehearsal' && <p className="account-hint">{t('broadcast.rehearsalHint')}</p>}
      {actions.length > 0 && (
        <div className="account-form broadcast-card__actions">
          {actions.includes('schedule') && (
            <>
              <label className="field">
                <span>{t('broadcast.form.startsAt')}</span>
                <input type="datetime-local" data-testid="broadcast-schedule-starts" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
              </label>
              <label className="field">
                <span>{t('broadcast.form.endsAt')}</span>
                <input type="datetime-local" data-testid="broadcast-schedule-ends" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
              </label>
            </>
          )}
          {actions.some((a) => needsReason.has(a)) && (
            <label className="field field--wide">
              <span>{t('broadcast.reasonLabel')}</span>
              <input data-testid="broadcast-reason-input" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
            </label>
          )}
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`big-button ${action === 'reject' || action === 'cancel' || action === 'withdraw' || action === 'end' ? 'big-button--end' : 'big-button--start'}`}
              data-testid={`broadcast-${action}`}
              disabled={request.pending}
              onClick={() => take(action)}
            >
              {t(`broadcast.action.${action}`)}
            </button>
          ))}
        </div>
      )}
      {reasonMissing && <p className="form-error" role="alert">{t('broadcast.reasonNeeded')}</p>}
      <TimetableError error={request.error} />
    </li>
  );
}
