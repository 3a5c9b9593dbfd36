/**
 * Where and as whom an AutoInvoice request goes, derived from the credential. Used by the
 * credential's `authenticate` (every node request) and by the credential test, so both send
 * exactly the same thing.
 *
 * The node builds its envelope with two placeholders and never reads the credential:
 * - `NAMESPACE_PLACEHOLDER` as the `tns` namespace (the real one depends on the environment);
 * - `API_KEYS_PLACEHOLDER` (an XML comment) where the `api_keys` struct goes.
 * `applyAutoInvoiceAuth` swaps both and points the request at the SOAP endpoint.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { API_KEYS_PLACEHOLDER, buildApiKeysXml, replaceApiKeysPlaceholder } from '../../shared/soap/soap';
import { escapeXml } from '../../shared/soap/xml';
import { ENDPOINTS } from './constants';
import { secretValues } from '../../shared/request';

/** Stands for the WSDL target namespace in envelopes built by the node. */
export const NAMESPACE_PLACEHOLDER = 'urn:n8n-nodes-bookkeeping:autoinvoice-namespace';

/** The namespace declaration as `buildEnvelope` writes it (the placeholder needs no escaping). */
const NAMESPACE_ATTRIBUTE = `xmlns:tns="${NAMESPACE_PLACEHOLDER}"`;

/** Thrown when the credential cannot produce a request (e.g. a missing or invalid Endpoint URL). */
export class AutoInvoiceCredentialError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AutoInvoiceCredentialError';
	}
}

function parseUrl(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/** The SOAP endpoint URL for the credential's environment. */
export function autoInvoiceEndpoint(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment !== 'custom') {
		return environment === 'testing' ? ENDPOINTS.testing : ENDPOINTS.production;
	}
	const url = String(credentials.endpointUrl ?? '').trim();
	if (url === '') {
		throw new AutoInvoiceCredentialError(
			'The AutoInvoice credential uses a custom endpoint but its Endpoint URL is empty. Enter the SOAP endpoint, e.g. https://testing.maventa.com/apis/v1.1/api.',
		);
	}
	const parsed = parseUrl(url);
	if (!parsed) {
		throw new AutoInvoiceCredentialError(
			'The Endpoint URL in the AutoInvoice credential is not a valid URL. Enter the SOAP endpoint, e.g. https://testing.maventa.com/apis/v1.1/api.',
		);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new AutoInvoiceCredentialError('The Endpoint URL in the AutoInvoice credential must start with https:// (or http:// for a local server).');
	}
	return url;
}

/**
 * The WSDL target namespace: the credential's override when set, otherwise `https://<endpoint
 * host>/` (what Maventa uses: `https://testing.maventa.com/` on testing, `https://secure.maventa.com/`
 * in production).
 */
export function autoInvoiceNamespace(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.namespace ?? '').trim();
	if (override !== '') return override;
	return `https://${new URL(autoInvoiceEndpoint(credentials)).host}/`;
}

/** The request timeout in milliseconds (credential "Timeout (Seconds)", default 60). */
export function autoInvoiceTimeout(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.timeoutSeconds);
	return (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000;
}

/**
 * Points the request at the SOAP endpoint, sets the timeout, and fills the namespace and
 * `api_keys` placeholders of a string body (keys escaped by construction). Headers are merged,
 * never replaced; a body without placeholders is left alone.
 */
export function applyAutoInvoiceAuth(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const endpoint = autoInvoiceEndpoint(credentials);
	const options: IHttpRequestOptions = {
		...requestOptions,
		url: endpoint,
		timeout: requestOptions.timeout ?? autoInvoiceTimeout(credentials),
		headers: { ...((requestOptions.headers as IDataObject | undefined) ?? {}) },
	};
	delete options.baseURL;
	if (typeof options.body === 'string') {
		let body = options.body;
		const at = body.indexOf(NAMESPACE_ATTRIBUTE);
		if (at !== -1) {
			const real = `xmlns:tns="${escapeXml(autoInvoiceNamespace(credentials))}"`;
			body = body.slice(0, at) + real + body.slice(at + NAMESPACE_ATTRIBUTE.length);
		}
		if (body.includes(API_KEYS_PLACEHOLDER)) {
			body = replaceApiKeysPlaceholder(
				body,
				buildApiKeysXml({
					companyUuid: credentials.companyUuid as string | undefined,
					vendorApiKey: credentials.vendorApiKey as string | undefined,
					userApiKey: credentials.userApiKey as string | undefined,
				}),
			);
		}
		options.body = body;
	}
	return options;
}

/** Secret values of the credential (for redaction). */
export function autoInvoiceSecrets(credentials: IDataObject): string[] {
	return secretValues(credentials, ['userApiKey', 'vendorApiKey']);
}
