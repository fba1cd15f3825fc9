import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { CONTROL_CLASS, FieldShell } from './field'

export function SelectField({
  label,
  errors,
  selectProps,
  children,
  hint,
  className = '',
}: {
  label: ReactNode
  errors?: readonly string[] | null
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  children: ReactNode
  hint?: ReactNode
  className?: string
}) {
  return (
    <FieldShell id={selectProps.id} label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <select className={CONTROL_CLASS} {...control} {...selectProps} id={control.id}>
          {children}
        </select>
      )}
    </FieldShell>
  )
}

export function TextareaField({
  label,
  errors,
  textareaProps,
  hint,
  className = '',
}: {
  label: ReactNode
  errors?: readonly string[] | null
  textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>
  hint?: ReactNode
  className?: string
}) {
  return (
    <FieldShell id={textareaProps.id} label={label} hint={hint} errors={errors} className={className}>
      {(control) => <textarea rows={4} className={CONTROL_CLASS} {...control} {...textareaProps} id={control.id} />}
    </FieldShell>
  )
}
