/**
 * How this page came back after faults, for support staff and the resume
 * bench (window.tongtang.recovery): ICE restarts repaired only the media
 * path; resumes took the kept place back on a new connection, media intact;
 * rejoins started over (place not kept: server restarted, grace period over).
 */
export const recoveryCounts = { iceRestarts: 0, resumes: 0, rejoins: 0 };
