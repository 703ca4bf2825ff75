/**
 * cel-type: a CEL expression that parses but does not type-check against caseSchema (unknown
 * field, wrong operand types, not a bool).
 */
import type { Rule } from '../types';
import { celDiagnostics } from './cel-check';

export const celType: Rule = {
  code: 'cel-type',
  summary: 'CEL expressions type-check against caseSchema and return bool',
  check: (ctx) => celDiagnostics(ctx, 'cel-type', ['type']),
};
