/**
 * "New …" events (customers, invoices, invoice drafts, payments, transactions): an id cursor over
 * a search route sorted by `-id`.
 *
 * Each poll reads the newest records page by page until it reaches an id at or below the
 * cursor's floor. A record is new when its id is above the floor and its key is not among the
 * remembered keys. The state remembers the keys of the newest BOUNDARY_SIZE records; the floor
 * is the oldest of them. So a record that shows up late with an id a little below the newest
 * one (a transaction committed after a newer one) is still emitted, and nothing is emitted twice.
 *
 * Pages are read strictly with `contaSearch`: every page must carry `hitCount` and hold what its
 * counts promise, so a glitched page fails the poll (nothing stored) instead of seeding an empty
 * cursor (a flood of history on the next poll) or raising the floor above records never read.
 * When a later page's `hitCount` is lower than the first page's, records were removed while the
 * pages were read and may have moved onto pages already read: contaSearch reads again from page 0
 * (at most CONTA_SEARCH_PASSES times, then it fails). New records only push records to later pages, where
 * they are read again (counted once).
 *
 * Conta's spec does not list which fields each route can sort by. Should a route ever answer in
 * another order than `-id`, the trigger notices (a page, or a page after the previous one, that
 * is not newest first) and reads every page instead of stopping at the floor: slower, but still
 * exactly once.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { accountingPath, contaSearch, invoicePath, type ContaSearch } from '../transport/index';
import {
	BOUNDARY_SIZE,
	MANUAL_SAMPLE_SIZE,
	MAX_PAGES_PER_POLL,
	TRIGGER_PAGE_SIZE,
	STATE_KEPT_HINT,
	hitId,
	type TriggerEvent,
} from './common';

/** Reads of one poll from page 0 when records are removed while its pages are read. */

export interface NewRecordSpec {
	/** Search route for the organization. */
	path: (orgId: string) => string;
	/** Extra query parameters (besides sort, hits, page). */
	qs: IDataObject;
	/** Plural noun for messages ("customers"). */
	what: string;
	/** Identity of one hit (default: its id). */
	key?: (hit: IDataObject, id: number) => string;
}

export type NewRecordEvent = Extract<TriggerEvent, 'newCustomer' | 'newInvoice' | 'newInvoiceDraft' | 'newPayment' | 'newTransaction'>;

export const NEW_RECORD_EVENTS: Record<NewRecordEvent, NewRecordSpec> = {
	newCustomer: { path: (o) => invoicePath(o, '/customers'), qs: {}, what: 'customers' },
	newInvoice: { path: (o) => invoicePath(o, '/invoices'), qs: { includeCreatedAt: true }, what: 'invoices' },
	newInvoiceDraft: { path: (o) => invoicePath(o, '/invoice-drafts'), qs: { includeCreatedAt: true }, what: 'invoice drafts' },
	// One hit per part of a payment: the payment id plus the invoice it paid.
	newPayment: {
		path: (o) => invoicePath(o, '/invoice-payments'),
		qs: {},
		what: 'invoice payments',
		key: (hit, id) => `${id}:${hit.invoiceId ?? ''}`,
	},
	newTransaction: { path: (o) => accountingPath(o, '/transactions'), qs: {}, what: 'accounting transactions' },
};

export function isNewRecordEvent(event: TriggerEvent): event is NewRecordEvent {
	return event in NEW_RECORD_EVENTS;
}

/** The id cursor as stored in static data. */
export interface RecordCursor {
	/** Highest id seen. */
	cursor: number;
	/** No id at or below this is ever emitted. */
	floor: number;
	/** Keys of the records above the floor that were already seen (newest first). */
	seen: string[];
}

const keyOf = (spec: NewRecordSpec, hit: IDataObject, id: number) => (spec.key ? spec.key(hit, id) : String(id));
const idOfKey = (key: string) => Number.parseInt(key, 10);

/** A stored cursor, or undefined when the stored value is not one (then the trigger seeds again). */
export function parseRecordCursor(value: unknown): RecordCursor | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const v = value as Partial<RecordCursor>;
	if (typeof v.cursor !== 'number' || typeof v.floor !== 'number' || !Array.isArray(v.seen)) return undefined;
	if (!v.seen.every((key) => typeof key === 'string' && Number.isFinite(idOfKey(key)))) return undefined;
	return { cursor: v.cursor, floor: v.floor, seen: [...v.seen] };
}

/** Remember `keys` on top of `previous`, keeping the newest BOUNDARY_SIZE and raising the floor. */
function remember(previous: RecordCursor, keys: string[]): RecordCursor {
	const all = [...new Set([...keys, ...previous.seen])].sort((a, b) => idOfKey(b) - idOfKey(a) || b.localeCompare(a));
	const cursor = all.reduce((max, key) => Math.max(max, idOfKey(key)), previous.cursor);
	if (all.length <= BOUNDARY_SIZE) return { cursor, floor: previous.floor, seen: all };
	const floor = Math.max(previous.floor, idOfKey(all[BOUNDARY_SIZE - 1]));
	return { cursor, floor, seen: all.filter((key) => idOfKey(key) > floor) };
}

/** Whether the hits' ids are newest first (as `sort=-id` asks). */
function newestFirst(hits: IDataObject[]): boolean {
	const ids = hits.map(hitId).filter((id): id is number => id !== undefined);
	return ids.every((id, index) => index === 0 || id <= ids[index - 1]);
}

/** Ascending by id (oldest first), then by key. */
function oldestFirst(items: Array<{ id: number; key: string; hit: IDataObject }>): IDataObject[] {
	return items.sort((a, b) => a.id - b.id || a.key.localeCompare(b.key)).map((item) => item.hit);
}

/** The event's search route, newest first, in pages of TRIGGER_PAGE_SIZE, read strictly. */
function newestPages(spec: NewRecordSpec, orgId: string, action: string): ContaSearch {
	return { path: spec.path(orgId), qs: { ...spec.qs, sort: '-id' }, action, pageSize: TRIGGER_PAGE_SIZE, strict: true, hint: STATE_KEPT_HINT, maxPages: MAX_PAGES_PER_POLL };
}

/** First activation: remember what exists now, emit nothing. */
export async function seedNewRecords(ctx: IPollFunctions, spec: NewRecordSpec, orgId: string): Promise<RecordCursor> {
	let more = false;
	let sorted = true;
	const hits = await contaSearch<IDataObject>(ctx, {
		...newestPages(spec, orgId, `list the newest ${spec.what}`),
		// Page 0 only, unless it is not sorted by id: then the newest records may be anywhere, so read them all.
		onPage: (result, page) => {
			if (page === 0) {
				more = result.more;
				sorted = newestFirst(result.hits);
			}
			return sorted;
		},
	});
	if (!sorted) more = false;
	const keys: string[] = [];
	let lowest = Number.MAX_SAFE_INTEGER;
	for (const hit of hits) {
		const id = hitId(hit);
		if (id === undefined) continue;
		keys.push(keyOf(spec, hit, id));
		lowest = Math.min(lowest, id);
	}
	// With older records on later pages, nothing at or below the oldest id on this page is new.
	const floor = more && keys.length ? lowest : 0;
	return remember({ cursor: 0, floor, seen: [] }, keys.filter((key) => idOfKey(key) > floor));
}

/** A later poll: everything above the floor that was not seen before, oldest first. */
export async function pollNewRecords(
	ctx: IPollFunctions,
	spec: NewRecordSpec,
	orgId: string,
	previous: RecordCursor,
): Promise<{ items: IDataObject[]; state: RecordCursor }> {
	const seen = new Set(previous.seen);
	// Kept across passes: a record read before it was removed is still emitted (once).
	const fresh = new Map<string, { id: number; key: string; hit: IDataObject }>();
	let sorted = true;
	let lastId: number | undefined;
	await contaSearch<IDataObject>(ctx, {
		...newestPages(spec, orgId, `list new ${spec.what}`),
		// Newest first until a page reaches the floor; every page when the route is not sorted by id.
		onPage: ({ hits }, page) => {
			if (page === 0) {
				sorted = true;
				lastId = undefined;
			}
			const firstId = hits.map(hitId).find((id) => id !== undefined);
			if (!newestFirst(hits) || (lastId !== undefined && firstId !== undefined && firstId > lastId)) sorted = false;
			let reachedFloor = false;
			for (const hit of hits) {
				const id = hitId(hit);
				if (id === undefined) continue;
				lastId = id;
				if (id <= previous.floor) {
					reachedFloor = true;
					continue;
				}
				const key = keyOf(spec, hit, id);
				if (!seen.has(key) && !fresh.has(key)) fresh.set(key, { id, key, hit });
			}
			return reachedFloor && sorted;
		},
	});
	const items = oldestFirst([...fresh.values()]);
	return { items, state: remember(previous, [...fresh.keys()]) };
}

/** Manual run: the newest few records (oldest of them first), ignoring and keeping the state. */
export async function sampleNewRecords(ctx: IPollFunctions, spec: NewRecordSpec, orgId: string): Promise<IDataObject[]> {
	const hits = await contaSearch<IDataObject>(ctx, {
		...newestPages(spec, orgId, `list the newest ${spec.what}`),
		limit: MANUAL_SAMPLE_SIZE,
	});
	const items: Array<{ id: number; key: string; hit: IDataObject }> = [];
	for (const hit of hits) {
		const id = hitId(hit);
		if (id !== undefined) items.push({ id, key: keyOf(spec, hit, id), hit });
	}
	return oldestFirst(items);
}
