/** A domain error's path (`counts.0.count`) as conform names the field (`counts[0].count`). */
export function conformField(path: string) {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]')
}
