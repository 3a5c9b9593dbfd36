/**
 * The keys the simulators accept. `npm start`, the integration tests and the real-n8n
 * end-to-end tests all use these; anything else is rejected the way the provider rejects it.
 */
export const SANDBOX_KEYS = {
	conta: { apiKey: 'conta-sandbox-key-4f1c' },
	konto: { username: 'demo@konto.is', apiKey: 'konto-sandbox-key-9a2b' },
	contraccounts: { apiKey: 'cc-sandbox-key-7d3e' },
	autoinvoice: {
		companyUuid: '5b7b9f2e-1c55-4e8a-9d3a-0f6f1b2c3d4e',
		userApiKey: 'a3c1e0d2-7b4f-4c1e-9a8b-2d6f0e1c3b5a',
		vendorApiKey: 'f9e8d7c6-b5a4-4321-8fed-cba987654321',
	},
} as const;

/** Fixed ports used by `npm start` (tests use random ports). */
export const SANDBOX_PORTS = {
	conta: 4101,
	konto: 4102,
	contraccounts: 4103,
	autoinvoice: 4104,
} as const;

export type Provider = keyof typeof SANDBOX_KEYS;
export const PROVIDERS: Provider[] = ['conta', 'konto', 'contraccounts', 'autoinvoice'];
