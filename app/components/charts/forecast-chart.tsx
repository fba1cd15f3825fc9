import { useTranslation } from 'react-i18next'
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts'
import { formatNumber } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'
import { useHydrated } from './use-hydrated'

export type PointsWeek = { label: string; points: number; carried?: boolean }
export type ForecastWeekPoint = { label: string; points: number; low: number; high: number }

/**
 * Open-case points week by week, then the forecast as a dashed continuation
 * with its 80 % band. The same figures are in a table for screen readers.
 */
export function ForecastChart({ title, history, forecast }: { title: string; history: PointsWeek[]; forecast: ForecastWeekPoint[] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const hydrated = useHydrated()
  const last = history.at(-1)
  const data = [
    ...history.map((h) => ({ label: h.label, points: h.points, forecast: null as number | null, band: null as [number, number] | null })),
    ...forecast.map((f) => ({ label: f.label, points: null as number | null, forecast: f.points, band: [f.low, f.high] as [number, number] })),
  ]
  // The dashed line starts at the last known week, so it continues the trend without a gap.
  if (last && data[history.length - 1]) data[history.length - 1] = { ...data[history.length - 1], forecast: last.points, band: [last.points, last.points] }
  const n = (v: number) => formatNumber(v, locale)
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="font-semibold">{title}</figcaption>
      <div className="mt-2 overflow-x-auto" aria-hidden="true">
        {hydrated ? (
          <ComposedChart accessibilityLayer={false} width={Math.max(360, data.length * 40)} height={240} data={data} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => n(Number(v))).join('–') : n(Number(value)))} />
            <Legend />
            <Area dataKey="band" name={t('workload.forecast.band')} stroke="none" fill="#185a4a" fillOpacity={0.15} isAnimationActive={false} />
            <Line dataKey="points" name={t('workload.forecast.points')} stroke="#185a4a" strokeWidth={2} isAnimationActive={false} connectNulls />
            <Line dataKey="forecast" name={t('workload.forecast.forecast')} stroke="#185a4a" strokeWidth={2} strokeDasharray="6 4" isAnimationActive={false} connectNulls />
          </ComposedChart>
        ) : (
          <div style={{ height: 240 }} />
        )}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 underline">{t('chart.showTable')}</summary>
        <table className="mt-2 border-collapse text-left">
          <thead>
            <tr>
              <th scope="col" className="pr-4">{t('chart.week')}</th>
              <th scope="col" className="pr-4">{t('workload.forecast.points')}</th>
              <th scope="col">{t('workload.forecast.range')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={`h-${h.label}`}>
                <th scope="row" className="pr-4 font-normal">{h.label}</th>
                <td className="pr-4">
                  {n(h.points)}
                  {h.carried ? ` (${t('workload.carried')})` : ''}
                </td>
                <td>{t('common.dash')}</td>
              </tr>
            ))}
            {forecast.map((f) => (
              <tr key={`f-${f.label}`}>
                <th scope="row" className="pr-4 font-normal">{t('workload.forecast.forecastWeek', { week: f.label })}</th>
                <td className="pr-4">{n(f.points)}</td>
                <td>{`${n(f.low)}–${n(f.high)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
