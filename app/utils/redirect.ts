const BASE = 'http://avlast.invalid'

/**
 * Only paths on this site: never send a user to another origin after
 * sign-in. The target is resolved by the URL parser as a browser would
 * resolve it (which drops tabs and newlines and reads `\` as `/`), and kept
 * only if it stays on this origin; control characters are refused outright.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (!to || typeof to !== 'string' || to.length > 2000) return fallback
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to) || !to.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(to, BASE)
  } catch {
    return fallback
  }
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a host.
  if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
