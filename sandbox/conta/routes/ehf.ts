/**
 * EHF recipient lookup: `GET /invoice/conta-ehf/recipients/{recipientId}` (not org-scoped) →
 * `RouteV1GetContaEhfRecipientInfoOutputModel`. Numbers in the simulator's registry can receive
 * (or are known not to receive) EHF; any other valid number is answered as not registered;
 * anything that is not a 9-digit number with a valid mod-11 check digit gets `inputValid: false`.
 */
import type { Route } from '../../framework';
import type { ContaSimulator } from '../index';

export function validOrgNo(value: string): boolean {
	if (!/^\d{9}$/.test(value)) return false;
	const weights = [3, 2, 7, 6, 5, 4, 3, 2];
	const sum = weights.reduce((s, w, i) => s + w * Number(value[i]), 0);
	const rest = sum % 11;
	const check = rest === 0 ? 0 : 11 - rest;
	return check !== 10 && check === Number(value[8]);
}

export function ehfRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/invoice/conta-ehf/recipients/:recipientId',
			handler: sim.guard((_req, params) => {
				const id = decodeURIComponent(params.recipientId);
				if (!validOrgNo(id)) return { status: 200, body: { inputValid: false, canReceiveInvoices: false, canReceiveCreditNotes: false, canReceiveEhf30: false } };
				const entry = sim.state.ehfRegistry[id];
				if (!entry) {
					return {
						status: 200,
						body: { inputValid: true, participantIdentifier: `0192:${id}`, canReceiveInvoices: false, canReceiveCreditNotes: false, canReceiveEhf30: false },
					};
				}
				return {
					status: 200,
					body: {
						peppolVersion: 'PEPPOL BIS Billing 3.0',
						inputValid: true,
						participantIdentifier: `0192:${id}`,
						invoice: entry.canReceiveInvoices ? 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice' : undefined,
						canReceiveInvoices: entry.canReceiveInvoices,
						creditNote: entry.canReceiveCreditNotes ? 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote' : undefined,
						canReceiveCreditNotes: entry.canReceiveCreditNotes,
						canReceiveEhf30: entry.canReceiveEhf30,
						serviceDescription: entry.canReceiveEhf30 ? 'EHF Billing 3.0' : undefined,
						accessPointAddress: entry.canReceiveEhf30 ? '<Endpoint transportProfile="peppol-transport-as4-v2_0"/>' : undefined,
					},
				};
			}),
		},
	];
}
