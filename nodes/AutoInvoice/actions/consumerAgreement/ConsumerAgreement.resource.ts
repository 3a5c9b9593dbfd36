import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as getStatus from './getStatus.operation';

export const operations: Record<string, OperationModule> = { getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['consumerAgreement'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Check whether a consumer is ready to receive invoices (state ACTIVE)',
				action: 'Get the status of a consumer agreement',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
];
