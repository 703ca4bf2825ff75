/**
 * The routes the operations console adds to the service's route table (routes.ts spreads them in,
 * so the OpenAPI document and the token check cover them like every other route).
 */
import type { RouteDef } from '../routes';

export const CONSOLE_ROUTES: RouteDef[] = [
  {
    method: 'GET',
    url: '/whoami',
    name: 'whoami',
    summary: "the caller's token identity: name and role",
    access: 'read',
  },
  {
    method: 'GET',
    url: '/events',
    name: 'liveEvents',
    summary:
      'server-sent events: `snapshot` (cases per state and status, pending inbox ids, controls) on connect and on every change; `cases` (ids of cases that changed)',
    access: 'read',
  },
  {
    method: 'GET',
    url: '/console/actions',
    name: 'consoleActions',
    summary:
      'console actions with the token identity, allowed and refused (newest first); ?caseId= that case plus actions on no case',
    access: 'read',
  },
  {
    method: 'GET',
    url: '/rollback/preview',
    name: 'rollbackPreview',
    summary: 'the undo calls a rollback would make: ?agent=|caseId=&n=',
    access: 'read',
  },
  {
    method: 'GET',
    url: '/console/audit',
    name: 'auditForDataset',
    summary:
      "every case's audit records (chain order) and each inbox item's proposed branch, for the simulator's recorded cases; ?since=<ISO time> cases created since",
    access: 'read',
  },
  {
    method: 'GET',
    url: '/console/figures',
    name: 'figuresWindow',
    summary:
      'the live figures per branch over a window: ?minutes=<1..525600> (records of the last N minutes), else all',
    access: 'read',
  },
];
