import { describe, expect, it } from 'vitest';
import { assignDevices, type DeviceInfo } from './deviceMapping';

const camera = (label: string, deviceId = label): DeviceInfo => ({ deviceId, label, kind: 'videoinput' });
const microphone = (label: string, deviceId = label): DeviceInfo => ({ deviceId, label, kind: 'audioinput' });
const sources = (assigned: ReturnType<typeof assignDevices>) => Object.fromEntries(assigned.map((a) => [a.label, a.source]));

describe('assignDevices', () => {
  it('maps cameras by order when their names say nothing: the teacher first at the host, the class first in a classroom', () => {
    const devices = [camera('fake_device_0'), camera('fake_device_1'), camera('fake_device_2')];
    expect(sources(assignDevices(devices, {}, 'teacher'))).toEqual({ fake_device_0: 'teacher', fake_device_1: 'students', fake_device_2: 'document' });
    expect(sources(assignDevices(devices, {}, 'classroom'))).toEqual({ fake_device_0: 'students', fake_device_1: 'teacher', fake_device_2: 'document' });
  });

  it('goes by the device name before the order, and never guesses courseware from the order', () => {
    const devices = [camera('USB Camera'), camera('学生全景摄像机'), camera('HDMI Capture'), camera('Spare cam')];
    expect(sources(assignDevices(devices, {}, 'teacher'))).toEqual({
      'USB Camera': 'teacher',
      学生全景摄像机: 'students',
      'HDMI Capture': 'courseware',
      'Spare cam': 'document',
    });
  });

  it('a saved correction wins, and a role is never given twice', () => {
    const devices = [camera('fake_device_0'), camera('fake_device_1'), camera('fake_device_2')];
    const assigned = assignDevices(devices, { fake_device_0: 'students', fake_device_1: 'teacher', fake_device_2: 'off' }, 'teacher');
    expect(sources(assigned)).toEqual({ fake_device_0: 'students', fake_device_1: 'teacher', fake_device_2: 'off' });
    expect(assigned.map((a) => a.how)).toEqual(['saved', 'saved', 'saved']);
  });

  it('ignores a saved source of the wrong kind', () => {
    expect(sources(assignDevices([camera('cam')], { cam: 'teacherMic' }, 'classroom'))).toEqual({ cam: 'students' });
  });

  it('uses the default microphone as the terminal’s own and leaves the others off', () => {
    const devices = [
      microphone('Fake Default Audio Input', 'default'),
      microphone('Fake Audio Input 1'),
      microphone('Fake Audio Input 2'),
    ];
    expect(sources(assignDevices(devices, {}, 'classroom'))).toEqual({ 'Fake Audio Input 1': 'studentsMic', 'Fake Audio Input 2': 'off' });
  });

  it('a named second microphone is used beside the default one', () => {
    const devices = [microphone('Default - USB Audio', 'default'), microphone('USB Audio'), microphone('教师领夹麦')];
    expect(sources(assignDevices(devices, {}, 'classroom'))).toEqual({ 'USB Audio': 'studentsMic', 教师领夹麦: 'teacherMic' });
  });
});
