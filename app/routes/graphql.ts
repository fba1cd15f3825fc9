// The integration API (graphql/): Yoga answers both GET (queries) and POST.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { yoga } from '../../graphql/yoga.server'

export async function loader({ request }: LoaderFunctionArgs) {
  return yoga.handleRequest(request, {})
}

export async function action({ request }: ActionFunctionArgs) {
  return yoga.handleRequest(request, {})
}
