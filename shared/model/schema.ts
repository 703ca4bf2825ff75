/**
 * The runtime schema of the graph document (`sop-studio/graph@1`), in zod 4. It mirrors
 * types.ts: every object is loose (unknown fields pass through untouched, so a load/save round
 * trip is lossless) and the enums (tier, rollout, risk, field type) are closed. The generated
 * JSON Schema (graph.schema.json, scripts/gen-schema.ts) is derived from this file only.
 *
 * Guards: XState accepts several guard shapes. A `{ type: 'cel' }` guard must carry
 * `params.expr`; other shapes (named guards, strings) pass the schema and are reported by
 * validation instead, so a machine written for XState still loads.
 */
import { z } from 'zod';
import { GRAPH_FORMAT } from './types';

// zod 4 probes `new Function` once to decide whether to JIT its parsers; the app's CSP forbids it
// (no unsafe-eval) and the probe logs a CSP violation. Jitless parsing is the same validation.
z.config({ jitless: true });

/**
 * Descriptions and $defs names for the JSON Schema live in this module's own registry rather
 * than zod's global one, so reloading the module (HMR, tests) never collides on ids.
 */
const schemaDocs = z.registry<{ id?: string; title?: string; description?: string }>();

function doc<T extends z.ZodType>(schema: T, description: string): T {
  schemaDocs.add(schema, { ...schemaDocs.get(schema), description });
  return schema;
}

const TierSchema = doc(
  z.enum(['auto', 'suggest', 'human']),
  'Who acts on a branch: auto (agent executes), suggest (agent drafts, a human approves), human (a human decides).',
);
const RolloutSchema = doc(
  z.enum(['observe', 'assist', 'autonomy']),
  'Stage cap: observe → all human; assist → auto becomes suggest; autonomy → as marked.',
);
const RiskSchema = z.enum(['low', 'medium', 'high', 'critical']);
const FieldTypeSchema = z.enum(['number', 'int', 'string', 'bool', 'timestamp', 'list', 'map']);

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

const CaseFieldSchema = z.looseObject({
  type: FieldTypeSchema,
  source: doc(z.string().optional(), 'System of record the value comes from.'),
  maxAge: doc(
    z.string().regex(ISO_DURATION, 'must be an ISO 8601 duration such as "PT1H" or "P7D"').optional(),
    'ISO 8601 duration: how old the value may be.',
  ),
  enum: z.array(z.string()).optional(),
  description: z.string().optional(),
});

const AgentSchema = z.looseObject({
  owner: doc(z.string().optional(), 'Team or person accountable for this agent.'),
  reads: doc(z.array(z.string()).optional(), 'caseSchema fields the agent may read.'),
  tools: doc(z.array(z.string()).optional(), 'Tools the agent may call.'),
  description: z.string().optional(),
});

const nonNegativeInt = z.number().int().nonnegative();

const ToolRateSchema = z.looseObject({
  perMinute: z.number().nonnegative().optional(),
  maxBatch: nonNegativeInt.optional(),
  maxRetries: nonNegativeInt.optional(),
});

const ToolSchema = z.looseObject({
  system: z.string().optional(),
  risk: RiskSchema.optional(),
  reversible: z.boolean().optional(),
  undo: doc(z.string().optional(), 'Name of the tool that undoes this one.'),
  limit: doc(z.string().optional(), 'CEL over the case: the agent may act only while it holds.'),
  rate: ToolRateSchema.optional(),
  description: z.string().optional(),
});

const GuardrailSchema = z.looseObject({
  when: doc(z.string(), 'CEL over the case; when it holds the tier is lowered.'),
  downgradeTo: z.enum(['suggest', 'human']),
  reason: z.string().optional(),
});

/** Any guard object; a `cel` guard must carry `params.expr` (checked below). */
const GuardObjectSchema = z
  .looseObject({
    type: doc(z.string(), '"cel" for a CEL guard; other types are XState named guards.'),
    params: z.looseObject({ expr: doc(z.string().optional(), 'CEL expression over the case.') }).optional(),
  })
  .superRefine((guard, ctx) => {
    if (guard.type === 'cel' && typeof guard.params?.expr !== 'string') {
      ctx.addIssue({
        code: 'custom',
        path: ['params', 'expr'],
        message: 'a cel guard needs params.expr: a CEL expression string',
      });
    }
  });

const GuardSchema = z.union([z.string(), GuardObjectSchema]);

const TransitionMetaSchema = z.looseObject({
  tier: TierSchema.optional(),
  guardrails: z.array(GuardrailSchema).optional(),
  notes: z.string().optional(),
});

const TransitionSchema = z.looseObject({
  target: z.union([z.string(), z.array(z.string())]).optional(),
  guard: GuardSchema.optional(),
  meta: TransitionMetaSchema.optional(),
  description: z.string().optional(),
  reenter: z.boolean().optional(),
});

const TransitionSpecSchema = z.union([z.string(), TransitionSchema, z.array(z.union([z.string(), TransitionSchema]))]);

const StateMetaSchema = z.looseObject({
  activity: doc(z.string().optional(), 'The activity recorded when people do this step (default: the state key).'),
  agent: z.string().optional(),
  tool: z.string().optional(),
  owner: z.string().optional(),
  tier: TierSchema.optional(),
  guardrails: z.array(GuardrailSchema).optional(),
  notes: z.string().optional(),
});

const StateTypeSchema = z.enum(['atomic', 'compound', 'parallel', 'final', 'history']);

/** A state config; recursive through `states`. */
const StateSchema = z.looseObject({
  id: z.string().optional(),
  type: StateTypeSchema.optional(),
  initial: z.string().optional(),
  get states() {
    return z.record(z.string(), StateSchema).optional();
  },
  on: z.record(z.string(), TransitionSpecSchema).optional(),
  always: TransitionSpecSchema.optional(),
  after: z.record(z.string(), TransitionSpecSchema).optional(),
  meta: StateMetaSchema.optional(),
  description: z.string().optional(),
});

const LayoutEntrySchema = z.looseObject({
  x: z.number(),
  y: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
});

export const GraphDocSchema = z.looseObject({
  format: z.literal(GRAPH_FORMAT),
  name: z.string(),
  version: doc(z.number().int().nonnegative(), 'Bumped on every export.'),
  rollout: RolloutSchema,
  caseSchema: doc(z.record(z.string(), CaseFieldSchema), 'Fields an agent may see, with their source of truth.'),
  agents: z.record(z.string(), AgentSchema),
  tools: z.record(z.string(), ToolSchema),
  machine: StateSchema,
  layout: z.record(z.string(), LayoutEntrySchema),
});

/**
 * The JSON Schema (draft 2020-12) of the document, for editors (Monaco's JSON mode). Generated
 * from GraphDocSchema; committed as graph.schema.json by scripts/gen-schema.ts.
 */
export function graphJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(GraphDocSchema, { io: 'input', unrepresentable: 'any', metadata: schemaDocs }) };
}

const DEF_NAMES: Array<[z.ZodType, string]> = [
  [TierSchema, 'Tier'],
  [GuardrailSchema, 'Guardrail'],
  [GuardSchema, 'Guard'],
  [TransitionSchema, 'Transition'],
  [TransitionSpecSchema, 'TransitionSpec'],
  [StateSchema, 'State'],
];
for (const [schema, id] of DEF_NAMES) schemaDocs.add(schema, { ...schemaDocs.get(schema), id });
schemaDocs.add(GraphDocSchema, {
  title: 'SOP Studio graph document',
  description: 'sop-studio/graph@1: an XState v5 machine config wrapped with case schema, agents, tools and layout.',
});
