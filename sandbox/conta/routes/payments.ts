/**
 * Payments: `GET {o}/invoice-payments` (search across invoices). Create, list for an invoice and
 * delete live here too.
 *
 * Assumption (the spec does not say): a search hit is one part of a payment on one invoice, and
 * its `id` is the payment id (`RouteV1PaymentModel.id`, the id Delete takes). The API only
 * creates single-part payments, so the ids are unique for those. `fromDate`/`toDate` filter on
 * the payment's `date` (the spec leaves it open; createdAt is not in the hit).
 */
import type { Route } from '../../framework';
import type { ContaSimulator } from '../index';
import { search } from '../search';
import type { Json, OrgData } from '../state';

const O = '/invoice/organizations/:orgId';

export function paymentHits(data: OrgData): Json[] {
	return data.payments.flatMap((payment) =>
		(payment.partialPayments as Json[]).map((part) => {
			const invoice = data.invoices.find((i) => i.id === part.invoiceId) ?? {};
			const customer = data.customers.find((c) => c.id === invoice.customerId) ?? {};
			return {
				id: payment.id,
				customerId: invoice.customerId,
				customerName: customer.name,
				customerOrgNo: customer.orgNo,
				invoiceId: part.invoiceId,
				invoiceNo: invoice.invoiceNo,
				amount: part.amount,
				paymentType: payment.paymentType,
				date: part.date,
				kid: invoice.kid,
			};
		}),
	);
}

export function paymentRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: `${O}/invoice-payments`,
			handler: sim.org((req, _params, org) =>
				search(req, paymentHits(org.data), {
					searchable: ['customerName', 'customerOrgNo', 'invoiceNo', 'kid', 'amount'],
					sortable: ['id', 'date', 'amount', 'invoiceNo', 'customerName'],
					sumField: 'amount',
					dateField: 'date',
				}),
			),
		},
	];
}
