import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { resourceProperties, router } from './actions/router';
import {
	searchBankAccounts,
	searchCustomers,
	searchInvoiceDrafts,
	searchInvoices,
	searchOrganizations,
} from './methods/listSearch';

export class Conta implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Conta',
		name: 'conta',
		icon: { light: 'file:../../icons/conta.svg', dark: 'file:../../icons/conta.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Customers, invoices, drafts, payments and bookkeeping in Conta (Norwegian accounting and invoicing)',
		defaults: { name: 'Conta' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'EHF', value: 'ehf' },
					{ name: 'File', value: 'file' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Invoice Draft', value: 'invoiceDraft' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Transaction', value: 'transaction' },
				],
				default: 'invoice',
			},
			...resourceProperties,
		],
	};

	methods = {
		listSearch: { searchOrganizations, searchCustomers, searchInvoices, searchInvoiceDrafts, searchBankAccounts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
