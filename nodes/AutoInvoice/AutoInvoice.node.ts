import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as consumerAgreement from './actions/consumerAgreement/ConsumerAgreement.resource';
import { router } from './actions/router';
import { testAutoInvoiceConnection } from './transport/credentialTest';

export class AutoInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AutoInvoice',
		name: 'autoInvoice',
		icon: { light: 'file:../../icons/autoinvoice.svg', dark: 'file:../../icons/autoinvoice.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Check Norwegian consumer-invoicing agreements in Visma AutoInvoice (Maventa)',
		defaults: { name: 'AutoInvoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoInvoiceApi', required: true, testedBy: 'autoInvoiceConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Consumer Agreement', value: 'consumerAgreement' }],
				default: 'consumerAgreement',
			},
			...consumerAgreement.description,
		],
	};

	methods = {
		credentialTest: {
			async autoInvoiceConnectionTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return testAutoInvoiceConnection(this.helpers, credential.data ?? {});
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
