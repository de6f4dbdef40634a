/**
 * The OpenAPI 3.1 document at /api/v1/openapi.json. Request bodies come from the same zod schemas
 * that validate them, so the document cannot drift from what the server accepts.
 */
import { z } from 'zod';

import { newApiKeySchema } from '../core/auth/api-keys.js';
import { newUserSchema } from '../core/auth/users.js';
import { apiMessageSchema } from '../channels/api/schemas.js';
import { webMessageSchema, webSessionSchema } from '../channels/web/schemas.js';
import { reviewSchema } from '../intake/review.js';
import { trainingRequestSchema } from '../intake/training/models.js';
import { knowledgeEntryPatchSchema, knowledgeEntrySchema } from '../intake/knowledge/index.js';
import { TICKET_STATUSES } from '../router/ticket-state-machine.js';

const json = (schema: z.ZodType): Record<string, { schema: unknown }> => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});

const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        kind: {
          type: 'string',
          enum: ['NOT_FOUND', 'INVALID_DATA', 'UNAUTHORIZED', 'FORBIDDEN', 'CONFLICT', 'INVALID_STATE', 'UPSTREAM', 'UNEXPECTED'],
        },
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
        requestId: { type: 'string' },
      },
      required: ['kind', 'message'],
    },
  },
};

const errors: Record<string, unknown> = Object.fromEntries(
  [
    ['400', 'Invalid input, with the reason'],
    ['401', 'Missing or wrong credentials'],
    ['403', 'Not allowed for this role'],
    ['404', 'Not found'],
    ['413', 'Body too large'],
    ['422', 'Not possible in the current state'],
  ].map(([status = '', description]): [string, unknown] => [
    status,
    { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  ]),
);

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

const ok = (description: string) => ({ '200': { description }, ...errors });
const agent = [{ session: [] }, { bearer: [] }];
const admin = [{ session: [] }, { bearer: [] }];

export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'suqiu',
      version: '0.1.0',
      description: 'Intake gateway for citizen service hotlines: channels in, tickets with NLU-suggested routing out, confirmed by agents.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API key (sqk_…), session token (sqs_…) or the bootstrap token' },
        session: { type: 'apiKey', in: 'cookie', name: 'suqiu_session' },
        webchat: { type: 'http', scheme: 'bearer', description: 'Web-chat session token (wc1.…)' },
      },
      schemas: { Error: errorBody },
    },
    paths: {
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'The process answers' } } } },
      '/readyz': {
        get: {
          summary: 'Readiness: database and queue reachable',
          responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } },
        },
      },
      '/api/v1/intake/messages': {
        post: {
          summary: 'API channel: submit a citizen message (call transcript, app report …)',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json(apiMessageSchema) },
          responses: {
            '202': { description: 'Stored and queued: `{ id, status: "accepted" }`' },
            '200': { description: 'Repeated externalId: `{ id, status: "duplicate" }` with the first id' },
            ...errors,
          },
        },
      },
      '/api/v1/intake/messages/{id}': {
        get: {
          summary: 'API channel: a message you sent and its ticket',
          security: [{ bearer: [] }],
          parameters: [idParam],
          responses: ok('Message status and ticket number'),
        },
      },
      '/api/v1/webchat/sessions': {
        post: {
          summary: 'Start (or, with a valid token, renew) a web-chat session',
          requestBody: { content: json(webSessionSchema) },
          responses: { '201': { description: '`{ sessionId, token, expiresAt }`' }, ...errors },
        },
      },
      '/api/v1/webchat/messages': {
        post: {
          summary: 'Web chat: send a message',
          security: [{ webchat: [] }],
          requestBody: { required: true, content: json(webMessageSchema) },
          responses: ok('`{ id, duplicate }`'),
        },
        get: { summary: 'Web chat: the conversation so far', security: [{ webchat: [] }], responses: ok('`{ items }`') },
      },
      '/api/v1/webchat/attachments': {
        post: {
          summary: 'Web chat: upload a photo (raw image body), then reference its id in a message',
          security: [{ webchat: [] }],
          requestBody: { required: true, content: { 'image/jpeg': {}, 'image/png': {}, 'image/webp': {} } },
          responses: { '201': { description: '`{ id, mime, size }`' }, ...errors },
        },
      },
      '/api/v1/webchat/events': {
        get: { summary: 'Web chat: server-sent events with replies', security: [{ webchat: [] }], responses: ok('text/event-stream') },
      },
      '/api/v1/auth/login': {
        post: {
          summary: 'Console login; sets the session cookie and returns a bearer token',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { username: { type: 'string' }, password: { type: 'string' } },
                  required: ['username', 'password'],
                },
              },
            },
          },
          responses: ok('`{ user, token, expiresAt }`'),
        },
      },
      '/api/v1/auth/logout': { post: { summary: 'End the session', responses: { '204': { description: 'Logged out' } } } },
      '/api/v1/auth/me': { get: { summary: 'The logged-in user', security: agent, responses: ok('`{ user }`') } },
      '/api/v1/review/queue': {
        get: {
          summary: 'Tickets waiting for an agent, with their suggestion',
          security: agent,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
            {
              name: 'order',
              in: 'query',
              description: '`uncertain`: lowest suggestion score first (active learning)',
              schema: { type: 'string', enum: ['urgency', 'oldest', 'uncertain'], default: 'urgency' },
            },
          ],
          responses: ok('`{ total, items: [{ id, number, status, suggestion, … }] }`'),
        },
      },
      '/api/v1/review/events': {
        get: { summary: 'Server-sent events when the queue changes', security: agent, responses: ok('text/event-stream') },
      },
      '/api/v1/tickets': {
        get: {
          summary:
            'Tickets by state and flag, newest first (e.g. `?status=PENDING_DISPATCH&flag=auto-routed&withoutFlag=checked`: what the system routed without review and no agent has checked yet)',
          security: agent,
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: [...TICKET_STATUSES] } },
            { name: 'flag', in: 'query', schema: { type: 'string' } },
            { name: 'withoutFlag', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
          ],
          responses: ok('`{ total, items: [{ id, number, status, flags, suggestion, … }] }`'),
        },
      },
      '/api/v1/tickets/{id}': {
        get: {
          summary: 'A ticket with suggestion, scores, messages and audit trail',
          security: agent,
          parameters: [idParam],
          responses: ok('The ticket'),
        },
      },
      '/api/v1/tickets/{id}/similar': {
        get: {
          summary: 'Recent tickets most like this one (text, place, time), each with a duplicate/related verdict and its reasons',
          security: agent,
          parameters: [
            idParam,
            { name: 'k', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
            { name: 'windowDays', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 90, default: 30 } },
          ],
          responses: ok('`{ items: [{ id, number, status, score, verdict, components }] }`'),
        },
      },
      '/api/v1/hotspots': {
        get: {
          summary: 'Clusters of reports about the same thing in the last days',
          security: agent,
          parameters: [
            { name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 90, default: 7 } },
            { name: 'minSize', in: 'query', schema: { type: 'integer', minimum: 2, maximum: 100, default: 3 } },
          ],
          responses: ok('`{ items: [{ size, tickets, representative, places, categories, from, to }] }`'),
        },
      },
      '/api/v1/tickets/{id}/review': {
        post: {
          summary:
            'Confirm the suggested routing (optionally overriding category, department, request type, urgency), reject, answer directly, or merge into the open ticket it repeats (并单); on a ticket waiting for dispatch, `check` corrects its routing (or, with no field, confirms it as right) — how an auto-routed ticket is checked, kept as a training example',
          security: agent,
          parameters: [idParam],
          requestBody: { required: true, content: json(reviewSchema) },
          responses: ok('The updated ticket'),
        },
      },
      '/api/v1/attachments/{id}': {
        get: { summary: 'Attachment bytes', security: agent, parameters: [idParam], responses: ok('The file') },
      },
      '/api/v1/categories': { get: { summary: 'Live category tree', security: agent, responses: ok('`{ items }`') } },
      '/api/v1/departments': { get: { summary: 'Handling units', security: agent, responses: ok('`{ items }`') } },
      '/api/v1/users': {
        post: {
          summary: 'Create a console user',
          security: admin,
          requestBody: { required: true, content: json(newUserSchema) },
          responses: { '201': { description: 'The user' }, ...errors },
        },
        get: { summary: 'List users', security: admin, responses: ok('`{ items }`') },
      },
      '/api/v1/api-keys': {
        post: {
          summary: 'Create an API key (shown once)',
          security: admin,
          requestBody: { required: true, content: json(newApiKeySchema) },
          responses: { '201': { description: '`{ id, name, source, prefix, key }`' }, ...errors },
        },
        get: { summary: 'List API keys (without secrets)', security: admin, responses: ok('`{ items }`') },
      },
      '/api/v1/api-keys/{id}': {
        delete: {
          summary: 'Revoke an API key',
          security: admin,
          parameters: [idParam],
          responses: { '204': { description: 'Revoked' }, ...errors },
        },
      },
      '/api/v1/nlu/training-data': {
        post: {
          summary:
            'Import labelled texts (all or nothing): JSON Lines or CSV with text (or title, detail) and label (category code or name)',
          security: admin,
          requestBody: {
            required: true,
            content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
          },
          responses: { '201': { description: '`{ imported, perCategory }`' }, ...errors },
        },
        get: {
          summary: 'Training examples by source, and how often agents agreed with the suggestion',
          security: admin,
          responses: ok('`{ bySource, reviewAgreement }`'),
        },
      },
      '/api/v1/nlu/models': {
        post: {
          summary: 'Train a category model version in a worker (202); optionally activate it if better',
          security: admin,
          requestBody: { required: false, content: json(trainingRequestSchema) },
          responses: { '202': { description: 'The queued version' }, ...errors },
        },
        get: {
          summary:
            'Model versions with their evaluation summary and autoRouteChecks (how often their routing without review was right, as agents checked)',
          security: admin,
          responses: ok('`{ items }`'),
        },
      },
      '/api/v1/nlu/models/{id}': {
        get: {
          summary:
            'A version: status, progress, evaluation (accuracy, macro-F1, per class, confusion, coverage at the target precision, thresholds), ' +
            'the learning curve (held-out figures when trained on half, three quarters and all of the training part, gain per doubling, stillRising), ' +
            'and autoRouteChecks: of the tickets it routed without review that agents checked, how many it had right (the live precision)',
          security: admin,
          parameters: [idParam],
          responses: ok('The version'),
        },
      },
      '/api/v1/nlu/models/{id}/comparison': {
        get: {
          summary: 'The version and the active one on the same held-out examples',
          security: admin,
          parameters: [idParam],
          responses: ok('`{ examples, candidate, active }`'),
        },
      },
      '/api/v1/nlu/models/{id}/activate': {
        post: { summary: 'Serve this version from now on', security: admin, parameters: [idParam], responses: ok('The version') },
      },
      '/api/v1/nlu/models/rollback': {
        post: { summary: 'Serve the version that served before the current one', security: admin, responses: ok('`{ id, version }`') },
      },
      '/api/v1/knowledge': {
        get: {
          summary: 'Knowledge entries, newest first; q filters on the question and the answer',
          security: agent,
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
            { name: 'active', in: 'query', schema: { type: 'boolean' } },
            { name: 'language', in: 'query', schema: { type: 'string', enum: ['zh', 'en'] } },
            { name: 'source', in: 'query', schema: { type: 'string', enum: ['ADMIN', 'IMPORT', 'AGENT'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: ok('`{ items, total, limit, offset }`'),
        },
        post: {
          summary: 'Add a knowledge entry',
          security: admin,
          requestBody: { required: true, content: json(knowledgeEntrySchema) },
          responses: { '201': { description: 'The entry' }, ...errors },
        },
      },
      '/api/v1/knowledge/search': {
        get: {
          summary: 'What the citizen bot would do with a question: answer, offer the closest entries, or none',
          security: agent,
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 2000 } },
            { name: 'language', in: 'query', schema: { type: 'string', enum: ['zh', 'en'] } },
          ],
          responses: ok('`{ band, matches: [{ id, score, question, answer }] }`'),
        },
      },
      '/api/v1/knowledge/import': {
        post: {
          summary:
            'Import entries (all or nothing): JSON Lines or CSV with question, answer, alternates (CSV: separated by |), language, categoryCode, active; an existing question in the same language is updated',
          security: admin,
          requestBody: {
            required: true,
            content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
          },
          responses: { '201': { description: '`{ created, updated, unchanged }`' }, ...errors },
        },
      },
      '/api/v1/knowledge/{id}': {
        get: { summary: 'A knowledge entry', security: agent, parameters: [idParam], responses: ok('The entry') },
        patch: {
          summary: 'Change a knowledge entry',
          security: admin,
          parameters: [idParam],
          requestBody: { required: true, content: json(knowledgeEntryPatchSchema) },
          responses: ok('The entry'),
        },
        delete: {
          summary: 'Delete a knowledge entry',
          security: admin,
          parameters: [idParam],
          responses: { '204': { description: 'Deleted' }, ...errors },
        },
      },
    },
  };
}
