/**
 * Invoice → Credit: `POST {o}/invoices/{id}/credit-note` (RouteV1CreditFullInvoiceRestOp). Conta's
 * API only makes a credit note for the WHOLE invoice; partial credit notes are not available.
 * The invoice must not have payments unless "Remove Payments" is on (Conta then removes them).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { pick, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import {
	bool,
	failOnProblems,
	optionalBool,
	optionalDate,
	optionalInteger,
	optionalJsonId,
	optionalText,
	validate,
	type Problem,
} from '../../../shared/validation';
import { CONTA_ZONE } from '../../helpers/constants';
import { definedValues, getOrganizationId, organizationLocator } from '../common';
import { contaRequest, invoicePath } from '../../transport/index';
import { getInvoiceId, SIMPLE_INVOICE_FIELDS } from './fields';
import { invoiceLocator } from './locator';
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
			'This credits the whole invoice: Conta’s API has no partial credit notes. The credit note is issued at once and sent to the recipients below.',
		name: 'creditNotice',
		type: 'notice',
		default: '',
	},
	invoiceLocator('The invoice to credit in full'),
	...recipientProperties('credit note'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Created in Other System',
				name: 'isCreatedInOtherSystem',
				type: 'boolean',
				default: false,
				description: 'Whether the credit note was issued in another system and is only registered in Conta (needs its Invoice Number)',
			},
			{
				displayName: 'Credit Note Date',
				name: 'creditNoteDate',
				type: 'dateTime',
				default: '',
				description: 'Date of the credit note. Leave empty to use the date of the original invoice (Conta’s default).',
			},
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				description: "The customer's reference, printed on the credit note (up to 100 characters)",
			},
			{
				displayName: 'EHF Additional Document Reference',
				name: 'ehfAdditionalDocumentReference',
				type: 'string',
				default: '',
				description: 'EHF reference (bestillingsnummer), up to 100 characters',
			},
			{
				displayName: 'EHF Contract Document Reference',
				name: 'ehfContractDocumentReference',
				type: 'string',
				default: '',
				description: 'EHF contract reference (kontraktsnummer), up to 100 characters',
			},
			{
				displayName: 'EHF Order Reference',
				name: 'ehfOrderReference',
				type: 'string',
				default: '',
				description: 'EHF order reference (ordrenummer), up to 100 characters',
			},
			{
				displayName: 'Invoice File ID',
				name: 'invoiceFileId',
				type: 'string',
				default: '',
				description: 'ID of the credit note PDF uploaded to Conta (for a credit note created in another system)',
			},
			{
				displayName: 'Invoice Number',
				name: 'invoiceNo',
				type: 'number',
				default: 0,
				description: 'The credit note number from the other system. Only for a credit note created in another system.',
			},
			{
				displayName: 'Remove Payments',
				name: 'removePaymentsIfExist',
				type: 'boolean',
				default: false,
				description:
					'Whether Conta should remove the payments registered on the invoice first. Without it, an invoice with payments cannot be credited.',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['credit'] } }, properties);

const input = z.object({
	recipient: recipientsSchema,
	...ehfOptionsSchema,
	fields: z.preprocess(
		(value) => value ?? {},
		z
			.object({
				removePaymentsIfExist: optionalBool,
				creditNoteDate: optionalDate({ zone: CONTA_ZONE }),
				customerReference: optionalText(100),
				ehfOrderReference: optionalText(100),
				ehfAdditionalDocumentReference: optionalText(100),
				ehfContractDocumentReference: optionalText(100),
				isCreatedInOtherSystem: optionalBool,
				invoiceNo: optionalInteger({ min: 0 }).transform((value) => (value === 0 ? undefined : value)),
				invoiceFileId: optionalJsonId,
			})
			.strict(),
	),
	simplify: bool,
});

const LABELS = {
	...RECIPIENT_LABELS,
	fields: 'Additional Fields',
	'fields.removePaymentsIfExist': 'Remove Payments',
	'fields.creditNoteDate': 'Credit Note Date',
	'fields.customerReference': 'Customer Reference',
	'fields.ehfOrderReference': 'EHF Order Reference',
	'fields.ehfAdditionalDocumentReference': 'EHF Additional Document Reference',
	'fields.ehfContractDocumentReference': 'EHF Contract Document Reference',
	'fields.isCreatedInOtherSystem': 'Created in Other System',
	'fields.invoiceNo': 'Invoice Number',
	'fields.invoiceFileId': 'Invoice File ID',
	simplify: 'Simplify',
};

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const invoiceId = getInvoiceId(this, 'invoiceId', i);
	const params = validate(
		this,
		input,
		{
			...readRecipients(this, i),
			fields: this.getNodeParameter('additionalFields', i, {}),
			simplify: this.getNodeParameter('simplify', i, true),
		},
		i,
		LABELS,
	);
	const body: IDataObject = {};
	Object.assign(body, definedValues(params.fields as IDataObject));

	const problems: Problem[] = [];
	if (body.isCreatedInOtherSystem === true && body.invoiceNo === undefined)
		problems.push({ label: 'Invoice Number', message: "is required when 'Created in Other System' is on" });
	if (body.isCreatedInOtherSystem !== true && body.invoiceNo !== undefined)
		problems.push({ label: 'Invoice Number', message: "can only be set for a credit note created in another system (turn on 'Created in Other System')" });
	failOnProblems(this, i, problems);

	const checks = await addRecipients(this, body, params, i, 'credit note');

	const creditNote =
		(await contaRequest<IDataObject | null>(this, {
			method: 'POST',
			path: invoicePath(orgId, `/invoices/${invoiceId}/credit-note`),
			body,
			action: `credit invoice ${invoiceId}`,
			itemIndex: i,
		})) ?? {};
	if (checks.length) creditNote.ehfCheck = checks as unknown as IDataObject[];
	return params.simplify ? pick(creditNote, SIMPLE_INVOICE_FIELDS) : creditNote;
}
