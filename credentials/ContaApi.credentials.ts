import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { redirectRules } from './redirectRules';

const BASE_URLS: Record<string, string> = {
	production: 'https://api.gateway.conta.no',
	sandbox: 'https://api.gateway.conta-sandbox.no',
};

/** The API base URL for the credential's environment, without a trailing slash. */
export function contaBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const url = environment === 'custom' ? String(credentials.baseUrl ?? '') : BASE_URLS[environment] ?? BASE_URLS.production;
	return url.trim().replace(/\/+$/, '');
}

/** Whether a request URL goes to the Conta API (relative, or absolute on the base URL's origin). */
export function isForContaApi(url: string | undefined, baseURL: string): boolean {
	// Absolute (`https://…`) and protocol-relative (`//host/…`) URLs name their own host.
	if (!url || !/^([a-z][a-z0-9+.-]*:)?\/\//i.test(url)) return true;
	try {
		return new URL(url, baseURL).origin === new URL(baseURL).origin;
	} catch {
		return false;
	}
}

export class ContaApi implements ICredentialType {
	name = 'contaApi';

	displayName = 'Conta API';

	icon = { light: 'file:../icons/conta.svg', dark: 'file:../icons/conta.dark.svg' } as const;

	documentationUrl = 'https://hjelp.conta.no/api/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create a key in Conta under Settings → User account → Manage API keys. The key has the same access as the user who made it.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.gateway.conta.no' },
				{ name: 'Sandbox', value: 'sandbox', description: 'https://api.gateway.conta-sandbox.no' },
				{ name: 'Custom URL', value: 'custom', description: 'Any base URL, e.g. a local simulator' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4101',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'The API base URL, without a trailing slash',
		},
		{
			displayName: 'Default Organization ID',
			name: 'defaultOrganizationId',
			type: 'string',
			default: '',
			placeholder: '123',
			description:
				'Optional. Used by operations whose Organization field is left empty. Find it with the Conta node: Organization → Get Many.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description: 'How long to wait for Conta to answer a request before giving up',
		},
	];

	/**
	 * Sends the key in the `apiKey` header, asks for English errors, and sets the base URL.
	 * A request to an absolute URL on another host (Conta's temporary file links) gets no key:
	 * the key only ever goes to the Conta API host.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseURL = requestOptions.baseURL || contaBaseUrl(credentials);
		const timeout = requestOptions.timeout ?? (Number(credentials.timeoutSeconds) || 60) * 1000;
		if (!isForContaApi(requestOptions.url, baseURL)) return { ...requestOptions, timeout };
		return {
			...requestOptions,
			baseURL,
			timeout,
			// The key is in a header: a redirect must never carry it elsewhere.
			disableFollowRedirect: true,
			headers: {
				...(requestOptions.headers ?? {}),
				apiKey: String(credentials.apiKey ?? ''),
				'conta-language': 'EN',
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : $credentials.environment === "sandbox" ? "https://api.gateway.conta-sandbox.no" : "https://api.gateway.conta.no"}}',
			url: '/invoice/organizations',
			method: 'GET',
			// A redirect would carry the key to another address: never followed.
			disableFollowRedirect: true,
		},
		rules: redirectRules('Conta', 'Check the Environment and the Base URL.'),
	};
}
