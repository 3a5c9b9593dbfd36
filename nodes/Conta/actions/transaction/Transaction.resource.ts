import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as create from './create.operation';
import * as get from './get.operation';

/** Operations of the Transaction resource (Conta Regnskap): one file per operation, registered here. */
export const operations: Record<string, OperationModule> = { create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create and book an accounting transaction (needs Conta Regnskap)',
				action: 'Create a transaction',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an accounting transaction with its ledger lines',
				action: 'Get a transaction',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];
