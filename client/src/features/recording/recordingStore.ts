import { create } from 'zustand';
import { noRecording, type RecordingView } from '@shared';
import { onNotice } from '../lesson/notices';

/** Whether the lesson is being recorded (录制中), as the server last said; a plain copy of its RecordingView. */
export const useRecordingStore = create<{ recording: RecordingView }>(() => ({ recording: noRecording }));

/** A join or resume reply has the recording state whole. */
export const showRecording = (recording: RecordingView): void => useRecordingStore.setState({ recording });

onNotice('recordingChanged', ({ recording }) => showRecording(recording));
