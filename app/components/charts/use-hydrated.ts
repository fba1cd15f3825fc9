import { useEffect, useState } from 'react'

/** False on the server and the first client render: charts draw after hydration. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
