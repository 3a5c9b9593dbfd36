import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../../../shared/execute';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Operations of the Customer resource: one file per operation, registered here. */
export const operations: Record<string, OperationModule> = { create, deactivate, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a customer',
				action: 'Create a customer',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description: 'Mark a customer as inactive (Conta has no delete for customers)',
				action: 'Deactivate a customer',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: "Delete a customer. Conta's API has no such route today, so this fails and points to Deactivate.",
				action: 'Delete a customer',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a customer by ID',
				action: 'Get a customer',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List or search customers',
				action: 'Get many customers',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a customer (the rest stays as it is)',
				action: 'Update a customer',
			},
		],
		default: 'create',
	},
	...create.description,
	...deactivate.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
