/**
 * The request core every provider uses.
 *
 * A provider describes a request (method, URL relative to the credential's base URL, query,
 * headers, an already-encoded body) and how to read the answer (`interpret`). The core sends it
 * through `httpRequestWithAuthentication` (auth and base URL live in the credential), always reads
 * the raw bytes and the status code itself, retries what is safe to retry, and turns every failure
 * of the provider or the network into a `NodeApiError` with an English message, the HTTP status,
 * the provider's own message and no secret in it.
 *
 * Trust nothing from the wire:
 * - redirects are never followed (a 3xx would carry the credential's key, header or body to another
 *   address); a 3xx is a failure naming the `Location`. The one exception is a request the
 *   credential adds nothing to (`followRedirects`: Conta's temporary file links);
 * - the data handed back is masked field by field for the credential's secrets (any letter case,
 *   any encoding) and secret-named fields; a failure is read from an answer whose body and headers
 *   were redacted first, so no shortening can leave part of a secret behind;
 * - a request that cannot be sent as it is (a character no encoding carries, a line break in a
 *   header) is refused before sending with a NodeOperationError, as is any other failure before
 *   the request left.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { redactText, redactValue, secretMasker } from './redact';
import { unsendableCharacter } from './validation';
import {
	DEFAULT_RETRY,
	describeNetworkError,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
	retryDelay,
	type RequestKind,
	type RetryOptions,
} from './retry';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export interface ProviderConfig {
	/** Display name used in messages, e.g. "Conta". */
	name: string;
	/** n8n credential type name, e.g. "contaApi". */
	credentialType: string;
	/** Credential fields whose values must never appear in anything the user sees. */
	secretFields: readonly string[];
	/** What the user should check when the provider rejects the credentials. */
	credentialHint: string;
}

export interface RawResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export interface ApiFailure {
	/** Short English summary (becomes the error message). */
	message: string;
	/** What the provider said, verbatim (English where the provider offers it). */
	providerMessage?: string;
	/** How to fix it. */
	hint?: string;
	/** Extra details (field errors, ...). */
	details?: string[];
	httpCode?: number;
	/** Why it failed, for n8n's failure declarations. */
	cause?: 'rate-limited' | 'temporarily-unavailable' | 'credential-invalid' | 'configuration-invalid';
	/** Retry-After the provider sent, in ms. */
	retryAfterMs?: number;
	/**
	 * The provider answered that it refused the request (Konto `status: false`, AutoInvoice
	 * `ERROR: …`), so a write was not processed; otherwise an unusable 2xx after a write may have been.
	 */
	refused?: boolean;
	/** The hint already tells the user to check whether a write was processed (no second line). */
	hintCoversProcessing?: boolean;
}

export type Interpretation<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure };

export interface ApiRequest<T> {
	method: IHttpRequestMethods;
	/** Path relative to the credential's base URL (the credential sets `baseURL`). */
	url: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** Already-encoded body (JSON text, form string, multipart buffer, SOAP XML). */
	body?: string | Buffer;
	/** Reads may be retried; writes only when provably not processed. */
	kind: RequestKind;
	/** What this request does, for messages ("list customers"). */
	action: string;
	/** Turns the raw answer into data or a failure. */
	interpret: (response: RawResponse) => Interpretation<T>;
	itemIndex?: number;
	timeoutMs?: number;
	retry?: Partial<RetryOptions>;
	/**
	 * Whether an HTTP status may trigger a retry (default true: reads on 429/5xx, writes on 429).
	 * Set false for providers whose writes must never repeat once they reached the server, even on
	 * 429; network errors that prove nothing was sent (connection refused) are still retried.
	 */
	retryOnStatus?: boolean;
	/** The answer is a file: its bytes are handed back as they are (errors are still masked). */
	binaryResponse?: boolean;
	/**
	 * Follow redirects. Only for requests the credential adds nothing to (Conta's temporary file
	 * links on another host); every credential sets `disableFollowRedirect` itself whenever it adds
	 * a key, so a key never follows a redirect.
	 */
	followRedirects?: boolean;
}

/** Decode a body as UTF-8 text. */
export function bodyText(response: RawResponse): string {
	return response.body.toString('utf8');
}

/** A short, single-line excerpt of a body for messages. */
export function snippet(text: string, max = 300): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** Header lookup, case-insensitive. */
export function header(response: RawResponse, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(response.headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** Parse a JSON body; returns `{ ok: false }` for an empty or malformed body. */
export function parseJson(response: RawResponse): { ok: true; value: unknown } | { ok: false; text: string } {
	const text = bodyText(response);
	if (text.trim() === '') return { ok: false, text };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false, text };
	}
}

/** The default English summary for an HTTP status a provider did not explain. */
export function statusSummary(provider: ProviderConfig, status: number, action: string): ApiFailure {
	if (status === 401)
		return {
			message: `${provider.name} rejected the credentials (HTTP 401) while trying to ${action}`,
			hint: provider.credentialHint,
			httpCode: status,
			cause: 'credential-invalid',
		};
	if (status === 403)
		return {
			message: `${provider.name} refused access (HTTP 403) while trying to ${action}`,
			hint: `The credentials work, but the account may lack access to this resource or feature. ${provider.credentialHint}`,
			httpCode: status,
		};
	if (status === 404)
		return {
			message: `${provider.name} could not find what was asked for (HTTP 404) while trying to ${action}`,
			hint: 'Check the ID or reference you gave, and the base URL in the credential.',
			httpCode: status,
		};
	if (status === 429)
		return {
			message: `${provider.name} is rate limiting requests (HTTP 429) while trying to ${action}`,
			hint: 'Wait a moment and run again, or space out the requests (for example with a Wait node or smaller batches).',
			httpCode: status,
			cause: 'rate-limited',
		};
	if (status >= 500)
		return {
			message: `${provider.name} had a server error (HTTP ${status}) while trying to ${action}`,
			hint: `${provider.name} may be down or overloaded. Try again later.`,
			httpCode: status,
			cause: 'temporarily-unavailable',
		};
	return {
		message: `${provider.name} rejected the request (HTTP ${status}) while trying to ${action}`,
		httpCode: status,
	};
}

/**
 * The secret values among a credential's fields, for redaction. A credential may send a pasted
 * key trimmed (AutoInvoice does), so both forms are masked.
 */
export function secretValues(credentials: IDataObject, fields: readonly string[]): string[] {
	return fields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value.trim().length > 0)
		.flatMap((value) => (value.trim() !== value ? [value, value.trim()] : [value]));
}

const secretCache = new WeakMap<object, Map<string, Promise<string[]>>>();

/**
 * The secret values of the provider's credential (none when it can't be read), read once per
 * execution context: a node has one credential of a type for all its items.
 */
export async function secretsOf(ctx: RequestContext, provider: ProviderConfig): Promise<string[]> {
	let byType = secretCache.get(ctx);
	if (!byType) {
		byType = new Map();
		secretCache.set(ctx, byType);
	}
	let secrets = byType.get(provider.credentialType);
	if (!secrets) {
		secrets = ctx
			.getCredentials(provider.credentialType)
			.then((credentials) => secretValues(credentials, provider.secretFields))
			.catch(() => {
				byType!.delete(provider.credentialType);
				return [] as string[];
			});
		byType.set(provider.credentialType, secrets);
	}
	return secrets;
}

/** Where a request holds a value that cannot be sent as it is, if anywhere (a last guard behind the value rules). */
function unsendablePart(request: ApiRequest<unknown>): string | undefined {
	if (unsendableCharacter(request.url)) return 'the address';
	const walk = (value: unknown): boolean =>
		typeof value === 'string' ? unsendableCharacter(value) !== undefined : Array.isArray(value) && value.some(walk);
	for (const [name, value] of Object.entries(request.qs ?? {})) {
		if (walk(value)) return `query parameter '${name}'`;
	}
	if (typeof request.body === 'string' && unsendableCharacter(request.body)) return 'the request body';
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (/[\r\n]/.test(value) || unsendableCharacter(value)) return `header '${name}'`;
	}
	return undefined;
}

/** A failure before the request left: a NodeOperationError, never a network error. */
async function notSentError(
	ctx: RequestContext,
	provider: ProviderConfig,
	request: ApiRequest<unknown>,
	message: string,
	description: string,
): Promise<NodeOperationError> {
	const clean = secretMasker(await secretsOf(ctx, provider));
	return new NodeOperationError(ctx.getNode(), redactText(clean(message)), {
		itemIndex: request.itemIndex,
		description: redactText(clean(description)),
	});
}

/**
 * The answer with every secret removed from its body and headers: the credential's values in any
 * case and encoding, and secret-named fields and parameters. Failures are read from this.
 */
export function redactedResponse(response: RawResponse, secrets: readonly string[]): RawResponse {
	const clean = (value: unknown) => redactText(String(value), secrets);
	const headers: RawResponse['headers'] = {};
	for (const [name, value] of Object.entries(response.headers)) {
		headers[name] = Array.isArray(value) ? value.map(clean) : value === undefined ? value : clean(value);
	}
	return { ...response, headers, body: Buffer.from(clean(bodyText(response)), 'utf8') };
}

/** A 3xx: never followed, because the credential's key, header or body would go along. */
export function redirectFailure(provider: ProviderConfig, request: Pick<ApiRequest<unknown>, 'action' | 'kind'>, response: RawResponse): ApiFailure {
	const location = header(response, 'location');
	const where = location ? ` to ${snippet(location, 200)}` : '';
	return {
		message: `${provider.name} answered with a redirect (HTTP ${response.statusCode})${where} while trying to ${request.action}`,
		details: [location ? `Location: ${snippet(location, 500)}` : 'The answer had no Location header.'],
		hint:
			`The redirect was not followed, so your credentials were not sent to another address. Fix the base URL or endpoint in the ${provider.name} credential: use ${provider.name}'s own API address${location ? ' (the Location above, only if it is that address)' : ''}.` +
			(request.kind === 'write'
				? ` Check in ${provider.name} whether the request was processed before running it again.`
				: ''),
		httpCode: response.statusCode,
		cause: 'configuration-invalid',
	};
}

/** Build the user-facing NodeApiError for a failure, with every secret removed. */
export async function toNodeApiError(
	ctx: RequestContext,
	provider: ProviderConfig,
	failure: ApiFailure,
	itemIndex?: number,
): Promise<NodeApiError> {
	const secrets = await secretsOf(ctx, provider);
	// Redacted before anything is shortened further, in any letter case.
	const clean = (text: string) => redactText(text, secrets);
	const parts: string[] = [];
	if (failure.providerMessage) parts.push(`${provider.name} said: ${failure.providerMessage}`);
	if (failure.details?.length) parts.push(...failure.details);
	if (failure.httpCode !== undefined) parts.push(`HTTP status: ${failure.httpCode}`);
	if (failure.hint) parts.push(failure.hint);
	const message = clean(failure.message);
	const description = clean(parts.join('\n'));
	const errorResponse: JsonObject = { message, description };
	if (failure.httpCode !== undefined) errorResponse.httpCode = String(failure.httpCode);
	if (failure.providerMessage) errorResponse.providerMessage = clean(failure.providerMessage);
	let failureOption: { cause: any; retryAfterMs?: number } | undefined;
	if (failure.cause) {
		failureOption = { cause: failure.cause };
		if (failure.retryAfterMs !== undefined && failure.cause !== 'credential-invalid' && failure.cause !== 'configuration-invalid')
			failureOption.retryAfterMs = failure.retryAfterMs;
	}
	return new NodeApiError(ctx.getNode(), errorResponse, {
		message,
		description,
		httpCode: failure.httpCode !== undefined ? String(failure.httpCode) : undefined,
		itemIndex,
		failure: failureOption,
	});
}

/** What a failed write that may have reached the provider tells the user. */
const MAY_HAVE_PROCESSED = (name: string) =>
	`${name} may have processed the request, so it was not sent again: check in ${name} before running it again, so nothing is created twice.`;

function networkFailure(provider: ProviderConfig, request: ApiRequest<unknown>, error: unknown): ApiFailure {
	const network = describeNetworkError(error);
	if (network.timedOut) {
		return {
			message: `${provider.name} did not answer in time while trying to ${request.action}`,
			hint:
				request.kind === 'write'
					? MAY_HAVE_PROCESSED(provider.name)
					: `${provider.name} may be slow or down. Try again later.`,
			details: [`Network error: ${network.code ?? 'timeout'}`],
			cause: 'temporarily-unavailable',
		};
	}
	return {
		message: `Could not reach ${provider.name} while trying to ${request.action}`,
		hint:
			request.kind === 'write' && !isRetryableNetworkError('write', network)
				? `The connection broke after the request was sent. ${MAY_HAVE_PROCESSED(provider.name)}`
				: `Check the base URL in the credential and your network. (${network.code ?? 'network error'})`,
		details: [`Network error: ${network.code ?? network.message}`],
		cause: 'temporarily-unavailable',
	};
}

/**
 * Send a request and interpret the answer. Retries reads (and provably unprocessed writes),
 * and throws a NodeApiError for everything else.
 */
export async function apiRequest<T>(ctx: RequestContext, provider: ProviderConfig, request: ApiRequest<T>): Promise<T> {
	const retry: RetryOptions = { ...DEFAULT_RETRY, ...(request.retry ?? {}) };
	const unsendable = unsendablePart(request);
	if (unsendable) {
		throw await notSentError(
			ctx,
			provider,
			request,
			`A value in ${unsendable} cannot be sent to ${provider.name} while trying to ${request.action}`,
			'Nothing was sent. A value contains a character that cannot be sent (a lone surrogate, i.e. half of an emoji cut by an expression, or a noncharacter such as U+FFFE), or a header contains a line break. Remove it from the input and run again.',
		);
	}
	const secrets = await secretsOf(ctx, provider);
	const mask = secretMasker(secrets);
	let lastFailure: ApiFailure | undefined;
	for (let attempt = 0; ; attempt++) {
		// A fresh options object per attempt: nothing is shared or mutated across attempts or pages.
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: request.qs ? { ...request.qs } : undefined,
			headers: { ...(request.headers ?? {}) },
			body: request.body,
			json: false,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect would carry the credential (header, query or body) to another address.
			disableFollowRedirect: request.followRedirects !== true,
		};
		// Without an explicit timeout the credential's "Timeout (Seconds)" applies.
		if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
		if (options.body === undefined) delete options.body;
		if (options.qs === undefined) delete options.qs;

		let response: RawResponse | undefined;
		try {
			const full = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				provider.credentialType,
				options,
			)) as { statusCode: number; headers: Record<string, string | string[]>; body: unknown };
			response = {
				statusCode: full.statusCode,
				headers: full.headers ?? {},
				body: toBuffer(full.body),
			};
		} catch (error) {
			const network = describeNetworkError(error);
			if (!network.code && !network.timedOut) {
				// Raised before anything was sent (e.g. the credential is missing or incomplete).
				throw await notSentError(
					ctx,
					provider,
					request,
					`Could not send the request to ${provider.name} while trying to ${request.action}: ${snippet(mask(network.message), 300)}`,
					`${provider.credentialHint}${request.kind === 'write' ? ` If the request did reach ${provider.name}, check there before running it again.` : ''}`,
				);
			}
			lastFailure = networkFailure(provider, request, error);
			if (attempt < retry.maxRetries && isRetryableNetworkError(request.kind, network)) {
				await sleep(retryDelay(attempt, retry));
				continue;
			}
			throw await toNodeApiError(ctx, provider, lastFailure, request.itemIndex);
		}

		const isRedirect = response.statusCode >= 300 && response.statusCode < 400;
		const read = (answer: RawResponse): Interpretation<T> =>
			isRedirect ? { ok: false, failure: redirectFailure(provider, request, answer) } : request.interpret(answer);
		const interpretation = read(response);
		if (interpretation.ok) {
			return request.binaryResponse ? interpretation.data : redactValue(interpretation.data, secrets);
		}
		// The words of the failure are read again from the redacted answer, so every snippet is cut from
		// clean text; what the answer means (refused, cause) stays as the first reading found it.
		const redacted = redactedResponse(response, secrets);
		const clean = read(redacted);
		const { refused, cause, hintCoversProcessing } = interpretation.failure;
		lastFailure = clean.ok
			? {
					...interpretation.failure,
					message: redactText(interpretation.failure.message, secrets),
					providerMessage: bodyText(redacted).trim() ? snippet(bodyText(redacted)) : undefined,
					details: undefined,
				}
			: { ...clean.failure, refused, cause, hintCoversProcessing };
		if (lastFailure.httpCode === undefined) lastFailure.httpCode = response.statusCode;
		const retryAfterMs = parseRetryAfter(header(response, 'retry-after'));
		if (retryAfterMs !== undefined) lastFailure.retryAfterMs = retryAfterMs;
		const statusRetryable = request.retryOnStatus !== false && isRetryableStatus(request.kind, response.statusCode);
		if (attempt < retry.maxRetries && statusRetryable) {
			await sleep(retryDelay(attempt, retry, retryAfterMs));
			continue;
		}
		if (attempt > 0 && statusRetryable) {
			lastFailure.details = [...(lastFailure.details ?? []), `Gave up after ${attempt + 1} attempts.`];
		}
		const is2xx = response.statusCode >= 200 && response.statusCode < 300;
		if (request.kind === 'write' && !lastFailure.refused && !lastFailure.hintCoversProcessing) {
			// A server error or an unusable success after a write: it may have been processed. The
			// generic 5xx hint ("try again later") would be wrong advice for a write, so it is replaced.
			if (response.statusCode >= 500 && lastFailure.cause === 'temporarily-unavailable') lastFailure.hint = MAY_HAVE_PROCESSED(provider.name);
			else if (is2xx) lastFailure.hint = `${MAY_HAVE_PROCESSED(provider.name)} If this keeps happening, check the base URL or endpoint in the ${provider.name} credential.`;
			else if (response.statusCode >= 500) lastFailure.hint = `${lastFailure.hint ? `${lastFailure.hint} ` : ''}${MAY_HAVE_PROCESSED(provider.name)}`;
		}
		throw await toNodeApiError(ctx, provider, lastFailure, request.itemIndex);
	}
}

/** Whatever an HTTP helper returned as a body, as bytes. */
export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (body === undefined || body === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body), 'utf8');
}
