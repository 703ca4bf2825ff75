/** "1 state", "5 states": a count with its noun (English, regular plurals unless given). */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
