import type { PrincipalRole } from './accounts.js';
import type { Role } from './lesson.js';
import type { RequestType } from './requests.js';

/*
 * THE permission table: who may do what, and over which part of the world.
 * Every REST route names one action of `permissions` and every Socket.IO
 * request one line of `lessonRequests`; the server checks them before
 * anything else, and the tests read these same tables to try every call as
 * every role (0 unexpected allows). A role missing from a line may not.
 *
 * Scopes, always relative to the one asking:
 * - `bureau`    the target belongs to the asker's bureau;
 * - `school`    the target belongs to the asker's school (a lesson: its host
 *               school or a school of one of its classrooms);
 * - `classroom` the target is the terminal's own classroom;
 * - `self`      the target is the asker's own (her lessons, her account);
 * - `lesson`    the target is the guest's one lesson.
 */
export type Scope = 'bureau' | 'school' | 'classroom' | 'self' | 'lesson';

export const permissions = {
  /** Read one's bureau (name, settings). */
  'bureau.read': { bureauAdmin: 'bureau' },
  'school.create': { bureauAdmin: 'bureau' },
  'school.read': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'bureau', assistant: 'school' },
  /** A school's settings: 录制 (record every lesson it hosts). */
  'school.settings': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  'classroom.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** Teachers read classrooms to pick those of a lesson: their own school's and the paired schools'. */
  'classroom.read': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'bureau', assistant: 'school' },
  /** Register a terminal, issue its link again, revoke it, list them. */
  'terminal.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** Create accounts, disable them, reset their passwords (which roles one may grant: `grantableRoles`). */
  'account.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  'account.read': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  'pairing.manage': { bureauAdmin: 'bureau' },
  'pairing.read': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'school' },
  /** A teacher creates her own lessons; the host classroom must be of her school. */
  'lesson.create': { teacher: 'school' },
  'lesson.read': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'self' },
  'lesson.delete': { schoolAdmin: 'school', teacher: 'self' },
  /** The live state, media view and event feed of a lesson (巡课, tests). */
  'lesson.inspect': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'self' },
  /**
   * 在线巡课: the grid of live lessons in scope, watching one unseen (never in any list of the lesson), and
   * inspection notes: a bureau's admin every lesson of the bureau, a school's admin those her school takes part in.
   */
  'inspection.watch': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** Create and withdraw a lesson's guest links. */
  'guest.manage': { schoolAdmin: 'school', teacher: 'self' },
  'audit.read': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  'ipRules.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  'sso.manage': { bureauAdmin: 'bureau' },
  /** The server's own details (workers, pids, ports, media counts): the admins of the server's first bureau. */
  'server.inspect': { bureauAdmin: 'bureau' },
  /**
   * 资源库: find and play recordings and micro-lessons. A recording belongs to every school of its lesson and to the
   * schools paired with its host school, so `school` shows a school its own lessons and its pairings'.
   */
  'recording.view': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'school', assistant: 'school', observer: 'bureau' },
  /** 微课: cut a micro-lesson from a recording, or delete one; a teacher from her own lessons' recordings. */
  'recording.clip': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'self' },
  /** Join a lesson as its teacher: only the teacher it belongs to. */
  'lesson.teach': { teacher: 'self' },
  /** Join a lesson as one of its classrooms: that classroom's terminal, or an assistant teacher of its school. */
  'lesson.joinAsClassroom': { terminal: 'classroom', assistant: 'school' },
  /** Join a lesson receive-only: a guest of that lesson, an observer of the bureau, admins in scope. */
  'lesson.observe': { guest: 'lesson', observer: 'bureau', bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** Join a lesson as one of its viewers (观众), receive-only and counted, never listed: a broadcast's audience, with the ticket of its address. */
  'lesson.view': { guest: 'lesson' },
  /** Read a lesson's comments (评课意见): its teacher, its observers, admins in scope. */
  'comment.read': { guest: 'lesson', observer: 'bureau', teacher: 'self', bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** Comment on a lesson's replay: whoever may observe it, and the teachers of its schools (a research group). */
  'comment.write': { guest: 'lesson', observer: 'bureau', teacher: 'school', bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** 评课量表: a school's admin its school's rubrics, a bureau's admin the bureau's and every school's. */
  'rubric.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** Which rubrics one may score a lesson against: the bureau's and one's own school's. */
  'rubric.read': { bureauAdmin: 'bureau', schoolAdmin: 'bureau' },
  /** Put a lesson up for scoring against a rubric, and close its scoring: the admins of its schools or bureau. */
  'scoring.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** 教学考评: score a lesson, once, editable while open; whoever may comment on it (never its own teacher: checked by the route). */
  'lesson.score': { guest: 'lesson', observer: 'bureau', teacher: 'school', bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** 评课报告: a lesson's scores, comments and participation: its teacher, the admins of its schools and bureau. */
  'report.read': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'self' },
  /** 优课评选: lessons ranked by score; a school's admin sees the lessons its school took part in. */
  'ranking.read': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** 推送: register and remove webhooks, read their delivery log, send a delivery again: the bureau's hooks, or one school's. */
  'webhook.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** Let hooks reach a host on loopback or a private network (an exception to the SSRF guard): the bureau's admins only. */
  'webhook.allowHost': { bureauAdmin: 'bureau' },
  /** 课表: a school's terms, holidays, weekly entries and one-off changes; teachers read their school's. */
  'timetable.read': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'school' },
  /** Fill the timetable: the admins of its school or bureau; a teacher only her own entries (never the term or holidays). */
  'timetable.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school', teacher: 'self' },
  /** 数据看板: the week's lessons, missed paired lessons, participation and quality — the bureau's, or a school admin's own school's. */
  'dashboard.read': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** 延长 10 分钟: the lesson's own teacher moves its end later. */
  'lesson.extend': { teacher: 'self' },
  /** TEST_CLOCK=on only: move the timetable's "now" (end-to-end tests), as the server's own bureau's admins. */
  'clock.set': { bureauAdmin: 'bureau' },
  /** 开放接口: create, list and revoke API keys: the bureau's keys and every school's, or one's own school's. */
  'apikey.manage': { bureauAdmin: 'bureau', schoolAdmin: 'school' },
  /** 名师直播 (申请直播): a teacher applies to broadcast from a classroom of her school. */
  'broadcast.apply': { teacher: 'school' },
  /** 我的直播 / 直播审核: a teacher her own applications, a bureau's admin every one of the bureau. */
  'broadcast.read': { teacher: 'self', bureauAdmin: 'bureau' },
  /** 撤回: the applicant, while it awaits review (the state table: shared/src/broadcasts.ts). */
  'broadcast.withdraw': { teacher: 'self' },
  /** 审核: approve, reject with a reason, schedule, cancel: the bureau's admins. */
  'broadcast.review': { bureauAdmin: 'bureau' },
  /** 彩排, 开始直播, 结束直播: the applicant or the bureau's admins. */
  'broadcast.host': { teacher: 'self', bureauAdmin: 'bureau' },
} as const satisfies Record<string, Partial<Record<PrincipalRole, Scope>>>;

export type Action = keyof typeof permissions;

/** The scope in which `role` may do `action`, or null where it may not. */
export function scopeOf(action: Action, role: PrincipalRole): Scope | null {
  const line: Partial<Record<PrincipalRole, Scope>> = permissions[action];
  return line[role] ?? null;
}

/** Which roles an account manager may give (a school admin cannot make another admin). */
export const grantableRoles: Partial<Record<PrincipalRole, readonly string[]>> = {
  bureauAdmin: ['bureauAdmin', 'schoolAdmin', 'teacher', 'assistant', 'observer'],
  schoolAdmin: ['teacher', 'assistant', 'observer'],
};

/**
 * Signalling: which principals may open a connection (everyone signed in;
 * a connection without a valid session is refused at the handshake), and,
 * once joined, which of the lesson's participant roles may send each
 * request. `null`: allowed before joining (its own handler decides, by
 * `permissions`). A missing request type is a compile error.
 */
export const lessonRequests: { [T in RequestType]: readonly Role[] | null } = {
  joinLesson: null,
  resumeLesson: null,
  // A pre-class check comes before the lesson: `lesson.joinAsClassroom` for its classroom decides.
  startPrecheck: null,
  createPrecheckTransport: null,
  connectPrecheckTransport: null,
  producePrecheck: null,
  measurePrecheck: null,
  submitPrecheck: null,
  clockSync: null,
  leaveLesson: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  restartIce: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  pathRestored: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  declareCapabilities: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  createTransport: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  connectTransport: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  consume: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  resumeConsumer: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  setConsumerPlace: ['teacher', 'classroom', 'observer', 'inspector', 'viewer'],
  // Sending: never an observer, an inspector or a viewer (receive-only).
  produce: ['teacher', 'classroom'],
  closeProducer: ['teacher', 'classroom'],
  setProducerPaused: ['teacher', 'classroom'],
  saveDeviceMapping: ['teacher', 'classroom'],
  raiseHand: ['classroom'],
  lowerHand: ['teacher', 'classroom'],
  // An observer only with a guest link that grants `chat` (checked by the chat handler against the link's rights).
  sendChat: ['teacher', 'classroom', 'observer'],
  // 观众提问: a viewer asks; the teacher alone reads, shows or drops (moderated).
  askQuestion: ['viewer'],
  setQuestionsOpen: ['teacher'],
  showQuestion: ['teacher'],
  dismissQuestion: ['teacher'],
  reportQuality: ['classroom'],
  reportLatency: ['teacher', 'classroom'],
  // The teacher's controls.
  setLessonStatus: ['teacher'],
  lowerAllHands: ['teacher'],
  grantFloor: ['teacher'],
  revokeFloor: ['teacher'],
  setDiscussion: ['teacher'],
  muteParticipant: ['teacher'],
  setChatEnabled: ['teacher'],
  pinMainView: ['teacher'],
  setDirecting: ['teacher'],
  getQualityOverview: ['teacher'],
  listObservers: ['teacher'],
  // 评课: observers write, the teacher chooses whether to read them during the lesson.
  addComment: ['observer'],
  setCommentsLive: ['teacher'],
  startLatencyProbe: ['teacher'],
  // 录制: the teacher's button; a school's or lesson's setting starts it without one.
  setRecording: ['teacher'],
};
