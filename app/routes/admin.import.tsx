import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { formatFteCell, HR_COLUMNS, HR_HEADERS, type ImportIssue } from '~/models/hr-columns'
import { applyHrImport, previewHrImport, type FieldChange, type HrPreview } from '~/models/hr-import.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { DomainError } from '~/utils/errors'
import { readFormData } from '~/utils/forms.server'
import { BODY_LIMITS, HR_UPLOAD_MAX_BYTES } from '~/utils/limits'
import { redirectWithToast } from '~/utils/toast.server'

const MAX_BYTES = HR_UPLOAD_MAX_BYTES
const MAX_UPLOAD_MB = MAX_BYTES / 1024 / 1024
// Long previews are cut for the page; the counts and the apply step cover every row.
const SHOWN = { errors: 500, warnings: 100, rows: 200 }

const isBlob = (v: unknown): v is Blob =>
  typeof v === 'object' && v !== null && typeof (v as Blob).arrayBuffer === 'function' && typeof (v as Blob).size === 'number'

export const ImportUploadSchema = z.object({
  file: z
    .custom<Blob>(isBlob, 'ops.import.fileRequired')
    .refine((f) => f.size > 0, 'ops.import.fileRequired')
    .refine((f) => f.size <= MAX_BYTES, 'ops.import.fileTooLarge'),
})

const ApplySchema = z.object({
  csv: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_BYTES * 4) / 3) + 4),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
})

export const meta: MetaFunction = () => [{ title: 'Import från HR-systemet – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'CENTRAL')
  return json({ maxMb: MAX_UPLOAD_MB })
}

// The page gets a cut-down preview; the CSV travels back in a hidden field
// (base64, so no browser rewrites its line ends) for the apply step.
function previewData(preview: HrPreview, csv: string) {
  return {
    ...preview,
    totals: {
      errors: preview.errors.length,
      warnings: preview.warnings.length,
      newUnits: preview.newUnits.length,
      newStaff: preview.newStaff.length,
      changedStaff: preview.changedStaff.length,
      logins: preview.logins.length,
      managers: preview.managers.length,
    },
    errors: preview.errors.slice(0, SHOWN.errors),
    warnings: preview.warnings.slice(0, SHOWN.warnings),
    newUnits: preview.newUnits.slice(0, SHOWN.rows),
    newStaff: preview.newStaff.slice(0, SHOWN.rows),
    changedStaff: preview.changedStaff.slice(0, SHOWN.rows),
    logins: preview.logins.slice(0, SHOWN.rows),
    managers: preview.managers.slice(0, SHOWN.rows),
    csv: preview.errors.length ? '' : Buffer.from(csv, 'utf8').toString('base64'),
  }
}

type Upload = { formData: FormData } | { tooLarge: true }

// This page alone may receive the HR file (BODY_LIMITS.hrImport); anything larger is refused unread.
async function readForm(request: Request): Promise<Upload> {
  try {
    return { formData: await readFormData(request, { maxBytes: BODY_LIMITS.hrImport }) }
  } catch (error) {
    if (error instanceof Response && error.status === 413) return { tooLarge: true }
    throw error
  }
}

const badRequest = () => json({ message: 'ops.badRequest' }, { status: 400 })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const upload = await readForm(request)
  if ('tooLarge' in upload) {
    const result = parseWithZod(new FormData(), { schema: ImportUploadSchema }).reply({ fieldErrors: { file: ['ops.import.fileTooLarge'] } })
    return json({ intent: 'preview' as const, result, preview: null, formError: null }, { status: 413 })
  }
  const { formData } = upload

  if (formData.get('intent') === 'apply') {
    const submission = parseWithZod(formData, { schema: ApplySchema })
    if (submission.status !== 'success') throw badRequest()
    const csv = Buffer.from(submission.value.csv, 'base64').toString('utf8')
    try {
      const result = await applyHrImport(user, csv, { expectedFingerprint: submission.value.fingerprint, source: 'web' })
      const accounts = result.loginsCreated + result.loginsLinked + result.managersChanged > 0
      return redirectWithToast('/admin/import', {
        type: 'success',
        message: accounts ? 'ops.import.appliedWithAccounts' : 'ops.import.applied',
        values: {
          created: String(result.staffCreated),
          updated: String(result.staffUpdated),
          units: String(result.unitsCreated),
          ...(accounts
            ? { loginsCreated: String(result.loginsCreated), loginsLinked: String(result.loginsLinked), managers: String(result.managersChanged) }
            : {}),
        },
      })
    } catch (error) {
      // Refused (bad rows) or stale (data changed): show the preview as it is now.
      if (!(error instanceof DomainError) || (error.code !== 'BAD_USER_INPUT' && error.code !== 'CONFLICT')) toResponse(error)
      const preview = await previewHrImport(user, csv).catch(toResponse)
      return json(
        { intent: 'apply' as const, result: null, preview: previewData(preview, csv), formError: error.message },
        { status: error.code === 'CONFLICT' ? 409 : 400 },
      )
    }
  }

  const submission = parseWithZod(formData, { schema: ImportUploadSchema })
  if (submission.status !== 'success') {
    const tooLarge = submission.error?.file?.includes('ops.import.fileTooLarge')
    return json({ intent: 'preview' as const, result: submission.reply(), preview: null, formError: null }, { status: tooLarge ? 413 : 400 })
  }
  const csv = new TextDecoder('utf-8').decode(await submission.value.file.arrayBuffer())
  const preview = await previewHrImport(user, csv).catch(toResponse)
  return json({ intent: 'preview' as const, result: submission.reply(), preview: previewData(preview, csv), formError: null })
}

type PreviewData = ReturnType<typeof previewData>

function UploadForm({ maxMb, lastResult }: { maxMb: number; lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof ImportUploadSchema>>({
    id: 'hr-upload',
    lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportUploadSchema }),
  })
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="preview" />
      <Field
        label={t('ops.import.file')}
        hint={t('ops.import.fileHint', { max: maxMb })}
        errors={fields.file.errors}
        inputProps={{ ...getInputProps(fields.file, { type: 'file', ariaAttributes: false }), accept: '.csv,text/csv,text/plain', required: false }}
      />
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('ops.import.preview')}
      </Button>
    </Form>
  )
}

function IssueTable({ issues, caption }: { issues: readonly ImportIssue[]; caption: string }) {
  const { t } = useTranslation()
  return (
    <table className="w-full border-collapse bg-white text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="p-2">
            {t('ops.import.line')}
          </th>
          <th scope="col" className="p-2">
            {t('ops.import.column')}
          </th>
          <th scope="col" className="p-2">
            {t('ops.import.reason')}
          </th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue, i) => (
          <tr key={`${issue.line}-${i}`} className="border-b border-slate-200">
            <th scope="row" className="p-2 font-medium">
              {issue.line}
            </th>
            <td className="p-2">{issue.column ? t(`ops.columns.${issue.column}`) : ''}</td>
            <td className="p-2">{t(issue.message, issue.values)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ChangeText({ change }: { change: FieldChange }) {
  const { t } = useTranslation()
  const show = (value: FieldChange['from']) => {
    if (value === null) return t('ops.import.none')
    if (typeof value === 'boolean') return value ? t('ops.import.yes') : t('ops.import.no')
    if (change.field === 'fte' && typeof value === 'number') return formatFteCell(value)
    return String(value)
  }
  if (change.field === 'skill') return <>{t('ops.import.skillChange', { key: change.key, from: show(change.from), to: show(change.to) })}</>
  return <>{t('ops.import.change', { field: t(`ops.import.fields.${change.field}`), from: show(change.from), to: show(change.to) })}</>
}

function More({ total, shown }: { total: number; shown: number }) {
  const { t } = useTranslation()
  return total > shown ? <p className="mt-2 text-sm text-slate-700">{t('ops.import.moreRows', { count: total - shown })}</p> : null
}

/** One part of the preview: its heading, a table whose rows start with the file's line and the person, and what is not shown. */
function PreviewTable<R>({
  id,
  title,
  columns,
  rows,
  total,
  rowKey,
  cells,
}: {
  id: string
  title: string
  columns: string[]
  rows: readonly R[]
  total: number
  rowKey: (row: R) => string
  cells: (row: R) => ReactNode
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="text-lg font-semibold">
        {title}
      </h3>
      <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((column) => (
              <th key={column} scope="col" className="p-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200 align-top">
              {cells(row)}
            </tr>
          ))}
        </tbody>
      </table>
      <More total={total} shown={rows.length} />
    </section>
  )
}

/** The line of the file and the person's name (the row's header), with their e-mail below when asked. */
function NameCells({ row, withEmail = false }: { row: { line: number; firstName: string; lastName: string; email: string }; withEmail?: boolean }) {
  return (
    <>
      <td className="p-2">{row.line}</td>
      <th scope="row" className="p-2 font-medium">
        {row.firstName} {row.lastName}
        {withEmail ? <span className="block text-xs font-normal text-slate-600">{row.email}</span> : null}
      </th>
    </>
  )
}

function Preview({ preview, formError }: { preview: PreviewData; formError: string | null }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const { totals } = preview
  const nothing = totals.newUnits + totals.newStaff + totals.changedStaff + totals.logins + totals.managers === 0
  const units = (codes: readonly string[]) => (codes.length ? codes.join(', ') : t('ops.import.managerNone'))
  return (
    <section aria-labelledby="preview-heading" className="space-y-6">
      <h2 id="preview-heading" className="text-xl font-semibold">
        {t('ops.import.previewHeading')}
      </h2>
      <div role="alert" aria-live="assertive">
        <ErrorList errors={formError ? [formError] : null} />
      </div>
      <p>
        {t('ops.import.summary', {
          rows: preview.recordCount,
          newStaff: totals.newStaff,
          changed: totals.changedStaff,
          unchanged: preview.unchanged,
          newUnits: totals.newUnits,
        })}
        {totals.logins + totals.managers > 0 ? ` ${t('ops.import.accountsSummary', { logins: totals.logins, managers: totals.managers })}` : null}
      </p>
      {totals.errors > 0 ? (
        <section aria-labelledby="errors-heading" className="rounded-lg border border-red-300 bg-red-50 p-4">
          <h3 id="errors-heading" className="text-lg font-semibold text-red-900">
            {t('ops.import.errorsHeading', { count: totals.errors })}
          </h3>
          <p className="mb-2 text-red-900">{t('ops.import.errorsIntro')}</p>
          <IssueTable issues={preview.errors} caption={t('ops.import.errorsHeading', { count: totals.errors })} />
          <More total={totals.errors} shown={preview.errors.length} />
        </section>
      ) : null}
      {totals.warnings > 0 ? (
        <section aria-labelledby="warnings-heading">
          <h3 id="warnings-heading" className="text-lg font-semibold">
            {t('ops.import.warningsHeading', { count: totals.warnings })}
          </h3>
          <IssueTable issues={preview.warnings} caption={t('ops.import.warningsHeading', { count: totals.warnings })} />
          <More total={totals.warnings} shown={preview.warnings.length} />
        </section>
      ) : null}
      {totals.newUnits > 0 ? (
        <section aria-labelledby="units-heading">
          <h3 id="units-heading" className="text-lg font-semibold">
            {t('ops.import.newUnitsHeading', { count: totals.newUnits })}
          </h3>
          <ul className="mt-2 list-disc pl-6">
            {preview.newUnits.map((u) => (
              <li key={u.code}>
                {u.name} ({u.code}, {u.areaKey})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {totals.newStaff > 0 ? (
        <PreviewTable
          id="new-staff-heading"
          title={t('ops.import.newStaffHeading', { count: totals.newStaff })}
          columns={[
            t('ops.import.line'),
            t('ops.import.name'),
            t('ops.columns.email'),
            t('ops.columns.unitCode'),
            t('ops.columns.fte'),
            t('ops.columns.skills'),
          ]}
          rows={preview.newStaff}
          total={totals.newStaff}
          rowKey={(s) => s.email}
          cells={(s) => (
            <>
              <NameCells row={s} />
              <td className="p-2">{s.email}</td>
              <td className="p-2">{s.unitCode}</td>
              <td className="p-2">{formatFteCell(s.fte10)}</td>
              <td className="p-2">{s.skills.map((k) => `${k.key}:${k.level}`).join(', ')}</td>
            </>
          )}
        />
      ) : null}
      {totals.changedStaff > 0 ? (
        <PreviewTable
          id="changed-staff-heading"
          title={t('ops.import.changedStaffHeading', { count: totals.changedStaff })}
          columns={[t('ops.import.line'), t('ops.import.name'), t('ops.import.changes')]}
          rows={preview.changedStaff}
          total={totals.changedStaff}
          rowKey={(s) => s.staffId}
          cells={(s) => (
            <>
              <NameCells row={s} withEmail />
              <td className="p-2">
                <ul>
                  {s.changes.map((c, i) => (
                    <li key={i}>
                      <ChangeText change={c} />
                    </li>
                  ))}
                </ul>
              </td>
            </>
          )}
        />
      ) : null}
      {totals.logins > 0 ? (
        <PreviewTable
          id="logins-heading"
          title={t('ops.import.loginsHeading', { count: totals.logins })}
          columns={[t('ops.import.line'), t('ops.import.name'), t('ops.import.loginEmail'), t('ops.import.role'), t('ops.import.action')]}
          rows={preview.logins}
          total={totals.logins}
          rowKey={(l) => l.email}
          cells={(l) => (
            <>
              <NameCells row={l} />
              <td className="p-2">{l.email}</td>
              <td className="p-2">{t(`roles.${l.role}`)}</td>
              <td className="p-2">{t(l.action === 'create' ? 'ops.import.loginCreate' : 'ops.import.loginLink')}</td>
            </>
          )}
        />
      ) : null}
      {totals.managers > 0 ? (
        <PreviewTable
          id="managers-heading"
          title={t('ops.import.managersHeading', { count: totals.managers })}
          columns={[t('ops.import.line'), t('ops.import.name'), t('ops.import.managerFrom'), t('ops.import.managerTo'), t('ops.import.role')]}
          rows={preview.managers}
          total={totals.managers}
          rowKey={(m) => m.email}
          cells={(m) => (
            <>
              <NameCells row={m} withEmail />
              <td className="p-2">{units(m.from)}</td>
              <td className="p-2">{units(m.to)}</td>
              <td className="p-2">
                {m.roleFrom && m.roleFrom !== m.roleTo ? `${t(`roles.${m.roleFrom}`)} → ` : ''}
                {t(`roles.${m.roleTo}`)}
              </td>
            </>
          )}
        />
      ) : null}
      {totals.errors === 0 ? (
        nothing ? (
          <p>{t('ops.import.nothingToDo')}</p>
        ) : (
          <Form method="post" className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-4">
            <p className="w-full">{t('ops.import.readyToApply')}</p>
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="csv" value={preview.csv} />
            <input type="hidden" name="fingerprint" value={preview.fingerprint} />
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('ops.import.apply')}
            </Button>
          </Form>
        )
      ) : null}
    </section>
  )
}

function FormatHelp() {
  const { t } = useTranslation()
  const required = ['firstName', 'lastName', 'email', 'title', 'unitCode', 'fte', 'hireDate'] as const
  const optional = HR_COLUMNS.filter((c) => !(required as readonly string[]).includes(c))
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">{t('ops.import.formatHeading')}</summary>
      <p className="mt-2 max-w-3xl">{t('ops.import.formatIntro')}</p>
      <p className="mt-2 max-w-3xl">{t('ops.import.formatAccounts')}</p>
      <p className="mt-2">
        <strong>{t('ops.import.formatRequired')}:</strong> {required.map((c) => HR_HEADERS[c]).join(', ')}
      </p>
      <p className="mt-1">
        <strong>{t('ops.import.formatOptional')}:</strong> {optional.map((c) => HR_HEADERS[c]).join(', ')}
      </p>
      <p className="mt-2 font-semibold">{t('ops.import.formatExample')}</p>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">
        {`${HR_COLUMNS.map((c) => HR_HEADERS[c]).join(';')}\nAnna;Berg;anna.berg@kommun.se;Socialsekreterare;Barn och unga Utredning Norr;bou-norr;Barn och unga;0,8;12;2019-08-15;ja;bbic:3|mi:2;ja;ja;\nBo;Ek;bo.ek@kommun.se;Enhetschef;Barn och unga Utredning Norr;bou-norr;Barn och unga;1,0;0;2015-03-01;nej;;ja;ja;bou-norr`}
      </pre>
    </details>
  )
}

export default function AdminImportPage() {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const { maxMb } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('ops.import.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('ops.import.intro')}</p>
      </header>
      <UploadForm maxMb={maxMb} lastResult={data?.result ?? undefined} />
      {data?.preview ? (
        <>
          <Preview preview={data.preview} formError={data.formError} />
          <p>
            <a href="/admin/import" className="text-brand-700 underline">
              {t('ops.import.startOver')}
            </a>
          </p>
        </>
      ) : null}
      <FormatHelp />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
