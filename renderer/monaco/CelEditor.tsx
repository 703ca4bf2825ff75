/**
 * A compact Monaco editor for one CEL expression (guards, guardrail conditions, tool limits):
 * CEL highlighting, completion of the case fields, and inline errors from the type-checker.
 *
 * Wrapped in `.nokey`: React Flow's document-level key handler would otherwise swallow Space and
 * turn Backspace into "delete the selected node" (Monaco's EditContext surface is a plain div).
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { CelEnvironment, type CelError } from '../../shared/expr/cel';
import type { CaseField } from '../../shared/model/types';
import { CEL_LANGUAGE_ID, provideSchemaFor } from './celLanguage';
import { errorRange } from './celMarkers';
import { monaco } from './setupMonaco';
import { SOP_THEME } from './theme';
import './CelEditor.css';

export interface CelEditorProps {
  value: string;
  /** Called on every change; callers commit through `edit` with a coalesce key. */
  onChange(value: string): void;
  schema: Record<string, CaseField>;
  /** Accessible name (the editor is a textbox for screen readers). */
  label: string;
  placeholder?: string;
  /** Empty is allowed (e.g. "no guard"); otherwise an empty expression is an error. */
  allowEmpty?: boolean;
  /** Max visible lines before the editor scrolls. */
  maxLines?: number;
  testId?: string;
}

const MARKER_OWNER = 'cel-check';
const CHECK_DEBOUNCE_MS = 150;
const LINE_HEIGHT = 19;

const envCache = new WeakMap<Record<string, CaseField>, CelEnvironment>();
/** One environment per schema object: its compile cache then serves every editor. */
export function celEnvFor(schema: Record<string, CaseField>): CelEnvironment {
  let env = envCache.get(schema);
  if (!env) envCache.set(schema, (env = new CelEnvironment(schema)));
  return env;
}

/** The compile error for `expr`, or null when it type-checks (or is an allowed empty). */
export function celErrorOf(env: CelEnvironment, expr: string, allowEmpty: boolean): CelError | null {
  if (!expr.trim() && allowEmpty) return null;
  const r = env.compile(expr);
  return r.ok ? null : r.error;
}

export function CelEditor({ value, onChange, schema, label, placeholder, allowEmpty = true, maxLines = 6, testId }: CelEditorProps) {
  const uid = useId().replace(/[^A-Za-z0-9]/g, '');
  const path = `cel://expr/${uid}.cel`;
  const env = useMemo(() => celEnvFor(schema), [schema]);
  const schemaRef = useRef(schema);
  schemaRef.current = schema;
  const [lines, setLines] = useState(1);
  const [error, setError] = useState<CelError | null>(null);
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);

  useEffect(() => provideSchemaFor(monaco.Uri.parse(path).toString(), () => schemaRef.current), [path]);

  // Type-check after typing pauses; markers and the message below follow the same result.
  useEffect(() => {
    const timer = setTimeout(() => {
      const err = celErrorOf(env, value, allowEmpty);
      setError(err);
      const model = editorRef.current?.getModel();
      if (!model) return;
      const markers = err
        ? [{ ...errorRange(value, err), message: err.message, severity: monaco.MarkerSeverity.Error, source: 'CEL' }]
        : [];
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
    }, CHECK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [env, value, allowEmpty]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const fit = () => setLines(Math.max(1, Math.min(maxLines, Math.round(editor.getContentHeight() / LINE_HEIGHT))));
    editor.onDidContentSizeChange(fit);
    fit();
    // re-run the check now that a model exists
    const err = celErrorOf(env, editor.getValue(), allowEmpty);
    const model = editor.getModel();
    if (model && err) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, [{ ...errorRange(editor.getValue(), err), message: err.message, severity: monaco.MarkerSeverity.Error, source: 'CEL' }]);
    }
  };

  return (
    <div className={`cel-editor nokey${error ? ' cel-editor--invalid' : ''}`} data-testid={testId}>
      <div className="cel-editor__frame" style={{ height: lines * LINE_HEIGHT + 8 }}>
        {!value && placeholder ? <div className="cel-editor__placeholder">{placeholder}</div> : null}
        <Editor
          path={path}
          language={CEL_LANGUAGE_ID}
          theme={SOP_THEME}
          value={value}
          onChange={(v) => onChange(v ?? '')}
          onMount={onMount}
          loading={<div className="cel-editor__loading">{value}</div>}
          options={{
            ariaLabel: label,
            minimap: { enabled: false },
            lineNumbers: 'off',
            glyphMargin: false,
            folding: false,
            lineDecorationsWidth: 6,
            lineNumbersMinChars: 0,
            scrollBeyondLastLine: false,
            wordWrap: 'on',
            wrappingIndent: 'same',
            overviewRulerLanes: 0,
            hideCursorInOverviewRuler: true,
            overviewRulerBorder: false,
            renderLineHighlight: 'none',
            scrollbar: { vertical: 'auto', horizontal: 'hidden', verticalScrollbarSize: 8, alwaysConsumeMouseWheel: false },
            fontSize: 13,
            lineHeight: LINE_HEIGHT,
            padding: { top: 4, bottom: 4 },
            automaticLayout: true,
            fixedOverflowWidgets: true,
            contextmenu: false,
            quickSuggestions: { other: true, comments: false, strings: true },
            suggestOnTriggerCharacters: true,
            tabCompletion: 'on',
            wordBasedSuggestions: 'off',
            stickyScroll: { enabled: false },
            accessibilitySupport: 'off',
          }}
        />
      </div>
      {error ? (
        <div className="cel-editor__error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error.message}
        </div>
      ) : null}
    </div>
  );
}
