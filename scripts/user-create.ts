// `npm run -s user:create -- --email E --name "N" --role CENTRAL [--unit CODE …]
//  [--staff-email E] [--password-stdin] [--locale sv|en]`: creates a person's
// account, such as the first central administrator on an empty database.
// The password is read from standard input (never from the command line,
// where other users could see it); without --password-stdin the person signs
// in with single sign-on or a set-password link. Exit 2 names the bad field
// and writes nothing; 64 is a usage error.
import { parseArgs } from 'node:util'
import { getDatabaseUrl } from '../app/utils/database-url'
import { ensureClientFor } from './lib/prisma-cli'

const USAGE = 'Usage: npm run -s user:create -- --email E --name "N" --role STAFF|MANAGER|CENTRAL [--unit CODE …] [--staff-email E] [--password-stdin] [--locale sv|en]'

let values
try {
  values = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string', multiple: true, default: [] },
      'staff-email': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      locale: { type: 'string', default: 'sv' },
    },
  }).values
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`)
  process.exit(64)
}

// The domain's field names as the command line spells them.
const FLAGS: Record<string, string> = {
  email: '--email',
  name: '--name',
  role: '--role',
  managedUnitIds: '--unit',
  staffEmail: '--staff-email',
  password: '--password-stdin',
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) console.error('Password (then Ctrl-D):')
  let text = ''
  for await (const chunk of process.stdin) {
    text += chunk
    // A password is short; a runaway pipe is not read whole into memory.
    if (text.length > 4096) break
  }
  return text.replace(/\r?\n$/, '')
}

ensureClientFor(getDatabaseUrl())
// Loaded after the client is generated for this database.
const { getFixedT } = await import('../app/i18n')
const { createUser, listAssignableUnits, SYSTEM_USER_ADMIN } = await import('../app/models/users.server')
const { InputError } = await import('../app/utils/errors')
const { prisma } = await import('../app/utils/db.server')
const t = getFixedT(values.locale === 'en' ? 'en' : 'sv')

let exitCode = 0
try {
  const password = values['password-stdin'] ? await readStdin() : undefined
  const units = await listAssignableUnits(SYSTEM_USER_ADMIN)
  const managedUnitIds = values.unit.map((code) => {
    const unit = units.find((u) => u.code.toLowerCase() === code.trim().toLowerCase())
    if (!unit) throw new InputError('managedUnitIds', 'accounts.errors.unitUnknown')
    return unit.id
  })
  const user = await createUser(
    SYSTEM_USER_ADMIN,
    { email: values.email ?? '', name: values.name ?? '', role: (values.role?.trim().toUpperCase() ?? '') as 'CENTRAL', managedUnitIds, staffEmail: values['staff-email'] },
    { password },
  )
  console.log(t('accounts.cli.created', { email: user.email, role: t(`roles.${user.role}`) }))
} catch (error) {
  if (error instanceof InputError) {
    console.error(`${FLAGS[error.path] ?? error.path}: ${t(error.message)}`)
    console.error(t('accounts.cli.nothingWritten'))
    exitCode = 2
  } else {
    console.error(error instanceof Error ? error.message : String(error))
    exitCode = 1
  }
} finally {
  await prisma.$disconnect()
}
process.exit(exitCode)
