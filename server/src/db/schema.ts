import type { Generated } from 'kysely';

/** Durable records (SQL). Live state — who is in, hands, floor — is in Redis, not here (`lesson_event` keeps its history). Times are ms since the epoch. */
export interface Database {
  /** 教育局. `demo` marks what demo mode created (DEMO=off removes it). */
  bureau: { id: string; name: string };
  /** `record_lessons`: 1 when every lesson hosted by the school is recorded by itself (录制). */
  school: { id: string; bureau_id: string; name: string; kind: 'support' | 'receiving'; demo: number; record_lessons: Generated<number> };
  classroom: { id: string; school_id: string; name: string };
  lesson: {
    id: string;
    title: string;
    teacher_name: string;
    /** The account of the teacher it belongs to (null only for lessons from before accounts). */
    teacher_account_id: string | null;
    /** The support school's classroom the teacher teaches from. */
    host_classroom_id: string;
    starts_at: number | null;
    ends_at: number | null;
    created_at: number;
    demo: number;
    /** Recorded by itself when 1, never by itself when 0; null: as its host school says (`record_lessons`). */
    record: number | null;
    subject: string | null;
    grade: string | null;
    /** 课表: the entry and (original) day this lesson is the occurrence of; null for a lesson created by hand. */
    timetable_entry_id: Generated<string | null>;
    occurs_on: Generated<string | null>;
    /** 同步课堂 … (LessonForm); null: synchronous. */
    form: Generated<string | null>;
  };
  /** 学期 of a school: dates YYYY-MM-DD in SCHOOL_TIME_ZONE. */
  timetable_term: { id: string; school_id: string; name: string; starts_on: string; ends_on: string; created_at: number };
  timetable_holiday: { id: string; term_id: string; name: string; starts_on: string; ends_on: string };
  /** A weekly (`weekday` 1–7) or one-off (`on_date`) lesson of a term; times HH:MM; `classroom_ids` comma-separated. */
  timetable_entry: {
    id: string;
    term_id: string;
    weekday: number | null;
    on_date: string | null;
    title: string;
    subject: string | null;
    grade: string | null;
    form: string;
    starts_at: string;
    ends_at: string;
    teacher_account_id: string;
    host_classroom_id: string;
    classroom_ids: string;
    created_at: number;
  };
  /** 调课: one occurrence (`occurs_on`) cancelled or moved. */
  timetable_change: { id: string; entry_id: string; kind: 'cancel' | 'move'; occurs_on: string; to_date: string | null; starts_at: string | null; ends_at: string | null };
  lesson_classroom: { lesson_id: string; classroom_id: string };
  /** One row per 开始上课 … 下课, for timetables and recordings later. */
  lesson_session: { id: Generated<number>; lesson_id: string; started_at: number; ended_at: number | null };
  /**
   * 课堂参与: what a live lesson measured, one row per change with the server's
   * time `at` (wall-clock ms): a hand raised or gone, the floor, who is heard,
   * the main view, a participant joining or leaving (never a hidden observer),
   * the lesson opening or closing on a server. `kind` and `detail` (JSON) are
   * read by features/participation/participationEvents.ts.
   */
  lesson_event: { id: Generated<number>; lesson_id: string; at: number; kind: string; participant_id: string | null; detail: string | null };
  /** 评课意见: an observer's comment on a moment (`at`, wall-clock ms) of a lesson, written live or on its replay. */
  lesson_comment: { id: string; lesson_id: string; author_id: string; author_name: string; at: number; text: string; during: 'live' | 'replay'; created_at: number };
  /** 评课量表: `criteria` is JSON of RubricCriterion[]; a bureau's rubric has no school. */
  rubric: { id: string; bureau_id: string; school_id: string | null; name: string; criteria: string; created_by: string; created_at: number };
  /** A lesson put up for scoring against a copy of a rubric's criteria; closed at `closed_at` (or by itself at `closes_at`). */
  lesson_scoring: { lesson_id: string; rubric_id: string; rubric_name: string; criteria: string; opened_by: string; opened_at: number; closes_at: number | null; closed_at: number | null };
  /** One scorer's sheet for a lesson: `scores` is JSON { criterionId: score }. */
  lesson_score: { lesson_id: string; scorer_id: string; scorer_name: string; scores: string; created_at: number; updated_at: number };
  /** A classroom terminal's corrected device mapping: which camera or microphone is which, by device label. */
  device_mapping: { classroom_id: string; device_label: string; source: string };
  /** A real-name person. `password_hash` is argon2id (null for accounts that only sign in through SSO). */
  account: {
    id: string;
    login: string;
    name: string;
    role: string;
    bureau_id: string;
    school_id: string | null;
    staff_number: string | null;
    phone: string | null;
    password_hash: string | null;
    must_change_password: number;
    disabled_at: number | null;
    /** `<bureau>:<subject>` of the regional platform's single sign-on. */
    sso_subject: string | null;
    created_at: number;
    demo: number;
  };
  /** A signed-in page or device: its refresh cookie's secret, hashed. */
  auth_session: {
    id: string;
    kind: 'account' | 'terminal' | 'guest';
    principal_id: string;
    secret_hash: string;
    created_at: number;
    expires_at: number;
    revoked_at: number | null;
    revoke_reason: string | null;
    last_seen_at: number;
    address: string | null;
  };
  /** A classroom's device. Its link's credential is kept hashed; a new link replaces the old. */
  terminal: {
    id: string;
    classroom_id: string;
    name: string;
    link_hash: string | null;
    link_expires_at: number | null;
    created_at: number;
    revoked_at: number | null;
    last_seen_at: number | null;
  };
  /** A link for one lesson (an observer from another school, a parent): receive-only unless granted more. */
  guest_link: {
    id: string;
    lesson_id: string;
    name: string;
    rights: string;
    link_hash: string;
    expires_at: number;
    withdrawn_at: number | null;
    created_by: string;
    created_at: number;
  };
  /** 结对: a support school and one receiving school it teaches with. */
  pairing: { id: string; support_school_id: string; receiving_school_id: string; created_at: number };
  audit_event: {
    id: Generated<number>;
    at: number;
    actor: string | null;
    actor_name: string | null;
    action: string;
    target: string | null;
    outcome: 'ok' | 'refused';
    address: string | null;
    detail: string | null;
    /** Whose audit trail it is: a bureau admin reads the bureau's, a school admin the school's. */
    bureau_id: string | null;
    school_id: string | null;
  };
  /** One CIDR of a bureau's or school's allow or deny list. */
  ip_rule: { scope_kind: 'bureau' | 'school'; scope_id: string; list: 'allow' | 'deny'; cidr: string };
  /** A bureau's regional platform (OpenID Connect): settings as JSON, the client secret apart so it is never returned. */
  sso_settings: { bureau_id: string; settings: string; client_secret: string };
  /**
   * 录制: one recording of a lesson, from its start to 下课 (or a stop), across
   * server restarts. Its files are under the recordings directory in `dir`:
   * per-source segments, their manifest and the stage log (see RecordingFiles).
   */
  recording: {
    id: string;
    lesson_id: string;
    title: string;
    host_school_id: string;
    /** Every school of the lesson, host first, comma-separated. */
    school_ids: string;
    teacher_account_id: string | null;
    teacher_name: string;
    subject: string | null;
    grade: string | null;
    started_at: number;
    ended_at: number | null;
    /** Wall-clock time covered by segments so far. */
    duration_ms: number;
    size_bytes: number;
    segment_count: number;
    /** `recording` while it runs or waits for its lesson to reopen; `complete`; `stopped` (teacher or disk alarm). */
    status: 'recording' | 'complete' | 'stopped';
    stop_reason: string | null;
    started_by: 'teacher' | 'setting';
    dir: string;
    /** JSON: the manifest, the stage log and the sources recorded (RecordingFiles). */
    files: string;
    /**
     * 导播画面 (`directed.mp4` in `dir`): `waiting` while the recording runs or
     * its job is queued, `rendering`, `ready`, or `failed` (see `directed_error`).
     */
    directed_status: 'waiting' | 'rendering' | 'ready' | 'failed';
    /** 0–100, of the lesson's time rendered so far. */
    directed_percent: number;
    /** Estimated seconds left while rendering (null before the first estimate). */
    directed_eta_s: number | null;
    /** The finished file's size and duration. */
    directed_bytes: number | null;
    directed_duration_ms: number | null;
    directed_error: string | null;
    /** Wall-clock ms of the last status or progress change. */
    directed_updated_at: number | null;
  };
  /** 微课: a stretch of a recording's directed view, in its own file (`file`, under the recordings directory). */
  clip: {
    id: string;
    recording_id: string;
    title: string;
    description: string;
    in_ms: number;
    out_ms: number;
    /** `copy` (stream copy from a key frame) or `encode`. */
    method: 'copy' | 'encode';
    status: 'making' | 'ready' | 'failed';
    progress: number;
    duration_ms: number | null;
    size_bytes: number;
    file: string;
    created_by: string;
    created_by_name: string;
    created_at: number;
  };
  /** 推送: a receiver of pushes; `events` comma-separated; `secret` signs each push (HMAC-SHA256) and is shown only when created. */
  webhook: {
    id: string;
    bureau_id: string;
    /** A school's hook gets the events of the lessons its school takes part in; null: the whole bureau's. */
    school_id: string | null;
    url: string;
    events: string;
    description: string;
    secret: string;
    created_by: string;
    created_by_name: string;
    created_at: number;
    removed_at: number | null;
  };
  /**
   * One event for one hook, stored before it is sent (`body` is the exact
   * bytes signed): `pending` until a 2xx answer (`delivered`) or until
   * `tries_left` runs out (`failed`); 重新发送 makes it pending again.
   */
  webhook_delivery: {
    id: string;
    webhook_id: string;
    event_id: string;
    event: string;
    body: string;
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    tries_left: number;
    next_attempt_at: number | null;
    /** A sender is at it until then (a server that dies lets the lease run out). */
    lease_until: number | null;
    last_status_code: number | null;
    last_error: string | null;
    created_at: number;
    delivered_at: number | null;
  };
  /** The delivery log: one row per attempt. */
  webhook_attempt: { id: Generated<number>; delivery_id: string; at: number; duration_ms: number; address: string | null; status_code: number | null; error: string | null };
  /** A host a bureau's hooks may reach although it resolves to loopback or a private network. */
  webhook_host: { bureau_id: string; host: string; added_by_name: string; added_at: number };
  /** 开放接口: an API key of a bureau (`school_id` null) or of a school; `scopes` comma-separated actions; the secret only as its hash. */
  api_key: {
    id: string;
    bureau_id: string;
    school_id: string | null;
    name: string;
    scopes: string;
    /** The key's first characters, shown in the list to tell keys apart. */
    hint: string;
    secret_hash: string;
    created_by: string;
    created_by_name: string;
    created_at: number;
    last_used_at: number | null;
    revoked_at: number | null;
  };
  /** 巡课记录: a note an inspecting admin left about a lesson, at the wall-clock ms she wrote it. */
  inspection_note: { id: string; lesson_id: string; author_id: string; author_name: string; at: number; text: string };
  /** 名师直播: an application and where the workflow has taken it (`state`, shared/src/broadcasts.ts); the audience as comma-separated ids. */
  broadcast: {
    id: string;
    bureau_id: string;
    school_id: string;
    host_classroom_id: string;
    teacher_account_id: string;
    teacher_name: string;
    title: string;
    subject: string | null;
    grade: string | null;
    starts_at: number;
    ends_at: number;
    audience_public: number;
    audience_school_ids: string;
    audience_classroom_ids: string;
    expected_viewers: number;
    state: string;
    reason: string | null;
    lesson_id: string | null;
    created_at: number;
    updated_at: number;
  };
  /** 直播输出: a broadcast's HLS key (the address's secret part) and the RTMP address its program is pushed to (null: none). */
  broadcast_output: { broadcast_id: string; hls_key: string; rtmp_url: string | null; updated_at: number };
}
