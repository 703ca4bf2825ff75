/**
 * The whole document as JSON in Monaco, checked against the generated JSON Schema (completion,
 * hover, errors). Two-way sync with the store:
 * - typing: once the text parses and passes the schema (debounced), it becomes the document
 *   (one coalesced undo step per typing burst); until then the last good document stays and the
 *   problem is shown;
 * - canvas/inspector edits: the smallest replacement is applied to the text, so the cursor and
 *   scroll position outside the change do not move. An invalid draft is never overwritten
 *   silently: the bar offers to replace it with the current graph.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import graphSchema from '../../../shared/model/graph.schema.json';
import { serializeGraphDocument } from '../../../shared/model/parse';
import type { GraphDoc } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { json, monaco } from '../../monaco/setupMonaco';
import { SOP_THEME } from '../../monaco/theme';
import { minimalReplacement } from '../../monaco/textReplacement';
import { readEditedText } from './codeSync';
import './code.css';

const MODEL_PATH = 'sop://document/graph.sop.json';
const SCHEMA_URI = 'sop-studio://schema/graph.schema.json';
const APPLY_DEBOUNCE_MS = 300;

json.jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemas: [{ uri: SCHEMA_URI, fileMatch: [monaco.Uri.parse(MODEL_PATH).toString()], schema: graphSchema }],
});

/** An invalid draft survives switching bottom tabs (the editor unmounts with its tab). */
let keptDraft: { text: string; base: GraphDoc } | null = null;

type Status = { kind: 'synced' } | { kind: 'pending' } | { kind: 'invalid'; problems: string[] };

export function CodeView() {
  const doc = useEditor((s) => s.doc);
  const [status, setStatus] = useState<Status>(keptDraft ? { kind: 'pending' } : { kind: 'synced' });
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  /** The document the text currently stands for (what we last wrote or applied). */
  const shownDoc = useRef<GraphDoc>(keptDraft?.base ?? doc);
  const syncing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const writeText = useCallback((next: GraphDoc) => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const r = minimalReplacement(model.getValue(), serializeGraphDocument(next));
    shownDoc.current = next;
    keptDraft = null;
    setStatus({ kind: 'synced' });
    if (!r) return;
    const start = model.getPositionAt(r.start);
    const end = model.getPositionAt(r.end);
    syncing.current = true;
    try {
      editor.executeEdits('sop-sync', [
        {
          range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
          text: r.text,
          forceMoveMarkers: false,
        },
      ]);
    } finally {
      syncing.current = false;
    }
  }, []);

  // document changed elsewhere (canvas, inspector, undo): bring the text along unless a draft is open
  useEffect(() => {
    if (doc === shownDoc.current || !editorRef.current) return;
    if (status.kind === 'invalid' || status.kind === 'pending') return;
    writeText(doc);
  }, [doc, status.kind, writeText]);

  const apply = useCallback((text: string) => {
    const r = readEditedText(text);
    if (!r.ok) {
      keptDraft = { text, base: shownDoc.current };
      setStatus({ kind: 'invalid', problems: r.problems });
      return;
    }
    keptDraft = null;
    shownDoc.current = r.doc;
    setStatus({ kind: 'synced' });
    // the text stays as typed (no reformat under the cursor); the store gets the parsed document
    useEditor.getState().edit('Edit JSON', () => r.doc, { coalesce: 'code-view' });
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.onDidChangeModelContent(() => {
      if (syncing.current) return;
      setStatus({ kind: 'pending' });
      keptDraft = { text: editor.getValue(), base: shownDoc.current };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => apply(editor.getValue()), APPLY_DEBOUNCE_MS);
    });
    if (keptDraft) apply(keptDraft.text);
    else if (useEditor.getState().doc !== shownDoc.current) writeText(useEditor.getState().doc);
  };

  const reload = () => {
    clearTimeout(timer.current);
    keptDraft = null;
    setStatus({ kind: 'synced' });
    writeText(useEditor.getState().doc);
  };

  return (
    <div className="code-view nokey" data-testid="code-view">
      <div className={`cv-bar cv-bar--${status.kind}`} role="status" data-testid="code-status">
        {status.kind === 'invalid' ? (
          <>
            <span className="cv-bar__title">Not applied: the graph keeps its last valid version.</span>
            <span className="cv-bar__problem" data-testid="code-problem">
              {status.problems[0]}
              {status.problems.length > 1 ? ` (+${status.problems.length - 1} more)` : ''}
            </span>
            <button type="button" className="cv-button" onClick={reload}>
              Discard edits
            </button>
          </>
        ) : status.kind === 'pending' ? (
          <span className="cv-bar__title">Editing…</span>
        ) : (
          <>
            <span className="cv-bar__title">In sync with the canvas</span>
            <button
              type="button"
              className="cv-button"
              onClick={reload}
              title="Rewrite the text in the standard layout"
            >
              Format
            </button>
          </>
        )}
      </div>
      <div className="cv-editor">
        <Editor
          path={MODEL_PATH}
          language="json"
          theme={SOP_THEME}
          defaultValue={keptDraft?.text ?? serializeGraphDocument(doc)}
          onMount={onMount}
          options={{
            ariaLabel: 'Graph document JSON',
            minimap: { enabled: false },
            fontSize: 12.5,
            lineHeight: 18,
            tabSize: 2,
            scrollBeyondLastLine: false,
            automaticLayout: true,
            fixedOverflowWidgets: true,
            renderLineHighlight: 'line',
            folding: true,
            stickyScroll: { enabled: true },
            padding: { top: 6 },
          }}
        />
      </div>
    </div>
  );
}
