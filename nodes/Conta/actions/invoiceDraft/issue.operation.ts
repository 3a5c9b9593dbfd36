/**
 * Invoice Draft → Issue: `POST {o}/invoices` with `id` = the draft id (RouteV1MakeInvoiceRestOp:
 * "If invoiceId is set to the id of an invoice draft, then the draft is deleted"). The draft
 * becomes an issued invoice, sent to the recipients at once.
 *
 * The spec does not say whether Conta takes the lines and settings from the draft or from the
 * body, so the node reads the draft first and sends its content (customer, lines, currency, ...)
 * together with its id, plus the invoice-only fields a draft lacks (dates, recipients, ...).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { pick, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { bool, failOnProblems, todayIn, validate } from '../../../shared/validation';
import { CONTA_ZONE } from '../../helpers/constants';
import { contaRequest, invoicePath } from '../../transport/index';
import { getJsonIdParameter, getOrganizationId, organizationLocator } from '../common';
import { SIMPLE_INVOICE_FIELDS } from '../invoice/fields';
import { INVOICE_FIELD_LABELS, invoiceBodyFields, invoiceFieldOptions, invoiceFieldsSchema, invoiceRuleProblems } from '../invoice/invoiceFields';
import { totalCents } from '../invoice/lines';
import {
	addRecipients,
	ehfOptionsSchema,
	readRecipients,
	RECIPIENT_LABELS,
	recipientProperties,
	recipientsSchema,
} from '../invoice/recipients';
import { draftLocator } from './locator';

/** The invoice-only fields a draft lacks, plus overrides for the draft's references. */
const ISSUE_FIELDS = [
	'attachmentFileId',
	'customerId',
	'customerReference',
	'deliveryAddress',
	'deliveryCity',
	'deliveryCountry',
	'deliveryDate',
	'deliveryPostcode',
	'invoiceDueDate',
	'ehfAdditionalDocumentReference',
	'ehfContractDocumentReference',
	'ehfOrderReference',
	'invoiceDate',
	'kid',
	'orgReference',
	'personalMessage',
	'invoiceRepeat',
	'showDiscount',
];

/** Draft fields that carry over to the invoice as they are. */
const DRAFT_FIELDS = [
	'customerId',
	'type',
	'departmentId',
	'projectId',
	'invoiceLanguage',
	'invoiceCurrency',
	'exchangeRate',
	'exchangeRateReferenceDate',
	'personalMessage',
	'customerReference',
	'saleId',
];

const properties: INodeProperties[] = [
	organizationLocator,
	{
		displayName:
			'Issuing turns the draft into an invoice: it gets its number and PDF and is sent to the recipients right away, and the draft is deleted. An issued invoice cannot be changed or deleted, only credited in full.',
		name: 'issueNotice',
		type: 'notice',
		default: '',
	},
	draftLocator('The invoice draft to issue'),
	...recipientProperties('invoice'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: invoiceFieldOptions([], ISSUE_FIELDS),
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['invoiceDraft'], operation: ['issue'] } }, properties);

const input = z.object({
	recipient: recipientsSchema,
	...ehfOptionsSchema,
	fields: z.preprocess((value) => value ?? {}, invoiceFieldsSchema),
	simplify: bool,
});

interface DraftLine {
	description?: string;
	price?: number;
	quantity?: number;
	discount?: number;
	vatCode?: string;
	productId?: number;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const orgId = await getOrganizationId(this, i);
	const draftId = getJsonIdParameter(this, 'draftId', i, 'Invoice Draft');
	const params = validate(
		this,
		input,
		{
			...readRecipients(this, i),
			fields: this.getNodeParameter('additionalFields', i, {}),
			simplify: this.getNodeParameter('simplify', i, true),
		},
		i,
		{ ...RECIPIENT_LABELS, ...INVOICE_FIELD_LABELS, simplify: 'Simplify' },
	);

	const draft =
		(await contaRequest<IDataObject | null>(this, {
			method: 'GET',
			path: invoicePath(orgId, `/invoice-drafts/${draftId}`),
			action: `get invoice draft ${draftId}`,
			itemIndex: i,
		})) ?? {};
	const today = todayIn(CONTA_ZONE);
	const body: IDataObject = { id: draftId };
	for (const key of DRAFT_FIELDS) if (draft[key] !== undefined && draft[key] !== null) body[key] = draft[key];
	body.invoiceDate = today;
	Object.assign(body, invoiceBodyFields(params.fields));
	if (body.customerId === undefined) {
		throw new NodeOperationError(this.getNode(), `Invoice draft ${draftId} has no customer (item ${i})`, {
			itemIndex: i,
			description: `Nothing was created. ${draft.customerGroupId ? `The draft is for customer group ${String(draft.customerGroupId)}, which the API can't issue as one invoice.` : 'The draft has no customer yet.'} Set 'Customer ID' in Additional Fields, or issue the draft in Conta.`,
		});
	}
	const draftLines = (Array.isArray(draft.invoiceDraftLines) ? draft.invoiceDraftLines : []) as DraftLine[];
	const lines = draftLines.map((line) => {
		const out: IDataObject = {
			description: line.description,
			price: line.price,
			quantity: line.quantity,
			discount: line.discount ?? 0,
			vatCode: line.vatCode,
		};
		if (line.productId !== undefined && line.productId !== null) out.productId = line.productId;
		return out;
	});
	if (lines.length) body.invoiceLines = lines;
	const total = totalCents(
		lines.map((line) => ({
			price: Number(line.price ?? 0),
			quantity: Number(line.quantity ?? 0),
			discount: Number(line.discount ?? 0),
			vatCode: String(line.vatCode ?? ''),
		})),
	);
	failOnProblems(this, i, invoiceRuleProblems(body, total, today), 'Nothing was created');

	const checks = await addRecipients(this, body, params, i, 'invoice');

	const invoice =
		(await contaRequest<IDataObject | null>(this, {
			method: 'POST',
			path: invoicePath(orgId, '/invoices'),
			body,
			action: `issue invoice draft ${draftId}`,
			itemIndex: i,
		})) ?? {};
	if (checks.length) invoice.ehfCheck = checks as unknown as IDataObject[];
	return params.simplify ? pick(invoice, SIMPLE_INVOICE_FIELDS) : invoice;
}
