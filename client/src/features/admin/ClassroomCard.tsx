import { useState, type FormEvent } from 'react';
import { terminalLinkSchema, terminalSchema, type Classroom, type Terminal, type TerminalLink } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { Dialog } from '../accounts/Dialog';
import { useDictionary } from '../accounts/dictionary';
import { formatTime } from '../accounts/format';
import { RequestError } from '../accounts/RequestError';
import { useRequest } from '../accounts/useRequest';
import { useI18nStore } from '../i18n/i18nStore';
import { adminDictionary } from './adminMessages';
import { AdminTable } from './AdminTable';
import { terminalState } from './terminalState';

const stateClass = { active: 'state--ok', waitingForLink: 'state--warn', linkExpired: 'state--warn', revoked: 'state--off' } as const;

/** One classroom: its name, 登记终端, and its terminals with 重新发放 (a new link; the old one stops working) and 停用. */
export function ClassroomCard({ classroom, terminals, onLink, onChanged }: { classroom: Classroom; terminals: Terminal[]; onLink(link: TerminalLink): void; onChanged(): void }) {
  const t = useDictionary(adminDictionary);
  const locale = useI18nStore((state) => state.locale);
  const [registering, setRegistering] = useState(false);
  const action = useRequest();
  const now = Date.now();

  const renew = (terminal: Terminal) => void action.run(() => api(`/terminals/${encodeURIComponent(terminal.id)}/link`, terminalLinkSchema, { method: 'POST' }).then(onLink));
  const revoke = (terminal: Terminal) =>
    void action.run(() => api(`/terminals/${encodeURIComponent(terminal.id)}/revoke`, terminalSchema, { method: 'POST' }).then(onChanged));

  return (
    <article className="classroom-card" data-testid="classroom-card" data-classroom-id={classroom.id}>
      <div className="classroom-card__header">
        <h3 className="classroom-card__name">{classroom.name}</h3>
        <button type="button" className="button--primary" data-testid="register-terminal" onClick={() => setRegistering(true)}>
          {t('admin.terminals.register')}
        </button>
      </div>
      <AdminTable items={terminals} empty={t('admin.terminals.none')} headings={[t('admin.terminals.name'), t('admin.terminals.state'), t('admin.terminals.lastSeen'), null]}>
        {(terminal) => {
          const state = terminalState(terminal, now);
          return (
            <tr key={terminal.id} data-testid="terminal-row" data-terminal-id={terminal.id} data-state={state}>
              <td>{terminal.name}</td>
              <td>
                <span className={`state ${stateClass[state]}`} data-testid="terminal-state">
                  {t(`admin.terminals.state.${state}`)}
                </span>
                {state === 'waitingForLink' && terminal.linkExpiresAt !== null && (
                  <span className="account-hint"> {t('admin.terminals.linkExpires', { time: formatTime(terminal.linkExpiresAt, locale) })}</span>
                )}
                {state === 'revoked' && terminal.revokedAt !== null && <span className="account-hint"> {formatTime(terminal.revokedAt, locale)}</span>}
              </td>
              <td>{terminal.lastSeenAt === null ? t('accounts.never') : formatTime(terminal.lastSeenAt, locale)}</td>
              <td>
                {state !== 'revoked' && (
                  <span className="account-table__actions">
                    <button type="button" data-testid="renew-terminal" disabled={action.pending} onClick={() => renew(terminal)}>
                      {t('admin.terminals.renew')}
                    </button>
                    <ConfirmButton
                      label={t('admin.terminals.revoke')}
                      question={t('admin.terminals.revokeQuestion', { name: terminal.name })}
                      testId="revoke-terminal"
                      disabled={action.pending}
                      onConfirm={() => revoke(terminal)}
                    />
                  </span>
                )}
              </td>
            </tr>
          );
        }}
      </AdminTable>
      <RequestError error={action.error} />
      {registering && (
        <RegisterTerminalDialog
          classroom={classroom}
          onClose={() => setRegistering(false)}
          onRegistered={(link) => {
            setRegistering(false);
            onLink(link);
          }}
        />
      )}
    </article>
  );
}

/** 登记终端: an optional name for the computer (讲台电脑), then its link. */
function RegisterTerminalDialog({ classroom, onClose, onRegistered }: { classroom: Classroom; onClose(): void; onRegistered(link: TerminalLink): void }) {
  const t = useDictionary(adminDictionary);
  const [name, setName] = useState('');
  const register = useRequest();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { classroomId: classroom.id, ...(name.trim() ? { name: name.trim() } : {}) };
    void register.run(() => api('/terminals', terminalLinkSchema, { body }).then(onRegistered));
  };
  return (
    <Dialog title={t('admin.terminals.registerTitle', { classroom: classroom.name })} testId="register-terminal-dialog" onClose={onClose}>
      <form className="account-form account-form--column" onSubmit={submit}>
        <label className="field">
          <span>{t('admin.terminals.nameOptional')}</span>
          <input data-testid="register-terminal-name" value={name} maxLength={100} autoFocus placeholder={t('admin.terminals.namePlaceholder')} onChange={(event) => setName(event.target.value)} />
        </label>
        <RequestError error={register.error} />
        <div className="account-dialog__actions">
          <button type="submit" className="button--primary" data-testid="register-terminal-submit" disabled={register.pending}>
            {t('admin.terminals.registerSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('accounts.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
