/**
 * Run one SCXML test-suite case (jbeard4/scxml-test-framework): import the SCXML, build the XState
 * machine, send the script's events on a simulated clock and compare the FULL basic
 * configuration (every active atomic/final state id) after start and after each event.
 * W3C IRP tests (no events, expected ["pass"]) run until the machine is done or no timer is left
 * within a simulated minute, then must sit in `pass`.
 */
import { createActor, SimulatedClock } from 'xstate';
import { importScxml } from './importScxml';
import { activeLeafKeys, toRunnableMachine } from './runnable';

export interface ScionScript {
  initialConfiguration: string[];
  events: Array<{ event: { name: string }; after?: number; nextConfiguration: string[] }>;
}

export type SuiteOutcome =
  { status: 'pass' } | { status: 'fail'; reason: string } | { status: 'unsupported'; reasons: string[] };

const same = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Run one case. Never throws: import or runtime errors are a `fail` with the reason. */
export function runSuiteCase(xml: string, script: ScionScript): SuiteOutcome {
  let imported: ReturnType<typeof importScxml>;
  try {
    imported = importScxml(xml);
  } catch (e) {
    return { status: 'fail', reason: `import: ${(e as Error).message}` };
  }
  if (imported.unsupported.length > 0) return { status: 'unsupported', reasons: imported.unsupported };
  let runtimeError: unknown = null;
  try {
    const machine = toRunnableMachine(imported.doc);
    const clock = new SimulatedClock();
    const actor = createActor(machine, { clock });
    actor.subscribe({ error: (e) => (runtimeError ??= e) });
    actor.start();
    const config = () => activeLeafKeys(machine, actor.getSnapshot()).map((k) => imported.scxmlIdOf.get(k) ?? k);
    const w3c = script.events.length === 0 && same(script.initialConfiguration, ['pass']);
    if (w3c) {
      for (let t = 0; t < 60_000 && actor.getSnapshot().status === 'active'; t += 50) clock.increment(50);
    }
    if (runtimeError)
      return { status: 'fail', reason: `runtime: ${String((runtimeError as Error)?.message ?? runtimeError)}` };
    if (!same(config(), script.initialConfiguration))
      return {
        status: 'fail',
        reason: `initial configuration ${JSON.stringify(config())}, expected ${JSON.stringify(script.initialConfiguration)}`,
      };
    for (const [i, step] of script.events.entries()) {
      if (step.after) clock.increment(step.after);
      actor.send({ type: step.event.name });
      if (runtimeError)
        return {
          status: 'fail',
          reason: `runtime at event ${i + 1}: ${String((runtimeError as Error)?.message ?? runtimeError)}`,
        };
      if (!same(config(), step.nextConfiguration)) {
        return {
          status: 'fail',
          reason: `after event ${i + 1} "${step.event.name}": ${JSON.stringify(config())}, expected ${JSON.stringify(step.nextConfiguration)}`,
        };
      }
    }
    actor.stop();
    return { status: 'pass' };
  } catch (e) {
    return { status: 'fail', reason: `runtime: ${(e as Error).message}` };
  }
}
