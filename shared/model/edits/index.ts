/**
 * Document edits as pure functions (GraphDoc → GraphDoc): the canvas, inspector and code view
 * change the document only through these, inside `useEditor().edit(label, recipe)`.
 */
export { emptyDoc } from './empty';
export { setIn } from './paths';
export { addState, removeStates, renameState, setInitial, setFinal, setStateMeta, uniqueStateName } from './states';
export {
  addTransition,
  removeTransition,
  updateTransition,
  setTier,
  setGuard,
  setTarget,
  setEvent,
  moveTransition,
  findTransition,
} from './transitions';
export { setLayout, replaceLayout } from './layout';
export { copyStates, pasteStates, isStatesClipboard } from './clipboard';
export type { StatesClipboard } from './clipboard';
