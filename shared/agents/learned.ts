/**
 * The learned agent: per decision state, a random forest (ml-random-forest, mljs) over the acting
 * agent's `reads` fields predicts the branch people took, trained on the earlier cases (compare.ts
 * splits by time). Features: a number or boolean field is its value plus a "missing" flag; any
 * other field is one-hot over the categories seen in training (at most MAX_CATEGORIES, the rest
 * and missing share one "other" column). Confidence is the share of trees voting for the answer.
 * A state with no training steps abstains; one where people always went the same way answers that.
 */
import { RandomForestClassifier } from 'ml-random-forest';
import type { AttrValue } from '../model/types';
import type { AgentPolicy, Decision, StepView, TrainingStep } from './types';

const MAX_CATEGORIES = 30;
/**
 * Training steps kept per state: the most recent ones. ml-cart's split search grows about
 * quadratically with the samples (≈2 s for 300 samples × 25 trees on this machine), so a state is
 * trained on its latest MAX_TRAINING_STEPS steps — recent behaviour, still split by time.
 */
const MAX_TRAINING_STEPS = 400;

interface Encoder {
  fields: Array<{ name: string; numeric: boolean; categories: string[] }>;
  width: number;
}

function isNumeric(v: AttrValue | undefined): v is number | boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
}

function encoderFor(steps: TrainingStep[]): Encoder {
  const names = [...new Set(steps.flatMap((s) => Object.keys(s.view.fields)))].sort();
  const fields = names.map((name) => {
    const values = steps.map((s) => s.view.fields[name]).filter((v) => v !== undefined && v !== null);
    const numeric = values.length > 0 && values.every(isNumeric);
    const counts = new Map<string, number>();
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- non-numeric attribute values are strings or booleans; String() is the category key
    if (!numeric) for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    const categories = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_CATEGORIES)
      .map(([k]) => k);
    return { name, numeric, categories };
  });
  return { fields, width: fields.reduce((w, f) => w + (f.numeric ? 2 : f.categories.length + 1), 0) };
}

function encode(e: Encoder, fields: Readonly<Record<string, AttrValue>>): number[] {
  const row: number[] = [];
  for (const f of e.fields) {
    const v = Object.hasOwn(fields, f.name) ? fields[f.name] : undefined;
    if (f.numeric) {
      const ok = isNumeric(v);
      row.push(ok ? Number(v) : 0, ok ? 0 : 1);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- same category key as encoderFor
      const k = v === undefined || v === null ? -1 : f.categories.indexOf(String(v));
      for (let i = 0; i < f.categories.length; i++) row.push(i === k ? 1 : 0);
      row.push(k < 0 ? 1 : 0);
    }
  }
  return row;
}

interface StateModel {
  encoder: Encoder;
  /** Set when people always took the same branch in training. */
  constant: number | null;
  forest: RandomForestClassifier | null;
  /** Steps the forest was trained on (at most MAX_TRAINING_STEPS) and cases that reached the state in training. */
  trainingSteps: number;
  trainingCases: number;
  classes: number;
}

interface LearnedSummary {
  library: string;
  trainingSteps: number;
  states: Record<string, { trainingSteps: number; trainingCases: number; features: number; classes: number }>;
}

/** A trained learned agent as plain JSON (saved with a run in the app, re-applied without retraining). */
interface LearnedModelJSON {
  format: 'sop-studio/learned-forest@1';
  threshold: number;
  trainingSteps: number;
  states: Record<
    string,
    {
      encoder: Encoder;
      constant: number | null;
      forest: unknown;
      trainingSteps: number;
      trainingCases: number;
      classes: number;
    }
  >;
}

/** A learned agent that can also hand out its trained model. */
export interface LearnedPolicy extends AgentPolicy {
  exportModel(): LearnedModelJSON;
}

export function learnedPolicy(opts: { threshold?: number; seed?: number; trees?: number } = {}): LearnedPolicy {
  return makeLearned(new Map(), 0, opts, false);
}

/**
 * A learned agent from a saved model: it is NOT retrained (train() keeps the model, so the
 * comparison still splits by time and scores it on the later cases, as when it was learned).
 * Throws a clear error when `json` is not a model this version wrote.
 */
export function learnedPolicyFromModel(json: unknown, opts: { threshold?: number; name?: string } = {}): LearnedPolicy {
  const m = json as Partial<LearnedModelJSON> | null;
  if (
    !m ||
    typeof m !== 'object' ||
    m.format !== 'sop-studio/learned-forest@1' ||
    !m.states ||
    typeof m.states !== 'object'
  )
    throw new Error('not a saved learned-agent model (format sop-studio/learned-forest@1)');
  const models = new Map<string, StateModel>();
  for (const [state, s] of Object.entries(m.states)) {
    if (!s || !Array.isArray(s.encoder?.fields) || typeof s.encoder.width !== 'number')
      throw new Error(`saved learned-agent model: state ${state} has no feature encoder`);
    models.set(state, {
      encoder: s.encoder,
      constant: typeof s.constant === 'number' ? s.constant : null,
      forest:
        s.constant === null || s.constant === undefined
          ? RandomForestClassifier.load(s.forest as Parameters<typeof RandomForestClassifier.load>[0])
          : null,
      trainingSteps: s.trainingSteps,
      trainingCases: s.trainingCases,
      classes: s.classes,
    });
  }
  return makeLearned(
    models,
    m.trainingSteps ?? 0,
    { threshold: opts.threshold ?? m.threshold ?? 0, ...(opts.name ? { name: opts.name } : {}) },
    true,
  );
}

/**
 * The forest's toJSON() holds objects that have their own toJSON (trees, nodes), which a
 * structured clone (IndexedDB, postMessage) would copy as instances rather than as JSON: going
 * through JSON text makes the model plain data wherever it is stored.
 */
function plainForest(f: RandomForestClassifier): unknown {
  return JSON.parse(JSON.stringify(f.toJSON())) as unknown;
}

function makeLearned(
  models: Map<string, StateModel>,
  trained: number,
  opts: { threshold?: number; seed?: number; trees?: number; name?: string },
  frozen: boolean,
): LearnedPolicy {
  let total = trained;
  const threshold = opts.threshold ?? 0;
  return {
    name: opts.name ?? (threshold ? `learned:${threshold}` : 'learned'),
    kind: 'learned',
    threshold,
    exportModel() {
      const states: LearnedModelJSON['states'] = {};
      for (const [k, m] of models)
        states[k] = {
          encoder: m.encoder,
          constant: m.constant,
          forest: m.forest ? plainForest(m.forest) : null,
          trainingSteps: m.trainingSteps,
          trainingCases: m.trainingCases,
          classes: m.classes,
        };
      return { format: 'sop-studio/learned-forest@1', threshold, trainingSteps: total, states };
    },
    train(steps: TrainingStep[]) {
      if (frozen) return;
      models.clear();
      total = steps.length;
      const byState = new Map<string, TrainingStep[]>();
      for (const s of steps) {
        if (s.label < 0) continue;
        let list = byState.get(s.view.state);
        if (!list) byState.set(s.view.state, (list = []));
        list.push(s);
      }
      for (const [state, all] of byState) {
        const list = all.slice(-MAX_TRAINING_STEPS);
        const encoder = encoderFor(list);
        const labels = list.map((s) => s.label);
        const classes = new Set(labels).size;
        const model: StateModel = {
          encoder,
          constant: null,
          forest: null,
          trainingSteps: list.length,
          trainingCases: new Set(all.map((s) => s.caseId)).size,
          classes,
        };
        if (classes === 1 || encoder.width === 0) {
          // one answer (or nothing to learn from): the most frequent branch
          const counts = new Map<number, number>();
          for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
          model.constant = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
        } else {
          const forest = new RandomForestClassifier({
            nEstimators: opts.trees ?? 15,
            seed: opts.seed ?? 42,
            maxFeatures: 1.0,
            replacement: true,
            useSampleBagging: true,
            noOOB: true,
          });
          forest.train(
            list.map((s) => encode(encoder, s.view.fields)),
            labels,
          );
          model.forest = forest;
        }
        models.set(state, model);
      }
    },
    decide(view: StepView): Decision {
      const m = models.get(view.state);
      if (!m) return { branch: null };
      if (m.constant !== null) return { branch: m.constant, confidence: 1 };
      const votes = m.forest!.predictionValues([encode(m.encoder, view.fields)]).getRow(0);
      const counts = new Map<number, number>();
      for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
      const [branch, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
      return { branch, confidence: n / votes.length };
    },
    summary() {
      const states: LearnedSummary['states'] = {};
      for (const [k, m] of models)
        states[k] = {
          trainingSteps: m.trainingSteps,
          trainingCases: m.trainingCases,
          features: m.encoder.width,
          classes: m.classes,
        };
      const s: LearnedSummary = { library: 'ml-random-forest', trainingSteps: total, states };
      return s as unknown as Record<string, unknown>;
    },
  };
}
