import { Suspense, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Role } from '@shared';
import { lazyPart } from '../common/lazyPart';
import { useT } from '../i18n/useT';

// Opened a few times a term, so its code loads at the first click, not with the page.
const DeviceSettingsDialog = lazyPart(() => import('./DeviceSettingsDialog').then((module) => module.DeviceSettingsDialog));

/**
 * 设备设置: the one place where the assistant teacher (or a school's IT person)
 * says which camera films the teacher, which the class, which is the
 * document camera or the courseware capture card, and which microphone is
 * whose. Saved on the server for this classroom, so it is done once.
 */
export function DeviceSettingsButton({ role }: { role: Role }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="device-settings__open" data-testid="device-settings-open" onClick={() => setOpen(true)}>
        {t('devices.open')}
      </button>
      {/* On the body: the page's corners are their own stacking layers, and the dialog must cover them all. */}
      {open &&
        createPortal(
          <Suspense
            fallback={
              <div className="device-settings" aria-busy="true">
                <p className="device-settings__panel">{t('page.loading')}</p>
              </div>
            }
          >
            <DeviceSettingsDialog role={role} onClose={() => setOpen(false)} />
          </Suspense>,
          document.body,
        )}
    </>
  );
}

