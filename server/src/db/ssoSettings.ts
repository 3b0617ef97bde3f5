import { oidcSettingsSchema, type OidcSettings } from '@shared';
import type { Db } from './database.js';

/** A bureau's single sign-on settings with its client secret (kept apart: never returned by the API). */
export async function ssoSettings(db: Db, bureauId: string): Promise<(OidcSettings & { clientSecret: string }) | null> {
  const row = await db.selectFrom('sso_settings').selectAll().where('bureau_id', '=', bureauId).executeTakeFirst();
  if (!row) return null;
  const parsed = oidcSettingsSchema.safeParse(JSON.parse(row.settings));
  return parsed.success ? { ...parsed.data, clientSecret: row.client_secret } : null;
}

export async function saveSsoSettings(db: Db, bureauId: string, settings: OidcSettings & { clientSecret: string }): Promise<void> {
  const { clientSecret, ...rest } = settings;
  await db
    .insertInto('sso_settings')
    .values({ bureau_id: bureauId, settings: JSON.stringify(rest), client_secret: clientSecret })
    .onConflict((oc) => oc.column('bureau_id').doUpdateSet({ settings: JSON.stringify(rest), client_secret: clientSecret }))
    .execute();
}

/** Bureaus that sign in through a regional platform (for the sign-in page's buttons). */
export async function ssoBureaus(db: Db): Promise<Array<{ bureauId: string; bureauName: string }>> {
  const rows = await db.selectFrom('sso_settings').innerJoin('bureau', 'bureau.id', 'sso_settings.bureau_id').select(['bureau.id', 'bureau.name']).execute();
  return rows.map((r) => ({ bureauId: r.id, bureauName: r.name }));
}
