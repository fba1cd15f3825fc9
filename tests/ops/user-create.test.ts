// `npm run -s user:create`: the first central administrator on an empty database.
import { describe, expect, test } from 'vitest'
import { verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { createUnit } from '../factories'
import { databaseHash, runScript } from './support'

const url = () => process.env.DATABASE_URL!
const PASSWORD = 'Första-Admin-På-Plats-7'
const create = (args: string[], stdin?: string) => runScript('scripts/user-create.ts', args, url(), {}, stdin)

describe('npm run user:create', () => {
  test('on an empty database it makes a central user who can sign in, with the password from standard input', async () => {
    expect(await prisma.user.count()).toBe(0)
    const result = await create(['--email', 'Admin@Kommun.se', '--name', 'Alva Admin', '--role', 'CENTRAL', '--password-stdin'], `${PASSWORD}\n`)
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain('Användaren admin@kommun.se är skapad (Central enhet).')
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@kommun.se' }, select: { id: true, role: true, active: true } })
    expect(user).toMatchObject({ role: 'CENTRAL', active: true })
    expect(await verifyLogin('admin@kommun.se', PASSWORD)).toMatchObject({ id: user.id })
    expect(await prisma.auditLog.findFirst({ where: { action: 'user.create', entityId: user.id } })).toMatchObject({ actorEmail: 'system:user-create' })
  })

  test('bad input exits 2 naming the field, and writes nothing', async () => {
    await prisma.user.create({ data: { email: 'taken@kommun.se', name: 'Taken', role: 'CENTRAL' } })
    const unit = await createUnit()
    const cases: [string[], string | undefined, string][] = [
      [['--email', 'taken@kommun.se', '--name', 'N', '--role', 'CENTRAL', '--password-stdin'], PASSWORD, '--email: E-postadressen används redan av ett annat konto.'],
      [['--email', 'ny@kommun.se', '--name', 'N', '--role', 'ADMIN', '--password-stdin'], PASSWORD, '--role: Välj en roll'],
      [['--email', 'ny@kommun.se', '--name', 'N', '--role', 'CENTRAL', '--password-stdin'], 'password1234\n', '--password-stdin: Lösenordet är för vanligt eller lätt att gissa.'],
      [['--email', 'ny@kommun.se', '--name', 'N', '--role', 'CENTRAL', '--password-stdin'], 'kort\n', '--password-stdin: Lösenordet behöver vara minst 12 tecken.'],
      [['--email', 'ny@kommun', '--name', 'N', '--role', 'CENTRAL'], undefined, '--email: Ange en giltig e-postadress'],
      [['--email', 'ny@kommun.se', '--role', 'CENTRAL'], undefined, '--name: Ange ett namn.'],
      [['--email', 'ny@kommun.se', '--name', 'N', '--role', 'MANAGER', '--unit', 'finns-inte'], undefined, '--unit: Enheten finns inte.'],
      [['--email', 'ny@kommun.se', '--name', 'N', '--role', 'MANAGER'], undefined, '--unit: En enhetschef behöver minst en enhet.'],
    ]
    const before = await databaseHash()
    for (const [args, stdin, message] of cases) {
      const result = await create(args, stdin)
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(2)
      expect(result.stderr).toContain(message)
      expect(result.stderr).toContain('Inget har sparats.')
    }
    expect(await databaseHash()).toBe(before)
    // A manager by unit code, without a password (single sign-on or a set-password link later).
    const ok = await create(['--email', 'chef@kommun.se', '--name', 'Chef', '--role', 'manager', '--unit', unit.code.toUpperCase()])
    expect(ok.status, ok.stderr).toBe(0)
    expect(await prisma.unitManager.count({ where: { unitId: unit.id, user: { email: 'chef@kommun.se' } } })).toBe(1)
  }, 120_000) // nine runs of the command, a few seconds each

  test('an unknown option is a usage error', async () => {
    expect((await create(['--mail', 'x@kommun.se'])).status).toBe(64)
  })
})
