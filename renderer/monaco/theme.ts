/**
 * One calm light theme for every Monaco editor in the app (CEL and JSON), so the editors sit
 * inside the inspector's form instead of looking like a separate IDE.
 */
import { monaco } from './setupMonaco';

export const SOP_THEME = 'sop-light';

monaco.editor.defineTheme(SOP_THEME, {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'identifier', foreground: '1f3a5f' },
    { token: 'keyword', foreground: '7c3aed' },
    { token: 'keyword.macro', foreground: '0f766e', fontStyle: 'bold' },
    { token: 'predefined', foreground: '0f766e' },
    { token: 'operator', foreground: 'b45309' },
    { token: 'number', foreground: '0369a1' },
    { token: 'number.float', foreground: '0369a1' },
    { token: 'string', foreground: '15803d' },
    { token: 'comment', foreground: '8a94a6', fontStyle: 'italic' },
  ],
  colors: {
    'editor.background': '#ffffff',
    'editor.foreground': '#1d2433',
    'editorCursor.foreground': '#3d63dd',
    'editor.selectionBackground': '#dfe6fb',
    'editor.inactiveSelectionBackground': '#eef2f7',
    'editorError.foreground': '#dc2626',
    'editorWidget.background': '#ffffff',
    'editorWidget.border': '#d0d5dd',
    'editorSuggestWidget.background': '#ffffff',
    'editorSuggestWidget.border': '#d0d5dd',
    'editorSuggestWidget.selectedBackground': '#eef2fd',
    // Monaco's light default for the selected row's text is the list's white: white on #eef2fd
    // was unreadable. Dark text and a darker match highlight keep it above 4.5:1 (e2e checks it).
    'editorSuggestWidget.selectedForeground': '#1d2433',
    'editorSuggestWidget.selectedIconForeground': '#1d2433',
    'editorSuggestWidget.focusHighlightForeground': '#1b4fd8',
    'editorSuggestWidget.highlightForeground': '#1b4fd8',
  },
});
