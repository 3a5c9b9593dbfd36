import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as create from './create.operation';
import * as credit from './credit.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getEvents from './getEvents.operation';

/** Operations of the Invoice resource: one file per operation, registered here. */
export const operations: Record<string, OperationModule> = { create, credit, get, getAll, getEvents };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an invoice: this issues it and sends it to the recipients at once',
				action: 'Create and send an invoice',
			},
			{
				name: 'Credit',
				value: 'credit',
				description: 'Credit a whole invoice with a credit note (partial credit notes are not available)',
				action: 'Credit an invoice in full',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an invoice, optionally with its PDF',
				action: 'Get an invoice',
			},
			{
				name: 'Get Events',
				value: 'getEvents',
				description: 'Get the history of an invoice: sent, delivered, paid, credited',
				action: 'Get the events of an invoice',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List and search invoices',
				action: 'Get many invoices',
			},
		],
		default: 'create',
	},
	...create.description,
	...credit.description,
	...get.description,
	...getAll.description,
	...getEvents.description,
];
