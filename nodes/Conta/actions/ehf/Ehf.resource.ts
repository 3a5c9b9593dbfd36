import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as lookupRecipient from './lookupRecipient.operation';

/** Operations of the EHF resource: one file per operation, registered here. */
export const operations: Record<string, OperationModule> = { lookupRecipient };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ehf'] } },
		options: [
			{
				name: 'Lookup Recipient',
				value: 'lookupRecipient',
				description: 'Check whether a Norwegian company can receive EHF (PEPPOL) invoices',
				action: 'Look up an EHF recipient',
			},
		],
		default: 'lookupRecipient',
	},
	...lookupRecipient.description,
];
