/**
 * Conta transport: JSON REST with the `apiKey` header (set by the credential), error bodies
 * `{ category, name, messages: { EN, NO }, errors[] }` classified by `category`.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { jsonBody } from '../../shared/encode';
import { collectPages } from '../../shared/paging';
import {
	apiRequest,
	bodyText,
	parseJson,
	snippet,
	statusSummary,
	toNodeApiError,
	type ApiFailure,
	type Interpretation,
	type ProviderConfig,
	type RawResponse,
	type RequestContext,
} from '../../shared/request';
import type { RequestKind } from '../../shared/retry';

export const CONTA: ProviderConfig = {
	name: 'Conta',
	credentialType: 'contaApi',
	secretFields: ['apiKey'],
	credentialHint:
		'Check the API key and the environment in the Conta credential. Keys are made in Conta under Settings → User account → Manage API keys.',
};

interface ContaErrorBody {
	category?: string;
	name?: string;
	messages?: Record<string, string> | string[];
	errors?: unknown[];
}

function englishMessage(messages: ContaErrorBody['messages']): string | undefined {
	if (!messages) return undefined;
	if (Array.isArray(messages)) return messages.find((m) => typeof m === 'string');
	if (typeof messages === 'object') return messages.EN ?? messages.en ?? undefined;
	return undefined;
}

function fieldErrors(errors: unknown[] | undefined): string[] {
	if (!Array.isArray(errors)) return [];
	return errors.slice(0, 20).map((error) => {
		if (typeof error === 'string') return `Field error: ${error}`;
		const e = error as IDataObject & { property?: IDataObject; messages?: Record<string, string> };
		const path = (e.property?.path as string | undefined) ?? 'input';
		const message = e.messages?.EN && !/translation not found/i.test(e.messages.EN) ? e.messages.EN : `failed the '${String(e.id ?? 'validation')}' check`;
		return `Field '${path}': ${message}`;
	});
}

/** Turn a non-2xx Conta answer into a failure with Conta's own English message. */
export function contaFailure(response: RawResponse, action: string): ApiFailure {
	const base = statusSummary(CONTA, response.statusCode, action);
	const parsed = parseJson(response);
	if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
		const text = bodyText(response);
		return { ...base, providerMessage: text.trim() ? snippet(text) : undefined };
	}
	const body = parsed.value as ContaErrorBody;
	const english = englishMessage(body.messages);
	const name = typeof body.name === 'string' ? body.name : undefined;
	const failure: ApiFailure = {
		...base,
		providerMessage: english ? (name ? `${english} (${name})` : english) : name,
		details: fieldErrors(body.errors),
	};
	switch ((body.category ?? '').toUpperCase()) {
		case 'INPUT':
			failure.message = `Conta rejected the input (HTTP ${response.statusCode}) while trying to ${action}`;
			failure.hint = 'Correct the fields listed above and run again.';
			break;
		case 'CUSTOM':
			failure.message = `Conta refused to ${action} (HTTP ${response.statusCode})${english ? `: ${english}` : ''}`;
			break;
		default:
			break;
	}
	return failure;
}

/**
 * What a call needs from a 2xx answer (Conta's OpenAPI document): `record` a JSON object with an
 * `id` (what POST and PUT return), `object` a JSON object (a single GET), `list` a JSON array, `page`
 * the search envelope with a `hits` array, `nothing` anything (DELETE answers 200 without a body).
 */
export type ContaExpect = 'record' | 'object' | 'list' | 'page' | 'nothing';

const EXPECTED: Record<Exclude<ContaExpect, 'nothing'>, string> = {
	record: 'a record with its id',
	object: 'a record',
	list: 'a list',
	page: 'a list of results',
};

function hasShape(value: unknown, expect: ContaExpect): boolean {
	const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
	switch (expect) {
		case 'record': {
			const id = isObject ? (value as IDataObject).id : undefined;
			return (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) || (typeof id === 'string' && /^[1-9]\d*$/.test(id));
		}
		case 'object':
			return isObject;
		case 'list':
			return Array.isArray(value);
		case 'page':
			return isObject && Array.isArray((value as IDataObject).hits);
		default:
			return true;
	}
}

/**
 * Interpret a Conta answer: a 2xx with the shape the call needs is success; a non-2xx, a body that
 * is not JSON, or a 2xx without what the call needs is a failure.
 */
export function interpretConta<T>(action: string, expect: ContaExpect = 'nothing') {
	return (response: RawResponse): Interpretation<T> => {
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return { ok: false, failure: contaFailure(response, action) };
		}
		const empty = response.body.length === 0 || bodyText(response).trim() === '';
		if (empty && expect === 'nothing') return { ok: true, data: null as T };
		const parsed = empty ? undefined : parseJson(response);
		if (parsed && !parsed.ok) {
			return {
				ok: false,
				failure: {
					message: `Conta sent an answer that is not valid JSON while trying to ${action}`,
					providerMessage: snippet(parsed.text),
					hint: 'This is usually temporary. Try again; if it keeps happening, check the base URL in the credential.',
					httpCode: response.statusCode,
				},
			};
		}
		if (expect !== 'nothing' && !hasShape(parsed?.value, expect)) {
			return {
				ok: false,
				failure: {
					message: `Conta answered without ${EXPECTED[expect]} (HTTP ${response.statusCode}) while trying to ${action}`,
					providerMessage: empty ? '(empty answer)' : snippet(bodyText(response)),
					hint: "Check the base URL in the credential (it must be the Conta API). If it is right, this is a change or a fault on Conta's side.",
					httpCode: response.statusCode,
				},
			};
		}
		return { ok: true, data: (parsed?.value ?? null) as T };
	};
}

export interface ContaCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: unknown;
	action: string;
	itemIndex?: number;
	/** Defaults to read for GET and write for everything else. */
	kind?: RequestKind;
	/** What the answer must hold; defaults to `record` for POST and PUT, `object` for GET, `nothing` for DELETE. */
	expect?: ContaExpect;
}

function defaultExpect(method: IHttpRequestMethods): ContaExpect {
	if (method === 'POST' || method === 'PUT' || method === 'PATCH') return 'record';
	if (method === 'GET') return 'object';
	return 'nothing';
}

export async function contaRequest<T>(ctx: RequestContext, call: ContaCall): Promise<T> {
	const encoded = call.body === undefined ? undefined : jsonBody(call.body);
	return apiRequest<T>(ctx, CONTA, {
		method: call.method,
		url: call.path,
		qs: call.qs,
		headers: { Accept: 'application/json', ...(encoded?.headers ?? {}) },
		body: encoded?.body,
		kind: call.kind ?? (call.method === 'GET' ? 'read' : 'write'),
		action: call.action,
		interpret: interpretConta<T>(call.action, call.expect ?? defaultExpect(call.method)),
		itemIndex: call.itemIndex,
	});
}

/**
 * Page size for Conta's search routes. The spec sets no maximum (`hits=0` even means "all"), but
 * one huge answer is slow and fragile, so lists are read in pages of this size.
 */
export const CONTA_PAGE_SIZE = 500;

/** Conta's paged envelope (`RouteV1QueryResult*Model`). */
export interface ContaPage<T> {
	hits?: T[];
	hitCount?: number;
	pageCount?: number;
	sum?: number;
}

export interface ContaSearch {
	path: string;
	/** Filters; `hits` and `page` are added per page (a fresh object each time). */
	qs?: IDataObject;
	action: string;
	itemIndex?: number;
	/** Stop after this many hits; undefined reads every page. */
	limit?: number;
	/** Page size; defaults to CONTA_PAGE_SIZE (or the limit, when smaller). */
	pageSize?: number;
	/** See ContaPageRequest.strict. */
	strict?: boolean;
	/** See ContaPageRequest.hint. */
	hint?: string;
}

export interface ContaPageRequest {
	path: string;
	/** Filters; `hits` and `page` are added (a fresh object for every page). */
	qs?: IDataObject;
	action: string;
	itemIndex?: number;
	pageSize: number;
	/**
	 * Every page must carry `hitCount` (the spec declares it on every search envelope), so an empty
	 * result is believed only with an explicit `hitCount: 0`. For readers that keep state (the trigger).
	 */
	strict?: boolean;
	/** What the user is told after a page that contradicts its envelope. */
	hint?: string;
}

/** One page of a search route, read and checked against its envelope. */
export interface ContaPageResult<T> {
	hits: T[];
	/** Whether another page follows. */
	more: boolean;
	hitCount?: number;
	pageCount?: number;
}

const GLITCH_HINT = 'Conta\'s list disagreed with its own counts; this is usually temporary. Run again.';

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

/**
 * How many hits page `page` must hold, and whether another page follows, from the envelope's
 * counts. `size` is the page size asked for; a server that caps it answers with a `pageCount`
 * that does not fit `size`, and then the page size is derived from the counts: at least
 * ⌈hitCount / pageCount⌉, at most ⌊(hitCount − 1) / (pageCount − 1)⌋ (the last page holds the rest).
 * `undefined` when the counts fit no page size.
 */
function promised(
	page: number,
	size: number,
	hitCount: number | undefined,
	pageCount: number | undefined,
	received: number,
): { expected: number; more: boolean; perPage?: number } | undefined {
	if (hitCount === undefined) {
		// Only pageCount (or nothing): a page before the last is not empty; without counts a full page may have more.
		if (pageCount !== undefined) return { expected: page + 1 < pageCount ? 1 : 0, more: page + 1 < pageCount };
		return { expected: 0, more: received >= size };
	}
	const pages = pageCount !== undefined && pageCount >= 1 ? pageCount : Math.ceil(hitCount / size);
	if (hitCount === 0 || pages === Math.ceil(hitCount / size)) {
		return { expected: Math.max(0, Math.min(size, hitCount - page * size)), more: page + 1 < pages, perPage: size };
	}
	const low = Math.ceil(hitCount / pages);
	const high = pages > 1 ? Math.floor((hitCount - 1) / (pages - 1)) : hitCount;
	if (low > high) return undefined;
	if (page + 1 < pages) return { expected: low, more: true };
	return { expected: page + 1 === pages ? hitCount - (pages - 1) * high : 0, more: false };
}

/**
 * One page of a Conta search route (`hits` per page, 0-based `page`), checked against its own
 * envelope (`{ hits, hitCount, pageCount, sum }`): a page holding fewer hits than the counts
 * promise at its offset (an empty page while hits remain) is a NodeApiError, never a short answer.
 * Each page is checked against its own envelope, so records created or removed between pages do
 * not fail the read. Without counts (not strict), `more` is whether the page came back full.
 */
export async function contaPage<T>(ctx: RequestContext, request: ContaPageRequest, page: number): Promise<ContaPageResult<T>> {
	const result = await contaRequest<ContaPage<T>>(ctx, {
		method: 'GET',
		path: request.path,
		qs: { ...(request.qs ?? {}), hits: request.pageSize, page },
		action: request.action,
		itemIndex: request.itemIndex,
		expect: 'page',
	});
	const hits = Array.isArray(result?.hits) ? result.hits : [];
	const hitCount = count(result?.hitCount);
	const pageCount = count(result?.pageCount);
	const fail = async (message: string, detail: string) =>
		toNodeApiError(ctx, CONTA, { message: `${message} while trying to ${request.action}`, details: [detail], hint: request.hint ?? GLITCH_HINT }, request.itemIndex);
	if (request.strict && hitCount === undefined) {
		throw await fail(
			'Conta sent a page without its hit count',
			`Page ${page} held ${hits.length} hits and no 'hitCount', so an empty or short page cannot be told from a complete one.`,
		);
	}
	const promise = promised(page, request.pageSize, hitCount, pageCount, hits.length);
	if (!promise) {
		throw await fail('Conta sent a page whose counts contradict each other', `Page ${page}: no page size gives hitCount ${hitCount} in pageCount ${pageCount}.`);
	}
	if (hits.length < promise.expected) {
		const counts = hitCount === undefined ? `pageCount ${pageCount} promises at least` : promise.perPage !== undefined ? `hitCount ${hitCount} promises` : `hitCount ${hitCount} and pageCount ${pageCount} promise at least`;
		const size = promise.perPage !== undefined ? ` (${promise.perPage} per page)` : '';
		throw await fail('Conta sent an incomplete page', `Page ${page}${size} held ${hits.length} hits where its ${counts} ${promise.expected}.`);
	}
	return { hits, more: promise.more, hitCount, pageCount };
}

/**
 * Reads a Conta search route page by page (each checked by contaPage) until the counts say it is
 * done or `limit` hits are in hand.
 */
export async function contaSearch<T>(ctx: RequestContext, search: ContaSearch): Promise<T[]> {
	const pageSize = Math.max(1, Math.min(search.pageSize ?? CONTA_PAGE_SIZE, search.limit ?? Number.MAX_SAFE_INTEGER));
	return collectPages<T>({
		limit: search.limit,
		fetchPage: async (page) => {
			const { hits, more } = await contaPage<T>(ctx, { ...search, pageSize }, page);
			return { items: hits, hasMore: more };
		},
	});
}

/** `{o}` routes: `/invoice/organizations/{orgId}` + rest. */
export const invoicePath = (orgId: string, rest = ''): string => `/invoice/organizations/${orgId}${rest}`;

/** `{a}` routes: `/accounting/organizations/{orgId}` + rest. */
export const accountingPath = (orgId: string, rest = ''): string => `/accounting/organizations/${orgId}${rest}`;
