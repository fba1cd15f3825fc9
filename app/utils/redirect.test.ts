// Finding 5: redirects after sign-in and language change stay on this site.
import { describe, expect, test } from 'vitest'
import { safeRedirect } from './redirect'

/** Where a browser goes for this Location header, seen from https://avlast.example/login. */
const browserTarget = (location: string) => new URL(location, 'https://avlast.example/login')

describe('safeRedirect', () => {
  test.each([
    '/\t/evil.example/phish',
    '/\n/evil.example',
    '/\r\nSet-Cookie: x=1',
    '//evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    ' /situation',
    '/\u0000/evil.example',
    '/%0d%0a'.replace(/%0d%0a/, '\r\n'),
  ])('%j goes to the fallback', (to) => {
    expect(safeRedirect(to, '/home')).toBe('/home')
  })

  test.each(['/situation', '/units/abc?tab=staff#top', '/loans?page=2', '/%09/evil.example/phish'])('%j stays on this site', (to) => {
    const location = safeRedirect(to, '/home')
    expect(location).not.toBe('/home')
    expect(browserTarget(location).origin).toBe('https://avlast.example')
  })

  test('whatever is asked, a browser following the answer stays on the site', () => {
    const tricky = ['/\t/evil.example', '/.//evil.example', '/./\\evil.example', '/..//evil.example', '/%2f%2fevil.example', '/a/../../evil.example']
    for (const to of tricky) expect(browserTarget(safeRedirect(to, '/home')).origin, to).toBe('https://avlast.example')
  })
})
