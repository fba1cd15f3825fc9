// Integration accounts: another system (an HR or case-management system)
// reaching the API with tokens that belong to it, not to a person. Each token
// has a scope (read-only, or acting with the integration's role) and an
// expiry date; central creates and revokes them. An integration is an
// account of kind INTEGRATION: it never signs in on the web.
import { randomBytes } from 'node:crypto'
import { prisma } from '~/utils/db.server'
import { ConflictError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { today } from '~/utils/weeks'
import { MAX_ACTIVE_TOKENS, newApiTokenSecret } from './api-tokens.server'
import { audit } from './audit.server'
import { CreateIntegrationSchema, CreateIntegrationTokenSchema, INTEGRATION_TOKEN_MAX_DAYS } from './integration-schemas'
import { endAccess } from './users.server'
import { parseInput } from './validation'

const INTEGRATION_DOMAIN = 'integration.avlast.invalid'
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)
const isId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id)

const tokenSelect = { id: true, name: true, prefix: true, scope: true, expiresAt: true, createdAt: true, lastUsedAt: true } as const

export async function listIntegrations(actor: Actor) {
  assertRole(actor, 'CENTRAL')
  return prisma.user.findMany({
    where: { kind: 'INTEGRATION' },
    orderBy: [{ active: 'desc' }, { name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      role: true,
      active: true,
      createdAt: true,
      managedUnits: { select: { unit: { select: { id: true, name: true } } }, orderBy: { unit: { name: 'asc' } } },
      apiTokens: { where: { revokedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: tokenSelect },
    },
  })
}

/** A readable, unique sign-in name for the audit log's actor column (`lonesystemet.k3f9@integration.avlast.invalid`). */
function integrationEmail(name: string) {
  const slug =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'integration'
  return `${slug}.${randomBytes(3).toString('hex')}@${INTEGRATION_DOMAIN}`
}

export async function createIntegration(actor: Actor, values: unknown) {
  assertRole(actor, 'CENTRAL')
  const input = parseInput(CreateIntegrationSchema, values)
  if (input.role === 'MANAGER' && !input.managedUnitIds.length) throw new InputError('managedUnitIds', 'accounts.errors.unitsRequired')
  if (input.role !== 'MANAGER' && input.managedUnitIds.length) throw new InputError('managedUnitIds', 'accounts.errors.unitsOnlyForManagers')
  return prisma.$transaction(async (tx) => {
    const unitIds = [...new Set(input.managedUnitIds)]
    if (unitIds.some((id) => !isId(id)) || (await tx.unit.count({ where: { id: { in: unitIds } } })) !== unitIds.length)
      throw new InputError('managedUnitIds', 'accounts.errors.unitUnknown')
    const integration = await tx.user.create({
      data: {
        kind: 'INTEGRATION',
        email: integrationEmail(input.name),
        name: input.name,
        role: input.role,
        managedUnits: { create: unitIds.map((unitId) => ({ unitId })) },
      },
      select: { id: true, name: true, email: true },
    })
    await audit(tx, actor, { action: 'integration.create', entity: 'User', entityId: integration.id, after: { role: input.role, unitIds } })
    return integration
  })
}

/** A token for an active integration; the plaintext is returned here and never again. It works through `expiresOn`. */
export async function createIntegrationToken(actor: Actor, values: unknown, now = today()) {
  assertRole(actor, 'CENTRAL')
  const input = parseInput(CreateIntegrationTokenSchema, values)
  if (input.expiresOn <= now || input.expiresOn > addDays(now, INTEGRATION_TOKEN_MAX_DAYS))
    throw new InputError('expiresOn', 'accounts.integrations.expiryRange')
  const expiresAt = addDays(input.expiresOn, 1)
  const { token, tokenHash, prefix } = newApiTokenSecret()
  return prisma.$transaction(async (tx) => {
    const integration = isId(input.integrationId)
      ? await tx.user.findFirst({ where: { id: input.integrationId, kind: 'INTEGRATION' }, select: { id: true, active: true } })
      : null
    if (!integration) throw new NotFoundError()
    if (!integration.active) throw new ConflictError('accounts.integrations.inactive')
    if ((await tx.apiToken.count({ where: { userId: integration.id, revokedAt: null } })) >= MAX_ACTIVE_TOKENS)
      throw new InputError('name', 'api.tokens.tooMany')
    const apiToken = await tx.apiToken.create({
      data: {
        userId: integration.id,
        name: input.name,
        tokenHash,
        prefix,
        scope: input.scope,
        expiresAt,
        createdById: actor.id.startsWith('system:') ? null : actor.id,
      },
      select: tokenSelect,
    })
    await audit(tx, actor, {
      action: 'apiToken.create',
      entity: 'ApiToken',
      entityId: apiToken.id,
      after: { integrationId: integration.id, name: apiToken.name, prefix, scope: input.scope, expiresAt },
    })
    return { token, apiToken }
  })
}

export async function revokeIntegrationToken(actor: Actor, tokenId: string) {
  assertRole(actor, 'CENTRAL')
  await prisma.$transaction(async (tx) => {
    const token = isId(tokenId)
      ? await tx.apiToken.findFirst({ where: { id: tokenId, revokedAt: null, user: { kind: 'INTEGRATION' } }, select: { name: true, prefix: true } })
      : null
    if (!token) throw new NotFoundError()
    const revokedAt = new Date()
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt } })
    await audit(tx, actor, { action: 'apiToken.revoke', entity: 'ApiToken', entityId: tokenId, before: token, after: { revokedAt } })
  })
}

/** Turns an integration off: every token of it stops at once. */
export async function deactivateIntegration(actor: Actor, integrationId: string) {
  assertRole(actor, 'CENTRAL')
  await prisma.$transaction(async (tx) => {
    const integration = isId(integrationId)
      ? await tx.user.findFirst({ where: { id: integrationId, kind: 'INTEGRATION', active: true }, select: { id: true } })
      : null
    if (!integration) throw new NotFoundError()
    const now = new Date()
    await tx.user.update({ where: { id: integrationId }, data: { active: false, deactivatedAt: now } })
    await audit(tx, actor, { action: 'integration.deactivate', entity: 'User', entityId: integrationId, after: await endAccess(tx, integrationId, now) })
  })
}
