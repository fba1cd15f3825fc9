// The fields of a person's account, shared by "new user" and "edit user".
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/ui/field'
import { SelectField } from '~/components/ui/select'
import { ROLES } from '~/models/user-schemas'

type FieldInfo = { name: string; id: string; errors?: string[] }
type Fields = Record<'name' | 'role' | 'managedUnitIds' | 'staffEmail', FieldInfo>

export function UserAccountFields({
  fields,
  units,
  defaults,
}: {
  fields: Fields
  units: readonly { id: string; name: string; code: string }[]
  defaults?: { name: string; role: string; managedUnitIds: readonly string[]; staffEmail: string | null }
}) {
  const { t } = useTranslation()
  const unitsError = fields.managedUnitIds.errors?.length ? `${fields.managedUnitIds.id}-error` : undefined
  return (
    <>
      <Field
        label={t('accounts.users.name')}
        errors={fields.name.errors}
        inputProps={{ name: fields.name.name, id: fields.name.id, type: 'text', defaultValue: defaults?.name, autoComplete: 'off' }}
      />
      <SelectField
        label={t('accounts.users.role')}
        errors={fields.role.errors}
        selectProps={{ name: fields.role.name, id: fields.role.id, defaultValue: defaults?.role ?? 'STAFF' }}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <fieldset aria-describedby={[`${fields.managedUnitIds.id}-hint`, unitsError].filter(Boolean).join(' ')} aria-invalid={unitsError ? true : undefined}>
        <legend className="text-sm font-semibold text-slate-800">{t('accounts.users.units')}</legend>
        <p id={`${fields.managedUnitIds.id}-hint`} className="text-sm text-slate-600">
          {t('accounts.users.unitsHint')}
        </p>
        {units.length ? (
          <ul className="mt-2 grid max-h-64 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2">
            {units.map((unit) => (
              <li key={unit.id}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" name={fields.managedUnitIds.name} value={unit.id} defaultChecked={defaults?.managedUnitIds.includes(unit.id)} />
                  <span>
                    {unit.name} <span className="text-sm text-slate-600">({unit.code})</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm">{t('accounts.users.noUnits')}</p>
        )}
        <ErrorList id={unitsError} errors={fields.managedUnitIds.errors} />
      </fieldset>
      <Field
        label={t('accounts.users.staffEmail')}
        hint={t('accounts.users.staffEmailHint')}
        errors={fields.staffEmail.errors}
        inputProps={{
          name: fields.staffEmail.name,
          id: fields.staffEmail.id,
          type: 'email',
          defaultValue: defaults?.staffEmail ?? undefined,
          autoComplete: 'off',
        }}
      />
    </>
  )
}
