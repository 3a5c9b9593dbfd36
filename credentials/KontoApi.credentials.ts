import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Server roots; the API lives under `/api/v1` on each. */
const SERVER_URLS: Record<string, string> = {
	production: 'https://konto.is',
	test: 'https://dev.konto.is',
};

const API_PATH = '/api/v1';

/**
 * The API base URL for the credential's environment, e.g. `https://konto.is/api/v1`, without a
 * trailing slash. A custom URL is the server root (`http://127.0.0.1:4102`); `/api/v1` is added
 * unless the URL already ends with it.
 */
export function kontoBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const root =
		environment === 'custom'
			? String(credentials.baseUrl ?? '')
			: (SERVER_URLS[environment] ?? SERVER_URLS.production);
	const trimmed = root.trim().replace(/\/+$/, '');
	return trimmed.endsWith(API_PATH) ? trimmed : `${trimmed}${API_PATH}`;
}

function findHeader(headers: IDataObject, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted && value !== undefined && value !== null) return String(value);
	}
	return undefined;
}

/** Query and form names Konto reads the credentials from. */
const AUTH_NAMES = ['username', 'api_key'];

function withoutAuthNames(record: IDataObject | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record ?? {})) if (!AUTH_NAMES.includes(key)) out[key] = value;
	return out;
}

export class KontoApi implements ICredentialType {
	name = 'kontoApi';

	displayName = 'Konto API';

	icon = { light: 'file:../icons/konto.svg', dark: 'file:../icons/konto.dark.svg' } as const;

	documentationUrl = 'https://konto.is/api/v1/document';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'name@example.is',
			description:
				'The API username from Konto: Stillingar → API Access & Web Services (Vefþjónusta). Needs the paid "API Access & Web Services" add-on.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key shown next to the username in Konto: Stillingar → API Access & Web Services',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: 'https://konto.is/api/v1' },
				{ name: 'Test', value: 'test', description: 'https://dev.konto.is/api/v1 (Konto test server)' },
				{ name: 'Custom URL', value: 'custom', description: 'Any server, e.g. a local simulator' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4102',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'The server root without /api/v1 (it is added automatically)',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				"Whether to connect even if the server's TLS certificate cannot be verified. Only for Konto's test server (dev.konto.is); never for production.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description: 'How long to wait for Konto to answer a request before giving up',
		},
	];

	/**
	 * Konto takes `username` and `api_key` as request parameters, never in a header:
	 * - GET (reads): in the query string; a GET never carries a body;
	 * - POST with a form body (writes): prepended to the urlencoded body;
	 * - POST multipart (file upload): in the query string, as Konto documents for `upload-file`.
	 * Headers are merged, never replaced.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const username = String(credentials.username ?? '');
		const apiKey = String(credentials.apiKey ?? '');
		const headers: IDataObject = { ...((requestOptions.headers as IDataObject | undefined) ?? {}) };
		const options: IHttpRequestOptions = {
			...requestOptions,
			baseURL: requestOptions.baseURL || kontoBaseUrl(credentials),
			timeout: requestOptions.timeout ?? (Number(credentials.timeoutSeconds) || 60) * 1000,
			// The credentials are in the query or body: a redirect must never carry them elsewhere.
			disableFollowRedirect: true,
			headers,
		};
		if (credentials.ignoreSslIssues === true) options.skipSslCertificateValidation = true;

		const method = String(requestOptions.method ?? 'GET').toUpperCase();
		const inQuery = () => {
			options.qs = { username, api_key: apiKey, ...withoutAuthNames(requestOptions.qs) };
		};
		if (method === 'GET' || method === 'HEAD') {
			inQuery();
			delete options.body;
			return options;
		}

		const contentType = (findHeader(headers, 'content-type') ?? '').toLowerCase();
		const body = requestOptions.body;
		const isBinary = Buffer.isBuffer(body) || body instanceof Uint8Array;
		if (contentType.startsWith('multipart/') || isBinary) {
			inQuery();
			return options;
		}
		const credentialsForm = new URLSearchParams({ username, api_key: apiKey }).toString();
		if (body === undefined || body === null || body === '') {
			options.body = credentialsForm;
			if (!contentType) headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
			return options;
		}
		if (typeof body === 'string') {
			if (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded')) {
				const rest = new URLSearchParams(body);
				for (const name of AUTH_NAMES) rest.delete(name);
				const restText = rest.toString();
				options.body = restText ? `${credentialsForm}&${restText}` : credentialsForm;
				if (!contentType) headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
				return options;
			}
			// Some other text body (JSON, XML): Konto only reads form fields, so use the query string.
			inQuery();
			return options;
		}
		if (body instanceof URLSearchParams) {
			const form = new URLSearchParams({ username, api_key: apiKey });
			for (const [name, value] of body) if (!AUTH_NAMES.includes(name)) form.append(name, value);
			options.body = form;
			return options;
		}
		if (typeof body === 'object') {
			options.body = { username, api_key: apiKey, ...withoutAuthNames(body as IDataObject) };
			if (!contentType) headers['Content-Type'] = 'application/x-www-form-urlencoded';
			return options;
		}
		inQuery();
		return options;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{($credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "") : $credentials.environment === "test" ? "https://dev.konto.is" : "https://konto.is") + "/api/v1"}}',
			url: '/hello',
			method: 'GET',
			// A redirect would carry the key to another address: never followed.
			disableFollowRedirect: true,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues === true}}',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Invalid api_key',
					message:
						'Konto rejected the username or API key (Konto said: "Invalid api_key"). Copy both from Konto: Stillingar → API Access & Web Services, and check the environment.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: false,
					message:
						'Konto rejected the username or API key. Copy both from Konto: Stillingar → API Access & Web Services (needs the paid API add-on), and check the environment.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: undefined,
					message:
						'The server did not answer like the Konto API (no "status" in its reply). Check the environment and, for a custom URL, the base URL (the server root, without /api/v1).',
				},
			},
		],
	};
}
