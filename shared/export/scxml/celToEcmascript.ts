/**
 * CEL guard → ECMAScript expression, for SCXML engines that only evaluate the ECMAScript
 * datamodel. A token-level translation of the CEL subset whose meaning carries over unchanged:
 * literals, field names (`amount`, `customer.tier`), `! && || ?:`, comparisons (`==` → `===`,
 * `!=` → `!==`), arithmetic and parentheses. Anything else (function and method calls, `in`,
 * lists, maps, bytes, raw strings) returns null: the caller writes a `cond` that never holds.
 * The result is code for *another* engine to run: it must run there in that engine's own
 * sandbox. SOP Studio itself never evaluates it (no eval, no new Function).
 */

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?u?)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||==|!=|<=|>=|[<>!?:()+\-*/%.]))/y;
const KEYWORDS: Record<string, string> = { true: 'true', false: 'false', null: 'null' };
/** CEL identifiers that are reserved in ECMAScript (they would not parse as a variable there). */
const JS_RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'export',
  'extends',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'instanceof',
  'new',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'enum',
  'await',
  'in',
  'eval',
  'arguments',
  'undefined',
  'NaN',
  'Infinity',
]);

/** Re-quote a CEL string literal (escapes differ) as a JSON string, which ECMAScript reads alike. */
function stringLiteral(raw: string): string | null {
  const body = raw.slice(1, -1);
  // only the escapes both languages read the same way
  if (/\\[^"'\\nrt]/.test(body)) return null;
  const text = body.replace(/\\(["'\\nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
  return JSON.stringify(text);
}

/** The ECMAScript form of a CEL expression, or null when it is outside the translated subset. */
export function celToEcmascript(expr: string): string | null {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(expr);
    if (!m) return null;
    at = TOKEN.lastIndex;
    const [, num, str, ident, op] = m;
    const prev = out.at(-1);
    if (num !== undefined) {
      if (num.endsWith('u')) return null; // unsigned ints have no ECMAScript form
      out.push(num);
    } else if (str !== undefined) {
      const s = stringLiteral(str);
      if (s === null) return null;
      out.push(s);
    } else if (ident !== undefined) {
      if (ident in KEYWORDS) out.push(KEYWORDS[ident]!);
      else if (JS_RESERVED.has(ident)) return null;
      else out.push(ident);
      // a call (`size(x)`, `x.startsWith(…)`) is not in the subset
      if (/^\s*\(/.test(expr.slice(at))) return null;
    } else if (op === '==') out.push('===');
    else if (op === '!=') out.push('!==');
    else if (op === '.') {
      if (prev === undefined || !/^[A-Za-z_]/.test(prev)) return null; // field access only
      out.push('.');
    } else out.push(op!);
  }
  return out.length ? out.join(' ').replace(/ \. /g, '.') : null;
}
