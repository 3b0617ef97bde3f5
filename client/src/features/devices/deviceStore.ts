import { create } from 'zustand';

/** What became of one local device. */
export type DeviceStatus = 'pending' | 'ok' | 'missing' | 'denied' | 'busy' | 'error';

export interface DeviceState {
  camera: DeviceStatus;
  microphone: DeviceStatus;
}

export const useDeviceStore = create<DeviceState>(() => ({ camera: 'pending', microphone: 'pending' }));
