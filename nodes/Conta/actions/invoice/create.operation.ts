/**
 * Invoice → Create: `POST {o}/invoices` (RouteV1MakeInvoiceRestOp). Creating an invoice in Conta
 * issues it (it gets its number, PDF and KID) and sends it to the recipients at once; an issued
 * invoice can't be changed or deleted through the API, only credited in full.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { pick, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { bool, failOnProblems, todayIn, validate } from '../../../shared/validation';
import { CONTA_ZONE } from '../../helpers/constants';
import { getJsonIdParameter, getOrganizationId, idLocator, organizationLocator } from '../common';
import { contaRequest, invoicePath } from '../../transport/index';
import { SIMPLE_INVOICE_FIELDS } from './fields';
import { INVOICE_FIELD_LABELS, invoiceBodyFields, invoiceFieldOptions, invoiceFieldsSchema, invoiceRuleProblems } from './invoiceFields';
import { LINE_LABELS, lineProperties, linesSchema, readLines, totalCents, toApiLines } from './lines';
import {
	addRecipients,
	ehfOptionsSchema,
	readRecipients,
	RECIPIENT_LABELS,
	recipientProperties,
	recipientsSchema,
} from './recipients';

const properties: INodeProperties[] = [
	organizationLocator,
	{
		displayName:
			'Creating an invoice issues it in Conta: it gets its number and PDF and is sent to the recipients right away. An issued invoice cannot be changed or deleted, only credited in full.',
		name: 'issueNotice',
		type: 'notice',
		default: '',
	},
	idLocator({
		name: 'customer',
		displayName: 'Customer',
		searchListMethod: 'searchCustomers',
		description: 'The customer to invoice',
		placeholder: '5001',
	}),
	...lineProperties(true),
	...recipientProperties('invoice'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: invoiceFieldOptions(['customerId']),
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['create'] } }, properties);

const input = z.object({
	line: linesSchema(true),
	recipient: recipientsSchema,
	...ehfOptionsSchema,
	fields: z.preprocess((value) => value ?? {}, invoiceFieldsSchema),
	simplify: bool,
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const customerId = getJsonIdParameter(this, 'customer', i, 'Customer');
	const rawRecipients = readRecipients(this, i);
	const params = validate(
		this,
		input,
		{
			line: readLines(this, i),
			...rawRecipients,
			fields: this.getNodeParameter('additionalFields', i, {}),
			simplify: this.getNodeParameter('simplify', i, true),
		},
		i,
		{ ...LINE_LABELS, ...RECIPIENT_LABELS, ...INVOICE_FIELD_LABELS, simplify: 'Simplify' },
	);

	const today = todayIn(CONTA_ZONE);
	const body: IDataObject = {
		customerId,
		invoiceDate: today,
		...invoiceBodyFields(params.fields),
		invoiceLines: toApiLines(params.line),
	};
	failOnProblems(this, i, invoiceRuleProblems(body, totalCents(params.line), today));

	const checks = await addRecipients(this, body, params, i, 'invoice');

	const invoice =
		(await contaRequest<IDataObject | null>(this, {
			method: 'POST',
			path: invoicePath(orgId, '/invoices'),
			body,
			action: `create an invoice for customer ${customerId}`,
			itemIndex: i,
		})) ?? {};
	if (checks.length) invoice.ehfCheck = checks as unknown as IDataObject[];
	return params.simplify ? pick(invoice, SIMPLE_INVOICE_FIELDS) : invoice;
}
