import type { MessageKey } from './messagesZh';

/** The English dictionary: the same keys and placeholders as the Chinese one. */
export const en: Record<MessageKey, string> = {
  'app.title': 'Tongtang 同堂',
  'home.hint': "Please open this page with the teacher's or a classroom's own link. The links are printed when the server starts.",
  'language.other': '中文',

  'status.waiting': 'Not started',
  'status.live': 'In class',
  'status.ended': 'Class over',

  'lesson.joining': 'Joining the lesson…',
  'lesson.start': 'Start class',
  'lesson.end': 'End class',
  'lesson.changeFailed': 'That did not work: {message}',

  'teacher.selfLabel': '{name} (me)',
  'teacher.classroomsOnline': 'Classrooms online: {count}',
  'teacher.noClassrooms': 'No classroom has joined yet.',

  'classroom.selfLabel': 'This classroom',
  'classroom.connecting': 'Connecting to the lesson…',
  'classroom.teacherAbsent': 'The teacher has not joined yet',
  'classroom.waiting': 'Waiting for the teacher to start the class',
  'classroom.ended': 'Class is over',

  'video.noPicture': 'No picture',
  'sound.enable': 'Click to turn on sound',

  'speaking.now': 'Speaking',
  'floor.holderBadge': 'Has the floor',
  'floor.mutedBadge': 'Muted',
  'mainView.pinned': 'Pinned',

  'hands.title': 'Raised hands ({count})',
  'hands.empty': 'No hands raised',
  'hands.waitingSeconds': 'waiting {seconds} s',
  'hands.waitingMinutes': 'waiting {minutes} min {seconds} s',
  'hands.grant': 'Call on',
  'hands.lower': 'Lower',
  'hands.lowerAll': 'Lower all',

  'floor.title': 'Floor',
  'floor.discussionStart': 'Start discussion',
  'floor.discussionEnd': 'End discussion',
  'floor.discussionOn': 'Discussion — every classroom may speak',
  'floor.holders': 'Has the floor: {count} / {max}',
  'floor.noHolders': 'No classroom has the floor.',
  'floor.revoke': 'Take back the floor',

  'tile.mute': 'Mute',
  'tile.unmute': 'Unmute',
  'tile.pin': 'Pin view',
  'tile.unpin': 'Unpin',

  'chat.title': 'Chat',
  'chat.open': 'Chat',
  'chat.close': 'Close',
  'chat.unread': '{count} new messages',
  'chat.empty': 'No messages yet.',
  'chat.inputLabel': 'Message to send',
  'chat.placeholder': 'Type a message, press Enter to send',
  'chat.send': 'Send',
  'chat.allow': 'Let classrooms chat',
  'chat.forbid': 'Stop classroom chat',
  'chat.closed': 'The teacher has switched chat off',
  'chat.closedForClassrooms': 'Classrooms cannot send messages now.',

  'classroom.raiseHand': 'Raise hand',
  'classroom.lowerHand': 'Lower hand',
  'classroom.studentName': 'Student name (optional)',
  'classroom.handRaised': 'Hand raised — waiting for the teacher',
  'classroom.floorGranted': 'Please speak — the other schools are listening',
  'classroom.discussion': 'Discussion — every classroom may speak',
  'classroom.mutedByTeacher': 'The teacher has muted this classroom',
  'classroom.micOff': 'Turn microphone off',
  'classroom.micOn': 'Turn microphone on',
  'classroom.micOffHint': 'This classroom\'s microphone is off — press “Turn microphone on”.',

  'device.camera.missing': 'No camera found. Other classrooms will not see this classroom; the lesson goes on.',
  'device.camera.denied':
    'The browser has not allowed the camera. Click the icon left of the address bar, allow the camera, then reload the page.',
  'device.camera.busy': 'The camera is being used by another program. Close the other program, then reload the page.',
  'device.camera.error': 'The camera could not be opened.',
  'device.microphone.missing': 'No microphone found. Other classrooms will not hear this classroom; the lesson goes on.',
  'device.microphone.denied':
    'The browser has not allowed the microphone. Click the icon left of the address bar, allow the microphone, then reload the page.',
  'device.microphone.busy': 'The microphone is being used by another program. Close the other program, then reload the page.',
  'device.microphone.error': 'The microphone could not be opened.',

  'connection.reconnecting': 'Network lost, reconnecting…',
  'connection.replaced': 'This link has been opened on another computer; this page has stopped.',

  'error.BAD_REQUEST': 'The request was not understood. Please reload the page.',
  'error.UNKNOWN_REQUEST': 'The request was not understood. Please reload the page.',
  'error.PAYLOAD_TOO_LARGE': 'The request was not understood. Please reload the page.',
  'error.UNAUTHORIZED': 'This link is not valid or has expired. Please ask the teacher for a new link.',
  'error.FORBIDDEN': 'You are not allowed to do this.',
  'error.NOT_JOINED': 'Not in the lesson yet. Please reload the page.',
  'error.NOT_FOUND': 'This lesson cannot be found.',
  'error.LESSON_ENDED': 'This lesson has ended.',
  'error.UNAVAILABLE': 'The server is unavailable for the moment; retrying…',
  'error.CHAT_CLOSED': 'The teacher has switched chat off.',
  'error.NO_FLOOR': "You don't have the floor yet — raise your hand first.",
  'error.RATE_LIMITED': 'Sending too fast — please wait a moment.',
  'error.INTERNAL': 'The server ran into a problem. Please reload the page later.',
  'error.network': 'Cannot reach the server. Please check the network.',
};