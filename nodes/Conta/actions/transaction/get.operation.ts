/**
 * Transaction → Get: `GET {a}/transactions-advanced/{id}` → `RouteV1TransactionModel` (any
 * transaction, also those Conta made for invoices and payments).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { accountingPath, contaRequest } from '../../transport/index';
import { getIdParameter, getOrganizationId, organizationLocator, readSimplify } from '../common';
import { simplifyTransaction, type ContaTransaction } from './common';

const properties: INodeProperties[] = [
	organizationLocator,
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12001',
		description:
			'The ID of the transaction: the ID returned by Create, or the transaction ID of a payment. Not the transaction number shown in Conta (e.g. 2-2026).',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const transactionId = getIdParameter(this, 'transactionId', i, 'Transaction ID');
	const simplify = readSimplify(this, i);
	const transaction = await contaRequest<ContaTransaction | null>(this, {
		method: 'GET',
		path: accountingPath(orgId, `/transactions-advanced/${transactionId}`),
		action: `get transaction ${transactionId}`,
		itemIndex: i,
	});
	if (!transaction) return {};
	return simplify ? simplifyTransaction(transaction) : (transaction as unknown as IDataObject);
}
