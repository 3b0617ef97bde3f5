import { useEffect, useState } from 'react';
import { toDataURL } from 'qrcode';
import type { TerminalLink } from '@shared';
import { ShownOnce } from '../accounts/ShownOnce';
import { useDictionary } from '../accounts/dictionary';
import { formatTime } from '../accounts/format';
import { Dialog } from '../accounts/Dialog';
import { useI18nStore } from '../i18n/i18nStore';
import { adminDictionary } from './adminMessages';

/**
 * A terminal's link, shown once: the address to open on the classroom's
 * computer, as text (with 复制) and as a QR code, and 打印 for a sheet to
 * stick by the computer. The link holds the terminal's credential; it lives
 * only in this dialog and is gone when it closes.
 */
export function TerminalLinkDialog({ link, schoolName, onClose }: { link: TerminalLink; schoolName: string; onClose(): void }) {
  const t = useDictionary(adminDictionary);
  const locale = useI18nStore((state) => state.locale);
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    // Error correction M: still readable from a sheet that got creased on the classroom wall.
    toDataURL(link.url, { errorCorrectionLevel: 'M', margin: 2, width: 360 }).then(
      (image) => current && setQr(image),
      () => current && setQr(null),
    );
    return () => {
      current = false;
    };
  }, [link.url]);

  const place = `${schoolName} · ${link.terminal.classroomName}`;
  return (
    <Dialog title={t('admin.terminals.linkTitle')} testId="terminal-link-dialog" onClose={onClose} className="terminal-link">
      <div className="terminal-link__body">
        {/* On paper only this part is printed (admin.css): the code and the classroom it belongs to. */}
        <div className="terminal-print" data-testid="terminal-print-area">
          <p className="terminal-print__place" data-testid="terminal-link-place">
            {place}
          </p>
          {qr ? <img className="terminal-print__qr" src={qr} alt={t('admin.terminals.qrAlt', { place })} data-testid="terminal-qr" /> : <div className="terminal-print__qr" />}
        </div>
        <div className="terminal-link__text">
          <p className="account-muted">{t('admin.terminals.openOnComputer')}</p>
          <ShownOnce value={link.url} testId="terminal-link-url" />
          <p className="account-hint" data-testid="terminal-link-expires">
            {t('admin.terminals.linkExpires', { time: formatTime(link.expiresAt, locale) })}
          </p>
        </div>
      </div>
      <div className="account-dialog__actions">
        <button type="button" className="button--primary" data-testid="terminal-print" disabled={!qr} onClick={() => window.print()}>
          {t('admin.terminals.print')}
        </button>
        <button type="button" data-testid="terminal-link-close" onClick={onClose}>
          {t('accounts.close')}
        </button>
      </div>
    </Dialog>
  );
}
