import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';
import * as search from './search.operation';

/** Operations of the Payment resource: one file per operation, registered here. */
export const operations: Record<string, OperationModule> = { create, delete: del, getAll, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Register a payment on an invoice; Conta books it and closes the invoice when it is fully paid',
				action: 'Create a payment',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a payment; the invoice is reopened',
				action: 'Delete a payment',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the payments registered on one invoice',
				action: 'Get many payments of an invoice',
			},
			{
				name: 'Get Many (All Invoices)',
				value: 'search',
				description: 'Search the payments of all invoices, with paging',
				action: 'Get many payments of all invoices',
			},
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...getAll.description,
	...search.description,
];
