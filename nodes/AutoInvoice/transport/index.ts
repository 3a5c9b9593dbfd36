/**
 * AutoInvoice transport: SOAP 1.1 RPC/encoded over the shared request core.
 *
 * A call is a POST of an envelope built by `buildEnvelope` (namespace and `api_keys` are
 * placeholders the credential fills), `Content-Type: text/xml; charset=utf-8` and the method's
 * `SOAPAction`. Reading the answer (`readOutcome`):
 * - HTTP non-2xx or a SOAP Fault → failure with the `faultstring` (or a snippet of a non-SOAP body);
 * - a body that is not a SOAP envelope (HTML, truncated XML, plain text) → failure with a snippet;
 * - a 2xx without a result (empty body, no Body, empty Body, no `return` part) → failure;
 * - a `return` (or struct `status`) starting with `ERROR:` → business error: a failure even with
 *   HTTP 200, unless the operation maps it to a result (e.g. "No agreements found" → no items);
 * - anything else (`OK…`, or text the documents don't rule out) → success.
 * After a write, the request core adds to every 2xx or 5xx failure that AutoInvoice may have
 * processed it; the hints here then leave out "try again later".
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { API_KEYS_PLACEHOLDER, NAMESPACE_PLACEHOLDER } from '../../../credentials/AutoInvoiceApi.credentials';
import {
	buildEnvelope,
	classifyReturn,
	readSoapResponse,
	soapActionFor,
	SoapBuildError,
	SoapProtocolError,
	type SoapValue,
} from './soap';
import {
	apiRequest,
	bodyText,
	snippet,
	statusSummary,
	type ApiFailure,
	type Interpretation,
	type ProviderConfig,
	type RawResponse,
	type RequestContext,
} from '../../shared/request';
import type { RequestKind } from '../../shared/retry';
import { KEY_ERRORS } from './constants';

export const AUTOINVOICE: ProviderConfig = {
	name: 'AutoInvoice',
	credentialType: 'autoInvoiceApi',
	// The company UUID is an identifier (the REST API uses it as the OAuth client id), not a secret.
	secretFields: ['userApiKey', 'vendorApiKey'],
	credentialHint:
		'Check the User API Key, Vendor API Key, Company UUID and Environment in the AutoInvoice credential. Testing and production keys differ.',
};

/** A successful return: the value after `OK`/`OK:` (or the raw text / struct members). */
export interface SoapOk {
	value: unknown;
	/** For structs: the `status` text after its `OK` prefix, when there is one. */
	message?: string;
	raw: unknown;
}

/** An `ERROR: …` return (HTTP 200). */
export interface SoapBusinessError {
	/** The text after `ERROR:`, trimmed, e.g. `CONSUMER NOT FOUND`. */
	text: string;
	/** The provider's whole status text, e.g. `ERROR: CONSUMER NOT FOUND`. */
	providerText: string;
	/** For structs: the other members. */
	value?: unknown;
	raw: unknown;
	httpCode: number;
}

export type SoapOutcome =
	| { type: 'ok'; result: SoapOk }
	| { type: 'error'; error: SoapBusinessError }
	| { type: 'failure'; failure: ApiFailure };

function providerStatusText(raw: unknown): string {
	if (typeof raw === 'string') return raw.trim();
	if (raw && typeof raw === 'object' && typeof (raw as IDataObject).status === 'string') {
		return ((raw as IDataObject).status as string).trim();
	}
	return 'ERROR';
}

/**
 * Reads a raw HTTP answer into ok / business error / failure. Never throws. `kind` is the
 * request's: a write is never advised to "try again later".
 */
export function readOutcome(response: RawResponse, action: string, kind: RequestKind = 'read'): SoapOutcome {
	const status = response.statusCode;
	const text = bodyText(response);
	const is2xx = status >= 200 && status < 300;
	if (is2xx && text.trim() === '') {
		return { type: 'failure', failure: noResultFailure(action, kind, status, `The answer was empty (HTTP ${status} without a body).`) };
	}
	let parsed: ReturnType<typeof readSoapResponse> | undefined;
	let protocolError: SoapProtocolError | undefined;
	try {
		parsed = readSoapResponse(text);
	} catch (error) {
		protocolError =
			error instanceof SoapProtocolError
				? error
				: new SoapProtocolError(`Could not read the answer: ${(error as Error)?.message ?? String(error)}`, text, error);
	}

	if (parsed?.kind === 'fault') {
		const faultstring = parsed.faultstring || parsed.faultcode || 'no fault text';
		return {
			type: 'failure',
			failure: {
				message: `AutoInvoice returned a SOAP fault (HTTP ${status}) while trying to ${action}: ${snippet(faultstring, 200)}`,
				providerMessage: snippet(faultstring, 1000),
				details: parsed.faultcode ? [`Fault code: ${parsed.faultcode}`] : undefined,
				hint:
					kind !== 'write' && status >= 500
						? 'AutoInvoice could not process the request. Check the input; if it looks right, try again later or contact AutoInvoice support with the fault text.'
						: undefined,
				httpCode: status,
				cause: status === 503 || status === 502 || status === 504 ? 'temporarily-unavailable' : undefined,
			},
		};
	}

	if (!is2xx) {
		const base = statusSummary(AUTOINVOICE, status, action);
		const failure: ApiFailure = { ...base, providerMessage: text.trim() ? snippet(text) : undefined };
		if (/^\s*Internal protocol error/i.test(text)) {
			failure.message = `AutoInvoice did not understand the request as SOAP (HTTP ${status}) while trying to ${action}`;
			failure.hint =
				'Check the Endpoint URL in the credential: it must be the SOAP endpoint (…/apis/v1.1/api). If it is, this is a bug in the request; please report it.';
			failure.cause = 'configuration-invalid';
		}
		return { type: 'failure', failure };
	}

	if (!parsed) {
		return {
			type: 'failure',
			failure: {
				message: `AutoInvoice sent an answer that is not a SOAP message while trying to ${action}`,
				providerMessage: protocolError?.snippet || undefined,
				details: protocolError ? [protocolError.message] : undefined,
				hint: `Check the Environment and Endpoint URL in the credential (it must be the SOAP endpoint …/apis/v1.1/api).${kind === 'write' ? '' : ' If they are right, try again later.'}`,
				httpCode: status,
			},
		};
	}

	if (parsed.kind === 'noResult') {
		return { type: 'failure', failure: noResultFailure(action, kind, status, parsed.reason) };
	}

	const classified = classifyReturn(parsed.value);
	if (classified.ok) {
		const result: SoapOk = { value: classified.value, raw: classified.raw };
		if (classified.message !== undefined) result.message = classified.message;
		return { type: 'ok', result };
	}
	return {
		type: 'error',
		error: {
			text: classified.message,
			providerText: providerStatusText(classified.raw),
			value: classified.value,
			raw: classified.raw,
			httpCode: status,
		},
	};
}

/** A 2xx answer that carries no result (empty body, no Body, empty Body, no `return`). */
function noResultFailure(action: string, kind: RequestKind, status: number, reason: string): ApiFailure {
	return {
		message: `AutoInvoice answered without a result while trying to ${action}`,
		details: [reason],
		// After a write, the request core's "may have processed it" is the one thing to say.
		hint:
			kind === 'write'
				? undefined
				: 'Try again later. If this keeps happening, check the Environment and Endpoint URL in the credential (it must be the SOAP endpoint …/apis/v1.1/api).',
		httpCode: status,
	};
}

/** The key/account error an `ERROR:` text names, if any. */
export function keyError(text: string): (typeof KEY_ERRORS)[string] | undefined {
	return KEY_ERRORS[text.trim().toUpperCase()];
}

/** The default failure for an `ERROR:` return: key/account errors explained, others verbatim. */
function businessFailure(action: string, error: SoapBusinessError): ApiFailure {
	const known = keyError(error.text);
	if (known) {
		return {
			message: `AutoInvoice rejected the credentials while trying to ${action}: ${error.text}`,
			providerMessage: error.providerText,
			hint: known.hint,
			httpCode: error.httpCode,
			cause: known.cause,
		};
	}
	return {
		message: `AutoInvoice returned an error while trying to ${action}: ${snippet(error.text, 200)}`,
		providerMessage: error.providerText,
		httpCode: error.httpCode,
	};
}

export interface SoapCallOptions<T> {
	/** Reads may be retried (429/502/503/504, timeouts); writes only when provably not sent. */
	kind: RequestKind;
	/** What the call does, for messages ("check a consumer agreement"). */
	action: string;
	itemIndex?: number;
	/** Turns a successful return into the result (or a failure, e.g. an unexpected shape). */
	read: (ok: SoapOk) => Interpretation<T>;
	/**
	 * Maps an `ERROR:` return to a result (`{ ok: true }`, e.g. "No agreements found" → []) or a
	 * more specific failure. Return undefined for the default (`businessFailure`).
	 */
	onError?: (error: SoapBusinessError) => Interpretation<T> | undefined;
}

/** Builds the request body for `method` (placeholders for namespace and keys). */
export function buildRequestEnvelope(method: string, params: Array<[string, SoapValue]>): string {
	return buildEnvelope({ method, namespace: NAMESPACE_PLACEHOLDER, params, apiKeysPlaceholder: API_KEYS_PLACEHOLDER });
}

/** The HTTP headers of a SOAP 1.1 call to `method`. */
export function soapHeaders(method: string): Record<string, string> {
	return {
		'Content-Type': 'text/xml; charset=utf-8',
		Accept: 'text/xml',
		SOAPAction: soapActionFor(method),
	};
}

/**
 * Calls one SOAP method. `params` come after `api_keys`, in WSDL order; every value is escaped by
 * the envelope builder. A request that cannot be built (e.g. a value with a character XML cannot
 * carry) is a NodeOperationError and nothing is sent; every other failure is a NodeApiError
 * (through the request core).
 */
export async function soapCall<T>(
	ctx: RequestContext,
	method: string,
	params: Array<[string, SoapValue]>,
	options: SoapCallOptions<T>,
): Promise<T> {
	const { kind, action, itemIndex } = options;
	let headers: Record<string, string>;
	let body: string;
	try {
		headers = soapHeaders(method);
		body = buildRequestEnvelope(method, params);
	} catch (error) {
		const where = itemIndex === undefined ? '' : ` in item ${itemIndex}`;
		const parameter = error instanceof SoapBuildError ? error.parameter : undefined;
		throw new NodeOperationError(ctx.getNode(), `Invalid input${where}: ${(error as Error).message}`, {
			itemIndex,
			description:
				parameter !== undefined
					? `Nothing was sent. Fix ${parameter} and run again (a character XML cannot carry often comes from pasted text, or from an expression that cut an emoji in half).`
					: `Nothing was sent. The request to ${action} could not be built; this is a bug in the node, please report it.`,
		});
	}
	return apiRequest<T>(ctx, AUTOINVOICE, {
		method: 'POST',
		url: '',
		headers,
		body,
		kind,
		action,
		itemIndex,
		interpret: (response) => {
			const outcome = readOutcome(response, action, kind);
			switch (outcome.type) {
				case 'ok':
					return options.read(outcome.result);
				case 'error': {
					// An `ERROR:` answer is AutoInvoice refusing the request: nothing was processed.
					const result = options.onError?.(outcome.error) ?? { ok: false, failure: businessFailure(action, outcome.error) };
					return result.ok ? result : { ok: false, failure: { ...result.failure, refused: true } };
				}
				default:
					return { ok: false, failure: outcome.failure };
			}
		},
	});
}
