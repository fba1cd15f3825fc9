import type { ReactNode } from 'react'

/** A page section named by its heading (a landmark for screen readers), with an optional intro line. */
export function Section({
  id,
  heading,
  intro,
  className,
  children,
}: {
  id: string
  heading: ReactNode
  intro?: ReactNode
  className?: string
  children?: ReactNode
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className={className}>
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {heading}
      </h2>
      {intro ? <p className="max-w-3xl text-slate-700">{intro}</p> : null}
      {children}
    </section>
  )
}
