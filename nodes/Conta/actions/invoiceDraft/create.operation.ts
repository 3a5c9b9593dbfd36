/**
 * Invoice Draft → Create: `POST {o}/invoice-drafts` (RouteV1MakeInvoiceDraftRestOp). A draft is
 * reviewed and sent later in Conta, or issued with Invoice Draft → Issue. Drafts have no dates,
 * recipients or attachments (Conta refuses a draft with an attachment).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { pick, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import {
	bool,
	failOnProblems,
	oneOf,
	optionalCurrency,
	optionalDate,
	optionalJsonId,
	optionalNumber,
	optionalOneOf,
	optionalText,
	optionsOf,
	validate,
	type Problem,
} from '../../../shared/validation';
import { CONTA_ZONE, DRAFT_TYPES, LANGUAGES } from '../../helpers/constants';
import { contaRequest, invoicePath } from '../../transport/index';
import { definedValues, getJsonIdParameter, getOrganizationId, idLocator, organizationLocator } from '../common';
import { CURRENCY_OPTIONS, SIMPLE_DRAFT_FIELDS } from '../invoice/fields';
import { LINE_LABELS, lineProperties, linesSchema, readLines, totalCents, toApiLines } from '../invoice/lines';

const BILL_TO = [
	{ value: 'customer', name: 'Customer', description: 'One customer' },
	{ value: 'customerGroup', name: 'Customer Group', description: 'Every customer in a customer group (mass invoicing)' },
	{ value: 'none', name: 'Nobody Yet', description: 'Choose the customer later in Conta' },
] as const;

const properties: INodeProperties[] = [
	organizationLocator,
	{
		displayName: 'Bill To',
		name: 'billTo',
		type: 'options',
		options: optionsOf(BILL_TO),
		default: 'customer',
		description: 'Who the draft is for. Conta accepts a customer or a customer group, not both.',
	},
	{
		...idLocator({
			name: 'customer',
			displayName: 'Customer',
			searchListMethod: 'searchCustomers',
			description: 'The customer to bill',
			placeholder: '5001',
		}),
		displayOptions: { show: { billTo: ['customer'] } },
	},
	{
		displayName: 'Customer Group ID',
		name: 'customerGroupId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12',
		description: 'ID of the Conta customer group to bill',
		displayOptions: { show: { billTo: ['customerGroup'] } },
	},
	...lineProperties(false),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Currency',
				name: 'invoiceCurrency',
				type: 'options',
				options: CURRENCY_OPTIONS,
				default: 'NOK',
				description: 'Currency (ISO code). Any other three-letter code can be given with an expression.',
			},
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				description: "The customer's reference, printed on the invoice (up to 100 characters)",
			},
			{
				displayName: 'Department ID',
				name: 'departmentId',
				type: 'string',
				default: '',
				description: 'ID of the Conta department the invoice belongs to',
			},
			{
				displayName: 'Exchange Rate',
				name: 'exchangeRate',
				type: 'number',
				typeOptions: { numberPrecision: 6 },
				default: 1,
				description: 'NOK per unit of the currency (for a foreign currency)',
			},
			{
				displayName: 'Exchange Rate Reference Date',
				name: 'exchangeRateReferenceDate',
				type: 'dateTime',
				default: '',
				description: 'The date the exchange rate is from. Required when the currency is not NOK.',
			},
			{
				displayName: 'Invoice Type',
				name: 'type',
				type: 'options',
				options: optionsOf(DRAFT_TYPES),
				default: 'NORMAL',
			},
			{
				displayName: 'Language',
				name: 'invoiceLanguage',
				type: 'options',
				options: optionsOf(LANGUAGES),
				default: 'NO',
				description: 'Language of the invoice PDF',
			},
			{
				displayName: 'Personal Message',
				name: 'personalMessage',
				type: 'string',
				default: '',
				description: 'Message printed on the invoice (up to 300 characters)',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				description: 'ID of the Conta project the invoice belongs to',
			},
			{
				displayName: 'Sale ID',
				name: 'saleId',
				type: 'string',
				default: '',
				description: 'ID of the Conta sale the draft belongs to',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['invoiceDraft'], operation: ['create'] } }, properties);

const input = z.object({
	billTo: oneOf(BILL_TO),
	customerGroupId: optionalJsonId,
	line: linesSchema(false),
	fields: z.preprocess(
		(value) => value ?? {},
		z
			.object({
				type: optionalOneOf(DRAFT_TYPES),
				departmentId: optionalJsonId,
				projectId: optionalJsonId,
				invoiceLanguage: optionalOneOf(LANGUAGES),
				invoiceCurrency: optionalCurrency,
				exchangeRate: optionalNumber({ min: 0, exclusiveMin: true }),
				exchangeRateReferenceDate: optionalDate({ zone: CONTA_ZONE }),
				personalMessage: optionalText(300),
				customerReference: optionalText(100),
				saleId: optionalJsonId,
			})
			.strict(),
	),
	simplify: bool,
});

const LABELS = {
	...LINE_LABELS,
	billTo: 'Bill To',
	customerGroupId: 'Customer Group ID',
	fields: 'Additional Fields',
	'fields.type': 'Invoice Type',
	'fields.departmentId': 'Department ID',
	'fields.projectId': 'Project ID',
	'fields.invoiceLanguage': 'Language',
	'fields.invoiceCurrency': 'Currency',
	'fields.exchangeRate': 'Exchange Rate',
	'fields.exchangeRateReferenceDate': 'Exchange Rate Reference Date',
	'fields.personalMessage': 'Personal Message',
	'fields.customerReference': 'Customer Reference',
	'fields.saleId': 'Sale ID',
	simplify: 'Simplify',
};

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const params = validate(
		this,
		input,
		{
			billTo: this.getNodeParameter('billTo', i, 'customer'),
			customerGroupId: this.getNodeParameter('customerGroupId', i, ''),
			line: readLines(this, i),
			fields: this.getNodeParameter('additionalFields', i, {}),
			simplify: this.getNodeParameter('simplify', i, true),
		},
		i,
		LABELS,
	);
	const customerValue = String(this.getNodeParameter('customer', i, '', { extractValue: true }) ?? '').trim();
	const problems: Problem[] = [];
	const body: IDataObject = { registrationSource: 'CONTA' };
	if (params.billTo === 'customer') {
		body.customerId = getJsonIdParameter(this, 'customer', i, 'Customer');
		if (params.customerGroupId !== undefined)
			problems.push({ label: 'Customer Group ID', message: "must be empty when 'Bill To' is Customer: Conta takes a customer or a customer group, not both" });
	} else if (params.billTo === 'customerGroup') {
		if (params.customerGroupId === undefined) problems.push({ label: 'Customer Group ID', message: "is required when 'Bill To' is Customer Group" });
		else body.customerGroupId = params.customerGroupId;
		if (customerValue !== '')
			problems.push({ label: 'Customer', message: "must be empty when 'Bill To' is Customer Group: Conta takes a customer or a customer group, not both" });
	} else if (customerValue !== '' || params.customerGroupId !== undefined) {
		problems.push({ label: 'Bill To', message: "is Nobody Yet, so leave 'Customer' and 'Customer Group ID' empty (or choose who to bill)" });
	}
	Object.assign(body, definedValues(params.fields as IDataObject));
	if (params.line.length) body.invoiceDraftLines = toApiLines(params.line);

	const currency = String(body.invoiceCurrency ?? 'NOK');
	if (currency !== 'NOK' && !body.exchangeRateReferenceDate)
		problems.push({ label: 'Exchange Rate Reference Date', message: `is required for a draft in ${currency} (not NOK)` });
	const total = totalCents(params.line);
	if (body.type === 'CREDIT' && total > 0)
		problems.push({ label: 'Invoice Lines', message: 'add up to a positive total; a credit note draft must be zero or negative' });
	if (body.type !== 'CREDIT' && total < 0)
		problems.push({ label: 'Invoice Lines', message: 'add up to a negative total; choose Invoice Type Credit Note for a credit note draft' });
	failOnProblems(this, i, problems);

	const draft =
		(await contaRequest<IDataObject | null>(this, {
			method: 'POST',
			path: invoicePath(orgId, '/invoice-drafts'),
			body,
			action: 'create an invoice draft',
			itemIndex: i,
		})) ?? {};
	return params.simplify ? pick(draft, SIMPLE_DRAFT_FIELDS) : draft;
}
