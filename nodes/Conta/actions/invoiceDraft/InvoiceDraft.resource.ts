import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as issue from './issue.operation';

/** Operations of the InvoiceDraft resource: one file per operation, registered here. */
export const operations: Record<string, OperationModule> = { create, get, getAll, issue };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoiceDraft'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an invoice draft to review and send later',
				action: 'Create an invoice draft',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an invoice draft',
				action: 'Get an invoice draft',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List and search invoice drafts',
				action: 'Get many invoice drafts',
			},
			{
				name: 'Issue',
				value: 'issue',
				description: 'Turn a draft into an issued invoice and send it (the draft is deleted)',
				action: 'Issue an invoice draft',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...issue.description,
];
