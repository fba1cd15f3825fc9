import { useTranslation } from 'react-i18next'
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { formatPercent } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'
import { useHydrated } from './use-hydrated'

export type LoadPoint = { label: string; load: number | null; after?: number | null }

/**
 * Load against the reasonable caseload (100 %) week by week. The chart is for
 * the eye; the same figures are in a table for screen readers and print.
 */
export function LoadChart({ title, points, showAfter = false, labels }: { title: string; points: LoadPoint[]; showAfter?: boolean; labels?: { load: string; after: string } }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const hydrated = useHydrated()
  const data = points.map((p) => ({
    label: p.label,
    load: p.load === null ? null : Math.round(p.load * 100),
    after: p.after === null || p.after === undefined ? null : Math.round(p.after * 100),
  }))
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="font-semibold">{title}</figcaption>
      <div className="mt-2 overflow-x-auto" aria-hidden="true">
        {hydrated ? (
          <LineChart accessibilityLayer={false} width={Math.max(360, points.length * 56)} height={220} data={data} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis unit="%" tick={{ fontSize: 12 }} domain={[0, (max: number) => Math.max(120, Math.ceil(max / 10) * 10)]} />
            <Tooltip formatter={(value) => `${value} %`} />
            <Legend />
            <ReferenceLine y={100} stroke="#b91c1c" strokeDasharray="6 3" label={{ value: t('chart.cap'), fontSize: 12, fill: '#b91c1c', position: 'insideTopLeft' }} />
            <Line type="monotone" dataKey="load" name={labels?.load ?? t('chart.load')} stroke="#185a4a" strokeWidth={2} isAnimationActive={false} connectNulls />
            {showAfter ? (
              <Line type="monotone" dataKey="after" name={labels?.after ?? t('chart.after')} stroke="#b45309" strokeWidth={2} strokeDasharray="5 4" isAnimationActive={false} connectNulls />
            ) : null}
          </LineChart>
        ) : (
          <div style={{ height: 220 }} />
        )}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 underline">{t('chart.showTable')}</summary>
        <table className="mt-2 border-collapse text-left">
          <thead>
            <tr>
              <th scope="col" className="pr-4">{t('chart.week')}</th>
              <th scope="col" className="pr-4">{labels?.load ?? t('chart.load')}</th>
              {showAfter ? <th scope="col">{labels?.after ?? t('chart.after')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.label}>
                <th scope="row" className="pr-4 font-normal">{p.label}</th>
                <td className="pr-4">{p.load === null ? t('common.dash') : formatPercent(p.load, locale)}</td>
                {showAfter ? <td>{p.after === null || p.after === undefined ? t('common.dash') : formatPercent(p.after, locale)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

/**
 * A tiny trend line for a table cell; the figures are read out in words.
 * Weeks whose figures were carried forward get an open ring, so a repeated
 * figure never passes for a fresh one.
 */
export function Sparkline({ values, label, carried = [] }: { values: (number | null)[]; label: string; carried?: boolean[] }) {
  const known = values.filter((v): v is number => v !== null)
  if (known.length < 2) return <span className="sr-only">{label}</span>
  const width = 96
  const height = 24
  const max = Math.max(1.2, ...known)
  const step = width / (values.length - 1)
  const path = values
    .map((v, i) => (v === null ? null : `${i * step},${height - (v / max) * height}`))
    .filter(Boolean)
    .join(' ')
  const capY = height - (1 / max) * height
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="inline-block align-middle">
      <line x1={0} x2={width} y1={capY} y2={capY} stroke="#b91c1c" strokeDasharray="3 2" strokeWidth={1} />
      <polyline points={path} fill="none" stroke="#185a4a" strokeWidth={2} />
      {values.map((v, i) => (v !== null && carried[i] ? <circle key={i} cx={i * step} cy={height - (v / max) * height} r={2.5} fill="#fff" stroke="#b45309" strokeWidth={1.5} /> : null))}
    </svg>
  )
}
