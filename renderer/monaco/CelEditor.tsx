/**
 * A compact Monaco editor for one CEL expression (guards, guardrail conditions, tool limits):
 * CEL highlighting, completion of the case fields, and inline errors from the type-checker.
 *
 * Wrapped in `.nokey`: React Flow's document-level key handler would otherwise swallow Space and
 * turn Backspace into "delete the selected node" (Monaco's EditContext surface is a plain div).
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { CelEnvironment, type CelError } from '../../shared/expr/cel';
import type { CaseField } from '../../shared/model/types';
import { CEL_LANGUAGE_ID, provideSchemaFor } from './celLanguage';
import { minimalReplacement } from './textReplacement';
import { errorRange } from './celMarkers';
import { monaco } from './setupMonaco';
import { SOP_THEME } from './theme';
import './CelEditor.css';

/** The part of Monaco's suggest controller we read (not in the public API, hence the guard). */
interface SuggestControllerLike extends monaco.editor.IEditorContribution {
  widget?: { value?: { onDidShow?: monaco.IEvent<unknown>; onDidHide?: monaco.IEvent<unknown> } };
}

/** Report when the completion list opens and closes (nothing happens if Monaco renamed it). */
function watchSuggestWidget(editor: monaco.editor.IStandaloneCodeEditor, onChange: (open: boolean) => void): void {
  const widget = editor.getContribution<SuggestControllerLike>('editor.contrib.suggestController')?.widget?.value;
  widget?.onDidShow?.(() => onChange(true));
  widget?.onDidHide?.(() => onChange(false));
}

export interface CelEditorProps {
  value: string;
  /** Called ~150 ms after typing pauses (and on blur); callers commit through `edit` with a coalesce key. */
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
const PADDING = 8;

const envCache = new WeakMap<Record<string, CaseField>, CelEnvironment>();
/** One environment per schema object: its compile cache then serves every editor. */
function celEnvFor(schema: Record<string, CaseField>): CelEnvironment {
  let env = envCache.get(schema);
  if (!env) envCache.set(schema, (env = new CelEnvironment(schema)));
  return env;
}

/** The compile error for `expr`, or null when it type-checks (or is an allowed empty). */
function celErrorOf(env: CelEnvironment, expr: string, allowEmpty: boolean): CelError | null {
  if (!expr.trim() && allowEmpty) return null;
  const r = env.compile(expr);
  return r.ok ? null : r.error;
}

export function CelEditor({
  value,
  onChange,
  schema,
  label,
  placeholder,
  allowEmpty = true,
  maxLines = 6,
  testId,
}: CelEditorProps) {
  const uid = useId().replace(/[^A-Za-z0-9]/g, '');
  const path = `cel://expr/${uid}.cel`;
  const env = useMemo(() => celEnvFor(schema), [schema]);
  const schemaRef = useRef(schema);
  useLayoutEffect(() => {
    schemaRef.current = schema;
  });
  const [height, setHeight] = useState(LINE_HEIGHT + PADDING);
  const [error, setError] = useState<CelError | null>(null);
  const [empty, setEmpty] = useState(!value);
  /** Left once: only then is a still-empty required expression worth an error (not on "+ Add"). */
  const [touched, setTouched] = useState(false);
  /** The completion list is open: the message below waits (the list would sit on top of it). */
  const [suggesting, setSuggesting] = useState(false);
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  /** The text we last handed to onChange (or received): echoes of it are not external changes. */
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ onChange, env, allowEmpty });
  useLayoutEffect(() => {
    latest.current = { onChange, env, allowEmpty };
  });

  useEffect(() => provideSchemaFor(monaco.Uri.parse(path).toString(), () => schemaRef.current), [path]);

  /** Type-check the editor's text, set its markers and the message below. */
  const check = useCallback(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const text = model.getValue();
    const err = celErrorOf(latest.current.env, text, latest.current.allowEmpty);
    setError(err);
    const markers = err
      ? [{ ...errorRange(text, err), message: err.message, severity: monaco.MarkerSeverity.Error, source: 'CEL' }]
      : [];
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  }, []);

  /** Hand pending text to the document now (blur, unmount, debounce end). */
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const text = editorRef.current?.getModel()?.getValue();
    if (text === undefined || text === committed.current) return;
    committed.current = text;
    latest.current.onChange(text);
  }, []);

  // a new schema can make or unmake errors without a keystroke
  useEffect(check, [env, allowEmpty, check]);

  // the document changed elsewhere (undo, code view, another field): show it, keep the cursor
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || value === committed.current) return;
    committed.current = value;
    clearTimeout(timer.current);
    timer.current = undefined;
    const r = minimalReplacement(model.getValue(), value);
    if (r) {
      const start = model.getPositionAt(r.start);
      const end = model.getPositionAt(r.end);
      editor.executeEdits('sop-sync', [
        { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: r.text },
      ]);
    }
  }, [value]);

  useEffect(() => () => flush(), [flush]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // grow with the content (wrapped lines included) up to maxLines, then scroll
    // Monaco is laid out to the new height at once, not one ResizeObserver frame later: an editor
    // taller than its frame would report a box whose lower part is hidden under the frame's edge.
    const fit = () => {
      const h = Math.min(editor.getContentHeight(), maxLines * LINE_HEIGHT + PADDING);
      setHeight(h);
      const { width } = editor.getLayoutInfo();
      if (width > 0) editor.layout({ width, height: h });
    };
    editor.onDidContentSizeChange(fit);
    fit();
    editor.onDidChangeModelContent(() => {
      setEmpty(editor.getModel()?.getValueLength() === 0);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        flush();
        check();
      }, CHECK_DEBOUNCE_MS);
    });
    watchSuggestWidget(editor, setSuggesting);
    // focus gone (Tab, a click elsewhere): the completion list goes too, it does not linger
    editor.onDidBlurEditorWidget(() => editor.trigger('blur', 'hideSuggestWidget', null));
    // leaving the editor commits at once; the check the flush cancelled runs now too
    editor.onDidBlurEditorText(() => {
      setTouched(true);
      flush();
      check();
    });
    check();
  };

  const shownError = error && (!empty || touched) ? error : null;
  return (
    <div className={`cel-editor nokey${shownError ? ' cel-editor--invalid' : ''}`} data-testid={testId}>
      <div className="cel-editor__frame" style={{ height: height + 2 /* border */ }}>
        {empty && placeholder ? <div className="cel-editor__placeholder">{placeholder}</div> : null}
        <Editor
          path={path}
          language={CEL_LANGUAGE_ID}
          theme={SOP_THEME}
          defaultValue={value}
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
            scrollbar: {
              vertical: height >= maxLines * LINE_HEIGHT + PADDING ? 'auto' : 'hidden',
              horizontal: 'hidden',
              verticalScrollbarSize: 8,
              alwaysConsumeMouseWheel: false,
            },
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
      {shownError ? (
        <div
          className={`cel-editor__error${suggesting ? ' is-waiting' : ''}`}
          role="alert"
          data-testid={testId ? `${testId}-error` : undefined}
        >
          {shownError.message}
        </div>
      ) : null}
    </div>
  );
}
