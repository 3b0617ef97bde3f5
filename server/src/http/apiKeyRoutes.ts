import { z } from 'zod';
import { apiKeyActions, apiKeySchema, ErrorCode, issuedApiKeySchema, LessonError, newApiKeySchema, type NewApiKey } from '@shared';
import { apiKeyRow, apiKeysOf, issueApiKey, revokeApiKey } from '../auth/apiKeys.js';
import { demand } from '../auth/can.js';
import { audited, type ApiRoute } from './apiRoute.js';
import { bureauOf, ownerSchool, ownListFilter } from './scopes.js';

/** 开放接口: a bureau's or a school's API keys, created (the secret shown once), listed and revoked by its admins. */

export const apiKeyRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/api-keys',
    action: 'apikey.manage',
    summary: "The API keys in scope: the bureau's and every school's, or one's own school's (never their secrets).",
    response: z.array(apiKeySchema),
    run: ({ services, principal }) => apiKeysOf(services.db, ownListFilter(principal)),
  },
  {
    method: 'post',
    path: '/api-keys',
    action: 'apikey.manage',
    summary: 'Create an API key with scopes: its secret is in the answer, once, and stored only as a hash.',
    body: newApiKeySchema,
    response: issuedApiKeySchema,
    async run(call) {
      const key = call.body as NewApiKey;
      const schoolId = await ownerSchool(call.services.db, call.principal, 'apikey.manage', key.schoolId);
      const allowed = apiKeyActions(schoolId ? 'school' : 'bureau');
      const beyond = key.scopes.filter((a) => !allowed.includes(a));
      if (beyond.length) throw new LessonError(ErrorCode.BadRequest, `a ${schoolId ? "school's" : "bureau's"} key cannot have: ${beyond.join(', ')}`);
      const issued = await issueApiKey(call.services.db, { bureauId: bureauOf(call.principal), schoolId, name: key.name, scopes: key.scopes, createdBy: call.principal });
      audited(call, 'apikey.create', issued.apiKey.id, `${key.name}: ${issued.apiKey.scopes.join(' ')}`);
      return issued;
    },
  },
  {
    method: 'post',
    path: '/api-keys/:id/revoke',
    action: 'apikey.manage',
    summary: 'Revoke an API key: from now on it is refused.',
    response: apiKeySchema,
    async run(call) {
      const key = await apiKeyRow(call.services.db, call.params['id'] ?? '');
      if (!key) throw new LessonError(ErrorCode.NotFound, 'no such API key');
      demand(call.principal, 'apikey.manage', { bureauId: key.bureauId, schoolIds: key.schoolId ? [key.schoolId] : [] });
      const revoked = await revokeApiKey(call.services.db, key.id, Date.now());
      audited(call, 'apikey.revoke', key.id, key.name);
      return revoked;
    },
  },
];
