/**
 * The trigger's reads of Conta's search routes, checked against the paged envelope
 * (`{ hits, hitCount, pageCount, sum }`, conta.md §2.2).
 *
 * A page must hold every hit its own envelope promises: `min(page size, hitCount − page × page
 * size)` when `hitCount` is sent, a full page before the last one when only `pageCount` is sent.
 * A page with fewer (an empty page while `hitCount` > 0, a page that ends early), or an answer
 * without a `hits` list, is a glitch, not an answer: the poll fails with a NodeApiError before the
 * state moves, and the next poll reads again. Each page is checked against its own envelope, so
 * records created or closed while the pages are read do not fail the poll. An envelope with
 * neither count is taken as it is.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { toNodeApiError } from '../../shared/request';
import { CONTA, contaRequest, type ContaPage, type ContaPageRequest } from '../transport/index';
import { MAX_PAGES_PER_POLL } from './common';

export interface CheckedPage {
	hits: IDataObject[];
	/** Whether another page may follow (any of hitCount, pageCount or a full page says so). */
	more: boolean;
	/** The envelope's `hitCount`, when Conta sent one. */
	hitCount?: number;
}

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

/** One page (0-based), or a NodeApiError when it holds fewer hits than its envelope promises. */
export async function checkedPage(ctx: IPollFunctions, request: ContaPageRequest, page: number): Promise<CheckedPage> {
	const result = await contaRequest<ContaPage<IDataObject> | null>(ctx, {
		method: 'GET',
		path: request.path,
		qs: { ...(request.qs ?? {}), hits: request.pageSize, page },
		action: request.action,
	});
	if (!Array.isArray(result?.hits)) {
		throw await toNodeApiError(ctx, CONTA, {
			message: `Conta answered without a list of results while trying to ${request.action}`,
			details: [`Page ${page} has no 'hits' list.`],
			hint: 'The trigger kept its state; the next poll reads the list again.',
		});
	}
	const hits = result.hits;
	const hitCount = count(result?.hitCount);
	const pageCount = count(result?.pageCount);
	const start = page * request.pageSize;
	let expected = 0;
	if (hitCount !== undefined) expected = Math.min(request.pageSize, Math.max(0, hitCount - start));
	else if (pageCount !== undefined && page + 1 < pageCount) expected = request.pageSize;
	if (hits.length < expected) {
		const promise = hitCount !== undefined ? `hitCount ${hitCount}` : `pageCount ${pageCount}`;
		throw await toNodeApiError(ctx, CONTA, {
			message: `Conta sent an incomplete page while trying to ${request.action}`,
			details: [`Page ${page} (${request.pageSize} per page) held ${hits.length} hits where its ${promise} promises ${expected}.`],
			hint: 'The trigger kept its state; the next poll reads the list again.',
		});
	}
	const more =
		hits.length > 0 &&
		((hitCount !== undefined && start + request.pageSize < hitCount) ||
			(pageCount !== undefined && page + 1 < pageCount) ||
			(hitCount === undefined && pageCount === undefined && hits.length >= request.pageSize));
	return { hits, more, hitCount };
}

/** Every page (at most MAX_PAGES_PER_POLL), each checked; `hitCount` is the last page's. */
export async function checkedSearch(ctx: IPollFunctions, request: ContaPageRequest): Promise<{ hits: IDataObject[]; hitCount?: number }> {
	const hits: IDataObject[] = [];
	let hitCount: number | undefined;
	for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
		const next = await checkedPage(ctx, request, page);
		hits.push(...next.hits);
		hitCount = next.hitCount;
		if (!next.more) break;
	}
	return { hits, hitCount };
}
