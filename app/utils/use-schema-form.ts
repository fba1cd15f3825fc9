import { useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { z } from 'zod'

type Options<S extends z.ZodTypeAny> = Omit<Parameters<typeof useForm<z.input<S>, z.output<S>>>[0], 'constraint' | 'onValidate' | 'shouldValidate' | 'shouldRevalidate'>

/**
 * A conform form validated by the same zod schema as the server: errors show
 * when a field is left, and clear as soon as it is fixed (no layout jumps
 * under the pointer when the user then presses the button).
 */
export function useSchemaForm<S extends z.ZodTypeAny>(schema: S, options: Options<S>) {
  return useForm<z.input<S>, z.output<S>>({
    ...options,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}
