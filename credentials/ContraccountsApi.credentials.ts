import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { redirectRules } from './redirectRules';

/**
 * The credential's endpoint URL, trimmed, or an English explanation of why it cannot be used.
 * Contraccounts has one endpoint for every request type, so the URL is used exactly as given.
 */
export function contraccountsEndpoint(
	credentials: ICredentialDataDecryptedObject,
): { ok: true; url: string } | { ok: false; problem: string } {
	const raw = typeof credentials.endpointUrl === 'string' ? credentials.endpointUrl.trim() : '';
	if (raw === '') {
		return {
			ok: false,
			problem:
				'The Endpoint URL in the Contraccounts credential is empty. Copy it from the PHP file in dev_curl.zip (Contraccounts developer page) or ask Contraccounts for it.',
		};
	}
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		return {
			ok: false,
			problem: `The Endpoint URL in the Contraccounts credential is not a valid URL. It must be an absolute address starting with https:// or http://, e.g. https://www.example.com/api.php.`,
		};
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return {
			ok: false,
			problem: `The Endpoint URL in the Contraccounts credential must start with https:// or http:// (it starts with ${parsed.protocol}//).`,
		};
	}
	if (parsed.username || parsed.password) {
		return {
			ok: false,
			problem:
				'The Endpoint URL in the Contraccounts credential must not contain a user name or password. Put the API key in the API Key field.',
		};
	}
	if (parsed.hash) {
		return { ok: false, problem: 'The Endpoint URL in the Contraccounts credential must not contain a # fragment.' };
	}
	return { ok: true, url: raw };
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** A form body as text, whatever shape the caller gave it (node: string; credential test: {}). */
function formText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof URLSearchParams) return body.toString();
	if (typeof body === 'object') {
		const params = new URLSearchParams();
		for (const [name, value] of Object.entries(body as IDataObject)) {
			if (value === undefined || value === null) continue;
			params.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
		return params.toString();
	}
	return String(body);
}

function fieldName(segment: string): string {
	const name = segment.split('=')[0].replace(/\+/g, ' ');
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

/**
 * `api_key=<key>` as the FIRST field (Contraccounts requires the key to be the first variable),
 * followed by the caller's fields. Empty segments (the PHP examples' leading `&`) and any
 * `api_key` field the caller may have put in are dropped, so the key is sent once, first.
 */
export function prependApiKey(body: unknown, apiKey: string): string {
	const rest = formText(body)
		.split('&')
		.filter((segment) => segment !== '' && fieldName(segment) !== 'api_key');
	return [new URLSearchParams([['api_key', apiKey]]).toString(), ...rest].join('&');
}

export class ContraccountsApi implements ICredentialType {
	name = 'contraccountsApi';

	displayName = 'Contraccounts API';

	icon = { light: 'file:../icons/contraccounts.svg', dark: 'file:../icons/contraccounts.dark.svg' } as const;

	documentationUrl = 'http://www.contraccounts.com/developers_api_documentation.php';

	properties: INodeProperties[] = [
		{
			displayName:
				'Contraccounts does not publish its API endpoint. It is in the PHP file inside dev_curl.zip ("cURL server source file package") on the Contraccounts developer page; you can also ask Contraccounts for it. The connection test only sends your API key to the endpoint and passes on any 2xx answer: it proves the endpoint can be reached, not that the key is valid.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Endpoint URL',
			name: 'endpointUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://www.contraccounts.com/…/api.php',
			description:
				'The full address every request is posted to. Contraccounts does not publish it: copy it from the PHP file in dev_curl.zip (developer page, "cURL server source file package") or ask Contraccounts. Must start with https:// or http://.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Contraccounts API key. It is sent as the first form field (api_key) of every request.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description:
				'How long to wait for Contraccounts to answer before giving up. A request that timed out is never re-sent automatically, because Contraccounts may already have recorded it.',
		},
	];

	/**
	 * Points the request at the endpoint, sets the timeout, and puts `api_key` first in the form
	 * body. The node posts to `url: ''`; the endpoint is the credential's, so it replaces whatever
	 * URL the request carried (n8n-core hands `url`/`baseURL` to axios, which would join them).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const endpoint = contraccountsEndpoint(credentials);
		if (!endpoint.ok) throw new Error(endpoint.problem);
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = FORM_CONTENT_TYPE;
		}
		const options: IHttpRequestOptions = {
			...requestOptions,
			method: requestOptions.method ?? 'POST',
			url: endpoint.url,
			timeout: requestOptions.timeout ?? (Number(credentials.timeoutSeconds) || 60) * 1000,
			// The key is in the body: a redirect must never carry it elsewhere.
			disableFollowRedirect: true,
			headers,
			body: prependApiKey(requestOptions.body, String(credentials.apiKey ?? '')),
		};
		delete options.baseURL;
		return options;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{String($credentials.endpointUrl).trim()}}',
			// A redirect would carry the key to another address: never followed.
			disableFollowRedirect: true,
			headers: { 'Content-Type': FORM_CONTENT_TYPE },
		},
		rules: [
			...redirectRules('Contraccounts', 'Check the Endpoint URL.'),
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Contraccounts rejected the API key (HTTP 401). Check the API key.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Contraccounts refused access (HTTP 403). Check the API key.' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answers at this Endpoint URL (HTTP 404). Copy the URL again from dev_curl.zip.',
				},
			},
		],
	};
}
