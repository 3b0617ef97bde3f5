import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { upsertSsoAccount } from '../db/people.js';
import { school } from '../db/organisation.js';
import { ssoSettings } from '../db/ssoSettings.js';
import type { Services } from '../features/context.js';
import { openSession, SESSION_COOKIE } from './authRoutes.js';
import { ssoRoutes, type SsoIdentity } from './sso.js';

/**
 * Single sign-on with a bureau's regional platform (OpenID Connect, sso.ts):
 * whoever the platform vouches for lands here with the school and role its
 * mapping gives, as an account of this bureau (created at the first sign-in,
 * updated at every later one: the platform is where people's school and role
 * are kept). The school must be one of the bureau's; the address must pass
 * its IP rules.
 */
export function ssoSignIn(services: Services, signingKey: Uint8Array) {
  const { audit, ipRules } = services.accounts;
  return ssoRoutes({
    publicUrl: services.config.publicUrl,
    settingsOf: (bureauId) => ssoSettings(services.db, bureauId),
    // Its own key, derived from the signing key: the state cookie is encrypted, the sessions signed.
    stateKey: createHash('sha256').update(signingKey).update('tongtang sso state').digest(),
    allowInsecureIssuer: services.config.auth.ssoAllowHttp,
    async signIn(identity: SsoIdentity, req: Request, res: Response) {
      const address = req.ip ?? '';
      const found = await school(services.db, identity.schoolId);
      if (!found || found.bureauId !== identity.bureauId) throw new Error(`the mapping names a school (${identity.schoolId}) that is not this bureau's`);
      const refused = await ipRules.refusal(address, identity.bureauId, identity.schoolId);
      if (refused) {
        audit.record({ actor: null, actorName: identity.name, action: 'auth.sso', outcome: 'refused', address, detail: refused, bureauId: identity.bureauId, schoolId: identity.schoolId });
        throw new Error(refused);
      }
      const row = await upsertSsoAccount(services.db, identity);
      if (row.disabled_at !== null) throw new Error('this account is disabled here');
      try {
        await openSession(services, req, res, 'account', row.id);
      } catch (error) {
        res.clearCookie(SESSION_COOKIE, { path: '/api/auth' });
        throw error;
      }
      audit.record({ actor: null, actorName: row.name, action: 'auth.sso', outcome: 'ok', address, target: row.id, detail: `${identity.role} of ${identity.schoolId}`, bureauId: row.bureau_id, schoolId: row.school_id });
    },
    refused(reason, req, bureauId) {
      audit.record({ actor: null, actorName: 'sso', action: 'auth.sso', outcome: 'refused', address: req.ip ?? null, detail: reason, bureauId, schoolId: null });
    },
  });
}
