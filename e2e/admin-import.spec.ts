import { readFile } from 'node:fs/promises'
import { expect, expectAccessible, signIn, test, toast } from './fixtures'

const HEADER = 'Förnamn;Efternamn;E-post;Befattning;Enhet;Enhetskod;Område;Tjänstgöringsgrad;Ärenden;Anställningsdatum;Samtycke till utlån;Kompetenser'

function csvFile(lines: string[], header = HEADER) {
  return { name: 'personal.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`, 'utf8') }
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

test('the file creates logins and makes a unit manager who keeps their staff profile; a bad manager cell names its line and column', async ({ page }) => {
  await signIn(page, 'central')
  await page.goto('/admin/import')
  const header = `${HEADER};Inloggning;Chef för`
  const boss = (units: string) => `Berit;Chefsdotter;berit.chefsdotter@kommun.example.se;Enhetschef;;lss;;1,0;0;2015-03-01;nej;;ja;${units}`
  const worker = 'Kalle;Kontosson;kalle.kontosson@kommun.example.se;Socialsekreterare;;lss;;1,0;;2022-01-10;;;kalle.k@kommun.onmicrosoft.com;'

  await page.getByLabel('CSV-fil').setInputFiles(csvFile([boss('lss|finns-inte'), worker], header))
  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  const errors = page.getByRole('region', { name: /Rader med fel/ })
  await expect(errors.getByRole('row', { name: /^2 / })).toContainText('Chef för')
  await expect(errors.getByRole('row', { name: /^2 / })).toContainText('Enheten finns-inte finns inte och skapas inte av filen.')
  await expect(page.getByRole('button', { name: 'Genomför importen' })).toHaveCount(0)

  await page.getByLabel('CSV-fil').setInputFiles(csvFile([boss('lss'), worker], header))
  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  await expect(page.getByText('2 inloggningar att skapa eller koppla och 1 chefsuppdrag att ändra.')).toBeVisible()
  const logins = page.getByRole('region', { name: 'Inloggningar (2)' })
  await expect(logins.getByRole('row', { name: /Berit Chefsdotter/ })).toContainText('berit.chefsdotter@kommun.example.se')
  await expect(logins.getByRole('row', { name: /Berit Chefsdotter/ })).toContainText('Enhetschef')
  await expect(logins.getByRole('row', { name: /Kalle Kontosson/ })).toContainText('kalle.k@kommun.onmicrosoft.com')
  await expect(logins.getByRole('row', { name: /Kalle Kontosson/ })).toContainText('Medarbetare')
  const managers = page.getByRole('region', { name: 'Chefer (1)' })
  await expect(managers.getByRole('row', { name: /Berit Chefsdotter/ })).toContainText('inga enheter')
  await expect(managers.getByRole('row', { name: /Berit Chefsdotter/ })).toContainText('lss')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Genomför importen' }).click()
  await expect(toast(page)).toContainText(
    'Importen är genomförd: 2 nya och 0 ändrade medarbetare, 0 nya enheter. Inloggningar: 2 skapade och 0 kopplade; 1 ändrade chefsuppdrag.',
  )

  await page.goto('/admin/users?q=chefsdotter')
  const row = page.getByRole('row', { name: /berit\.chefsdotter@kommun\.example\.se/ })
  await expect(row).toContainText('Enhetschef · har medarbetarprofil')
  await expect(row).toContainText('LSS-handläggning')
  await page.goto('/admin/users?q=kontosson')
  await expect(page.getByRole('row', { name: /kalle\.k@kommun\.onmicrosoft\.com/ })).toContainText('Medarbetare · har medarbetarprofil')
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
