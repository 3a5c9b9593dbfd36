/**
 * Customers: `GET {o}/customers` (search). Create / get / update live here too.
 */
import type { Route } from '../../framework';
import type { ContaSimulator } from '../index';
import { search } from '../search';
import { publicView, round2, type Json, type OrgData } from '../state';

const O = '/invoice/organizations/:orgId';

/** A search hit (`RouteV1QueryResultCustomerCsListModel.hits[]`): `customerName`, invoice figures, no createdAt. */
export function customerHit(customer: Json, data: OrgData): Json {
	const invoices = data.invoices.filter((i) => i.customerId === customer.id && i.type !== 'CREDIT');
	const remaining = round2(invoices.reduce((s, i) => s + Number(i.sumRemaining ?? 0), 0));
	return {
		id: customer.id,
		customerName: customer.name,
		orgNo: customer.orgNo,
		emailAddress: customer.emailAddress,
		customerType: customer.customerType,
		numberOfInvoices: invoices.length,
		sumTotalInvoiced: round2(invoices.reduce((s, i) => s + Number(i.sumTotal ?? 0), 0)),
		sumRemainingInvoices: remaining,
		numberOfEstimates: 0,
		numberOfOrders: 0,
		sumEstimates: 0,
		sumOrders: 0,
		accountsReceivable: remaining,
		invoiceDeliveryMethod: customer.invoiceDeliveryMethod,
		isActive: customer.isActive,
		_createdAt: customer._createdAt,
	};
}

export function customerView(customer: Json): Json {
	return publicView(customer);
}

export function customerRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: `${O}/customers`,
			handler: sim.org((req, _params, org) =>
				search(
					req,
					org.data.customers.map((c) => customerHit(c, org.data)),
					{
						searchable: ['customerName', 'orgNo', 'emailAddress', 'id'],
						sortable: ['id', 'customerName', 'orgNo', 'emailAddress', 'customerType', 'sumTotalInvoiced', 'sumRemainingInvoices'],
						filters: { customerType: { type: 'enum', values: ['INDIVIDUAL', 'ORGANIZATION'] } },
						filter: (hit, q) => !q.customerType || hit.customerType === q.customerType,
						// Customer hits have no createdAt field, but fromDate/toDate still filter on it.
						dateField: '_createdAt',
					},
				),
			),
		},
	];
}
