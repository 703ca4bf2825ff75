/** cel-syntax: a guard, tool limit or guardrail `when` that does not parse (or exceeds the parser/cost limits). */
import type { Rule } from '../types';
import { celDiagnostics } from './cel-check';

export const celSyntax: Rule = {
  code: 'cel-syntax',
  summary: 'CEL expressions parse and stay within the limits',
  check: (ctx) => celDiagnostics(ctx, 'cel-syntax', ['syntax', 'limit']),
};
