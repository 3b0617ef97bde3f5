import { deviceMappingSchema, type DeviceMapping } from '@shared';
import type { Db } from './database.js';

/** The corrected device mapping of a classroom's terminal; empty when nobody corrected it. */
export async function loadDeviceMapping(db: Db, classroomId: string): Promise<DeviceMapping> {
  const rows = await db.selectFrom('device_mapping').select(['device_label', 'source']).where('classroom_id', '=', classroomId).execute();
  // Parsed, so a row written by an older version with a source that no longer exists is dropped, not sent.
  const parsed = deviceMappingSchema.safeParse(Object.fromEntries(rows.map((row) => [row.device_label, row.source])));
  return parsed.success ? parsed.data : {};
}

/** Replaces a classroom's device mapping as a whole, in one transaction. */
export async function saveDeviceMapping(db: Db, classroomId: string, mapping: DeviceMapping): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('device_mapping').where('classroom_id', '=', classroomId).execute();
    const rows = Object.entries(mapping).map(([label, source]) => ({ classroom_id: classroomId, device_label: label, source }));
    if (rows.length > 0) await tx.insertInto('device_mapping').values(rows).execute();
  });
}
