/**
 * How a shortcut reads on this platform: in ui/ (not app/commands, which matches key presses) so
 * a button's tooltip does not make ui depend on the app's command registry.
 */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Human-readable shortcut for tooltips and menus ('Ctrl+Z' / '⌘Z'). */
export function formatShortcut(shortcut: string | readonly string[] | undefined): string {
  const s = typeof shortcut === 'string' ? shortcut : shortcut?.[0];
  if (!s) return '';
  return isMac ? s.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥') : s.replace('Mod+', 'Ctrl+');
}
