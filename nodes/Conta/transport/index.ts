/**
 * Conta transport: JSON REST with the `apiKey` header (set by the credential), error bodies
 * `{ category, name, messages: { EN, NO }, errors[] }` classified by `category`.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { jsonBody } from '../../shared/encode';
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
		case 'page': {
			// The spec marks no envelope field required: without `hits` only an explicit `hitCount: 0` reads as empty.
			const page = isObject ? (value as IDataObject) : undefined;
			return page !== undefined && (Array.isArray(page.hits) || (page.hits === undefined && page.hitCount === 0));
		}
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

export interface ContaSearch<T = IDataObject> {
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
	/** Pages read at most in one pass (a partial read, without the total check). */
	maxPages?: number;
	/**
	 * Called with every page as read (page 0 again when a pass starts over); `true` ends the read
	 * after this page (a partial read, without the total check).
	 */
	onPage?: (result: ContaPageResult<T>, page: number) => boolean | void;
}

export interface ContaPageRequest {
	path: string;
	/** Filters; `hits` and `page` are added (a fresh object for every page). */
	qs?: IDataObject;
	action: string;
	itemIndex?: number;
	/** Page size asked for (`hits`). */
	pageSize: number;
	/** The server's page size, as page 0 showed it (ContaPageResult.perPage); pages after 0 must fit it. */
	perPage?: number;
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
	/** The server's page size, when the counts settle it (page 0's length, or ContaPageRequest.perPage). */
	perPage?: number;
}

const GLITCH_HINT = 'Conta\'s list disagreed with its own counts; this is usually temporary. Run again.';
const INCOMPLETE = 'Conta sent an incomplete page';
const CONTRADICTION = 'Conta sent a page whose counts contradict each other';

/** Passes of one search from page 0 when records are removed while its pages are read. */
export const CONTA_SEARCH_PASSES = 3;

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

type Verdict = { more: boolean; perPage?: number } | { problem: string; detail: string };

/**
 * Whether page `page` holding `n` hits fits its envelope's counts, and whether another page
 * follows. The page size is the server's, which may be smaller than the `asked` one (a cap):
 * - page 0 sets it: its own length `n` whenever the counts fit it (`pageCount` = ⌈hitCount / n⌉,
 *   or no `pageCount`); later pages of the same read must then hold exactly their share (`known`);
 * - a page read on its own after page 0 (a list-search token) must fit some page size that gives
 *   `pageCount`: at least ⌈hitCount / pageCount⌉, the last at least what the largest such size leaves.
 * Without `hitCount`: a page before `pageCount` must not be empty; without any counts another page
 * may follow until one comes back empty (a cap can't be told from the last page).
 */
function judge(page: number, asked: number, known: number | undefined, hitCount: number | undefined, pageCount: number | undefined, n: number): Verdict {
	const incomplete = (detail: string) => ({ problem: INCOMPLETE, detail });
	const contradiction = (detail: string) => ({ problem: CONTRADICTION, detail });
	if (hitCount === undefined) {
		if (pageCount === undefined) return { more: n > 0 };
		const more = page + 1 < pageCount;
		if (more && n < 1) return incomplete(`Page ${page} held ${n} hits where its pageCount ${pageCount} promises at least 1.`);
		return { more };
	}
	if (hitCount === 0) return { more: false };
	const fits = (size: number) => size > 0 && (pageCount === undefined || pageCount === Math.ceil(hitCount / size));
	const share = (size: number) => Math.max(0, Math.min(size, hitCount - page * size));
	const bySize = (size: number) => `Page ${page} (${size} per page) held ${n} hits where its hitCount ${hitCount} promises ${share(size)}.`;
	if (known !== undefined && page > 0) {
		if (!fits(known)) return contradiction(`Page ${page}: hitCount ${hitCount} and pageCount ${pageCount} do not fit the ${known} per page of page 0.`);
		if (n < share(known)) return incomplete(bySize(known));
		if (n > share(known)) return contradiction(`Page ${page} held ${n} hits where its hitCount ${hitCount} and the ${known} per page of page 0 allow ${share(known)}.`);
		return { more: page + 1 < Math.ceil(hitCount / known), perPage: known };
	}
	if (page === 0 && fits(n)) return { more: n < hitCount, perPage: n };
	if (page > 0 && pageCount === undefined) {
		// No pageCount and no size from page 0: the size asked for.
		if (n < share(asked)) return incomplete(bySize(asked));
		return { more: page + 1 < Math.ceil(hitCount / asked) };
	}
	if (page === 0 && fits(asked) && n < share(asked)) return incomplete(bySize(asked));
	const pages = pageCount ?? 1;
	const low = Math.ceil(hitCount / pages);
	const high = pages > 1 ? Math.floor((hitCount - 1) / (pages - 1)) : hitCount;
	if (low > high) return contradiction(`Page ${page}: no page size gives hitCount ${hitCount} in pageCount ${pageCount}.`);
	const least = page + 1 < pages ? low : page + 1 === pages ? hitCount - (pages - 1) * high : 0;
	if (n < least) {
		if (fits(asked)) return incomplete(bySize(asked));
		return incomplete(`Page ${page} held ${n} hits where its hitCount ${hitCount} and pageCount ${pageCount} promise at least ${least}.`);
	}
	if (page === 0) return contradiction(`Page 0 held ${n} hits, but ${n} per page gives ${Math.ceil(hitCount / n)} pages for hitCount ${hitCount}, not pageCount ${pageCount}.`);
	return { more: page + 1 < pages };
}

/**
 * One page of a Conta search route (`hits` per page, 0-based `page`), checked against its own
 * envelope (`{ hits, hitCount, pageCount, sum }`, see `judge`): a page that does not hold what
 * its counts promise at its offset (an empty page while hits remain) is a NodeApiError, never a
 * short answer.
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
	if (request.strict && hitCount === undefined) {
		throw await contaListError(ctx, request, 'Conta sent a page without its hit count', `Page ${page} held ${hits.length} hits and no 'hitCount', so an empty or short page cannot be told from a complete one.`);
	}
	const verdict = judge(page, request.pageSize, request.perPage, hitCount, pageCount, hits.length);
	if ('problem' in verdict) throw await contaListError(ctx, request, verdict.problem, verdict.detail);
	return { hits, more: verdict.more, hitCount, pageCount, perPage: verdict.perPage };
}

async function contaListError(ctx: RequestContext, request: { action: string; itemIndex?: number; hint?: string }, message: string, detail: string, hint = GLITCH_HINT) {
	return toNodeApiError(ctx, CONTA, { message: `${message} while trying to ${request.action}`, details: [detail], hint: request.hint ?? hint }, request.itemIndex);
}

/** What makes a hit one record: its id (and, for payment parts, the invoice it paid); none without an id. */
function hitKey(hit: unknown): string | undefined {
	if (typeof hit !== 'object' || hit === null) return undefined;
	const { id, invoiceId } = hit as IDataObject;
	if (typeof id !== 'number' && typeof id !== 'string') return undefined;
	return `${id}:${typeof invoiceId === 'number' || typeof invoiceId === 'string' ? invoiceId : ''}`;
}

/**
 * One pass over the pages from page 0, or `restart` when a page's hitCount is lower than page 0's
 * (records removed while reading: one may have moved onto a page already read). More records only
 * push records to later pages, where they are read again: a hit whose key was read is dropped.
 */
async function searchPass<T>(ctx: RequestContext, search: ContaSearch<T>, pageSize: number): Promise<T[] | 'restart'> {
	const out: T[] = [];
	const keys = new Set<string>();
	let first: number | undefined;
	let perPage: number | undefined;
	const maxPages = search.maxPages ?? 100_000;
	for (let page = 0; page < maxPages; page++) {
		const result = await contaPage<T>(ctx, { ...search, pageSize, perPage }, page);
		if (page === 0) {
			first = result.hitCount;
			perPage = result.perPage;
		} else if (first !== undefined && result.hitCount !== undefined && result.hitCount < first) return 'restart';
		const stop = search.onPage?.(result, page) === true;
		let added = 0;
		for (const hit of result.hits) {
			const key = hitKey(hit);
			if (key !== undefined && keys.has(key)) continue;
			if (key !== undefined) keys.add(key);
			out.push(hit);
			added++;
			if (search.limit !== undefined && out.length >= search.limit) return out;
		}
		if (stop) return out;
		if (!result.more) {
			if (first !== undefined && out.length < first) {
				throw await contaListError(ctx, search, 'Conta sent fewer records than its hit count', `Pages 0–${page} held ${out.length} different records where their hitCount promises ${first}.`);
			}
			return out;
		}
		// Without counts, a page repeating only hits already read (`page` ignored) ends the read.
		if (result.hitCount === undefined && result.pageCount === undefined && added === 0) return out;
	}
	return out;
}

/**
 * Reads a Conta search route page by page (each checked by contaPage, pages after 0 against the
 * page size page 0 showed) until the counts say it is done or `limit` hits are in hand. A full
 * read must hold hitCount different records. When records are removed while the pages are read,
 * it reads again from page 0, at most CONTA_SEARCH_PASSES times.
 */
export async function contaSearch<T>(ctx: RequestContext, search: ContaSearch<T>): Promise<T[]> {
	const pageSize = Math.max(1, Math.min(search.pageSize ?? CONTA_PAGE_SIZE, search.limit ?? Number.MAX_SAFE_INTEGER));
	for (let pass = 1; ; pass++) {
		const hits = await searchPass(ctx, search, pageSize);
		if (hits !== 'restart') return hits;
		if (pass >= CONTA_SEARCH_PASSES) {
			throw await contaListError(
				ctx,
				search,
				"Conta's list kept changing",
				`Records were removed while the pages were read, ${CONTA_SEARCH_PASSES} times in a row, so a record may have moved onto a page already read.`,
				'Run again when fewer records are being changed.',
			);
		}
	}
}

/** `{o}` routes: `/invoice/organizations/{orgId}` + rest. */
export const invoicePath = (orgId: string, rest = ''): string => `/invoice/organizations/${orgId}${rest}`;

/** `{a}` routes: `/accounting/organizations/{orgId}` + rest. */
export const accountingPath = (orgId: string, rest = ''): string => `/accounting/organizations/${orgId}${rest}`;
