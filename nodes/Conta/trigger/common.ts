/**
 * Shared pieces of the Conta Trigger: limits, the organization, the configuration key, and
 * reading/writing the node's static data.
 *
 * Conta has no "changed since" filter anywhere (conta.md §6), so every event is derived from the
 * search routes: new records from an id cursor (`sort=-id`), status changes from a snapshot of
 * the open invoices. State lives in the node's static data and is written only after every
 * request of a poll succeeded.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { resolveOrganizationId } from '../actions/common';

/** Page size while looking for new records (newest first). */
export const TRIGGER_PAGE_SIZE = 100;
/**
 * How many of the newest ids the id cursor remembers. Ids above the oldest remembered id that
 * were not seen before are new even when they are lower than the cursor (a record committed
 * late), and no id at or below it is ever emitted again.
 */
export const BOUNDARY_SIZE = 50;
/** Records returned when the trigger is run by hand ("Fetch Test Event"). */
export const MANUAL_SAMPLE_SIZE = 3;
/** Safety stop for a poll that finds an enormous backlog. */
export const MAX_PAGES_PER_POLL = 1000;
/** Told with every failure of a poll: the state did not move. */
export const STATE_KEPT_HINT = 'The trigger kept its state; the next poll reads the list again.';

export type TriggerEvent =
	| 'invoicePaid'
	| 'invoiceStatusChanged'
	| 'newCustomer'
	| 'newInvoice'
	| 'newInvoiceDraft'
	| 'newPayment'
	| 'newTransaction';

export const TRIGGER_EVENTS: readonly TriggerEvent[] = [
	'invoicePaid',
	'invoiceStatusChanged',
	'newCustomer',
	'newInvoice',
	'newInvoiceDraft',
	'newPayment',
	'newTransaction',
];

/** The organization: the locator's value, else the credential's Default Organization ID. */
export async function triggerOrganizationId(ctx: IPollFunctions): Promise<string> {
	return resolveOrganizationId(ctx, ctx.getNodeParameter('organization', '', { extractValue: true }));
}

/** The event parameter, checked (it may come from an expression). */
export function triggerEvent(ctx: IPollFunctions): TriggerEvent {
	const value = String(ctx.getNodeParameter('event', '') ?? '');
	if (!(TRIGGER_EVENTS as readonly string[]).includes(value)) {
		throw new NodeOperationError(ctx.getNode(), `Unknown event '${value.slice(0, 40)}'`, {
			description: `Choose one of the events in the 'Event' list (${TRIGGER_EVENTS.join(', ')}).`,
		});
	}
	return value as TriggerEvent;
}

/**
 * What the state belongs to. When any part changes (another organization, event, status filter,
 * environment or base URL), the old cursor means nothing and the trigger starts over from "now".
 */
export async function configKey(ctx: IPollFunctions, parts: Record<string, unknown>): Promise<string> {
	const credentials = await ctx.getCredentials('contaApi');
	const environment = String(credentials.environment ?? 'production');
	const base = environment === 'custom' ? String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '') : '';
	return JSON.stringify({ v: 1, environment, base, ...parts });
}

/** A positive integer id from a hit, or undefined. */
export function hitId(hit: IDataObject): number | undefined {
	const id = typeof hit.id === 'number' ? hit.id : Number(hit.id);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** A plain copy of the node's static data (without n8n's change-tracking proxy). */
export function readState(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

/**
 * Replace the node's static data with `next`: top-level keys are set (and stale ones deleted), so
 * n8n notices the change and saves it.
 */
export function writeState(staticData: IDataObject, next: IDataObject): void {
	for (const key of Object.keys(staticData)) if (!(key in next)) delete staticData[key];
	for (const [key, value] of Object.entries(next)) staticData[key] = value;
}
