import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { pick, returnAllAndLimit, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { bool, listParameters, listShape, optionalText, validate } from '../../../shared/validation';
import { listCustomers } from '../../transport/customers';
import { SIMPLE_CUSTOMER_FIELDS } from './simplify';

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
				displayName: 'Name Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'Jónsson',
				description: "Return only customers whose name matches this text (Konto's own name search)",
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getAll'] } }, properties);

const input = z.object({
	...listShape,
	filters: z
		.object({
			search: optionalText(100),
		})
		.strict(),
	simplify: bool,
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const params = validate(
		this,
		input,
		{
			...listParameters(this, i),
			filters: this.getNodeParameter('filters', i, {}),
			simplify: this.getNodeParameter('simplify', i, true),
		},
		i,
		{ returnAll: 'Return All', limit: 'Limit', 'filters.search': 'Name Search', simplify: 'Simplify' },
	);
	if (!params.returnAll && params.limit === undefined) params.limit = 50;
	const customers = await listCustomers(this, { search: params.filters.search, limit: params.limit }, i);
	return customers.map((customer) =>
		params.simplify ? pick(customer as IDataObject, SIMPLE_CUSTOMER_FIELDS) : (customer as IDataObject),
	);
}
