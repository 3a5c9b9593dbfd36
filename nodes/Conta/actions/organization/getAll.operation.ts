import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { returnAllAndLimit, updateDisplayOptions } from '../../../shared/description';
import { listShape, optionalBool, optionalText, validate } from '../../../shared/validation';
import { listOrganizations } from '../../transport/organizations';
import { listInputs } from '../common';
import { isUsable } from './usable';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Active Only',
				name: 'activeOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only organizations whose access is active and that are not blocked or deleted',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Return only organizations whose name contains this text (case-insensitive)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['organization'], operation: ['getAll'] } },
	properties,
);

const input = z.object({
	...listShape,
	filters: z
		.object({
			activeOnly: optionalBool,
			name: optionalText(300),
		})
		.strict(),
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const params = validate(
		this,
		input,
		listInputs(this, i, ['filters']),
		i,
		{ returnAll: 'Return All', limit: 'Limit', 'filters.name': 'Name Contains', 'filters.activeOnly': 'Active Only' },
	);
	const needle = params.filters.name?.toLowerCase();
	let organizations = await listOrganizations(this, i);
	if (params.filters.activeOnly) organizations = organizations.filter(isUsable);
	if (needle) organizations = organizations.filter((org) => String(org.name ?? '').toLowerCase().includes(needle));
	if (!params.returnAll) organizations = organizations.slice(0, params.limit ?? 50);
	return organizations as unknown as IDataObject[];
}
