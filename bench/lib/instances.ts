// The benchmark's instances, by name: GENERATOR-SIZE-SEED[-v2], e.g.
// own-large-1, other-large-2, own-medium-3-v2. Generated from their seed, so
// only their reference figures are kept (bench/instances/reference.json),
// with a hash that tells when a generator has changed under them.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { generateInstance, SHAPES, toVersion2 } from '../../app/engine/generate'
import { generateOtherInstance } from '../../app/engine/generate-other'
import type { Instance } from '../../app/engine/types'

export const referenceFile = path.resolve(import.meta.dirname, '../instances/reference.json')

/** Figures computed offline with HiGHS: the LP relaxation's value, and the best solution and bound of a long branch-and-bound run. */
export type Reference = {
  hash: string
  lpBound?: number
  lpSeconds?: number
  mipBest?: number
  mipBound?: number
  mipSeconds?: number
  mipStatus?: string
}

export function instanceByName(name: string): Instance {
  const m = /^(own|other)-(small|medium|large)-(\d+)(-v2)?$/.exec(name)
  if (!m) throw new Error(`unknown benchmark instance ${name} (GENERATOR-SIZE-SEED[-v2])`)
  const [, generator, size, seed, v2] = m
  const v1 = (generator === 'own' ? generateInstance : generateOtherInstance)(SHAPES[size as keyof typeof SHAPES], Number(seed))
  return v2 ? toVersion2(v1, Number(seed)) : v1
}

export const hashOf = (instance: Instance) => crypto.createHash('sha256').update(JSON.stringify(instance)).digest('hex').slice(0, 16)

export function readReferences(): Record<string, Reference> {
  return fs.existsSync(referenceFile) ? (JSON.parse(fs.readFileSync(referenceFile, 'utf8')) as Record<string, Reference>) : {}
}
