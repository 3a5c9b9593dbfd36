import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as get from './get.operation';

/** Operations of the File resource: one file per operation, registered here. */
export const operations: Record<string, OperationModule> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Download a file (e.g. an invoice PDF) into a binary field',
				action: 'Get a file',
			},
		],
		default: 'get',
	},
	...get.description,
];
