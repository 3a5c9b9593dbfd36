/**
 * Konto transport: flat verb endpoints under `/api/v1/` (the credential sets the base URL and adds
 * `username`/`api_key`). Every answer is an envelope `{ status, message, result }`:
 * - HTTP 200 with `status !== true` is a failure carrying Konto's own (possibly Icelandic) message;
 * - non-2xx answers and bodies that are not JSON are failures with a short snippet;
 * - list results are normalised to arrays (an object becomes its values);
 * - tenant secrets (`api_key`, `bank_username`, `bank_password`, …) never leave this module.
 */
import type { IDataObject } from 'n8n-workflow';
import { formBody, type FormValue } from '../../shared/encode';
import { redactValue } from '../../shared/redact';
import {
	apiRequest,
	bodyText,
	parseJson,
	secretsOf,
	snippet,
	statusSummary,
	type ApiFailure,
	type Interpretation,
	type ProviderConfig,
	type RawResponse,
	type RequestContext,
} from '../../shared/request';
import type { RequestKind } from '../../shared/retry';
import type { KontoEnvelope } from '../helpers/interfaces';

export const KONTO: ProviderConfig = {
	name: 'Konto',
	credentialType: 'kontoApi',
	secretFields: ['apiKey'],
	credentialHint:
		'Check the username, the API key and the environment in the Konto credential. Both values are in Konto under Stillingar → API Access & Web Services (needs the paid "API Access & Web Services" add-on).',
};

/** The largest page this package asks for (Konto documents no cap; its own lists default to "all"). */
export const KONTO_PAGE_SIZE = 100;

/**
 * Remove tenant secrets from anything Konto returned, at any depth: every secret-looking field
 * (the tenant object's `api_key`, `bank_username`, `bank_password`, `password`, ...) is dropped, and
 * the given secret values are masked in text.
 */
export function stripKontoSecrets<T>(value: T, secrets: readonly string[] = []): T {
	return redactValue(value, secrets, true);
}

/** Konto messages that mean the username or API key was not accepted. */
const CREDENTIAL_MESSAGE = /api[_ ]?key|username|user name|notandanafn|lykil|unauthori[sz]ed|not authori[sz]ed|authentication/i;

function envelopeFailure(body: IDataObject, action: string): ApiFailure {
	const providerMessage = typeof body.message === 'string' && body.message.trim() ? body.message.trim() : undefined;
	if (providerMessage && CREDENTIAL_MESSAGE.test(providerMessage)) {
		return {
			message: `Konto rejected the username or API key while trying to ${action}`,
			providerMessage,
			hint: KONTO.credentialHint,
			cause: 'credential-invalid',
			refused: true,
		};
	}
	return {
		message: `Konto rejected the request while trying to ${action}`,
		providerMessage: providerMessage ?? '(no message)',
		hint: 'Konto answered with status false. Its message (sometimes in Icelandic) is above; correct the input it names and run again.',
		refused: true,
	};
}

/** Turn a non-2xx Konto answer into a failure, with Konto's message when the body has one. */
export function kontoHttpFailure(response: RawResponse, action: string): ApiFailure {
	const base = statusSummary(KONTO, response.statusCode, action);
	const parsed = parseJson(response);
	if (parsed.ok && parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
		const message = (parsed.value as IDataObject).message;
		if (typeof message === 'string' && message.trim()) return { ...base, providerMessage: message.trim() };
	}
	const text = bodyText(response);
	return { ...base, providerMessage: text.trim() ? snippet(text) : undefined };
}

/** A 2xx whose content is not what the call needs. */
function unexpected<T>(message: string, value: unknown, hint: string): Interpretation<T> {
	return { ok: false, failure: { message, providerMessage: snippet(JSON.stringify(value) ?? String(value)), hint } };
}

/** Reads what a successful envelope carries (the whole envelope, a list, a single result, …). */
export type KontoExtract<T> = (envelope: KontoEnvelope, action: string) => Interpretation<T>;

/** Interpret a Konto answer: HTTP 2xx + JSON object + `status: true` is success. */
export function interpretKonto<T>(action: string, extract: KontoExtract<T>) {
	return (response: RawResponse): Interpretation<T> => {
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return { ok: false, failure: kontoHttpFailure(response, action) };
		}
		const parsed = parseJson(response);
		if (!parsed.ok) {
			return {
				ok: false,
				failure: {
					message: `Konto sent an answer that is not valid JSON while trying to ${action}`,
					providerMessage: parsed.text.trim() ? snippet(parsed.text) : '(empty answer)',
					hint: 'This is usually temporary. Try again; if it keeps happening, check the environment and base URL in the credential.',
				},
			};
		}
		const body = parsed.value;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			return unexpected(`Konto sent an unexpected answer while trying to ${action}`, body, 'Konto answers with an object holding "status". Check the base URL in the credential.');
		}
		const envelope = body as KontoEnvelope;
		if (envelope.status !== true) return { ok: false, failure: envelopeFailure(envelope as IDataObject, action) };
		return extract(envelope, action);
	};
}

/** The whole envelope (for `hello`, whose fields are at the top level, and paging extras). */
export const wholeEnvelope: KontoExtract<KontoEnvelope> = (envelope) => ({ ok: true, data: envelope });

/**
 * `result` as a list: an array as is, an object's values, null or "" as an empty list. An envelope
 * without `result` is not a list answer (a wrong URL or a fault) and fails.
 */
export function listResult<T>(envelope: KontoEnvelope, action: string): Interpretation<T[]> {
	const result = envelope.result;
	if (result === undefined) {
		return unexpected(
			`Konto answered without a list while trying to ${action}`,
			envelope,
			'Konto said status true but sent no "result". Check the environment and base URL in the credential; if they are right, try again later.',
		);
	}
	if (result === null || result === '') return { ok: true, data: [] };
	if (Array.isArray(result)) return { ok: true, data: result as T[] };
	if (typeof result === 'object') return { ok: true, data: Object.values(result as object) as T[] };
	return unexpected(
		`Konto sent an unexpected list while trying to ${action}`,
		result,
		'Expected a list in "result". This may be a change on Konto\'s side; please report it.',
	);
}

export interface KontoCall {
	/** Endpoint name under /api/v1/, e.g. `get-customers`. */
	endpoint: string;
	/** Reads are GET (query string), writes POST (form body). Default: GET for `get-*` and `hello`. */
	method?: 'GET' | 'POST';
	/** Plain parameters: query string on GET, form fields on POST. Undefined values are left out. */
	params?: Record<string, FormValue>;
	/** The `data` form field (JSON-encoded) for writes. */
	data?: unknown;
	/** What this does, for messages ("list customers"). */
	action: string;
	itemIndex?: number;
	/** Defaults to read for GET and write for POST. */
	kind?: RequestKind;
}

/** Send one Konto request; the result has every tenant secret stripped. */
export async function kontoRequest<T = KontoEnvelope>(
	ctx: RequestContext,
	call: KontoCall,
	extract: KontoExtract<T> = wholeEnvelope as unknown as KontoExtract<T>,
): Promise<T> {
	if (!/^[a-z][a-z-]*$/.test(call.endpoint)) throw new Error(`Invalid Konto endpoint name '${call.endpoint}'`);
	const method = call.method ?? (call.endpoint === 'hello' || call.endpoint.startsWith('get-') ? 'GET' : 'POST');
	const params = Object.entries(call.params ?? {}).filter(([, value]) => value !== undefined && value !== null);
	let qs: IDataObject | undefined;
	let headers: Record<string, string> = { Accept: 'application/json' };
	let body: string | undefined;
	if (method === 'GET') {
		qs = Object.fromEntries(params.map(([name, value]) => [name, String(value)]));
	} else {
		const fields: Array<[string, FormValue]> = [...params];
		if (call.data !== undefined) fields.push(['data', JSON.stringify(call.data)]);
		const encoded = formBody(fields);
		headers = { ...headers, ...encoded.headers };
		body = encoded.body as string;
	}
	const data = await apiRequest<T>(ctx, KONTO, {
		method,
		url: `/${call.endpoint}`,
		qs,
		headers,
		body,
		kind: call.kind ?? (method === 'GET' ? 'read' : 'write'),
		action: call.action,
		interpret: interpretKonto<T>(call.action, extract),
		itemIndex: call.itemIndex,
	});
	return stripKontoSecrets(data, await secretsOf(ctx, KONTO));
}
