import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as organization from './actions/organization/Organization.resource';
import { router } from './actions/router';
import { searchOrganizations } from './methods/listSearch';

export class Conta implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Conta',
		name: 'conta',
		icon: { light: 'file:../../icons/conta.svg', dark: 'file:../../icons/conta.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with organizations, customers and invoices in Conta (Norwegian accounting and invoicing)',
		defaults: { name: 'Conta' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Organization', value: 'organization' }],
				default: 'organization',
			},
			...organization.description,
		],
	};

	methods = {
		listSearch: { searchOrganizations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
