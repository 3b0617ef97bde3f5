import { create } from 'zustand';
import type { Assignment } from './deviceMapping';

/** What became of one local device. */
export type DeviceStatus = 'pending' | 'ok' | 'missing' | 'denied' | 'busy' | 'error';

export interface DeviceState {
  camera: DeviceStatus;
  microphone: DeviceStatus;
  /** Every camera and microphone of this terminal and what it is used for (设备设置). */
  assignments: Assignment[];
}

export const useDeviceStore = create<DeviceState>(() => ({ camera: 'pending', microphone: 'pending', assignments: [] }));
