import { describe, expect, test } from 'vitest'
import { csvSafe, detectDelimiter, formatFteCell, parseFte, parseHrCsv, parseLogin, parseManagerOf, parseSkills } from './hr-file.server'

const TODAY = new Date('2026-11-23T00:00:00Z')
const HEADER = 'Förnamn;Efternamn;E-post;Befattning;Enhet;Enhetskod;Område;Tjänstgöringsgrad;Ärenden;Anställningsdatum;Samtycke till utlån;Kompetenser'
const ROW = 'Anna;Berg;Anna.Berg@kommun.se;Socialsekreterare;Barn och unga Norr;bou-norr;Barn och unga;0,8;12;2019-08-15;ja;bbic:3|mi:2'

const parse = (text: string) => parseHrCsv(text, { today: TODAY })
const messages = (text: string) => parse(text).errors.map((e) => [e.line, e.message])

describe('reading the file', () => {
  test('a Swedish semicolon file with a BOM and CRLF gives typed rows', () => {
    const file = parse(`\uFEFF${HEADER}\r\n${ROW}\r\n`)
    expect(file.errors).toEqual([])
    expect(file.delimiter).toBe(';')
    expect(file.rows).toEqual([
      {
        line: 2,
        firstName: 'Anna',
        lastName: 'Berg',
        email: 'anna.berg@kommun.se',
        title: 'Socialsekreterare',
        unitName: 'Barn och unga Norr',
        unitCode: 'bou-norr',
        area: 'Barn och unga',
        fte10: 8,
        caseload: 12,
        hireDate: new Date('2019-08-15T00:00:00Z'),
        lendingConsent: true,
        skills: [
          { key: 'bbic', level: 3 },
          { key: 'mi', level: 2 },
        ],
        active: null,
        login: null,
        managerOf: null,
      },
    ])
  })

  test('a comma file with quoted decimal commas reads the same', () => {
    const header = HEADER.replaceAll(';', ',')
    const file = parse(`${header}\n"Anna","Berg, född Ek",anna@kommun.se,Socialsekreterare,,bou-norr,,"0,5",,2019-08-15,nej,mi:2\n`)
    expect(file.delimiter).toBe(',')
    expect(file.errors).toEqual([])
    expect(file.rows[0]).toMatchObject({ lastName: 'Berg, född Ek', fte10: 5, caseload: null, lendingConsent: false, unitName: null })
  })

  test('the delimiter is the one the header uses most, semicolon on a tie', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';')
    expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',')
    expect(detectDelimiter('"a;b",c,d')).toBe(',')
    expect(detectDelimiter('abc')).toBe(';')
  })

  test('headers are matched without regard to case, spacing or common aliases; unknown columns are reported, not imported', () => {
    const file = parse(
      `fornamn; EFTERNAMN ;E-postadress;Titel;Enhetskod;Sysselsättningsgrad;Anställningsdatum;Personnummer\nAnna;Berg;anna@kommun.se;Socionom;bou;100 %;2020-01-01;19800101-1234\n`,
    )
    expect(file.errors).toEqual([])
    expect(file.rows[0]).toMatchObject({ firstName: 'Anna', fte10: 10, unitCode: 'bou' })
    expect(file.rows[0]).not.toHaveProperty('personnummer')
    expect(file.warnings).toEqual([{ line: 1, message: 'ops.import.warnings.ignoredColumn', values: { header: 'Personnummer' } }])
  })

  test('a missing required column, a duplicate column, an empty file and a file without rows are refused on line 1', () => {
    expect(messages('Förnamn;Efternamn\nA;B\n')).toEqual([[1, 'ops.import.errors.missingHeaders']])
    expect(parse('Förnamn;Efternamn\nA;B\n').errors[0].values?.headers).toBe('E-post, Befattning, Enhetskod, Tjänstgöringsgrad, Anställningsdatum')
    expect(messages(`${HEADER};E-post\n`)).toEqual([[1, 'ops.import.errors.duplicateHeader']])
    expect(messages('')).toEqual([[1, 'ops.import.errors.empty']])
    expect(messages('\uFEFF\r\n\r\n')).toEqual([[1, 'ops.import.errors.empty']])
    expect(messages(`${HEADER}\n;;;;;;;;;;;\n`)).toEqual([[1, 'ops.import.errors.noRows']])
  })

  test('a file that is not UTF-8 (Excel’s default ANSI) is refused with advice', () => {
    const latin1 = new TextDecoder('utf-8').decode(new Uint8Array([0x46, 0xf6, 0x72, 0x6e, 0x61, 0x6d, 0x6e])) // "Förnamn" in Windows-1252
    expect(messages(`${latin1};Efternamn\n`)).toEqual([[1, 'ops.import.errors.notUtf8']])
  })

  test('blank lines are skipped and line numbers still point at the file’s own lines, also after a quoted line break', () => {
    const file = parse(
      `${HEADER}\n\n${ROW}\n"Eva";"Lind\nSjö";eva@kommun.se;Socionom;;bou-norr;;1;;2020-01-01;;\n\nOla;Berg;ola@kommun.se;Socionom;;bou-norr;;fel;;2020-01-01;;\n`,
    )
    expect(file.rows.map((r) => r.line)).toEqual([3])
    expect(file.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [4, 'lastName', 'ops.import.errors.controlChars'],
      [7, 'fte', 'ops.import.errors.fteInvalid'],
    ])
    expect(file.recordCount).toBe(3)
  })

  test('an unclosed quote is reported on the line where it opens', () => {
    const file = parse(`${HEADER}\n${ROW}\nEva;"Lind;eva@kommun.se\nmore\n`)
    expect(file.errors).toEqual([{ line: 3, message: 'ops.import.errors.quoteNotClosed' }])
    expect(file.rows).toHaveLength(1)
  })

  test('a row with a different number of fields is refused with both counts', () => {
    const file = parse(`${HEADER}\nAnna;Berg;anna@kommun.se\n${ROW};;\n${ROW};extra\n`)
    expect(file.errors).toEqual([
      { line: 2, message: 'ops.import.errors.fieldCount', values: { expected: 12, actual: 3 } },
      { line: 4, message: 'ops.import.errors.fieldCount', values: { expected: 12, actual: 13 } },
    ])
    expect(file.rows.map((r) => r.line)).toEqual([3])
  })

  test('the same e-mail twice: the later line is refused, naming the first', () => {
    const file = parse(`${HEADER}\n${ROW}\n${ROW.replace('Anna.Berg@kommun.se', ' ANNA.berg@KOMMUN.se ')}\n`)
    expect(file.errors).toEqual([{ line: 3, column: 'email', message: 'ops.import.errors.duplicateEmail', values: { line: 2 } }])
  })

  test('too many rows are refused rather than half read', () => {
    const rows = Array.from({ length: 4 }, (_, i) => ROW.replace('Anna.Berg', `p${i}`)).join('\n')
    expect(parseHrCsv(`${HEADER}\n${rows}\n`, { today: TODAY, maxRows: 3 }).errors).toEqual([
      { line: 5, message: 'ops.import.errors.tooManyRows', values: { max: 3 } },
    ])
  })
})

describe('the login and manager columns', () => {
  const header = `${HEADER};Inloggning;Chef för`

  test('Inloggning: ja is the row’s e-mail, another address is the login’s own, nej or empty leaves it; Chef för lists unit codes', () => {
    const file = parse(
      `${header}\n${ROW};ja;bou-norr|BOU-SYD\n${ROW.replace('Anna.Berg', 'bo.ek')};Bo.Ek@Kommun.onmicrosoft.com;nej\n${ROW.replace('Anna.Berg', 'cia')};nej;\n`,
    )
    expect(file.errors).toEqual([])
    expect(file.rows.map((r) => [r.login, r.managerOf])).toEqual([
      ['anna.berg@kommun.se', ['bou-norr', 'BOU-SYD']],
      ['bo.ek@kommun.onmicrosoft.com', []],
      [null, null],
    ])
  })

  test('English and other Swedish headers are taken too', () => {
    const file = parse(`${HEADER};E-post för inloggning;Chefsuppdrag\n${ROW};ja;bou-norr\n`)
    expect(file.rows[0]).toMatchObject({ login: 'anna.berg@kommun.se', managerOf: ['bou-norr'] })
    expect(parse(`${HEADER};Login;Manager of\n${ROW};yes;bou-norr\n`).rows[0]).toMatchObject({ login: 'anna.berg@kommun.se', managerOf: ['bou-norr'] })
  })

  test('a bad login or unit code names its line and column; the same login twice names the first line', () => {
    const file = parse(
      `${header}\n${ROW};kanske;\n${ROW.replace('Anna.Berg', 'bo')};ja;bou#norr\n${ROW.replace('Anna.Berg', 'cia')};delad@kommun.se;\n${ROW.replace('Anna.Berg', 'dan')};delad@kommun.se;\n`,
    )
    expect(file.errors).toEqual([
      { line: 2, column: 'login', message: 'ops.import.errors.loginInvalid', values: { value: 'kanske' } },
      { line: 3, column: 'managerOf', message: 'ops.import.errors.managerOfInvalid', values: { value: 'bou#norr' } },
      { line: 5, column: 'login', message: 'ops.import.errors.duplicateLogin', values: { line: 4 } },
    ])
  })

  test('cell formats', () => {
    expect(parseLogin(' JA ', 'a@k.se')).toEqual({ value: 'a@k.se' })
    expect(parseLogin('', 'a@k.se')).toEqual({ value: null })
    expect(parseManagerOf(' a | b | A ')).toEqual({ value: ['a', 'b'] })
    expect(parseManagerOf('Nej')).toEqual({ value: [] })
    expect(parseManagerOf(' | ')).toMatchObject({ error: 'ops.import.errors.managerOfInvalid' })
  })
})

describe('one reason per bad row, in column order', () => {
  const cases: [string, string, string][] = [
    ['an empty first name', ROW.replace('Anna;', ';'), 'firstName:required'],
    ['a bad e-mail', ROW.replace('Anna.Berg@kommun.se', 'anna@'), 'email:emailInvalid'],
    ['a unit code with odd characters', ROW.replace('bou-norr', 'bou#norr'), 'unitCode:unitCodeInvalid'],
    ['FTE above full time', ROW.replace('0,8', '1,2'), 'fte:fteRange'],
    ['FTE of 0', ROW.replace('0,8', '0'), 'fte:fteRange'],
    ['FTE as words', ROW.replace('0,8', 'heltid'), 'fte:fteInvalid'],
    ['a negative caseload', ROW.replace(';12;', ';-1;'), 'caseload:caseloadInvalid'],
    ['a Swedish-style date', ROW.replace('2019-08-15', '15/8 2019'), 'hireDate:dateInvalid'],
    ['an impossible date', ROW.replace('2019-08-15', '2019-02-30'), 'hireDate:dateInvalid'],
    ['a date far ahead', ROW.replace('2019-08-15', '2030-01-01'), 'hireDate:dateRange'],
    ['consent as "kanske"', ROW.replace(';ja;', ';kanske;'), 'lendingConsent:yesNoInvalid'],
    ['a skill without level', ROW.replace('bbic:3', 'bbic'), 'skills:skillSyntax'],
    ['a skill at level 5', ROW.replace('bbic:3', 'bbic:5'), 'skills:skillLevel'],
    ['a skill twice', ROW.replace('mi:2', 'bbic:2'), 'skills:skillDuplicate'],
    ['several problems: the first column wins', ROW.replace('Anna.Berg@kommun.se', 'x').replace('0,8', 'y'), 'email:emailInvalid'],
  ]
  test.each(cases)('%s', (_name, row, expected) => {
    const [issue] = parse(`${HEADER}\n${row}\n`).errors
    expect(`${issue.column}:${issue.message.replace('ops.import.errors.', '')}`).toBe(expected)
    expect(issue.line).toBe(2)
  })
})

describe('field formats', () => {
  test.each([
    ['0,8', 8],
    ['0.8', 8],
    ['1', 10],
    ['1,0', 10],
    ['80 %', 8],
    ['80%', 8],
    ['80', 8],
    ['100 %', 10],
    ['50\u00a0%', 5],
  ])('FTE %s is %i tenths', (raw, tenths) => {
    expect(parseFte(raw)).toEqual({ value: { fte10: tenths, rounded: false } })
  })

  test('FTE between tenths is rounded down with a warning, never up', () => {
    expect(parseFte('75 %')).toEqual({ value: { fte10: 7, rounded: true } })
    expect(parseFte('0,99')).toEqual({ value: { fte10: 9, rounded: true } })
    const file = parse(`${HEADER}\n${ROW.replace('0,8', '75 %')}\n`)
    expect(file.rows[0].fte10).toBe(7)
    expect(file.warnings).toEqual([{ line: 2, column: 'fte', message: 'ops.import.warnings.fteRounded', values: { value: '75 %', fte: '0,7' } }])
  })

  test('skills: keys are lower-cased, spaces and "=" tolerated, an empty cell means "no change"', () => {
    expect(parseSkills(' BBIC : 3 | mi=2 |')).toEqual({
      value: [
        { key: 'bbic', level: 3 },
        { key: 'mi', level: 2 },
      ],
    })
    expect(parseSkills('  ')).toEqual({ value: null })
  })

  test('formula-looking cells are escaped on the way out and unescaped on the way in', () => {
    expect(csvSafe('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`)
    expect(csvSafe('Anna')).toBe('Anna')
    const file = parse(`${HEADER}\n${ROW.replace('Socialsekreterare', "'-Socialsekreterare")}\n`)
    expect(file.rows[0].title).toBe('-Socialsekreterare')
    expect(formatFteCell(8)).toBe('0,8')
  })
})
