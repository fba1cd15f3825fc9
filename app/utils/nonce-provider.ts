import { createContext, useContext } from 'react'

// The CSP nonce for this response's inline scripts (empty in the browser).
export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
