/**
 * The HTTP API as data: each route's method, path, who may call it, its request schema (Fastify
 * validates bodies and params against it) and a one-line summary. server.ts mounts these;
 * openapi.ts turns the same table into the OpenAPI document, so the two cannot drift.
 */
import { CONSOLE_ROUTES } from './console/routes';

export type Access = 'read' | 'operate' | 'decide' | 'public';

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  name: string;
  summary: string;
  access: Access;
  body?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

const caseIdParam = {
  type: 'object',
  required: ['caseId'],
  properties: { caseId: { type: 'string', minLength: 1, maxLength: 200 } },
};
const itemParam = {
  type: 'object',
  required: ['itemId'],
  properties: { itemId: { type: 'string', minLength: 1, maxLength: 220 } },
};
const attrValue = {
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'object' },
    { type: 'array' },
  ],
};

const caseStart = {
  type: 'object',
  required: ['caseId'],
  additionalProperties: false,
  properties: {
    caseId: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f#]+$' },
    attributes: { type: 'object', additionalProperties: attrValue },
  },
};
/** Cases one batch start may carry: bounds the request's insert and its burst of workflow starts. */
export const MAX_BATCH = 500;

export const ROUTES: RouteDef[] = [
  { method: 'GET', url: '/health', name: 'health', summary: 'liveness; no token needed', access: 'public' },
  {
    method: 'POST',
    url: '/cases',
    name: 'startCase',
    summary: 'start a case (a durable workflow keyed by case id); an existing id returns that case, never a second run',
    access: 'operate',
    body: caseStart,
  },
  {
    method: 'POST',
    url: '/cases/batch',
    name: 'startCases',
    summary: `start up to ${MAX_BATCH} cases in one request (one insert for all, each still a durable workflow keyed by its case id); an existing id returns that case, never a second run; a repeated id in one batch is a 400`,
    access: 'operate',
    body: {
      type: 'object',
      required: ['cases'],
      additionalProperties: false,
      properties: { cases: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: caseStart } },
    },
  },
  {
    method: 'GET',
    url: '/cases',
    name: 'listCases',
    summary: 'cases in flight and done (newest first, at most 500)',
    access: 'read',
  },
  {
    method: 'GET',
    url: '/cases/:caseId',
    name: 'getCase',
    summary:
      'a case: status, state, path, the item it waits on; ?waitFor=<status,…>&after=<audit records>&timeoutMs= waits (long poll, at most 30 s)',
    access: 'read',
    params: caseIdParam,
  },
  {
    method: 'GET',
    url: '/cases/:caseId/history',
    name: 'caseHistory',
    summary: "the case's audit records, in order",
    access: 'read',
    params: caseIdParam,
  },
  {
    method: 'POST',
    url: '/cases/:caseId/events',
    name: 'sendEvent',
    summary: "a recorded event (e.g. APPROVE) resumes a case's hand-off by the branch it names",
    access: 'decide',
    params: caseIdParam,
    body: {
      type: 'object',
      required: ['event'],
      additionalProperties: false,
      properties: { event: { type: 'string', minLength: 1, maxLength: 200 } },
    },
  },
  {
    method: 'GET',
    url: '/inbox',
    name: 'inbox',
    summary:
      "pending suggestions and hand-offs the caller may decide, with the agent's draft and the readable case fields",
    access: 'read',
  },
  {
    method: 'POST',
    url: '/inbox/:itemId/approve',
    name: 'approve',
    summary: "approve the agent's draft as it is",
    access: 'decide',
    params: itemParam,
    body: { type: 'object', additionalProperties: false, properties: {} },
  },
  {
    method: 'POST',
    url: '/inbox/:itemId/edit',
    name: 'editAndApprove',
    summary: 'approve with another branch and/or other tool params',
    access: 'decide',
    params: itemParam,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: { transitionId: { type: 'string' }, params: { type: 'object' } },
    },
  },
  {
    method: 'POST',
    url: '/inbox/:itemId/reject',
    name: 'reject',
    summary: 'reject the draft; `choose` takes another branch, else the step goes to a human',
    access: 'decide',
    params: itemParam,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: { reason: { type: 'string', maxLength: 2000 }, choose: { type: 'string' } },
    },
  },
  {
    method: 'POST',
    url: '/inbox/:itemId/decide',
    name: 'decide',
    summary: 'a human chooses the branch of a hand-off',
    access: 'decide',
    params: itemParam,
    body: {
      type: 'object',
      required: ['transitionId'],
      additionalProperties: false,
      properties: { transitionId: { type: 'string' } },
    },
  },
  { method: 'GET', url: '/controls', name: 'controls', summary: 'kill switches, rollout stage, drain', access: 'read' },
  {
    method: 'PUT',
    url: '/controls/kill-switch',
    name: 'killSwitch',
    summary:
      'pause or resume an agent, a tool or the whole graph: paused auto steps become suggest; answers once no automatic call that read the old value is running (effectiveAt)',
    access: 'operate',
    body: {
      type: 'object',
      required: ['scope', 'paused'],
      additionalProperties: false,
      properties: {
        scope: { enum: ['agent', 'tool', 'graph'] },
        name: { type: 'string' },
        paused: { type: 'boolean' },
      },
    },
  },
  {
    method: 'PUT',
    url: '/controls/rollout',
    name: 'rollout',
    summary: 'set the rollout stage (read at every step)',
    access: 'operate',
    body: {
      type: 'object',
      required: ['rollout'],
      additionalProperties: false,
      properties: { rollout: { enum: ['observe', 'assist', 'autonomy'] } },
    },
  },
  {
    method: 'PUT',
    url: '/controls/drain',
    name: 'drain',
    summary: 'drain: no new cases; cases in flight finish',
    access: 'operate',
    body: {
      type: 'object',
      required: ['draining'],
      additionalProperties: false,
      properties: { draining: { type: 'boolean' } },
    },
  },
  {
    method: 'PUT',
    url: '/controls/approval-timeout',
    name: 'approvalTimeout',
    summary: 'seconds a new suggestion waits for a decision before it escalates to a human',
    access: 'operate',
    body: {
      type: 'object',
      required: ['seconds'],
      additionalProperties: false,
      properties: { seconds: { type: 'integer', minimum: 1, maximum: 31536000 } },
    },
  },
  {
    method: 'PUT',
    url: '/controls/breaker',
    name: 'breaker',
    summary:
      'circuit breakers of every tool, shared by all workers: consecutive failures that open one, and seconds it stays open before one trial call (read at every call)',
    access: 'operate',
    body: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        failures: { type: 'integer', minimum: 1, maximum: 1000 },
        cooldownSeconds: { type: 'number', minimum: 0, maximum: 86400 },
      },
    },
  },
  {
    method: 'POST',
    url: '/rollback',
    name: 'rollback',
    summary: "undo an agent's (or a case's) last N actions through the tools' undo; irreversible ones are listed",
    access: 'operate',
    body: {
      type: 'object',
      required: ['n'],
      additionalProperties: false,
      properties: {
        agent: { type: 'string' },
        caseId: { type: 'string' },
        n: { type: 'integer', minimum: 1, maximum: 1000 },
        requestId: { type: 'string', maxLength: 100 },
      },
    },
  },
  {
    method: 'GET',
    url: '/figures',
    name: 'figures',
    summary: 'live figures per branch: auto steps, suggestions, approvals, overrides, auto errors, guardrail trips',
    access: 'read',
  },
  {
    method: 'GET',
    url: '/audit/:caseId',
    name: 'auditExport',
    summary: "the case's hash-chained audit trail as JSONL (checks with `sop-studio audit verify`)",
    access: 'read',
    params: caseIdParam,
  },
  { method: 'GET', url: '/openapi.json', name: 'openapi', summary: 'this document', access: 'public' },
  ...CONSOLE_ROUTES,
];
