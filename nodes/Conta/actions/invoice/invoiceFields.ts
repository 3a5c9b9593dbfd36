/**
 * The optional invoice fields of `POST {o}/invoices` (the spec's inline request schema, ≈
 * `RouteV1InvoiceModel`), shared by Invoice → Create and Invoice Draft → Issue, and the spec's
 * cross-field rules checked before anything is sent.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import {
	oneOf,
	optionalBool,
	optionalCurrency,
	optionalDate,
	optionalInteger,
	optionalJsonId,
	optionalNumber,
	optionalOneOf,
	optionalText,
	optionsOf,
	type Problem,
} from '../../../shared/validation';
import { CONTA_ZONE, INVOICE_TYPES, LANGUAGES, REPEAT_FREQUENCIES } from '../../helpers/constants';
import { CURRENCY_OPTIONS } from './fields';

const textField = (displayName: string, name: string, description: string, placeholder?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

/** Every optional invoice field, sorted by display name. */
const ALL_FIELDS: INodeProperties[] = [
	textField('Attachment File ID', 'attachmentFileId', 'ID of a PDF attachment uploaded to Conta first (invoice attachment upload)'),
	textField('Customer ID', 'customerId', "Customer to invoice. Needed when the draft has none (e.g. a customer-group draft); otherwise overrides the draft's customer.", '5001'),
	textField('Customer Reference', 'customerReference', "The customer's reference, printed on the invoice (up to 100 characters)"),
	textField('Delivery Address', 'deliveryAddress', 'Delivery address, first line (up to 100 characters)'),
	textField('Delivery City', 'deliveryCity', 'City of the delivery address'),
	textField('Delivery Country', 'deliveryCountry', 'Country of the delivery address (name, up to 100 characters)'),
	{
		displayName: 'Delivery Date',
		name: 'deliveryDate',
		type: 'dateTime',
		default: '',
		description: 'Date the goods or services were delivered',
	},
	textField('Delivery Postcode', 'deliveryPostcode', 'Postcode of the delivery address'),
	textField('Department ID', 'departmentId', 'ID of the Conta department the invoice belongs to'),
	{
		displayName: 'Due Date',
		name: 'invoiceDueDate',
		type: 'dateTime',
		default: '',
		description: "The due date. Leave empty for Conta's default from the customer's payment terms. Must not be before the invoice date.",
	},
	textField('EHF Additional Document Reference', 'ehfAdditionalDocumentReference', 'EHF reference (bestillingsnummer), up to 100 characters'),
	textField('EHF Contract Document Reference', 'ehfContractDocumentReference', 'EHF contract reference (kontraktsnummer), up to 100 characters'),
	textField('EHF Order Reference', 'ehfOrderReference', 'EHF order reference (ordrenummer), up to 100 characters. Many public buyers require it.'),
	{
		displayName: 'Exchange Rate',
		name: 'exchangeRate',
		type: 'number',
		typeOptions: { numberPrecision: 6 },
		default: 1,
		description: 'NOK per unit of the invoice currency (for a foreign-currency invoice)',
	},
	{
		displayName: 'Exchange Rate Reference Date',
		name: 'exchangeRateReferenceDate',
		type: 'dateTime',
		default: '',
		description: 'The date the exchange rate is from. Required when the currency is not NOK.',
	},
	{
		displayName: 'Created in Other System',
		name: 'isCreatedInOtherSystem',
		type: 'boolean',
		default: false,
		description:
			'Whether the invoice was issued in another system and is only registered in Conta. Needs the Invoice Number and Invoice File ID, and allows a past invoice date; repetition is not allowed.',
	},
	{
		displayName: 'Currency',
		name: 'invoiceCurrency',
		type: 'options',
		options: CURRENCY_OPTIONS,
		default: 'NOK',
		description: 'Invoice currency (ISO code). Any other three-letter code can be given with an expression.',
	},
	{
		displayName: 'Invoice Date',
		name: 'invoiceDate',
		type: 'dateTime',
		default: '',
		description: 'The invoice date. Leave empty for today (Europe/Oslo). Conta does not accept a past date for a normal invoice. A date-time at midnight, such as $today, counts as that date; any other date-time as its date in Norway.',
	},
	textField('Invoice File ID', 'invoiceFileId', 'ID of the invoice PDF uploaded to Conta (for an invoice created in another system)'),
	{
		displayName: 'Invoice Number',
		name: 'invoiceNo',
		type: 'number',
		default: 0,
		description: 'The invoice number from the other system. Only for an invoice created in another system (Conta numbers its own invoices).',
	},
	{
		displayName: 'Invoice Type',
		name: 'type',
		type: 'options',
		options: optionsOf(INVOICE_TYPES),
		default: 'NORMAL',
		description: 'Type of invoice. Credit notes are made with the Credit operation.',
	},
	textField('KID', 'kid', 'KID (payment reference) to use instead of the one Conta generates, 2–35 characters'),
	{
		displayName: 'Language',
		name: 'invoiceLanguage',
		type: 'options',
		options: optionsOf(LANGUAGES),
		default: 'NO',
		description: 'Language of the invoice PDF',
	},
	textField('Our Reference', 'orgReference', 'Your own reference, printed on the invoice (up to 100 characters)'),
	textField('Personal Message', 'personalMessage', 'Message printed on the invoice (up to 300 characters)'),
	textField('Project ID', 'projectId', 'ID of the Conta project the invoice belongs to'),
	{
		displayName: 'Repeat',
		name: 'invoiceRepeat',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Repetition',
		description: 'Make this a repeating invoice',
		options: [
			{
				displayName: 'Repetition',
				name: 'repeat',
				values: [
					{
						displayName: 'Frequency',
						name: 'frequency',
						type: 'options',
						options: optionsOf(REPEAT_FREQUENCIES),
						default: 'MONTHLY',
					},
					{
						displayName: 'Next Repeat Date',
						name: 'nextRepeatDate',
						type: 'dateTime',
						default: '',
						required: true,
						description: 'When the next copy of the invoice is made',
					},
					{
						displayName: 'End Date',
						name: 'endDate',
						type: 'dateTime',
						default: '',
						description: 'When the repetition stops (must be in the future). Leave empty to repeat until stopped.',
					},
					{
						displayName: 'Update Prices',
						name: 'updatePrices',
						type: 'boolean',
						default: false,
						description: 'Whether line prices are updated from the products on each repetition',
					},
				],
			},
		],
	},
	textField('Sale ID', 'saleId', 'ID of the Conta sale the invoice belongs to'),
	{
		displayName: 'Show Discount',
		name: 'showDiscount',
		type: 'boolean',
		default: true,
		description: 'Whether to show the discount column on the invoice PDF',
	},
];

/** The Additional Fields options, without the names in `exclude`. */
export function invoiceFieldOptions(exclude: readonly string[] = [], include: readonly string[] = []): INodeProperties[] {
	return ALL_FIELDS.filter((field) => (include.length === 0 || include.includes(field.name)) && !exclude.includes(field.name)).sort(
		(a, b) => a.displayName.localeCompare(b.displayName),
	);
}

const optionalOsloDate = optionalDate({ zone: CONTA_ZONE });

const repeatSchema = z
	.object({
		repeat: z
			.object({
				frequency: oneOf(REPEAT_FREQUENCIES),
				nextRepeatDate: optionalOsloDate,
				endDate: optionalOsloDate,
				updatePrices: optionalBool,
			})
			.strict()
			.superRefine((repeat, ctx) => {
				if (!repeat.nextRepeatDate)
					ctx.addIssue({ code: 'custom', path: ['nextRepeatDate'], message: 'is required for a repeating invoice' });
			})
			.optional(),
	})
	.strict();

/** Parses the Additional Fields collection (every field optional). */
export const invoiceFieldsSchema = z
	.object({
		attachmentFileId: optionalJsonId,
		customerId: optionalJsonId,
		customerReference: optionalText(100),
		deliveryAddress: optionalText(100),
		deliveryCity: optionalText(100),
		deliveryCountry: optionalText(100),
		deliveryDate: optionalOsloDate,
		deliveryPostcode: optionalText(20),
		departmentId: optionalJsonId,
		invoiceDueDate: optionalOsloDate,
		ehfAdditionalDocumentReference: optionalText(100),
		ehfContractDocumentReference: optionalText(100),
		ehfOrderReference: optionalText(100),
		exchangeRate: optionalNumber({ min: 0, exclusiveMin: true }),
		exchangeRateReferenceDate: optionalOsloDate,
		isCreatedInOtherSystem: optionalBool,
		invoiceCurrency: optionalCurrency,
		invoiceDate: optionalOsloDate,
		invoiceFileId: optionalJsonId,
		invoiceNo: optionalInteger({ min: 0 }).transform((value) => (value === 0 ? undefined : value)),
		type: optionalOneOf(INVOICE_TYPES),
		kid: optionalText(35, { min: 2 }),
		invoiceLanguage: optionalOneOf(LANGUAGES),
		orgReference: optionalText(100),
		personalMessage: optionalText(300),
		projectId: optionalJsonId,
		invoiceRepeat: z.preprocess((value) => value ?? {}, repeatSchema),
		saleId: optionalJsonId,
		showDiscount: optionalBool,
	})
	.strict();

export type InvoiceFields = z.infer<typeof invoiceFieldsSchema>;

/** Labels for `validate()`: paths under `fields.` (the Additional Fields collection). */
export const INVOICE_FIELD_LABELS: Record<string, string> = {
	fields: 'Additional Fields',
	...Object.fromEntries(ALL_FIELDS.map((field) => [`fields.${field.name}`, field.displayName])),
	'fields.invoiceRepeat.repeat': 'Repeat',
	'fields.invoiceRepeat.repeat.frequency': 'Frequency',
	'fields.invoiceRepeat.repeat.nextRepeatDate': 'Next Repeat Date',
	'fields.invoiceRepeat.repeat.endDate': 'End Date',
	'fields.invoiceRepeat.repeat.updatePrices': 'Update Prices',
};

/** The body fields for the parsed Additional Fields (only what is set). */
export function invoiceBodyFields(fields: InvoiceFields): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || key === 'invoiceRepeat') continue;
		out[key] = value as IDataObject[string];
	}
	const repeat = fields.invoiceRepeat.repeat;
	if (repeat) {
		const body: IDataObject = { frequency: repeat.frequency, nextRepeatDate: repeat.nextRepeatDate };
		if (repeat.endDate) body.endDate = repeat.endDate;
		if (repeat.updatePrices !== undefined) body.updatePrices = repeat.updatePrices;
		out.invoiceRepeat = body;
	}
	return out;
}

/**
 * Conta's rules for `POST {o}/invoices` that involve more than one field (the spec's input errors
 * and the date and currency business errors), checked on the body before it is sent.
 * `totalCents` is the lines' total including VAT, in øre (`totalCents()` in lines.ts).
 */
export function invoiceRuleProblems(body: IDataObject, totalCents: number, today: string): Problem[] {
	const problems: Problem[] = [];
	const otherSystem = body.isCreatedInOtherSystem === true;
	const type = String(body.type ?? 'NORMAL');
	const date = body.invoiceDate as string | undefined;
	const due = body.invoiceDueDate as string | undefined;
	const currency = String(body.invoiceCurrency ?? 'NOK');
	const foreign = currency !== 'NOK';
	const repeat = body.invoiceRepeat as IDataObject | undefined;

	if (date && !otherSystem && date < today)
		problems.push({
			label: 'Invoice Date',
			message: `must be today (${today}, Europe/Oslo) or later; Conta refuses a normal invoice dated in the past. Leave it empty for today, or turn on 'Created in Other System' for an invoice issued elsewhere.`,
		});
	if (date && due && due < date)
		problems.push({ label: 'Due Date', message: `must not be before the invoice date (${date})` });
	if (otherSystem && body.invoiceNo === undefined)
		problems.push({ label: 'Invoice Number', message: "is required when 'Created in Other System' is on" });
	if (!otherSystem && body.invoiceNo !== undefined)
		problems.push({
			label: 'Invoice Number',
			message: "can only be set for an invoice created in another system (turn on 'Created in Other System'); Conta numbers its own invoices",
		});
	if (repeat) {
		if (otherSystem)
			problems.push({ label: 'Repeat', message: "is not allowed for an invoice created in another system; remove it or turn off 'Created in Other System'" });
		if (repeat.endDate && String(repeat.endDate) <= today)
			problems.push({ label: 'End Date', message: `must be in the future (after ${today})` });
		if (body.deliveryDate && date && body.deliveryDate !== date)
			problems.push({ label: 'Delivery Date', message: 'must equal the invoice date on a repeating invoice (or leave it empty)' });
		if (foreign) problems.push({ label: 'Repeat', message: `is not possible for an invoice in a foreign currency (${currency})` });
	}
	if (foreign) {
		if (!body.exchangeRateReferenceDate)
			problems.push({ label: 'Exchange Rate Reference Date', message: `is required for an invoice in ${currency} (not NOK)` });
		if (type !== 'NORMAL')
			problems.push({ label: 'Currency', message: `${currency} is only possible on a normal invoice; a ${type.toLowerCase()} invoice must be in NOK` });
		if (date && date < today)
			problems.push({ label: 'Invoice Date', message: `must be today or later for an invoice in a foreign currency (${currency})` });
	}
	if (type === 'CREDIT' && totalCents > 0)
		problems.push({ label: 'Invoice Lines', message: 'add up to a positive total; a credit note must not be positive' });
	if (type !== 'CREDIT' && totalCents < 0)
		problems.push({
			label: 'Invoice Lines',
			message: 'add up to a negative total; an invoice must not be negative. To reverse an invoice use the Credit operation.',
		});
	return problems;
}
