/*
 * The routes the server answers outside the route table (apiRoutes.ts):
 * mounted by httpApp.ts with their own handlers, so described here by hand.
 * The test of the document lists the app's routes and fails on any that is
 * in neither.
 */

/** One operation of the document, by its Express path. */
export interface Operation {
  method: 'get' | 'post';
  path: string;
  operation: Record<string, unknown> & { tags: string[]; summary: string };
}

const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const redirect = { 302: { description: 'a redirect (to the platform, or back to the page)' } };

/** The media token of a `POST /api/recordings/{id}/play` (or a clip's) answer: it is the authorisation. */
const mediaToken = { name: 'm', in: 'query', required: true, schema: { type: 'string' }, description: 'the media token of the play answer' };
const video = {
  200: { description: 'the file (Range requests answered with 206)', content: { 'video/mp4': { schema: { type: 'string', contentMediaType: 'video/mp4' } } } },
  206: { description: 'part of the file' },
  401: { description: 'the media token has expired or is not valid' },
  403: { description: 'the token is for another file, or no longer allowed' },
  404: { description: 'no such recording, or not ready' },
};

export const otherOperations: readonly Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    operation: {
      tags: ['server'],
      summary: 'Ok or not, for a load balancer or a monitor (the details are `/api/health`, for admins).',
      operationId: 'getHealthz',
      security: [],
      responses: {
        200: { description: 'healthy', content: { 'application/json': { schema: { type: 'object', properties: { ok: { const: true } } } } } },
        503: { description: 'not healthy', content: { 'application/json': { schema: { type: 'object', properties: { ok: { const: false } } } } } },
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    operation: {
      tags: ['server'],
      summary:
        'Prometheus metrics: lessons, participants by role, media workers (CPU, producers, consumers, pipes), recording jobs, undelivered pushes, latency checks. ' +
        'Only for METRICS_ALLOW\'s addresses (this machine by default), with the bearer token when METRICS_TOKEN is set.',
      operationId: 'getMetrics',
      security: [],
      responses: {
        200: { description: 'the Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
        401: { description: 'METRICS_TOKEN is set and the request did not send it' },
        403: { description: 'not from an allowed address, or forwarded by a proxy TRUST_PROXY does not name' },
        404: { description: 'metrics are off (METRICS=off)' },
      },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operation: {
      tags: ['server'],
      summary: 'This document.',
      operationId: 'getOpenApi',
      security: [],
      responses: { 200: { description: 'the OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    operation: {
      tags: ['server'],
      summary: 'This document as a page to read: the routes by area, with their schemas.',
      operationId: 'getDocs',
      security: [],
      responses: { 200: { description: 'an HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
  {
    method: 'get',
    path: '/api/docs.css',
    operation: {
      tags: ['server'],
      summary: 'The stylesheet of that page.',
      operationId: 'getDocsCss',
      security: [],
      responses: { 200: { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } } },
    },
  },
  {
    method: 'get',
    path: '/api/auth/sso/:bureauId/start',
    operation: {
      tags: ['auth'],
      summary: "Single sign-on: off to the bureau's regional platform (OpenID Connect).",
      operationId: 'getSsoStart',
      security: [],
      parameters: [pathParam('bureauId'), { name: 'next', in: 'query', required: false, schema: { type: 'string' }, description: 'the page to land on afterwards (same origin)' }],
      responses: redirect,
    },
  },
  {
    method: 'get',
    path: '/api/auth/sso/callback',
    operation: {
      tags: ['auth'],
      summary: 'Single sign-on: back from the platform; opens a session (its cookie) and returns to the page.',
      operationId: 'getSsoCallback',
      security: [],
      responses: redirect,
    },
  },
  {
    method: 'get',
    path: '/api/media/recording/:id/directed.mp4',
    operation: {
      tags: ['recordings'],
      summary: "A recording's directed view, for a <video> element.",
      operationId: 'getRecordingFile',
      security: [],
      parameters: [pathParam('id'), mediaToken],
      responses: video,
    },
  },
  {
    method: 'get',
    path: '/api/media/clip/:id/clip.mp4',
    operation: {
      tags: ['recordings'],
      summary: "A micro-lesson's file, for a <video> element.",
      operationId: 'getClipFile',
      security: [],
      parameters: [pathParam('id'), mediaToken],
      responses: video,
    },
  },
  {
    method: 'get',
    path: '/api/media/live/:key/:file',
    operation: {
      tags: ['broadcasts'],
      summary: "A live broadcast's HLS playlist (index.m3u8) or segment (seg-NNNNNN.ts); the key in the address is the authorisation.",
      operationId: 'getLiveFile',
      security: [],
      parameters: [pathParam('key'), pathParam('file')],
      responses: {
        200: { description: 'the playlist or a segment', content: { 'application/vnd.apple.mpegurl': { schema: { type: 'string' } }, 'video/mp2t': { schema: { type: 'string', contentMediaType: 'video/mp2t' } } } },
        404: { description: 'no such stream, not on air, or a segment that has left the playlist' },
      },
    },
  },
];
