import type { DeviceMapping, DirectingChoice, SourceRef } from '@shared';
import { send } from '../lesson/connection';
import { useInteractionStore } from './interactionStore';

/*
 * Interaction requests on the lesson's connection; each rejects with a
 * LessonError, whose code picks the message the page shows (actionFailure).
 */

/** 举手, optionally for a named student. */
export const raiseHand = async (studentName?: string): Promise<void> => {
  const { hands } = await send({ type: 'raiseHand', ...(studentName ? { studentName } : {}) });
  useInteractionStore.setState({ hands });
};

/** Lowers this page's own hand, or (teacher) someone else's. */
export const lowerHand = async (participantId?: string): Promise<void> => {
  const { hands } = await send({ type: 'lowerHand', ...(participantId ? { participantId } : {}) });
  useInteractionStore.setState({ hands });
};

export const lowerAllHands = async (): Promise<void> => {
  const { hands } = await send({ type: 'lowerAllHands' });
  useInteractionStore.setState({ hands });
};

export const grantFloor = async (participantId: string): Promise<void> => {
  useInteractionStore.setState({ floor: await send({ type: 'grantFloor', participantId }) });
};

export const revokeFloor = async (participantId: string): Promise<void> => {
  useInteractionStore.setState({ floor: await send({ type: 'revokeFloor', participantId }) });
};

/** 讨论: opens (or closes) every classroom microphone. */
export const setDiscussion = async (open: boolean): Promise<void> => {
  useInteractionStore.setState({ floor: await send({ type: 'setDiscussion', open }) });
};

export const muteParticipant = async (participantId: string, muted: boolean): Promise<void> => {
  useInteractionStore.setState({ floor: await send({ type: 'muteParticipant', participantId, muted }) });
};

export const sendChat = async (text: string): Promise<void> => {
  await send({ type: 'sendChat', text });
};

export const setChatEnabled = async (enabled: boolean): Promise<void> => {
  const reply = await send({ type: 'setChatEnabled', enabled });
  useInteractionStore.setState({ chatEnabled: reply.enabled });
};

/** Pins every main view to a participant; null gives it back to automatic directing. */
export const pinMainView = async (participantId: string | null): Promise<void> => {
  useInteractionStore.setState({ mainView: await send({ type: 'pinMainView', participantId }) });
};

/** 导播: the layout (and optionally its pictures) every classroom shows; `auto` hands it back to automatic directing. */
export const setDirecting = async (choice: DirectingChoice, main: SourceRef | null = null, inset: SourceRef | null = null): Promise<void> => {
  const stage = await send({ type: 'setDirecting', choice, main, inset });
  useInteractionStore.setState({ stage });
};

/** Saves which of this terminal's devices is which; the terminal then uses it at once and on every later join. */
export const saveDeviceMapping = async (mapping: DeviceMapping): Promise<DeviceMapping> => (await send({ type: 'saveDeviceMapping', mapping })).mapping;
