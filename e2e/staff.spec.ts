import { expect, expectAccessible, test, toast } from './fixtures'

test('staff add a skill and an absence, and change their consent', async ({ page, loginAs }) => {
  await loginAs('staff')
  await expect(page.getByRole('heading', { level: 1, name: 'Sara Nilsson' })).toBeVisible()
  await expectAccessible(page)

  const skillForm = page.locator('form#save-skill')
  await skillForm.getByLabel('Kompetens').selectOption({ label: 'MI – motiverande samtal (har redan)' })
  await skillForm.getByLabel(/3 – Erfaren/).check()
  await skillForm.getByLabel('Underlag').selectOption('TRAINING')
  await skillForm.getByRole('button', { name: 'Spara kompetens' }).click()
  await expect(toast(page)).toContainText('Kompetensen är sparad.')
  const miRow = page.getByRole('row', { name: /MI – motiverande samtal/ })
  await expect(miRow).toContainText('3 – Erfaren')
  await expect(miRow).toContainText('Utbildning')
  await expect(miRow).toContainText('Ej verifierad')

  await skillForm.getByLabel('Kompetens').selectOption({ label: 'Arabiska' })
  await skillForm.getByLabel(/4 – Expert/).check()
  await skillForm.getByRole('button', { name: 'Spara kompetens' }).click()
  await expect(page.getByRole('row', { name: /Arabiska/ })).toContainText('4 – Expert')

  const absenceForm = page.locator('form#add-absence')
  await absenceForm.getByLabel('Första dag').fill('2027-02-01')
  await absenceForm.getByLabel('Sista dag').fill('2027-01-20')
  await absenceForm.getByRole('button', { name: 'Lägg till frånvaro' }).click()
  await expect(absenceForm.getByText('Slutet kan inte ligga före början.')).toBeVisible()
  await absenceForm.getByLabel('Sista dag').fill('2027-02-12')
  await absenceForm.getByRole('button', { name: 'Lägg till frånvaro' }).click()
  await expect(toast(page)).toContainText('Frånvaron är sparad.')
  await expect(page.getByRole('button', { name: 'Ta bort frånvaro 2027-02-01–2027-02-12' })).toBeVisible()
  // The saved dates are not left in the form, and an overlapping period is refused at its first day.
  await expect(absenceForm.getByLabel('Första dag')).toHaveValue('')
  await absenceForm.getByLabel('Första dag').fill('2027-02-10')
  await absenceForm.getByLabel('Sista dag').fill('2027-02-20')
  await absenceForm.getByRole('button', { name: 'Lägg till frånvaro' }).click()
  await expect(absenceForm.getByText('Perioden överlappar en frånvaro som redan är registrerad.', { exact: false })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Ta bort frånvaro/ })).toHaveCount(1)
  await expectAccessible(page)
})

test('staff are refused manager and central pages', async ({ page, loginAs }) => {
  await loginAs('staff')
  for (const path of ['/units/c6900729-694f-41c0-a1cd-0b364b652a7c', '/matching', '/loans', '/follow-up', '/taxonomy', '/audit']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(403)
  }
})
