/** Every validation rule, in the order they are documented. One rule per file. */
import type { Rule } from '../types';
import { agentCanAbstain } from './agent-can-abstain';
import { agentToolOutOfScope } from './agent-tool-out-of-scope';
import { agentWithoutOwner } from './agent-without-owner';
import { autoIntoIrreversibleTool } from './auto-into-irreversible-tool';
import { autoIntoRiskyToolWithoutLimit } from './auto-into-risky-tool-without-limit';
import { autoWithoutAgent } from './auto-without-agent';
import { celSyntax } from './cel-syntax';
import { celType } from './cel-type';
import { eventlessLoop } from './eventless-loop';
import { fieldWithoutSource } from './field-without-source';
import { guardReadsOutsideAgentScope } from './guard-reads-outside-agent-scope';
import { invalidDocument } from './invalid-document';
import { invalidTier } from './invalid-tier';
import { noFinalState } from './no-final-state';
import { noWayOut } from './no-way-out';
import { reversibleToolWithoutUndo } from './reversible-tool-without-undo';
import { shadowedTransition } from './shadowed-transition';
import { unknownAgent } from './unknown-agent';
import { unknownTarget } from './unknown-target';
import { unknownTool } from './unknown-tool';
import { unreachableState } from './unreachable-state';
import { unsupportedGuard } from './unsupported-guard';

export const RULES: readonly Rule[] = [
  invalidDocument,
  unknownTarget,
  unreachableState,
  noWayOut,
  eventlessLoop,
  noFinalState,
  shadowedTransition,
  agentCanAbstain,
  celSyntax,
  celType,
  unsupportedGuard,
  invalidTier,
  autoIntoRiskyToolWithoutLimit,
  autoIntoIrreversibleTool,
  agentToolOutOfScope,
  guardReadsOutsideAgentScope,
  unknownTool,
  unknownAgent,
  agentWithoutOwner,
  reversibleToolWithoutUndo,
  autoWithoutAgent,
  fieldWithoutSource,
];
