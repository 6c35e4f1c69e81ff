/** Diagram text quoted in a problem message, cut short: messages must stay small whatever the input. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
