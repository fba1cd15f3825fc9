import { expect, expectAccessible, signIn, test, toast } from './fixtures'

const ME = { query: '{ me { email } }' }

test('a personal API token is created, shown once, works against /graphql and stops working when revoked', async ({ page, loginAs, request }) => {
  await loginAs('staff')
  await page.getByRole('link', { name: 'API-nycklar för integrationer' }).click()
  await expect(page).toHaveURL(/\/profile\/tokens$/)
  await expect(page.getByRole('heading', { level: 1, name: 'API-nycklar' })).toBeVisible()
  await expect(page.getByText('Du har inga API-nycklar.')).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Skapa nyckel' }).click()
  await expect(page.getByText('Ange ett namn på nyckeln.')).toBeVisible()
  await expect(page.getByLabel('Namn på nyckeln')).toHaveAttribute('aria-invalid', 'true')

  await page.getByLabel('Namn på nyckeln').fill('Lönesystemet')
  await page.getByRole('button', { name: 'Skapa nyckel' }).click()
  await expect(page.getByRole('heading', { name: 'Nyckeln Lönesystemet är skapad' })).toBeVisible()
  const token = await page.getByLabel('Din nya API-nyckel').inputValue()
  expect(token).toMatch(/^avl_[A-Za-z0-9_-]{43}$/)
  const row = page.getByRole('row', { name: /Lönesystemet/ })
  await expect(row).toContainText(token.slice(0, 12))
  await expect(row).not.toContainText(token)
  await expectAccessible(page)

  const answer = await request.post('/graphql', { headers: { Authorization: `Bearer ${token}` }, data: ME })
  expect(answer.status()).toBe(200)
  expect(await answer.json()).toEqual({ data: { me: { email: 'medarbetare@demo.avlast.se' } } })

  // Shown once: after a reload only the start of the token is left.
  await page.goto('/profile/tokens')
  await expect(page.getByLabel('Din nya API-nyckel')).toHaveCount(0)
  await expect(page.getByRole('row', { name: /Lönesystemet/ })).toContainText(token.slice(0, 12))

  await page.getByRole('button', { name: 'Återkalla nyckeln Lönesystemet' }).click()
  await expect(toast(page)).toContainText('Nyckeln är återkallad och fungerar inte längre.')
  await expect(page.getByText('Du har inga API-nycklar.')).toBeVisible()
  const refused = await request.post('/graphql', { headers: { Authorization: `Bearer ${token}` }, data: ME })
  expect(refused.status()).toBe(401)
  expect((await refused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED')
})

test('tokens can be created without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, 'manager')
  await page.goto('/profile/tokens')
  await page.getByLabel('Namn på nyckeln').fill('Verksamhetssystemet')
  await page.getByRole('button', { name: 'Skapa nyckel' }).click()
  await expect(page.getByRole('heading', { name: 'Nyckeln Verksamhetssystemet är skapad' })).toBeVisible()
  await expect(page.getByLabel('Din nya API-nyckel')).toHaveValue(/^avl_/)
  await context.close()
})
