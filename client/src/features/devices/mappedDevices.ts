import { isMicrophone, mediaSourceSchema, type DeviceMapping, type MediaSource, type Role } from '@shared';
import { useCoursewareStore } from '../courseware/coursewareShare';
import { publisher } from '../media/publisher';
import { useDeviceStore } from './deviceStore';
import { applyDeviceMapping } from './localDevices';

// A device lost while publishing shows as a device problem on the page (StatusBanners).
publisher.onDeviceLost((source) => useDeviceStore.setState({ [isMicrophone(source) ? 'microphone' : 'camera']: 'error' }));

/** The tracks the mapping gives, plus a screen being shared as courseware (which no device mapping owns). */
async function mappedTracks(role: Role, mapping: DeviceMapping): Promise<Map<MediaSource, MediaStreamTrack>> {
  const tracks = await applyDeviceMapping(role, mapping);
  const courseware = publisher.localTrack('courseware');
  if (useCoursewareStore.getState().sharing && courseware) tracks.set('courseware', courseware);
  return tracks;
}

/** On (re)join, before publishing: this terminal's cameras and microphones as its saved mapping says. */
export async function openDevicesAsMapped(role: Role, mapping: DeviceMapping): Promise<void> {
  publisher.setLocalTracks(await mappedTracks(role, mapping));
}

/** A corrected mapping during the lesson: only the sources that changed are republished, the rest keep flowing. */
export async function switchDevicesTo(role: Role, mapping: DeviceMapping): Promise<void> {
  const before = new Map(mediaSourceSchema.options.map((s) => [s, publisher.localTrack(s)]));
  const after = await mappedTracks(role, mapping);
  for (const [source, track] of before) {
    const next = after.get(source) ?? null;
    if (next !== track) await publisher.setLocalSource(source, next);
  }
}
