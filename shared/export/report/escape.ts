/** Escape text for HTML/SVG text and attribute values: a state named `<script>` stays text. */
export function escapeHtml(text: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value a document holds is shown as text; String() is the intent
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
