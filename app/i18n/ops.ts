// Texts for the ops pages, merged into the main resources under "ops".
export const opsSv = {
  title: 'ops',
}

export const opsEn: typeof opsSv = {
  title: 'ops',
}
