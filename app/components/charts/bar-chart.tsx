import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'
import { useHydrated } from './use-hydrated'

/** Bars per week, with the same figures as a table for screen readers and print. */
export function WeeklyBars({ title, unit, points }: { title: string; unit: string; points: { label: string; value: number; current?: boolean }[] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const hydrated = useHydrated()
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="font-semibold">{title}</figcaption>
      <div className="mt-2 overflow-x-auto" aria-hidden="true">
        {hydrated ? (
          <BarChart accessibilityLayer={false} width={Math.max(360, points.length * 34)} height={200} data={points}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v) => `${formatNumber(Number(v), locale)} ${unit}`} />
            <Bar dataKey="value" name={title} fill="#185a4a" isAnimationActive={false} />
          </BarChart>
        ) : (
          <div style={{ height: 200 }} />
        )}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 underline">{t('chart.showTable')}</summary>
        <table className="mt-2 border-collapse text-left">
          <tbody>
            {points.map((p) => (
              <tr key={p.label}>
                <th scope="row" className="pr-4 font-normal">{p.label}</th>
                <td>
                  {formatNumber(p.value, locale)} {unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
