/** `{ key: value }` when value is defined, else `{}`: the model never holds undefined (JSON drops it). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
