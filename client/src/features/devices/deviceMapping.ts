import { isMicrophone, type DeviceMapping, type MediaSource, type Role } from '@shared';

/** A camera or microphone as the browser lists it. */
export interface DeviceInfo {
  deviceId: string;
  label: string;
  kind: 'videoinput' | 'audioinput';
}

/** What a device is used for on this terminal, and why. */
export interface Assignment extends DeviceInfo {
  source: MediaSource | 'off';
  /** saved: someone corrected it; label: its name says so; order: the next free role; default: the system's default microphone. */
  how: 'saved' | 'label' | 'order' | 'default' | 'spare';
}

/** Names that tell what a device is, as school equipment is usually labelled (Chinese or English). */
const byLabel: Array<[RegExp, MediaSource]> = [
  [/采集|capture|hdmi|cam ?link|课件/i, 'courseware'],
  [/展台|实物|document|visuali[sz]er|doc ?cam/i, 'document'],
  [/(教师|老师|讲台|teacher|lecturer).*(麦|话筒|mic)|领夹|lapel/i, 'teacherMic'],
  [/(学生|全向|吊|students?|ceiling|boundary).*(麦|话筒|mic)|吊麦/i, 'studentsMic'],
  [/教师|老师|讲台|teacher|lecturer/i, 'teacher'],
  [/学生|全景|students?|class/i, 'students'],
];

/** Without a name to go by, cameras take the roles in this order: the host's teacher first, a classroom's class first. */
const cameraOrder: Record<Role, MediaSource[]> = {
  teacher: ['teacher', 'students', 'document'],
  classroom: ['students', 'teacher', 'document'],
  // An observer, an inspector or a viewer sends nothing; it never opens a device.
  observer: [],
  inspector: [],
  viewer: [],
};
const ownMicrophone: Record<Role, MediaSource> = { teacher: 'teacherMic', classroom: 'studentsMic', observer: 'studentsMic', inspector: 'studentsMic', viewer: 'studentsMic' };

const fits = (device: DeviceInfo, source: MediaSource | 'off'): boolean =>
  source === 'off' || isMicrophone(source) === (device.kind === 'audioinput');

/**
 * Decides what each camera and microphone of this terminal is for: first the
 * mapping someone saved for this classroom, then what a device's name says,
 * then the order it is listed in (cameras) or the system default
 * (microphones). Each role is taken once; a device left over is off, so a
 * terminal with three microphones does not send the class three times.
 */
export function assignDevices(devices: readonly DeviceInfo[], saved: DeviceMapping, role: Role): Assignment[] {
  // Browsers list the default microphone twice ('default' and its own id); keep the real entries.
  const defaultMicrophone = devices.find((d) => d.kind === 'audioinput' && d.deviceId === 'default');
  const listed = devices.filter((d) => d.deviceId !== 'default' && d.deviceId !== 'communications');
  const pool = listed.some((d) => d.kind === 'audioinput') || !defaultMicrophone ? listed : [...listed, defaultMicrophone];
  const taken = new Set<MediaSource>();
  const result = new Map<DeviceInfo, Assignment>();
  const assign = (device: DeviceInfo, source: MediaSource | 'off', how: Assignment['how']): void => {
    result.set(device, { ...device, source, how });
    if (source !== 'off') taken.add(source);
  };

  for (const device of pool) {
    const wanted = saved[device.label];
    if (wanted !== undefined && fits(device, wanted) && (wanted === 'off' || !taken.has(wanted))) assign(device, wanted, 'saved');
  }
  for (const device of pool) {
    if (result.has(device)) continue;
    const named = byLabel.find(([pattern, source]) => pattern.test(device.label) && fits(device, source) && !taken.has(source));
    if (named) assign(device, named[1], 'label');
  }
  for (const device of pool) {
    if (result.has(device)) continue;
    if (device.kind === 'videoinput') {
      const next = cameraOrder[role].find((source) => !taken.has(source));
      assign(device, next ?? 'off', next ? 'order' : 'spare');
    }
  }
  // The microphone the system calls default is this terminal's own (teacher's at the host, the class's elsewhere).
  const microphones = pool.filter((d) => d.kind === 'audioinput' && !result.has(d));
  const preferred = microphones.find((d) => defaultMicrophone && d.label !== '' && defaultMicrophone.label.includes(d.label)) ?? microphones[0];
  if (preferred && !taken.has(ownMicrophone[role])) assign(preferred, ownMicrophone[role], 'default');
  for (const device of microphones) if (!result.has(device)) assign(device, 'off', 'spare');

  return pool.map((device) => result.get(device)!);
}

/** The mapping to save from the assignments shown in the settings: every device, as it is now. */
export const mappingOf = (assignments: readonly Assignment[]): DeviceMapping =>
  Object.fromEntries(assignments.filter((a) => a.label !== '').map((a) => [a.label, a.source]));
