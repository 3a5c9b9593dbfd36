import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as income from './actions/income/Income.resource';
import { router } from './actions/router';

export class Contraccounts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Contraccounts',
		name: 'contraccounts',
		icon: { light: 'file:../../icons/contraccounts.svg', dark: 'file:../../icons/contraccounts.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Record income in Contraccounts (UK online bookkeeping)',
		defaults: { name: 'Contraccounts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contraccountsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Income', value: 'income' }],
				default: 'income',
			},
			...income.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
