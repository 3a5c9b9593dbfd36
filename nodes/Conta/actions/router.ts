import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems, type OperationModule } from '../../shared/execute';
import * as customer from './customer/Customer.resource';
import * as ehf from './ehf/Ehf.resource';
import * as file from './file/File.resource';
import * as invoice from './invoice/Invoice.resource';
import * as invoiceDraft from './invoiceDraft/InvoiceDraft.resource';
import * as organization from './organization/Organization.resource';
import * as payment from './payment/Payment.resource';
import * as transaction from './transaction/Transaction.resource';

/** resource → operation → module. A new operation is one file plus one line in its resource file. */
export const operations: Record<string, Record<string, OperationModule>> = {
	organization: organization.operations,
	customer: customer.operations,
	invoice: invoice.operations,
	invoiceDraft: invoiceDraft.operations,
	ehf: ehf.operations,
	payment: payment.operations,
	transaction: transaction.operations,
	file: file.operations,
};

/** Every resource's properties, in the order the node shows them. */
export const resourceProperties = [
	...organization.description,
	...customer.description,
	...invoice.description,
	...invoiceDraft.description,
	...ehf.description,
	...payment.description,
	...transaction.description,
	...file.description,
];

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return routeItems.call(this, operations);
}
