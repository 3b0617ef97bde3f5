import { z } from 'zod';
import { idSchema } from './lesson.js';

/*
 * Accounts, terminals, guests and the administration API (`/api/…`). The
 * server parses every request body with these schemas; the admin pages and
 * the tests parse its replies with them.
 */

/** A person's role. Three levels of administration: bureau → school → the individual. */
export const accountRoleSchema = z.enum(['bureauAdmin', 'schoolAdmin', 'teacher', 'assistant', 'observer']);
export type AccountRole = z.infer<typeof accountRoleSchema>;

/**
 * Whoever holds a session: a person (by role), a classroom terminal (a
 * device of one classroom) or a guest of one lesson (a link's holder).
 */
export const principalRoleSchema = z.enum([...accountRoleSchema.options, 'terminal', 'guest']);
export type PrincipalRole = z.infer<typeof principalRoleSchema>;

/** Who the page is signed in as. */
export const meSchema = z.object({
  /** `apiKey`: another system calling with a school's or bureau's API key. */
  kind: z.enum(['account', 'terminal', 'guest', 'apiKey']),
  id: z.string(),
  role: principalRoleSchema,
  name: z.string(),
  bureauId: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  /** A terminal's classroom. */
  classroomId: z.string().nullable(),
  /** A guest's one lesson. */
  lessonId: z.string().nullable(),
  /** First sign-in with a password someone else set: nothing else is allowed until it is changed. */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

/** What signing in (or refreshing a session from its cookie) returns: a short-lived access token for the API and signalling. */
export const signedInSchema = z.object({ accessToken: z.string(), expiresAt: z.number(), me: meSchema });
export type SignedIn = z.infer<typeof signedInSchema>;

export const loginSchema = z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
/** A new password: long enough to resist guessing offline should the hashes ever leak; no composition rules. */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(256);
export const changePasswordSchema = z.object({ current: z.string().min(1).max(256), next: passwordSchema }).strict();
/** A terminal's enrolment credential or a guest link's credential, exchanged for a session. */
export const credentialSchema = z.object({ credential: z.string().min(20).max(2048) }).strict();

const name = z.string().trim().min(1).max(100);
/** A sign-in name: letters, digits, `.`, `_`, `-`; a staff number or phone number works. */
export const loginNameSchema = z.string().min(2).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ or -');

export const bureauSchema = z.object({ id: z.string(), name: z.string() });
export type Bureau = z.infer<typeof bureauSchema>;

export const schoolKindSchema = z.enum(['support', 'receiving']);
/** `recordLessons`: every lesson it hosts is recorded by itself at 开始上课 (a lesson may say otherwise). */
export const schoolSchema = z.object({ id: z.string(), bureauId: z.string(), name: z.string(), kind: schoolKindSchema, recordLessons: z.boolean() });
export type School = z.infer<typeof schoolSchema>;
export const newSchoolSchema = z.object({ name, kind: schoolKindSchema, bureauId: idSchema.optional() }).strict();
export const schoolSettingsSchema = z.object({ recordLessons: z.boolean() }).strict();

export const classroomSchema = z.object({ id: z.string(), schoolId: z.string(), schoolName: z.string(), name: z.string() });
export type Classroom = z.infer<typeof classroomSchema>;
export const newClassroomSchema = z.object({ schoolId: idSchema, name }).strict();

export const accountSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  role: accountRoleSchema,
  bureauId: z.string(),
  schoolId: z.string().nullable(),
  staffNumber: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  /** Came from the regional platform's single sign-on (no password here). */
  sso: z.boolean(),
});
export type Account = z.infer<typeof accountSchema>;
/** A real-name account. School-level roles need a school; a bureau admin has none. */
export const newAccountSchema = z
  .object({
    login: loginNameSchema,
    name,
    role: accountRoleSchema,
    schoolId: idSchema.optional(),
    bureauId: idSchema.optional(),
    staffNumber: z.string().trim().min(1).max(32).optional(),
    phone: z.string().regex(/^\+?[0-9 -]{5,20}$/).optional(),
  })
  .strict()
  .refine((a) => a.staffNumber !== undefined || a.phone !== undefined, { message: 'a staff number or a phone number is required (real name)' });
/** A new account or a reset password: shown once to the admin, to be changed at first sign-in. */
export const issuedPasswordSchema = z.object({ account: accountSchema, initialPassword: z.string() });

export const terminalSchema = z.object({
  id: z.string(),
  classroomId: z.string(),
  classroomName: z.string(),
  schoolId: z.string(),
  name: z.string(),
  createdAt: z.number(),
  /** Until when its link can be opened (a new one replaces it). */
  linkExpiresAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  lastSeenAt: z.number().nullable(),
});
export type Terminal = z.infer<typeof terminalSchema>;
export const newTerminalSchema = z.object({ classroomId: idSchema, name: name.optional() }).strict();
/** A terminal's link (and the credential in its fragment), shown to the admin to print as a QR code. */
export const terminalLinkSchema = z.object({ terminal: terminalSchema, url: z.url(), expiresAt: z.number() });
export type TerminalLink = z.infer<typeof terminalLinkSchema>;

export const pairingSchema = z.object({
  id: z.string(),
  supportSchoolId: z.string(),
  supportSchoolName: z.string(),
  receivingSchoolId: z.string(),
  receivingSchoolName: z.string(),
});
export type Pairing = z.infer<typeof pairingSchema>;
export const newPairingSchema = z.object({ supportSchoolId: idSchema, receivingSchoolId: idSchema }).strict();

export const lessonSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  teacherAccountId: z.string().nullable(),
  teacherName: z.string(),
  hostClassroomId: z.string(),
  schoolId: z.string(),
  classrooms: z.array(z.object({ classroomId: z.string(), name: z.string(), schoolId: z.string() })),
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  /** The teacher's page (she signs in; nothing secret in it). */
  teacherUrl: z.url(),
});
export type LessonSummary = z.infer<typeof lessonSummarySchema>;
/** A lesson a teacher creates for her classroom and classrooms of the schools paired with hers. */
export const newLessonPlanSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    hostClassroomId: idSchema,
    classroomIds: z.array(idSchema).min(1).max(50),
    startsAt: z.number().int().positive().optional(),
    endsAt: z.number().int().positive().optional(),
    /** 学科 and 年级, for the library's search. */
    subject: z.string().trim().min(1).max(64).optional(),
    grade: z.string().trim().min(1).max(64).optional(),
    /** 录制: true records the lesson by itself from 开始上课, false never by itself; unset: as the host school says. */
    record: z.boolean().optional(),
  })
  .strict()
  .refine((l) => l.startsAt === undefined || l.endsAt === undefined || l.endsAt > l.startsAt, { message: 'the end must come after the start' });
export type NewLessonPlan = z.infer<typeof newLessonPlanSchema>;

/** What a guest link lets its holder do in its one lesson. */
export const guestRightSchema = z.enum(['receive', 'chat']);
export const guestLinkSchema = z.object({
  id: z.string(),
  lessonId: z.string(),
  name: z.string(),
  rights: z.array(guestRightSchema),
  expiresAt: z.number(),
  withdrawnAt: z.number().nullable(),
});
export type GuestLink = z.infer<typeof guestLinkSchema>;
export const newGuestLinkSchema = z.object({ name, rights: z.array(guestRightSchema).max(2).optional() }).strict();
export const issuedGuestLinkSchema = z.object({ guest: guestLinkSchema, url: z.url() });

/** Allow and deny lists (CIDR) of one bureau or school, for sign-ins and joins. */
export const cidrSchema = z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()]);
export const ipRulesSchema = z.object({ allow: z.array(cidrSchema).max(200), deny: z.array(cidrSchema).max(200) }).strict();
export type IpRules = z.infer<typeof ipRulesSchema>;

/** A bureau's regional platform for single sign-on (OpenID Connect), and how its claims map to schools and roles. */
export const oidcSettingsSchema = z
  .object({
    issuer: z.url(),
    clientId: z.string().min(1).max(200),
    /** Write-only: never returned. */
    clientSecret: z.string().min(1).max(500).optional(),
    /** Claim holding the user's school (its value is looked up in `schools`). */
    schoolClaim: z.string().min(1).max(100).default('school'),
    /** Claim holding the user's role at the platform (looked up in `roles`). */
    roleClaim: z.string().min(1).max(100).default('role'),
    /** Platform school value → Tongtang school id. */
    schools: z.record(z.string().max(200), idSchema),
    /** Platform role value → Tongtang role (never bureauAdmin: that stays a local decision). */
    roles: z.record(z.string().max(100), z.enum(['schoolAdmin', 'teacher', 'assistant', 'observer'])),
  })
  .strict();
export type OidcSettings = z.infer<typeof oidcSettingsSchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.number(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['ok', 'refused']),
  address: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditQuerySchema = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(['ok', 'refused']).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** How long before a lesson's start its classrooms' terminals join it (and wait there for the teacher). */
export const TERMINAL_JOIN_LEAD_MS = 10 * 60_000;

/**
 * A terminal's lesson now (it joins it by itself), and its next one. The server decides by its own clock (the
 * timetable's), never the classroom PC's: `serverNow` is that clock, for the waiting screen to show.
 */
export const terminalLessonSchema = z.object({
  current: z.object({ lessonId: z.string(), title: z.string(), classroomId: z.string() }).nullable(),
  next: z.object({ title: z.string(), startsAt: z.number() }).nullable(),
  serverNow: z.number(),
  /** The school's time zone (SCHOOL_TIME_ZONE), in which the screen shows times. */
  timeZone: z.string(),
  classroomName: z.string(),
  schoolName: z.string(),
});
export type TerminalLesson = z.infer<typeof terminalLessonSchema>;
