import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { applyAutoInvoiceAuth } from '../nodes/AutoInvoice/transport/auth';

/**
 * Visma AutoInvoice (Maventa) SOAP API v1.1.
 *
 * There is no HTTP authentication: every SOAP call carries an `api_keys` struct. The node builds
 * the envelope with placeholders; `authenticate` points the request at the environment's endpoint
 * and fills in the namespace and the escaped keys, so node code never reads the keys.
 *
 * The connection test is not declared here: a declarative test cannot read a SOAP answer, and
 * AutoInvoice reports wrong keys as HTTP 200 with `ERROR: USER NOT FOUND`. The AutoInvoice node
 * tests this credential instead (`testedBy: 'autoInvoiceConnectionTest'`).
 */
export class AutoInvoiceApi implements ICredentialType {
	name = 'autoInvoiceApi';

	displayName = 'AutoInvoice API';

	icon = { light: 'file:../icons/autoinvoice.svg', dark: 'file:../icons/autoinvoice.dark.svg' } as const;

	documentationUrl = 'https://documentation.maventa.com/soap-api/';

	properties: INodeProperties[] = [
		{
			displayName: 'Company UUID',
			name: 'companyUuid',
			type: 'string',
			default: '',
			placeholder: '5b7b9f2e-1c55-4e8a-9d3a-0f6f1b2c3d4e',
			description:
				'The UUID of the company in AutoInvoice (company settings). Recommended always; required when the user belongs to several companies.',
		},
		{
			displayName: 'User API Key',
			name: 'userApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The user's API key from AutoInvoice (user settings). Testing and production keys differ.",
		},
		{
			displayName: 'Vendor API Key',
			name: 'vendorApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The partner software's API key. Required for partner (ERP/integration) accounts, which AutoInvoice uses for billing and reporting; leave empty if you have none.",
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: 'https://secure.maventa.com/apis/v1.1/api' },
				{ name: 'Testing', value: 'testing', description: 'https://testing.maventa.com/apis/v1.1/api' },
				{ name: 'Custom Endpoint', value: 'custom', description: 'Any SOAP endpoint, e.g. a local simulator' },
			],
		},
		{
			displayName: 'Endpoint URL',
			name: 'endpointUrl',
			type: 'string',
			default: '',
			placeholder: 'https://testing.maventa.com/apis/v1.1/api',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'The SOAP endpoint to POST to (ends in /apis/v1.1/api on Maventa hosts)',
		},
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: '',
			placeholder: 'https://testing.maventa.com/',
			description:
				"Optional. The WSDL target namespace. Leave empty to use https://<endpoint host>/, which is what AutoInvoice uses on its testing and production hosts.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description: 'How long to wait for AutoInvoice to answer a request before giving up',
		},
	];

	/**
	 * Sends the request to the environment's SOAP endpoint with the credential's timeout, and fills
	 * the envelope's namespace and `api_keys` placeholders (values XML-escaped).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return applyAutoInvoiceAuth(credentials, requestOptions);
	}
}
