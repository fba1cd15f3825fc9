import type { SkillCategory } from '@prisma/client'

/** Areas of work with their default reasonable caseload (points per full-time post). */
export const AREAS = [
  { key: 'barn-och-unga', nameSv: 'Barn och unga', nameEn: 'Children and young people', casesPerFte: 14 },
  { key: 'ekonomiskt-bistand', nameSv: 'Ekonomiskt bistånd', nameEn: 'Financial assistance', casesPerFte: 35 },
  { key: 'vuxen', nameSv: 'Vuxen', nameEn: 'Adults', casesPerFte: 25 },
  { key: 'aldre', nameSv: 'Äldre', nameEn: 'Older people', casesPerFte: 65 },
  { key: 'lss', nameSv: 'LSS och funktionsstöd', nameEn: 'Disability support (LSS)', casesPerFte: 45 },
] as const

export type AreaKey = (typeof AREAS)[number]['key']

/**
 * Case types per area with their weights (points per open case), after
 * Göteborg's workload measurement, and the usual share of each among the
 * open cases. The areas' reasonable caseload is in points per full-time post.
 */
export const CASE_TYPES: Record<AreaKey, { nameSv: string; nameEn: string; weight: number; share: number }[]> = {
  'barn-och-unga': [
    { nameSv: 'Förhandsbedömning', nameEn: 'Initial assessment', weight: 0.5, share: 0.3 },
    { nameSv: 'Utredning', nameEn: 'Investigation', weight: 1.5, share: 0.4 },
    { nameSv: 'Uppföljning', nameEn: 'Follow-up', weight: 1, share: 0.3 },
  ],
  'ekonomiskt-bistand': [
    { nameSv: 'Nybesök', nameEn: 'First visit', weight: 1.5, share: 0.15 },
    { nameSv: 'Pågående ärende', nameEn: 'Ongoing case', weight: 1, share: 0.7 },
    { nameSv: 'Kompletterande ansökan', nameEn: 'Supplementary application', weight: 0.5, share: 0.15 },
  ],
  vuxen: [
    { nameSv: 'Utredning', nameEn: 'Investigation', weight: 1.5, share: 0.35 },
    { nameSv: 'Insats och uppföljning', nameEn: 'Intervention and follow-up', weight: 1, share: 0.65 },
  ],
  aldre: [
    { nameSv: 'Ansökan', nameEn: 'Application', weight: 1, share: 0.55 },
    { nameSv: 'Uppföljning', nameEn: 'Follow-up', weight: 0.5, share: 0.45 },
  ],
  lss: [
    { nameSv: 'Utredning', nameEn: 'Investigation', weight: 1.5, share: 0.3 },
    { nameSv: 'Uppföljning', nameEn: 'Follow-up', weight: 0.75, share: 0.7 },
  ],
}

type SkillDef = {
  key: string
  nameSv: string
  nameEn: string
  category: SkillCategory
  /** Certificates that expire: years of validity. */
  validYears?: number
  evidence?: 'LICENCE' | 'CERTIFICATE' | 'TRAINING' | 'EXPERIENCE'
}

export const SKILLS: SkillDef[] = [
  {
    key: 'bbic',
    nameSv: 'BBIC – Barns behov i centrum',
    nameEn: 'BBIC – Children’s needs in focus',
    category: 'ASSESSMENT',
    evidence: 'CERTIFICATE',
    validYears: 3,
  },
  {
    key: 'ibic',
    nameSv: 'IBIC – Individens behov i centrum',
    nameEn: 'IBIC – Individual needs in focus',
    category: 'ASSESSMENT',
    evidence: 'CERTIFICATE',
    validYears: 3,
  },
  {
    key: 'asi',
    nameSv: 'ASI – Addiction Severity Index',
    nameEn: 'ASI – Addiction Severity Index',
    category: 'ASSESSMENT',
    evidence: 'CERTIFICATE',
    validYears: 2,
  },
  { key: 'freda', nameSv: 'FREDA – bedömning av våld', nameEn: 'FREDA – violence assessment', category: 'ASSESSMENT', evidence: 'TRAINING' },
  { key: 'audit-dudit', nameSv: 'AUDIT/DUDIT', nameEn: 'AUDIT/DUDIT', category: 'ASSESSMENT', evidence: 'TRAINING' },
  { key: 'mi', nameSv: 'MI – motiverande samtal', nameEn: 'MI – motivational interviewing', category: 'METHOD', evidence: 'TRAINING' },
  { key: 'signs-of-safety', nameSv: 'Signs of Safety', nameEn: 'Signs of Safety', category: 'METHOD', evidence: 'TRAINING' },
  { key: 'barnsamtal', nameSv: 'Barnsamtal', nameEn: 'Talking with children', category: 'METHOD', evidence: 'TRAINING' },
  { key: 'natverksmote', nameSv: 'Nätverksmöten', nameEn: 'Network meetings', category: 'METHOD' },
  { key: 'kbt', nameSv: 'KBT-baserat arbete', nameEn: 'CBT-based work', category: 'METHOD', evidence: 'TRAINING' },
  { key: 'psykoterapeut', nameSv: 'Legitimerad psykoterapeut', nameEn: 'Licensed psychotherapist', category: 'OTHER', evidence: 'LICENCE' },
  { key: 'sol', nameSv: 'Socialtjänstlagen (SoL)', nameEn: 'Social Services Act (SoL)', category: 'LEGAL_AREA' },
  { key: 'lvu', nameSv: 'LVU – vård av unga', nameEn: 'LVU – care of young persons', category: 'LEGAL_AREA' },
  { key: 'lvm', nameSv: 'LVM – vård av missbrukare', nameEn: 'LVM – care of substance abusers', category: 'LEGAL_AREA' },
  { key: 'lss-lag', nameSv: 'LSS – lagen om stöd och service', nameEn: 'LSS – support and service act', category: 'LEGAL_AREA' },
  { key: 'familjeratt', nameSv: 'Familjerätt – vårdnad, boende, umgänge', nameEn: 'Family law – custody, residence, contact', category: 'LEGAL_AREA' },
  { key: 'forsorjningsstod', nameSv: 'Försörjningsstöd', nameEn: 'Income support', category: 'LEGAL_AREA' },
  { key: 'barn-unga', nameSv: 'Barn och unga', nameEn: 'Children and young people', category: 'TARGET_GROUP' },
  { key: 'vald-nara-relation', nameSv: 'Våld i nära relationer', nameEn: 'Domestic violence', category: 'TARGET_GROUP' },
  { key: 'hedersvald', nameSv: 'Hedersrelaterat våld och förtryck', nameEn: 'Honour-related violence', category: 'TARGET_GROUP' },
  { key: 'beroende', nameSv: 'Missbruk och beroende', nameEn: 'Substance abuse and addiction', category: 'TARGET_GROUP' },
  { key: 'aldre', nameSv: 'Äldre', nameEn: 'Older people', category: 'TARGET_GROUP' },
  { key: 'funktionsnedsattning', nameSv: 'Funktionsnedsättning', nameEn: 'Disability', category: 'TARGET_GROUP' },
  { key: 'ensamkommande', nameSv: 'Ensamkommande barn', nameEn: 'Unaccompanied minors', category: 'TARGET_GROUP' },
  { key: 'arabiska', nameSv: 'Arabiska', nameEn: 'Arabic', category: 'LANGUAGE' },
  { key: 'somaliska', nameSv: 'Somaliska', nameEn: 'Somali', category: 'LANGUAGE' },
  { key: 'persiska', nameSv: 'Persiska/dari', nameEn: 'Persian/Dari', category: 'LANGUAGE' },
  { key: 'tigrinja', nameSv: 'Tigrinja', nameEn: 'Tigrinya', category: 'LANGUAGE' },
  { key: 'finska', nameSv: 'Finska', nameEn: 'Finnish', category: 'LANGUAGE' },
  { key: 'bks', nameSv: 'Bosniska/kroatiska/serbiska', nameEn: 'Bosnian/Croatian/Serbian', category: 'LANGUAGE' },
  { key: 'teckensprak', nameSv: 'Svenskt teckenspråk', nameEn: 'Swedish Sign Language', category: 'LANGUAGE' },
]

/** The skills each area's social workers typically hold, most common first. */
export const AREA_SKILLS: Record<AreaKey, string[]> = {
  'barn-och-unga': [
    'bbic',
    'sol',
    'barnsamtal',
    'lvu',
    'barn-unga',
    'signs-of-safety',
    'vald-nara-relation',
    'freda',
    'mi',
    'hedersvald',
    'ensamkommande',
    'familjeratt',
    'natverksmote',
  ],
  'ekonomiskt-bistand': ['forsorjningsstod', 'sol', 'mi', 'vald-nara-relation', 'freda', 'beroende', 'natverksmote'],
  vuxen: ['sol', 'mi', 'asi', 'beroende', 'lvm', 'audit-dudit', 'freda', 'vald-nara-relation', 'kbt', 'psykoterapeut'],
  aldre: ['ibic', 'sol', 'aldre', 'funktionsnedsattning', 'mi', 'vald-nara-relation'],
  lss: ['lss-lag', 'ibic', 'funktionsnedsattning', 'sol', 'barn-unga', 'teckensprak'],
}

export const LANGUAGES = ['arabiska', 'somaliska', 'persiska', 'tigrinja', 'finska', 'bks', 'teckensprak']

export const TITLES: Record<AreaKey, string[]> = {
  'barn-och-unga': ['Socialsekreterare', 'Socialsekreterare', 'Familjebehandlare', 'Familjerättssekreterare'],
  'ekonomiskt-bistand': ['Socialsekreterare', 'Handläggare ekonomiskt bistånd'],
  vuxen: ['Socialsekreterare', 'Behandlingsassistent', 'Socialsekreterare'],
  aldre: ['Biståndshandläggare'],
  lss: ['LSS-handläggare', 'Biståndshandläggare'],
}

/** The demo municipality's ten units: pressure > 1 means more cases than the reasonable caseload. */
export const DEMO_UNITS: { code: string; name: string; area: AreaKey; staff: number; pressure: number; casesPerFte?: number }[] = [
  { code: 'bou-norr', name: 'Barn och unga Utredning Norr', area: 'barn-och-unga', staff: 16, pressure: 1.38 },
  { code: 'bou-syd', name: 'Barn och unga Utredning Syd', area: 'barn-och-unga', staff: 15, pressure: 1.22 },
  { code: 'familjeratt', name: 'Familjerätten', area: 'barn-och-unga', staff: 10, pressure: 0.93, casesPerFte: 20 },
  { code: 'eb-centrum', name: 'Ekonomiskt bistånd Centrum', area: 'ekonomiskt-bistand', staff: 18, pressure: 1.12 },
  { code: 'eb-vaster', name: 'Ekonomiskt bistånd Väster', area: 'ekonomiskt-bistand', staff: 17, pressure: 0.74 },
  { code: 'vuxen-beroende', name: 'Vuxen Beroende', area: 'vuxen', staff: 14, pressure: 1.16 },
  { code: 'vuxen-psykiatri', name: 'Vuxen Socialpsykiatri', area: 'vuxen', staff: 12, pressure: 0.78 },
  { code: 'aldre-ost', name: 'Äldre Biståndshandläggning Öst', area: 'aldre', staff: 16, pressure: 0.8 },
  { code: 'aldre-vast', name: 'Äldre Biståndshandläggning Väst', area: 'aldre', staff: 16, pressure: 1.05 },
  { code: 'lss', name: 'LSS-handläggning', area: 'lss', staff: 14, pressure: 0.76 },
]

export const DEMO_PASSWORD = 'avlast-demo'
export const DEMO_MUNICIPALITY = 'Exempelkommunen'
export const DEMO_USERS = {
  central: 'central@demo.avlast.se',
  manager: 'chef@demo.avlast.se',
  staff: 'medarbetare@demo.avlast.se',
} as const

/** A central officer who has left: the demo's one deactivated account (it cannot sign in). */
export const DEMO_FORMER_USER = 'karin.ekholm@demo.avlast.se'
