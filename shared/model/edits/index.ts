/**
 * Document edits as pure functions (GraphDoc → GraphDoc): the canvas, inspector and code view
 * change the document only through these, inside `useEditor().edit(label, recipe)`.
 */
export { emptyDoc } from './empty';
export { getIn, setIn, updateIn, statePath, parentKey, nameOf, childKey, isWithin } from './paths';
export { addState, removeStates, renameState, setInitial, setFinal, updateState, setStateMeta, uniqueStateName, childNames } from './states';
export { addTransition, removeTransition, updateTransition, setTier, setGuard, setTarget, setEvent, moveTransition, findTransition } from './transitions';
export type { NewTransition } from './transitions';
export type { NewState } from './states';
export { targetRef, rewriteTargets } from './targets';
export { setLayout, replaceLayout } from './layout';
export { copyStates, pasteStates, isStatesClipboard, CLIPBOARD_FORMAT } from './clipboard';
export type { StatesClipboard } from './clipboard';
