/*
 * 课堂参与: what a lesson itself measured about who took part, for the lesson
 * report (评课报告). Every figure comes from the lesson's event log, written
 * by the server as the lesson runs (hands, the floor, discussion, who was
 * heard, the main view), never from what a page says about itself.
 *
 * Times are milliseconds. Only the lesson's live time counts: from each
 * 开始上课 to its 下课 (an interval still open counts up to now).
 */

/** One classroom of the lesson (the host classroom is the teacher's class). */
export interface ClassroomParticipation {
  /** `classroom:<id>`, as in the lesson. */
  participantId: string;
  classroomId: string;
  /**
   * The teacher's own classroom (主讲课堂). In the lesson it is the teacher
   * (`teacher`): it never raises a hand or holds the floor, its presence is
   * the teacher's, so its floor, hands and main-view figures are 0; its
   * students heard through the room microphone (studentsMic) are its talk
   * and student talk, the teacher's own microphone teacher talk.
   */
  host: boolean;
  classroomName: string;
  schoolId: string;
  schoolName: string;
  /** 主讲 (the support school, usually urban) or 接收 (receiving, usually rural). */
  schoolKind: 'support' | 'receiving';
  /** Time in the lesson while it was live. */
  presentMs: number;
  /** 发言权: how long it held the floor, and how many times it was given. */
  floorMs: number;
  turns: number;
  handsRaised: number;
  /** Hands that ended with the floor given to it (within a second of the hand going down). */
  handsAnswered: number;
  /** How long each of its hands waited: raised → given the floor, or → lowered unanswered. */
  handWaitsMs: number[];
  /** Heard speaking (the directing's speaker detection), in lecture or discussion. */
  talkMs: number;
  /** On every classroom's main view. */
  mainViewMs: number;
}

/** A school's figures: the sum of its classrooms'. */
export interface SchoolParticipation {
  schoolId: string;
  schoolName: string;
  schoolKind: 'support' | 'receiving';
  floorMs: number;
  turns: number;
  handsRaised: number;
  handsAnswered: number;
  /** Mean wait of its hands, null with none raised. */
  meanHandWaitMs: number | null;
  talkMs: number;
}

export interface LessonParticipation {
  lessonId: string;
  /** Live time: the sum of the lesson's 开始上课 → 下课 intervals. */
  liveMs: number;
  /** 讨论: how long all classroom microphones were open at once. */
  discussionMs: number;
  /** 教师讲授 vs 学生发言: heard speaking, the teacher and all classrooms together. */
  teacherTalkMs: number;
  studentTalkMs: number;
  /** The main view on the teacher. */
  teacherMainViewMs: number;
  classrooms: ClassroomParticipation[];
  schools: SchoolParticipation[];
  /** Floor time and talk of the support (urban) schools' classrooms vs the receiving (rural) ones'. */
  share: {
    support: { floorMs: number; talkMs: number; turns: number };
    receiving: { floorMs: number; talkMs: number; turns: number };
  };
}
