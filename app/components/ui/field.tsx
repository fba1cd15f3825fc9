import { useId, type InputHTMLAttributes, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** Error messages are i18n keys (from zod schemas or the domain); shown translated. */
export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm font-medium text-red-700">
      {errors.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  )
}

export const CONTROL_CLASS = 'mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700'

export type ControlProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }

/**
 * Label, hint and errors around one form control, wired for screen readers:
 * the control gets aria-invalid and aria-describedby pointing at both.
 */
export function FieldShell({
  id: givenId,
  label,
  hint,
  errors,
  className = '',
  children,
}: {
  id?: string
  label: ReactNode
  hint?: ReactNode
  errors?: readonly string[] | null
  className?: string
  children: (control: ControlProps) => ReactNode
}) {
  const fallbackId = useId()
  const id = givenId ?? fallbackId
  const errorId = errors?.length ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': errorId ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function Field({
  label,
  hint,
  errors,
  inputProps,
  className = '',
}: {
  label: ReactNode
  hint?: ReactNode
  errors?: readonly string[] | null
  inputProps: InputHTMLAttributes<HTMLInputElement>
  className?: string
}) {
  return (
    <FieldShell id={inputProps.id} label={label} hint={hint} errors={errors} className={className}>
      {(control) => <input className={CONTROL_CLASS} {...control} {...inputProps} id={control.id} />}
    </FieldShell>
  )
}
