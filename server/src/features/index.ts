import type { HandlerTable } from './context.js';
import { sendChat, setChatEnabled } from './chat/handlers.js';
import { askQuestion, dismissQuestion, setQuestionsOpen, showQuestion } from './questions/handlers.js';
import { pinMainView } from './directing/pinMainView.js';
import { setDirecting } from './directing/setDirecting.js';
import { saveDeviceMapping } from './devices/saveDeviceMapping.js';
import { grantFloor, muteParticipant, revokeFloor, setDiscussion } from './floor/handlers.js';
import { lowerAllHands, lowerHand, raiseHand } from './hand-raise/handlers.js';
import { joinLesson } from './join/joinLesson.js';
import { leaveLesson } from './join/leaveLesson.js';
import { resumeLesson } from './join/resumeLesson.js';
import { clockSync, reportLatency, startLatencyProbe } from './latency/handlers.js';
import { setLessonStatus } from './lesson-status/setLessonStatus.js';
import { consume, resumeConsumer, setConsumerPlace } from './media/consume.js';
import { closeProducer, produce, setProducerPaused } from './media/produce.js';
import { connectTransport, createTransport, declareCapabilities, pathRestored, restartIce } from './media/transports.js';
import { connectPrecheckTransport, createPrecheckTransport, measurePrecheck, producePrecheck, startPrecheck, submitPrecheck } from './precheck/handlers.js';
import { getQualityOverview, reportQuality } from './quality/handlers.js';
import { listObservers } from './observers/listObservers.js';
import { addComment, setCommentsLive } from './observers/comments.js';
import { setRecording } from './recording/setRecording.js';

/** One handler per request type of the shared protocol. */
export const handlers: HandlerTable = {
  joinLesson,
  leaveLesson,
  resumeLesson,
  restartIce,
  pathRestored,
  declareCapabilities,
  createTransport,
  connectTransport,
  produce,
  closeProducer,
  setProducerPaused,
  consume,
  resumeConsumer,
  setConsumerPlace,
  setLessonStatus,
  raiseHand,
  lowerHand,
  lowerAllHands,
  grantFloor,
  revokeFloor,
  setDiscussion,
  muteParticipant,
  sendChat,
  setChatEnabled,
  askQuestion,
  setQuestionsOpen,
  showQuestion,
  dismissQuestion,
  pinMainView,
  setDirecting,
  saveDeviceMapping,
  startPrecheck,
  createPrecheckTransport,
  connectPrecheckTransport,
  producePrecheck,
  measurePrecheck,
  submitPrecheck,
  reportQuality,
  getQualityOverview,
  listObservers,
  addComment,
  setCommentsLive,
  clockSync,
  startLatencyProbe,
  reportLatency,
  setRecording,
};
