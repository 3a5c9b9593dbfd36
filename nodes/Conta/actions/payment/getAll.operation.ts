/**
 * Payment → Get Many (the payments of one invoice): `GET {o}/invoices/{id}/payments`, a bare array of
 * `RouteV1PaymentModel` with no paging, so Limit is applied here. A payment that covered several
 * invoices (`isMultiPayment`) is listed with all its partial payments.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { returnAllAndLimit, updateDisplayOptions } from '../../../shared/description';
import { listShape, validate } from '../../../shared/validation';
import { contaRequest, invoicePath } from '../../transport/index';
import { getIdParameter, getOrganizationId, listInputs, organizationLocator } from '../common';
import { invoiceLocator, type ContaPayment } from './common';

const properties: INodeProperties[] = [organizationLocator, invoiceLocator, ...returnAllAndLimit()];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['getAll'] } }, properties);

const input = z.object({
	...listShape,
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orgId = await getOrganizationId(this, i);
	const invoiceId = getIdParameter(this, 'invoice', i, 'Invoice');
	const params = validate(this, input, listInputs(this, i), i, { returnAll: 'Return All', limit: 'Limit' });
	const result = await contaRequest<ContaPayment[] | null>(this, {
		method: 'GET',
		path: invoicePath(orgId, `/invoices/${invoiceId}/payments`),
		action: `list the payments of invoice ${invoiceId}`,
		itemIndex: i,
		expect: 'list',
	});
	const payments = Array.isArray(result) ? result : [];
	return (params.returnAll ? payments : payments.slice(0, params.limit ?? 50)) as unknown as IDataObject[];
}
