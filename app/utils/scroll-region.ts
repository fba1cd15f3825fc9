/**
 * Props for a box that scrolls sideways (a wide table on a narrow screen):
 * keyboard users reach it with Tab and scroll it with the arrow keys, and a
 * screen reader names it (WCAG 2.1.1; axe's scrollable-region-focusable).
 * Its focus ring is the app's own (app/tailwind.css).
 */
export function scrollRegion(label: string) {
  return { role: 'region', 'aria-label': label, tabIndex: 0 } as const
}
