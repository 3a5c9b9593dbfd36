import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/*
 * Everything `authenticate` needs lives in this file, so the credential imports nothing from the
 * node. The node builds its envelope with two placeholders and never reads the keys:
 * `NAMESPACE_PLACEHOLDER` as the `tns` namespace (the real one depends on the environment) and
 * `API_KEYS_PLACEHOLDER` (an XML comment) where the `api_keys` struct goes.
 */

/** SOAP endpoints (POST) per Environment (api/autoinvoice.md section 1). */
const ENDPOINTS = {
	testing: 'https://testing.maventa.com/apis/v1.1/api',
	production: 'https://secure.maventa.com/apis/v1.1/api',
} as const;

/** Stands for the WSDL target namespace in envelopes built by the node. */
export const NAMESPACE_PLACEHOLDER = 'urn:n8n-nodes-bookkeeping:autoinvoice-namespace';

/** Marks where `authenticate` inserts the `api_keys` struct. An XML comment, so harmless if left. */
export const API_KEYS_PLACEHOLDER = '<!--n8n-api-keys-->';

/** The namespace declaration as the node's envelope builder writes it (no escaping needed). */
const NAMESPACE_ATTRIBUTE = `xmlns:tns="${NAMESPACE_PLACEHOLDER}"`;

// ---------------------------------------------------------------------------------------------
// XML text: the one escaping and character check for everything sent to AutoInvoice
// ---------------------------------------------------------------------------------------------

/**
 * The first character XML 1.0 cannot carry, as `U+FFFE at position 2` (1-based, in characters),
 * or undefined when there is none: C0 controls other than tab, LF and CR, lone surrogates, U+FFFE
 * and U+FFFF. Such a value is refused before sending, never dropped or replaced.
 */
export function unsendableXmlCharacter(value: string): string | undefined {
	let position = 0;
	for (let i = 0; i < value.length; i++) {
		position++;
		const c = value.charCodeAt(i);
		if (c >= 0x20 && c < 0xd800) continue;
		if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
		if (c >= 0xd800 && c <= 0xdbff) {
			const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
			if (next >= 0xdc00 && next <= 0xdfff) {
				i++; // a valid surrogate pair is one character
				continue;
			}
		} else if (c >= 0xe000 && c !== 0xfffe && c !== 0xffff) {
			continue;
		}
		return `U+${c.toString(16).toUpperCase().padStart(4, '0')} at position ${position}`;
	}
	return undefined;
}

const SPECIAL_CHARS = /[&<>"'\r]/g;
const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
	'\r': '&#13;',
};

/**
 * Escapes `& < > " '` so the result is safe as element text and in quoted attribute values, and
 * writes CR as `&#13;` (a literal CR would reach the server as LF). Callers check the value with
 * `unsendableXmlCharacter` first; this function never removes anything.
 */
export function escapeXml(value: string): string {
	return value.replace(SPECIAL_CHARS, (c) => ESCAPES[c]);
}

/** `value` trimmed and escaped; throws naming the credential field if it cannot be sent. */
function credentialXmlText(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
	const bad = unsendableXmlCharacter(text);
	if (bad !== undefined) {
		throw new Error(
			`The ${field} in the AutoInvoice credential contains a character that cannot be sent in XML (${bad}). Enter it again without that character.`,
		);
	}
	return escapeXml(text);
}

// ---------------------------------------------------------------------------------------------
// Endpoint, namespace, timeout, api_keys
// ---------------------------------------------------------------------------------------------

function endpointOf(credentials: IDataObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment !== 'custom') return environment === 'testing' ? ENDPOINTS.testing : ENDPOINTS.production;
	const url = String(credentials.endpointUrl ?? '').trim();
	if (url === '') {
		throw new Error(
			'The AutoInvoice credential uses a custom endpoint but its Endpoint URL is empty. Enter the SOAP endpoint, e.g. https://testing.maventa.com/apis/v1.1/api.',
		);
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(
			'The Endpoint URL in the AutoInvoice credential is not a valid URL. Enter the SOAP endpoint, e.g. https://testing.maventa.com/apis/v1.1/api.',
		);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new Error('The Endpoint URL in the AutoInvoice credential must start with https:// (or http:// for a local server).');
	}
	return url;
}

/**
 * The WSDL target namespace: the credential's override when set, otherwise `https://<endpoint
 * host>/` (what Maventa uses on both hosts: `https://testing.maventa.com/`, `https://secure.maventa.com/`).
 */
function namespaceOf(credentials: IDataObject, endpoint: string): string {
	const override = String(credentials.namespace ?? '').trim();
	return override !== '' ? override : `https://${new URL(endpoint).host}/`;
}

/** The request timeout in milliseconds ("Timeout (Seconds)", default 60). */
function timeoutOf(credentials: IDataObject): number {
	const seconds = Number(credentials.timeoutSeconds);
	return (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000;
}

/**
 * The `api_keys` struct (`xsi:type="tns:ApiKeys"`), members in WSDL order `company_uuid`,
 * `vendor_api_key`, `user_api_key`. Values are trimmed (pasted keys often carry a trailing
 * newline) and escaped. An empty company UUID is omitted; empty vendor or user keys are sent empty
 * so AutoInvoice answers with its own error text.
 */
export function buildApiKeysXml(credentials: IDataObject): string {
	const member = (name: string, text: string) => `<${name} xsi:type="xsd:string">${text}</${name}>`;
	const company = credentialXmlText(credentials.companyUuid, 'Company UUID');
	return (
		'<api_keys xsi:type="tns:ApiKeys">' +
		(company === '' ? '' : member('company_uuid', company)) +
		member('vendor_api_key', credentialXmlText(credentials.vendorApiKey, 'Vendor API Key')) +
		member('user_api_key', credentialXmlText(credentials.userApiKey, 'User API Key')) +
		'</api_keys>'
	);
}

/** Replaces the first `placeholder` in `body` by plain splicing (no `$` patterns interpreted). */
function replaceFirst(body: string, placeholder: string, replacement: string): string {
	const at = body.indexOf(placeholder);
	return at === -1 ? body : body.slice(0, at) + replacement + body.slice(at + placeholder.length);
}

/**
 * Visma AutoInvoice (Maventa) SOAP API v1.1.
 *
 * There is no HTTP authentication: every SOAP call carries an `api_keys` struct. The node builds
 * the envelope with placeholders; `authenticate` points the request at the environment's endpoint
 * and fills in the namespace and the escaped keys, so node code never reads the keys. A key that
 * holds a character XML cannot carry is refused with an error naming the field.
 *
 * The connection test is not declared here: a declarative test cannot read a SOAP answer, and
 * AutoInvoice reports wrong keys as HTTP 200 with `ERROR: USER NOT FOUND`. The AutoInvoice node
 * tests this credential instead (`testedBy: 'autoInvoiceConnectionTest'`).
 */
export class AutoInvoiceApi implements ICredentialType {
	name = 'autoInvoiceApi';

	displayName = 'AutoInvoice API';

	icon = { light: 'file:../icons/autoinvoice.svg', dark: 'file:../icons/autoinvoice.dark.svg' } as const;

	documentationUrl = 'https://documentation.maventa.com/soap-api/';

	properties: INodeProperties[] = [
		{
			displayName: 'Company UUID',
			name: 'companyUuid',
			type: 'string',
			default: '',
			placeholder: '5b7b9f2e-1c55-4e8a-9d3a-0f6f1b2c3d4e',
			description:
				'The UUID of the company in AutoInvoice (company settings). Recommended always; required when the user belongs to several companies.',
		},
		{
			displayName: 'User API Key',
			name: 'userApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The user's API key from AutoInvoice (user settings). Testing and production keys differ.",
		},
		{
			displayName: 'Vendor API Key',
			name: 'vendorApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The partner software's API key. Required for partner (ERP/integration) accounts, which AutoInvoice uses for billing and reporting; leave empty if you have none.",
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: 'https://secure.maventa.com/apis/v1.1/api' },
				{ name: 'Testing', value: 'testing', description: 'https://testing.maventa.com/apis/v1.1/api' },
				{ name: 'Custom Endpoint', value: 'custom', description: 'Any SOAP endpoint, e.g. a local simulator' },
			],
		},
		{
			displayName: 'Endpoint URL',
			name: 'endpointUrl',
			type: 'string',
			default: '',
			placeholder: 'https://testing.maventa.com/apis/v1.1/api',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'The SOAP endpoint to POST to (ends in /apis/v1.1/api on Maventa hosts)',
		},
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: '',
			placeholder: 'https://testing.maventa.com/',
			description:
				"Optional. The WSDL target namespace. Leave empty to use https://<endpoint host>/, which is what AutoInvoice uses on its testing and production hosts.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description: 'How long to wait for AutoInvoice to answer a request before giving up',
		},
	];

	/**
	 * Sends the request to the environment's SOAP endpoint with the credential's timeout, and fills
	 * the envelope's namespace and `api_keys` placeholders (values XML-escaped). Headers are merged,
	 * never replaced; a body without placeholders is left alone.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const endpoint = endpointOf(credentials);
		const options: IHttpRequestOptions = {
			...requestOptions,
			url: endpoint,
			timeout: requestOptions.timeout ?? timeoutOf(credentials),
			// The keys are in the body: a redirect must never carry them elsewhere.
			disableFollowRedirect: true,
			headers: { ...((requestOptions.headers as IDataObject | undefined) ?? {}) },
		};
		delete options.baseURL;
		if (typeof options.body === 'string') {
			let body = options.body;
			if (body.includes(NAMESPACE_ATTRIBUTE)) {
				const namespace = credentialXmlText(namespaceOf(credentials, endpoint), 'Namespace');
				body = replaceFirst(body, NAMESPACE_ATTRIBUTE, `xmlns:tns="${namespace}"`);
			}
			if (body.includes(API_KEYS_PLACEHOLDER)) {
				body = replaceFirst(body, API_KEYS_PLACEHOLDER, buildApiKeysXml(credentials));
			}
			options.body = body;
		}
		return options;
	}
}
