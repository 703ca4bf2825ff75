import type { LogFormat } from './types';

/**
 * Guesses a log's format from its file name and, when given, its first bytes (gzip magic
 * 1f 8b; `<` → XES; `{` → JSONL). The name wins for the format; the bytes win for gzip.
 */
export function detectFormat(fileName: string, head?: Uint8Array): { format: LogFormat; gzip: boolean } {
  const lower = fileName.toLowerCase();
  const gzipByName = lower.endsWith('.gz') || lower.endsWith('.gzip');
  const gzip = head && head.length >= 2 ? head[0] === 0x1f && head[1] === 0x8b : gzipByName;
  const base = gzipByName ? lower.replace(/\.gz(ip)?$/, '') : lower;
  if (base.endsWith('.xes') || base.endsWith('.xml')) return { format: 'xes', gzip };
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson') || base.endsWith('.json')) return { format: 'jsonl', gzip };
  if (base.endsWith('.csv') || base.endsWith('.tsv') || base.endsWith('.txt')) return { format: 'csv', gzip };
  if (head && !gzip) {
    const first = firstNonSpace(head);
    if (first === 0x3c) return { format: 'xes', gzip };
    if (first === 0x7b) return { format: 'jsonl', gzip };
  }
  return { format: 'csv', gzip };
}

function firstNonSpace(head: Uint8Array): number | undefined {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3; // UTF-8 BOM
  for (; i < head.length; i++) {
    const c = head[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return undefined;
}
