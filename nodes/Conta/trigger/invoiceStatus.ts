/**
 * "Invoice Paid" and "Invoice Status Changed": Conta has no updated-since filter and no status
 * history search, so the trigger keeps a snapshot of the open invoices and compares.
 *
 * Each poll reads every open invoice (`GET {o}/invoices?type=UNPAID&sort=-id`, all pages) and
 * compares it with the snapshot:
 * - a tracked invoice whose status changed while it stayed open (e.g. a payment reminder) is a
 *   change;
 * - a tracked invoice that is no longer open is looked up (`GET {o}/invoices?invoiceNo=…`, the
 *   same hit shape; one without a number, or one the number search does not find, by id,
 *   `GET {o}/invoices/{id}`, mapped to the hit's fields; only a 404 there drops it: issued
 *   invoices are credited, not deleted) and its new status (paid, credited, …) is a change. A
 *   look-up that shows an open status (OPEN_STATUSES) keeps the invoice tracked with the looked-up
 *   values, looked up again next poll (a status change while open is still a change). With
 *   `sumRemaining` > 0 that contradicts the list (`type=UNPAID` lists only invoices with something
 *   left to pay), and when the whole list came back empty the poll fails without touching the
 *   state. Any other status (closed, written off, sold, at Kravia) counts as having left;
 * - an open invoice that is not tracked is either new (tracked from now on, nothing emitted: that
 *   is "New Invoice") or one that closed earlier and was reopened (a deleted payment): the trigger
 *   remembers the last MAX_REMEMBERED_CLOSED invoices it saw close, with their status, and reports
 *   the reopening as a change.
 * Only partial payments change `sumRemaining` without a status change; they update the snapshot
 * but are not events (use New Payment for those).
 *
 * The open list and the look-ups are read strictly (`contaSearch`): every page must carry `hitCount`
 * and hold what its counts promise, and an empty answer is believed only with `hitCount: 0`.
 * Anything else fails the poll before the state moves (also at seeding, which would otherwise
 * store an empty snapshot and never report a later payment).
 *
 * The snapshot is capped at MAX_TRACKED_INVOICES open invoices (the newest by id). Changes to
 * older open invoices are not reported. At most MAX_LOOKUPS_PER_POLL closed invoices are looked
 * up per poll; the rest (at most MAX_TRACKED_INVOICES, the newest) stay in the snapshot and are
 * looked up by the next polls; those a look-up shows still open stay too. So the state holds at
 * most 2 × MAX_TRACKED_INVOICES + MAX_LOOKUPS_PER_POLL open and MAX_REMEMBERED_CLOSED closed
 * invoices.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { toNodeApiError } from '../../shared/request';
import { INVOICE_STATUSES } from '../helpers/constants';
import { CONTA, CONTA_PAGE_SIZE, contaRequest, contaSearch, invoicePath } from '../transport/index';
import { MANUAL_SAMPLE_SIZE, STATE_KEPT_HINT, hitId, type TriggerEvent } from './common';

/** Open invoices tracked at most (the newest by id). */
export const MAX_TRACKED_INVOICES = 1000;
/** Invoices remembered after they closed, to report a reopening with the status it left. */
export const MAX_REMEMBERED_CLOSED = 500;
/** Invoices looked up per poll after they left the open list. */
export const MAX_LOOKUPS_PER_POLL = 100;

export type StatusEvent = Extract<TriggerEvent, 'invoicePaid' | 'invoiceStatusChanged'>;

export function isStatusEvent(event: TriggerEvent): event is StatusEvent {
	return event === 'invoicePaid' || event === 'invoiceStatusChanged';
}

/** `[id, status, sumRemaining, invoiceNo]`: one open invoice in the snapshot. */
export type TrackedInvoice = [number, string, number | null, number | null];
/** `[id, status, sumRemaining]`: an invoice the trigger saw close. */
export type ClosedInvoice = [number, string, number | null];

export interface StatusSnapshot {
	/** Open invoices, newest first. */
	open: TrackedInvoice[];
	/** Invoices seen closing, oldest first. */
	closed: ClosedInvoice[];
}

export interface StatusFilter {
	event: StatusEvent;
	/** Invoice Status Changed: emit only changes to these statuses (empty: all). */
	statuses: string[];
}

const numberOrNull = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : value !== null && value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : null;

function track(hit: IDataObject, id: number): TrackedInvoice {
	const invoiceNo = numberOrNull(hit.invoiceNo);
	return [id, String(hit.status ?? ''), numberOrNull(hit.sumRemaining), invoiceNo !== null && invoiceNo > 0 ? invoiceNo : null];
}

/** A stored snapshot, or undefined when the stored value is not one (then the trigger seeds again). */
export function parseStatusSnapshot(value: unknown): StatusSnapshot | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const v = value as Partial<StatusSnapshot>;
	if (!Array.isArray(v.open) || !Array.isArray(v.closed)) return undefined;
	const okOpen = v.open.every((t) => Array.isArray(t) && t.length === 4 && typeof t[0] === 'number' && typeof t[1] === 'string');
	const okClosed = v.closed.every((c) => Array.isArray(c) && c.length === 3 && typeof c[0] === 'number' && typeof c[1] === 'string');
	if (!okOpen || !okClosed) return undefined;
	return { open: v.open.map((t) => [...t] as TrackedInvoice), closed: v.closed.map((c) => [...c] as ClosedInvoice) };
}

/** Every open invoice, newest first (all pages, read strictly). */
async function openInvoices(ctx: IPollFunctions, orgId: string): Promise<Map<number, IDataObject>> {
	const hits = await contaSearch<IDataObject>(ctx, {
		path: invoicePath(orgId, '/invoices'),
		qs: { type: 'UNPAID', sort: '-id', includeCreatedAt: true },
		action: 'list open invoices',
		pageSize: CONTA_PAGE_SIZE,
		strict: true,
		hint: STATE_KEPT_HINT,
	});
	const byId = new Map<number, IDataObject>();
	for (const hit of hits) {
		const id = hitId(hit);
		if (id !== undefined && !byId.has(id)) byId.set(id, hit);
	}
	return byId;
}

/** The snapshot window: the newest MAX_TRACKED_INVOICES open invoices. */
function newestOpen(open: Map<number, IDataObject>): Array<[number, IDataObject]> {
	return [...open.entries()].sort((a, b) => b[0] - a[0]).slice(0, MAX_TRACKED_INVOICES);
}

/**
 * The fields of the full invoice model (`RouteV1InvoiceModel`) that a search hit has too: what an
 * invoice looked up by id is emitted with (the hit's customer and createdAt fields are not in it).
 */
const HIT_FIELDS_OF_MODEL = [
	'id', 'type', 'status', 'invoiceNo', 'invoiceDate', 'followUpDate', 'invoiceDueDate', 'invoiceFileId', 'attachmentFileId',
	'bankAccountId', 'departmentId', 'projectId', 'customerReference', 'invoiceLanguage', 'invoiceCurrency', 'creditedInvoiceNo',
	'creditedInvoiceId', 'customerId', 'sumNet', 'sumVAT', 'sumTotal', 'sumRemaining', 'personalMessage', 'kid',
] as const;

/** The invoice itself (`GET {o}/invoices/{id}`) mapped to the hit's fields, or `missing` on a 404. */
async function lookupInvoiceById(ctx: IPollFunctions, orgId: string, id: number): Promise<IDataObject | 'missing'> {
	let model: IDataObject | undefined;
	let failure: unknown;
	try {
		model = await contaRequest<IDataObject>(ctx, {
			method: 'GET',
			path: invoicePath(orgId, `/invoices/${id}`),
			action: `look up invoice id ${id}`,
			expect: 'record',
		});
	} catch (error) {
		failure = error;
	}
	// Conta has no such invoice (404); any other failure fails the poll (the invoice stays tracked).
	if (failure instanceof NodeApiError && String(failure.httpCode) === '404') return 'missing';
	if (model === undefined) throw failure;
	const hit: IDataObject = {};
	for (const field of HIT_FIELDS_OF_MODEL) if (model[field] !== undefined) hit[field] = model[field];
	return hit;
}

/**
 * An invoice that left the open list: its hit by number (the search's hit shape), else by id (no
 * number, or the search does not hold it), or `missing` when the look-up by id answers 404.
 */
async function lookupInvoice(ctx: IPollFunctions, orgId: string, tracked: TrackedInvoice): Promise<IDataObject | 'missing'> {
	const [id, , , invoiceNo] = tracked;
	if (invoiceNo === null) return lookupInvoiceById(ctx, orgId, id);
	// Invoice numbers repeat across years, so the id picks the hit.
	const hits = await contaSearch<IDataObject>(ctx, {
		path: invoicePath(orgId, '/invoices'),
		qs: { invoiceNo, includeCreatedAt: true },
		action: `look up invoice ${invoiceNo}`,
		pageSize: 50,
		strict: true,
		hint: STATE_KEPT_HINT,
	});
	// A spec-valid empty answer is no proof the invoice is gone.
	return hits.find((hit) => hitId(hit) === id) ?? lookupInvoiceById(ctx, orgId, id);
}

/**
 * The statuses of an open invoice, derived from the spec's status list: all but those naming where
 * the invoice went (CLOSED_*, WRITTEN_OFF_*, SOLD_TO_*, *KRAVIA). Whether `type=UNPAID` still
 * lists the latter is not documented (conta.md §5.3), so a look-up showing one counts as having
 * left, never as contradicting the list.
 */
export const OPEN_STATUSES: readonly string[] = INVOICE_STATUSES.map((status) => status.value as string).filter(
	(status) => !/^(CLOSED_|WRITTEN_OFF_|SOLD_TO_)|KRAVIA$/.test(status),
);

/** Whether a look-up shows a tracked invoice still open (an open status): it stays tracked. */
function stillOpen(now: TrackedInvoice): boolean {
	return OPEN_STATUSES.includes(now[1]);
}

/** Whether an open invoice belongs in `type=UNPAID` (something left to pay), so its absence contradicts the list. */
function contradictsList(now: TrackedInvoice): boolean {
	return stillOpen(now) && now[2] !== null && now[2] > 0;
}

/** First activation: remember the open invoices as they are now, emit nothing. */
export async function seedInvoiceStatuses(ctx: IPollFunctions, orgId: string): Promise<StatusSnapshot> {
	const open = await openInvoices(ctx, orgId);
	return { open: newestOpen(open).map(([id, hit]) => track(hit, id)), closed: [] };
}

function wanted(filter: StatusFilter, status: string): boolean {
	if (filter.event === 'invoicePaid') return status === 'CLOSED_BY_PAYMENT';
	return filter.statuses.length === 0 || filter.statuses.includes(status);
}

/** A later poll: status changes since the snapshot, oldest invoice first. */
export async function pollInvoiceStatuses(
	ctx: IPollFunctions,
	orgId: string,
	previous: StatusSnapshot,
	filter: StatusFilter,
): Promise<{ items: IDataObject[]; state: StatusSnapshot }> {
	const open = await openInvoices(ctx, orgId);
	const tracked = new Map(previous.open.map((t) => [t[0], t]));
	const closed = new Map(previous.closed.map((c) => [c[0], c]));
	const changes: Array<{ id: number; hit: IDataObject; previousStatus: string; previousSumRemaining: number | null }> = [];
	const nextOpen: TrackedInvoice[] = [];

	for (const [id, hit] of newestOpen(open)) {
		const now = track(hit, id);
		const before = tracked.get(id);
		if (before) {
			if (before[1] !== now[1]) changes.push({ id, hit, previousStatus: before[1], previousSumRemaining: before[2] });
		} else {
			const left = closed.get(id);
			if (left) {
				// Reopened (e.g. its payment was deleted).
				closed.delete(id);
				if (left[1] !== now[1]) changes.push({ id, hit, previousStatus: left[1], previousSumRemaining: left[2] });
			}
			// Otherwise a new invoice (or one that slid into the window): tracked from now on.
		}
		nextOpen.push(now);
	}

	// Tracked invoices that are not open any more. (Those still open but pushed out of the window
	// by newer ones are simply no longer tracked.)
	const gone = previous.open.filter((t) => !open.has(t[0]));
	for (const [index, before] of gone.entries()) {
		if (index >= MAX_LOOKUPS_PER_POLL) {
			// Looked up by a later poll; at most MAX_TRACKED_INVOICES wait (the newest).
			if (index < MAX_LOOKUPS_PER_POLL + MAX_TRACKED_INVOICES) nextOpen.push(before);
			continue;
		}
		const hit = await lookupInvoice(ctx, orgId, before);
		if (hit === 'missing') continue;
		const now = track(hit, before[0]);
		if (stillOpen(now)) {
			if (open.size === 0 && contradictsList(now)) {
				throw await toNodeApiError(ctx, CONTA, {
					message: 'Conta sent an empty list of open invoices while trying to list open invoices',
					details: [`A look-up shows invoice ${now[3] ?? now[0]} (id ${now[0]}) still open (${now[1]}).`],
					hint: STATE_KEPT_HINT,
				});
			}
			if (before[1] !== now[1]) changes.push({ id: before[0], hit, previousStatus: before[1], previousSumRemaining: before[2] });
			nextOpen.push(now);
			continue;
		}
		if (before[1] !== now[1]) changes.push({ id: before[0], hit, previousStatus: before[1], previousSumRemaining: before[2] });
		closed.delete(before[0]);
		closed.set(before[0], [before[0], now[1], now[2]]);
	}

	const items = changes
		.filter((change) => wanted(filter, String(change.hit.status ?? '')))
		.sort((a, b) => a.id - b.id)
		.map((change) => ({
			...change.hit,
			previousStatus: change.previousStatus,
			previousSumRemaining: change.previousSumRemaining,
		}));
	const state: StatusSnapshot = {
		open: nextOpen.sort((a, b) => b[0] - a[0]),
		closed: [...closed.values()].slice(-MAX_REMEMBERED_CLOSED),
	};
	return { items, state };
}

/** Manual run: a few recent invoices in the event's shape (previous values unknown: null). */
export async function sampleInvoiceStatuses(ctx: IPollFunctions, orgId: string, filter: StatusFilter): Promise<IDataObject[]> {
	const paid = filter.event === 'invoicePaid';
	const filtered = !paid && filter.statuses.length > 0;
	const size = filtered ? 100 : MANUAL_SAMPLE_SIZE;
	const hits = await contaSearch<IDataObject>(ctx, {
		path: invoicePath(orgId, '/invoices'),
		qs: { ...(paid ? { type: 'PAID' } : {}), sort: '-id', includeCreatedAt: true },
		action: paid ? 'list the newest paid invoices' : 'list the newest invoices',
		pageSize: size,
		limit: size,
	});
	return hits
		.filter((hit) => hitId(hit) !== undefined && (!filtered || wanted(filter, String(hit.status ?? ''))))
		.slice(0, MANUAL_SAMPLE_SIZE)
		.sort((a, b) => (hitId(a) ?? 0) - (hitId(b) ?? 0))
		.map((hit) => ({ ...hit, previousStatus: null, previousSumRemaining: null }));
}
