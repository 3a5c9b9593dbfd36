import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as insert from './insert.operation';

export const operations: Record<string, OperationModule> = { insert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['income'] } },
		options: [
			{
				name: 'Insert',
				value: 'insert',
				description: 'Record an income (a sale) in Contraccounts',
				action: 'Insert an income',
			},
		],
		default: 'insert',
	},
	...insert.description,
];
