import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { guestLinkSchema, issuedGuestLinkSchema, type GuestLink } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { useDictionary } from '../accounts/dictionary';
import { formatTime } from '../accounts/format';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { ShownOnce } from '../accounts/ShownOnce';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { useI18nStore } from '../i18n/i18nStore';
import { teachDictionary } from './teachMessages';

const guestsSchema = z.array(guestLinkSchema);

/**
 * 访客链接 of one lesson: a receive-only link per guest, named, shown once
 * to copy (it carries the guest's credential), and withdrawn when no longer wanted.
 */
export function GuestLinks({ lessonId }: { lessonId: string }) {
  const t = useDictionary(teachDictionary);
  const locale = useI18nStore((state) => state.locale);
  const path = `/lessons/${encodeURIComponent(lessonId)}/guests`;
  const guests = useLoad(() => api(path, guestsSchema), path);
  const [name, setName] = useState('');
  const [chat, setChat] = useState(false);
  const [issued, setIssued] = useState<{ name: string; url: string } | null>(null);
  const create = useRequest();
  const withdraw = useRequest();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const body = { name: name.trim(), rights: chat ? ['receive', 'chat'] : ['receive'] };
    void create.run(() =>
      api(path, issuedGuestLinkSchema, { body }).then(({ guest, url }) => {
        setIssued({ name: guest.name, url });
        setName('');
        guests.reload();
      }),
    );
  };
  const withdrawLink = (guest: GuestLink) =>
    void withdraw.run(() => api(`/guests/${encodeURIComponent(guest.id)}/withdraw`, guestLinkSchema, { method: 'POST' }).then(guests.reload));

  return (
    <section className="guest-links" data-testid="guest-links">
      <p className="account-hint">{t('guests.explain')}</p>
      <form className="account-form" data-testid="new-guest-form" onSubmit={submit}>
        <label className="field field--wide">
          <span>{t('guests.name')}</span>
          <input data-testid="new-guest-name" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        </label>
        <ul className="checkbox-list">
          <li>
            <label>
              <input type="checkbox" data-testid="new-guest-chat" checked={chat} onChange={(event) => setChat(event.target.checked)} />
              {t('guests.chat')}
            </label>
          </li>
        </ul>
        <button type="submit" className="button--primary" data-testid="new-guest-submit" disabled={create.pending || !name.trim()}>
          {t('guests.create')}
        </button>
      </form>
      <RequestError error={create.error ?? withdraw.error} />
      {issued && (
        <div className="guest-links__issued">
          <p>{t('guests.newLink', { name: issued.name })}</p>
          <ShownOnce value={issued.url} testId="guest-link-url" />
        </div>
      )}
      <LoadState loaded={guests}>
        {(list) =>
          list.length === 0 ? (
            <p className="account-muted">{t('guests.none')}</p>
          ) : (
            <table className="account-table" data-testid="guest-list">
              <tbody>
                {list.map((guest) => (
                  <tr key={guest.id} data-testid="guest-row" data-guest-id={guest.id} data-withdrawn={guest.withdrawnAt !== null}>
                    <td>{guest.name}</td>
                    <td>{guest.withdrawnAt === null ? t('guests.expires', { time: formatTime(guest.expiresAt, locale) }) : <span className="state state--off">{t('guests.withdrawn')}</span>}</td>
                    <td>
                      {guest.withdrawnAt === null && (
                        <ConfirmButton
                          label={t('guests.withdraw')}
                          question={t('guests.withdrawQuestion', { name: guest.name })}
                          testId="withdraw-guest"
                          disabled={withdraw.pending}
                          onConfirm={() => withdrawLink(guest)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </section>
  );
}
