/**
 * The organization picker every org-scoped Conta operation uses: a resource locator (From List /
 * By ID) that falls back to the credential's Default Organization ID when left empty.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const organizationLocator: INodeProperties = {
	displayName: 'Organization',
	name: 'organization',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"The Conta organization to work in. Leave empty to use the credential's Default Organization ID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '123',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[1-9][0-9]*$', errorMessage: 'An organization ID is a positive whole number' },
				},
			],
		},
	],
};

/** The organization id for item `i`: the locator's value, else the credential default. Validated. */
export async function getOrganizationId(ctx: IExecuteFunctions, i: number): Promise<string> {
	let value = String(ctx.getNodeParameter('organization', i, '', { extractValue: true }) ?? '').trim();
	if (value === '') {
		const credentials = await ctx.getCredentials('contaApi');
		value = String(credentials.defaultOrganizationId ?? '').trim();
		if (value === '') {
			throw new NodeOperationError(ctx.getNode(), `No organization chosen for item ${i}`, {
				itemIndex: i,
				description:
					"Pick an organization in the 'Organization' field, or set a Default Organization ID in the Conta credential.",
			});
		}
	}
	if (!/^[1-9]\d{0,17}$/.test(value)) {
		throw new NodeOperationError(ctx.getNode(), `Invalid organization ID '${value}' in item ${i}`, {
			itemIndex: i,
			description: 'An organization ID is a positive whole number, e.g. 123. Pick one from the list instead.',
		});
	}
	return value;
}
