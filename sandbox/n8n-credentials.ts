/**
 * The four n8n credentials that point at the local simulators, with fixed ids so re-importing
 * overwrites them and example workflows (`sandbox/workflows/*.json`) can reference them.
 */
import { SANDBOX_KEYS, type Provider } from './credentials';

export interface N8nCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Fixed credential ids, to use in workflows: `"credentials": { "contaApi": { "id": ..., "name": ... } }`. */
export const SANDBOX_CREDENTIAL_IDS: Record<Provider, string> = {
	conta: 'conta-sandbox-cred',
	konto: 'konto-sandbox-cred',
	contraccounts: 'contraccounts-sandbox-cred',
	autoinvoice: 'autoinvoice-sandbox-cred',
};

/** Credential names as shown in the n8n editor. */
export const SANDBOX_CREDENTIAL_NAMES: Record<Provider, string> = {
	conta: 'Conta (sandbox)',
	konto: 'Konto (sandbox)',
	contraccounts: 'Contraccounts (sandbox)',
	autoinvoice: 'AutoInvoice (sandbox)',
};

/** n8n credential type names. */
export const CREDENTIAL_TYPES: Record<Provider, string> = {
	conta: 'contaApi',
	konto: 'kontoApi',
	contraccounts: 'contraccountsApi',
	autoinvoice: 'autoInvoiceApi',
};

/** `{id, name, type, data}` for `n8n import:credentials`, pointing at the simulators' URLs. */
export function sandboxCredentials(urls: Record<Provider, string>): N8nCredential[] {
	const cred = (provider: Provider, data: Record<string, unknown>): N8nCredential => ({
		id: SANDBOX_CREDENTIAL_IDS[provider],
		name: SANDBOX_CREDENTIAL_NAMES[provider],
		type: CREDENTIAL_TYPES[provider],
		data,
	});
	return [
		cred('conta', {
			apiKey: SANDBOX_KEYS.conta.apiKey,
			environment: 'custom',
			baseUrl: urls.conta,
			defaultOrganizationId: '101',
		}),
		cred('konto', {
			username: SANDBOX_KEYS.konto.username,
			apiKey: SANDBOX_KEYS.konto.apiKey,
			environment: 'custom',
			baseUrl: urls.konto,
		}),
		cred('contraccounts', {
			endpointUrl: `${urls.contraccounts}/api.php`,
			apiKey: SANDBOX_KEYS.contraccounts.apiKey,
		}),
		cred('autoinvoice', {
			companyUuid: SANDBOX_KEYS.autoinvoice.companyUuid,
			userApiKey: SANDBOX_KEYS.autoinvoice.userApiKey,
			vendorApiKey: SANDBOX_KEYS.autoinvoice.vendorApiKey,
			environment: 'custom',
			endpointUrl: `${urls.autoinvoice}/apis/v1.1/api`,
		}),
	];
}
