import { readFile } from 'node:fs/promises'
import { expect, expectAccessible, signIn, test, toast } from './fixtures'

const HEADER = 'Förnamn;Efternamn;E-post;Befattning;Enhet;Enhetskod;Område;Tjänstgöringsgrad;Ärenden;Anställningsdatum;Samtycke till utlån;Kompetenser'

function csvFile(lines: string[]) {
  return { name: 'personal.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8') }
}

test('central uploads an HR file, fixes the bad line the preview points at, and applies it', async ({ page }) => {
  await signIn(page, 'central')
  await page.goto('/admin/import')
  await expect(page.getByRole('heading', { level: 1, name: 'Importera personal från HR-systemet' })).toBeVisible()
  await expectAccessible(page)

  const good = 'Åsa;Importsson;asa.importsson@kommun.example.se;Socialsekreterare;;bou-norr;;80 %;6;2021-02-01;ja;bbic:2'
  const bad = 'Olle;Felsson;olle.felsson@kommun.example.se;Socialsekreterare;;bou-norr;;heltid;;2021-02-01;;'
  await page.getByLabel('CSV-fil').setInputFiles(csvFile([good, bad]))
  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  const errors = page.getByRole('region', { name: /Rader med fel/ })
  await expect(errors).toBeVisible()
  await expect(errors.getByRole('row', { name: /^3 / })).toContainText('”heltid” är ingen tjänstgöringsgrad')
  await expect(page.getByRole('button', { name: 'Genomför importen' })).toHaveCount(0)
  await expectAccessible(page)

  await page.getByLabel('CSV-fil').setInputFiles(csvFile([good, bad.replace('heltid', '1,0')]))
  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  const newStaff = page.getByRole('region', { name: 'Nya medarbetare (2)' })
  await expect(newStaff.getByRole('row', { name: /Åsa Importsson/ })).toContainText('0,8')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Genomför importen' }).click()
  await expect(toast(page)).toContainText('Importen är genomförd: 2 nya och 0 ändrade medarbetare, 0 nya enheter.')
})

test('central hands out a person’s data and erases them after confirming', async ({ page }) => {
  await signIn(page, 'central')
  await page.goto('/admin/import')
  await page.getByLabel('CSV-fil').setInputFiles(csvFile(['Greta;Raderasson;greta.raderasson@kommun.example.se;Socionom;;bou-norr;;1;;2020-05-01;ja;mi:2']))
  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  await page.getByRole('button', { name: 'Genomför importen' }).click()
  await expect(toast(page)).toContainText('Importen är genomförd')

  await page.goto('/admin/privacy')
  await page.getByLabel('Namn eller e-postadress').fill('raderasson')
  await page.getByRole('button', { name: 'Sök' }).click()
  await expect(page.getByText('greta.raderasson@kommun.example.se')).toBeVisible()
  await expectAccessible(page)

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner uppgifterna (JSON)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^avlast-personuppgifter-.+\.json$/)
  const data = JSON.parse(await readFile(await download.path(), 'utf8')) as { person: { email: string }; skills: unknown[] }
  expect(data.person.email).toBe('greta.raderasson@kommun.example.se')
  expect(data.skills).toHaveLength(1)

  await page.getByRole('link', { name: 'Radera… Greta Raderasson' }).click()
  await expect(page.getByRole('heading', { name: 'Radera Greta Raderasson?' })).toBeVisible()
  await expectAccessible(page)
  const confirm = page.getByLabel(/Skriv personens e-postadress/)
  await confirm.fill('fel@kommun.example.se')
  await page.getByRole('button', { name: 'Radera för gott' }).click()
  await expect(page.getByText('E-postadressen stämmer inte med personens.')).toBeVisible()
  await expect(confirm).toHaveAttribute('aria-invalid', 'true')
  await confirm.fill('greta.raderasson@kommun.example.se')
  await page.getByRole('button', { name: 'Radera för gott' }).click()
  await expect(toast(page)).toContainText('Personen är raderad.')
  await page.getByLabel('Namn eller e-postadress').fill('raderasson')
  await page.getByRole('button', { name: 'Sök' }).click()
  await expect(page.getByText('Ingen medarbetare matchar ”raderasson”.')).toBeVisible()
})
