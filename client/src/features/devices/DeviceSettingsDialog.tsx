import { useState } from 'react';
import { audioSources, videoSources, type MediaSource, type Role } from '@shared';
import { ActionError } from '../interaction/ActionError';
import { saveDeviceMapping } from '../interaction/interactionActions';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { mappingOf, type Assignment } from './deviceMapping';
import { useDeviceStore } from './deviceStore';
import { switchDevicesTo } from './mappedDevices';

/** The 设备设置 dialog: each camera and microphone of this terminal with the source it is sent as. */
export function DeviceSettingsDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const t = useT();
  const assignments = useDeviceStore((state) => state.assignments);
  const [draft, setDraft] = useState<Assignment[]>(assignments);
  const action = useAction();
  const choose = (deviceId: string, source: MediaSource | 'off') =>
    setDraft((current) => current.map((a) => (a.deviceId === deviceId ? { ...a, source } : a)));
  const save = async () => {
    const saved = await saveDeviceMapping(mappingOf(draft));
    await switchDevicesTo(role, saved);
  };

  return (
    <div className="device-settings" role="dialog" aria-modal="true" aria-labelledby="device-settings-title" data-testid="device-settings">
      <div className="device-settings__panel">
        <h2 id="device-settings-title">{t('devices.title')}</h2>
        <p className="device-settings__hint">{t('devices.hint')}</p>
        {draft.length === 0 && <p>{t('devices.none')}</p>}
        <ul className="device-settings__list">
          {draft.map((assignment) => {
            const camera = assignment.kind === 'videoinput';
            const options = camera ? videoSources : audioSources;
            return (
              <li key={assignment.deviceId} className="device-settings__row">
                <label>
                  <span className="device-settings__kind">{t(camera ? 'devices.camera' : 'devices.microphone')}</span>
                  <span className="device-settings__label">{assignment.label}</span>
                  <select
                    data-testid="device-source"
                    data-label={assignment.label}
                    value={assignment.source}
                    onChange={(event) => choose(assignment.deviceId, event.target.value as MediaSource | 'off')}
                  >
                    {options.map((source) => (
                      <option key={source} value={source}>
                        {t(`source.${source}`)}
                      </option>
                    ))}
                    <option value="off">{t('source.off')}</option>
                  </select>
                </label>
              </li>
            );
          })}
        </ul>
        <div className="device-settings__actions">
          <button type="button" onClick={onClose}>
            {t('devices.cancel')}
          </button>
          <button
            type="button"
            className="button--primary"
            data-testid="device-settings-save"
            disabled={action.pending}
            onClick={() => void action.run(save).then((ok) => ok && onClose())}
          >
            {t('devices.save')}
          </button>
        </div>
        <ActionError error={action.error} testId="device-settings-error" />
      </div>
    </div>
  );
}
