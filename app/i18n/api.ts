// Texts for the api pages, merged into the main resources under "api".
export const apiSv = {
  title: 'api',
}

export const apiEn: typeof apiSv = {
  title: 'api',
}
