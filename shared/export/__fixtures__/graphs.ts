/// <reference types="vite/client" />
/**
 * Test fixtures for the exporters: every sample document plus hand-made graphs that exercise
 * compound, parallel, history, delayed and targetless transitions. Test-only (imported by tests).
 */
import { withDefaults } from '../../model/defaults';
import type { GraphDoc } from '../../model/types';

const sampleModules = import.meta.glob('../../../samples/*.sop.json', { eager: true, import: 'default' });

/** Every `samples/*.sop.json`, by file name. */
export const SAMPLES: Record<string, GraphDoc> = Object.fromEntries(
  Object.entries(sampleModules).map(([path, doc]) => [
    path.slice(path.lastIndexOf('/') + 1),
    withDefaults(structuredClone(doc) as Record<string, unknown>),
  ]),
);

/** A claim process with a compound review (nested initial, `#id` target) and a guarded escalation. */
export const COMPOUND: GraphDoc = withDefaults({
  name: 'Claims',
  version: 1,
  rollout: 'autonomy',
  caseSchema: { amount: { type: 'number' }, urgent: { type: 'bool' } },
  machine: {
    id: 'claims',
    initial: 'intake',
    states: {
      intake: {
        meta: { activity: 'Intake', tier: 'suggest' },
        always: [
          {
            target: 'review',
            guard: { type: 'cel', params: { expr: 'amount > 1000.0' } },
            meta: { tier: 'auto', guardrails: [{ when: 'urgent', downgradeTo: 'human' }] },
          },
          { target: 'pay', meta: { tier: 'suggest' } },
        ],
      },
      review: {
        initial: 'collect',
        meta: { activity: 'Review' },
        states: {
          collect: {
            meta: { activity: 'Collect documents' },
            on: { DOCS_OK: 'assess', MISSING: { target: '#claims.closed', meta: { tier: 'human' } } },
          },
          assess: {
            id: 'assess',
            meta: { activity: 'Assess claim' },
            on: {
              APPROVE: { target: '#claims.pay', meta: { tier: 'suggest' } },
              NOTE: { actions: ['logNote'], meta: { tier: 'auto' } },
            },
          },
        },
        on: { CANCEL: 'closed' },
      },
      pay: {
        meta: { activity: 'Pay claim' },
        on: { PAID: 'closed' },
        after: { 5000: { target: 'closed', meta: { tier: 'human' } } },
      },
      closed: { type: 'final' },
    },
  },
});

/** Two regions running side by side, then a join; plus a history state. */
export const PARALLEL: GraphDoc = withDefaults({
  name: 'Onboarding',
  version: 2,
  rollout: 'assist',
  machine: {
    id: 'onboard',
    initial: 'setup',
    states: {
      setup: {
        type: 'parallel',
        states: {
          accounts: {
            initial: 'pending',
            states: { pending: { on: { ACCOUNT_DONE: 'ready' } }, ready: { type: 'final' } },
          },
          hardware: {
            initial: 'ordered',
            states: {
              ordered: { on: { SHIPPED: { target: 'delivered', meta: { tier: 'auto' } } } },
              delivered: { type: 'final' },
            },
          },
        },
        onDone: 'welcome',
        on: { PAUSE: 'paused' },
      },
      paused: { on: { RESUME: 'setup.hist' } },
      welcome: { type: 'final' },
    },
  },
});
// a history child inside the parallel region's parent (declared after so the literal stays readable)
(PARALLEL.machine.states!.setup!.states as Record<string, unknown>).hist = { type: 'history', history: 'deep' };

/** All fixtures by name. */
export const ALL_GRAPHS: Record<string, GraphDoc> = { ...SAMPLES, compound: COMPOUND, parallel: PARALLEL };
