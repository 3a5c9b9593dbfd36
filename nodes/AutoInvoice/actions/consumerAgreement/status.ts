/**
 * What Consumer Agreement → Get Status reads and returns: the longest reference number it accepts
 * and the shape of its output item.
 */
import type { IDataObject } from 'n8n-workflow';

/** The longest consumer reference number (reference_nr) the node sends. */
export const MAX_REFERENCE_LENGTH = 50;

export interface ConsumerAgreementStatus extends IDataObject {
	reference_nr: string;
	/** One of REQUEST_SENT, NEW, ACCEPTED, ACTIVE, DELETED, REJECTED, ERROR (unknown states pass through). */
	state: string;
	/** True when the consumer is ready to receive invoices (state ACTIVE). */
	ready: boolean;
	/** AutoInvoice's answer as sent, e.g. "OK: ACTIVE". */
	raw: string;
}
