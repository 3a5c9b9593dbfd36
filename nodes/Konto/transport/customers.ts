import { collectPages } from '../../shared/paging';
import type { RequestContext } from '../../shared/request';
import type { KontoCustomer } from '../helpers/interfaces';
import { KONTO_PAGE_SIZE, kontoRequest, listResult } from './index';

export interface ListCustomersOptions {
	/** Konto's name search. */
	search?: string;
	/** Stop after this many customers; undefined = all. */
	limit?: number;
}

/**
 * `GET get-customers` page by page (`limit` + 1-based `page`). Konto returns everything when
 * `limit` is left out, so a page size is always sent: 100 for Return All, min(limit, 100) for a
 * Limit. Stops on a short page. Customers are deduplicated by guid (list order is undocumented),
 * which also ends the loop if a server ignores `page` and repeats itself.
 */
export async function listCustomers(
	ctx: RequestContext,
	options: ListCustomersOptions,
	itemIndex?: number,
): Promise<KontoCustomer[]> {
	const pageSize = options.limit === undefined ? KONTO_PAGE_SIZE : Math.min(options.limit, KONTO_PAGE_SIZE);
	const seen = new Set<string>();
	return collectPages<KontoCustomer>({
		limit: options.limit,
		fetchPage: async (page) => {
			const rows = await kontoRequest(
				ctx,
				{
					endpoint: 'get-customers',
					params: { search: options.search, limit: pageSize, page: page + 1 },
					action: 'list customers',
					itemIndex,
				},
				listResult<KontoCustomer>,
			);
			const fresh = rows.filter((row) => {
				const guid = row && typeof row === 'object' ? row.guid : undefined;
				if (typeof guid !== 'string' || guid === '') return true;
				if (seen.has(guid)) return false;
				seen.add(guid);
				return true;
			});
			return { items: fresh, hasMore: rows.length === pageSize && fresh.length > 0 };
		},
	});
}
