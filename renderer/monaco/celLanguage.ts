/**
 * The 'cel' language for Monaco: Monarch tokens, brackets and a completion provider that reads
 * the case schema of the editor it completes in (registered per model by CelEditor).
 */
import type * as MonacoNs from 'monaco-editor/editor';
import type { CaseField } from '../../shared/model/types';
import { celCompletions, type CelCompletionKind } from './celCompletion';

type Monaco = typeof MonacoNs;

export const CEL_LANGUAGE_ID = 'cel';

/** Case schema per CEL model URI, so one global provider serves every editor. */
const schemaByModel = new Map<string, () => Record<string, CaseField>>();

/** Let the completion provider see `getSchema()` for the model at `uri`; returns an unregister. */
export function provideSchemaFor(uri: string, getSchema: () => Record<string, CaseField>): () => void {
  schemaByModel.set(uri, getSchema);
  return () => {
    if (schemaByModel.get(uri) === getSchema) schemaByModel.delete(uri);
  };
}

/** Monarch grammar: keywords, macros, operators, strings (incl. raw/bytes), numbers, comments. */
const celMonarch: MonacoNs.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: ['true', 'false', 'null', 'in'],
  macros: ['has', 'all', 'exists', 'exists_one', 'map', 'filter'],
  builtins: [
    'size',
    'int',
    'uint',
    'double',
    'string',
    'bool',
    'bytes',
    'timestamp',
    'duration',
    'dyn',
    'type',
    'matches',
    'contains',
    'startsWith',
    'endsWith',
  ],
  operators: ['==', '!=', '<=', '>=', '<', '>', '&&', '||', '!', '+', '-', '*', '/', '%', '?', ':'],
  symbols: /[=><!~?:&|+\-*/^%]+/,
  tokenizer: {
    root: [
      [/\/\/.*$/, 'comment'],
      [/[rR]?"""/, { token: 'string', next: '@tripleDouble' }],
      [/[rRbB]?"([^"\\]|\\.)*"/, 'string'],
      [/[rRbB]?'([^'\\]|\\.)*'/, 'string'],
      [/"([^"\\]|\\.)*$/, 'string.invalid'],
      [/0x[0-9a-fA-F]+u?/, 'number.hex'],
      [/\d+\.\d+([eE][-+]?\d+)?|\d+[eE][-+]?\d+/, 'number.float'],
      [/\d+u?/, 'number'],
      [
        /[a-zA-Z_]\w*/,
        {
          cases: {
            '@keywords': 'keyword',
            '@macros': 'keyword.macro',
            '@builtins': 'predefined',
            '@default': 'identifier',
          },
        },
      ],
      [/[()[\]{}]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/[.,]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    tripleDouble: [
      [/"""/, { token: 'string', next: '@pop' }],
      [/./, 'string'],
    ],
  },
};

const KIND_MAP: Record<CelCompletionKind, keyof typeof MonacoNs.languages.CompletionItemKind> = {
  field: 'Field',
  function: 'Function',
  method: 'Method',
  macro: 'Snippet',
  keyword: 'Keyword',
  value: 'EnumMember',
};

let registered = false;

/** Register the language once (idempotent). */
export function registerCelLanguage(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: CEL_LANGUAGE_ID, aliases: ['CEL', 'cel'] });
  monaco.languages.setMonarchTokensProvider(CEL_LANGUAGE_ID, celMonarch);
  monaco.languages.setLanguageConfiguration(CEL_LANGUAGE_ID, {
    comments: { lineComment: '//' },
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '"', close: '"', notIn: ['string'] },
      { open: "'", close: "'", notIn: ['string'] },
    ],
    wordPattern: /[A-Za-z_]\w*/,
  });
  monaco.languages.registerCompletionItemProvider(CEL_LANGUAGE_ID, {
    triggerCharacters: ['.', '"'],
    provideCompletionItems(model, position) {
      const schema = schemaByModel.get(model.uri.toString())?.() ?? {};
      const before = model.getValueInRange({
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      });
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const rule = monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;
      const suggestions = celCompletions(schema, before).map((c, i) => ({
        label: c.label,
        kind: monaco.languages.CompletionItemKind[KIND_MAP[c.kind]],
        detail: c.detail,
        documentation: c.documentation ? { value: c.documentation } : undefined,
        insertText: c.insertText,
        insertTextRules: c.snippet ? rule : undefined,
        filterText: c.kind === 'value' ? c.insertText.replace(/"/g, '') : undefined,
        // fields first, then functions, then keywords: the order celCompletions returns
        sortText: String(i).padStart(4, '0'),
        range,
      }));
      return { suggestions };
    },
  });
}
