/**
 * Paging: collect pages until the API says there are no more, or until `limit` items are in hand.
 * Each page is requested with its own fresh request object (the caller builds it per page).
 */
export interface Page<T> {
	items: T[];
	/** Whether another page may follow. */
	hasMore: boolean;
}

export interface CollectOptions<T> {
	/** Stop after this many items (Return All → undefined). */
	limit?: number;
	/** Fetch page number `page` (0-based counter; map it to the API's numbering). */
	fetchPage: (page: number) => Promise<Page<T>>;
	/** Safety stop against an API that never says it is done. */
	maxPages?: number;
}

export async function collectPages<T>(options: CollectOptions<T>): Promise<T[]> {
	const out: T[] = [];
	const maxPages = options.maxPages ?? 100_000;
	for (let page = 0; page < maxPages; page++) {
		const { items, hasMore } = await options.fetchPage(page);
		for (const item of items) {
			out.push(item);
			if (options.limit !== undefined && out.length >= options.limit) return out;
		}
		if (!hasMore || items.length === 0) break;
	}
	return out;
}
