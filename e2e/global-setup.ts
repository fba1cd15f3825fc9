// Runs once before the e2e specs: the loopback SMTP server every spec's mail goes to.
import { startMailDrop } from './support/smtp'

export default async function globalSetup() {
  return startMailDrop()
}
