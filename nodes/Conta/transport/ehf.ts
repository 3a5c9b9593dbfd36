import type { RequestContext } from '../../shared/request';
import { contaRequest } from './index';

/** `RouteV1GetContaEhfRecipientInfoOutputModel` (every field optional). */
export interface ContaEhfRecipientInfo {
	peppolVersion?: string;
	inputValid?: boolean;
	participantIdentifier?: string;
	invoice?: string;
	canReceiveInvoices?: boolean;
	creditNote?: string;
	canReceiveCreditNotes?: boolean;
	canReceiveEhf30?: boolean;
	serviceDescription?: string;
	accessPointAddress?: string;
}

/**
 * `GET /invoice/conta-ehf/recipients/{orgNo}` (not org-scoped). Pass a normalized, mod-11-checked
 * organization number (see helpers/orgNo.ts).
 */
export async function lookupEhfRecipient(ctx: RequestContext, orgNo: string, itemIndex?: number): Promise<ContaEhfRecipientInfo> {
	const info = await contaRequest<ContaEhfRecipientInfo | null>(ctx, {
		method: 'GET',
		path: `/invoice/conta-ehf/recipients/${encodeURIComponent(orgNo)}`,
		action: `look up EHF recipient ${orgNo}`,
		itemIndex,
	});
	return info ?? {};
}

/** The package's rule (conta.md 5.5): EHF-capable when the number is valid and it takes EHF 3.0. */
export const canReceiveEhf = (info: ContaEhfRecipientInfo): boolean => info.inputValid === true && info.canReceiveEhf30 === true;
