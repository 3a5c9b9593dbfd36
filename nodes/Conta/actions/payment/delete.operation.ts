/**
 * Payment → Delete: `DELETE {o}/payments/{id}` (200 with an empty body). The id is the payment's
 * id (`RouteV1PaymentModel.id`), not a partial payment's id. Conta reopens the invoice.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from '../../../shared/description';
import { contaRequest, invoicePath } from '../../transport/index';
import { getIdParameter, getOrganizationId, organizationLocator } from '../common';

const properties: INodeProperties[] = [
	organizationLocator,
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '9001',
		description:
			'The ID of the payment to delete, as returned by Create or Get Many (not the ID of one of its partial payments). The invoice is reopened.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const paymentId = getIdParameter(this, 'paymentId', i, 'Payment ID');
	await contaRequest<unknown>(this, {
		method: 'DELETE',
		path: invoicePath(orgId, `/payments/${paymentId}`),
		action: `delete payment ${paymentId}`,
		itemIndex: i,
	});
	return { deleted: true, id: Number(paymentId) };
}
