/**
 * Invoice recipients (`invoiceRecipients[]`, `RouteV1InvoiceRecipientModel`), shared by Invoice →
 * Create, Invoice → Credit and Invoice Draft → Issue: the UI, the validation, and the optional
 * EHF check that looks each EHF recipient up before anything is created.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import {
	bool,
	emptyToUndefined,
	oneOf,
	optionalBool,
	optionalEmail,
	optionalJsonId,
	optionalOneOf,
	optionalText,
	optionsOf,
} from '../../../shared/validation';
import { DELIVERY_METHODS, EMAIL_RECIPIENT_TYPES } from '../../helpers/constants';
import { isValidOrgNo, normalizeOrgNo } from '../../helpers/orgNo';
import { canReceiveEhf, lookupEhfRecipient } from '../../transport/ehf';

const show = (...types: string[]) => ({ show: { type: types } });

/** "If Recipient Can't Receive EHF" for an invoice or a credit note (`what`). */
function ehfFallbacks(what: string) {
	return [
		{ value: 'doNotDeliver', name: "Don't Deliver", description: `Drop that EHF recipient; if no recipient is left, issue the ${what} with Do Not Deliver` },
		{ value: 'fail', name: 'Fail', description: 'Stop with an error; nothing is created' },
	] as const;
}

/** The recipients fixedCollection plus the EHF check options. `what` is "invoice" or "credit note". */
export function recipientProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'fixedCollection',
			placeholder: 'Add Recipient',
			typeOptions: { multipleValues: true },
			default: {},
			description: `How Conta delivers the ${what}. Leave empty to let Conta decide (its behaviour without recipients is not documented).`,
			options: [
				{
					displayName: 'Recipient',
					name: 'recipient',
					values: [
						{
							displayName: 'Address Line 1',
							name: 'mailAddressLine1',
							type: 'string',
							default: '',
							displayOptions: show('MAIL'),
							description: "Postal address, first line. Leave the address empty to use the customer's address.",
						},
						{
							displayName: 'Address Line 2',
							name: 'mailAddressLine2',
							type: 'string',
							default: '',
							displayOptions: show('MAIL'),
							description: 'Postal address, second line',
						},
						{
							displayName: 'City',
							name: 'mailAddressCity',
							type: 'string',
							default: '',
							displayOptions: show('MAIL'),
							description: 'City of the postal address',
						},
						{
							displayName: 'Country Code',
							name: 'mailAddressCountryCode',
							type: 'string',
							default: '',
							placeholder: 'NO',
							displayOptions: show('MAIL'),
							description: 'Two-letter country code, e.g. NO or SE',
						},
						{
							displayName: 'Delivery Method',
							name: 'type',
							type: 'options',
							options: optionsOf(DELIVERY_METHODS),
							default: 'EMAIL',
							description: 'How this recipient gets it',
						},
						{
							displayName: 'EHF Recipient Org Number',
							name: 'ehfRecipient',
							type: 'string',
							default: '',
							placeholder: '923456783',
							displayOptions: show('EHF'),
							description: 'The Norwegian organization number (9 digits) that receives the EHF invoice',
						},
						{
							displayName: 'Email',
							name: 'emailAddress',
							type: 'string',
							placeholder: 'name@email.com',
							default: '',
							displayOptions: show('EMAIL'),
							description: 'E-mail address to send to',
						},
						{
							displayName: 'Email Message',
							name: 'emailContent',
							type: 'string',
							typeOptions: { rows: 4 },
							default: '',
							displayOptions: show('EMAIL'),
							description: 'Body of the e-mail. Leave empty for Conta’s default.',
						},
						{
							displayName: 'Email Recipient Type',
							name: 'emailRecipientType',
							type: 'options',
							options: optionsOf(EMAIL_RECIPIENT_TYPES),
							default: 'EMAIL_TO',
							displayOptions: show('EMAIL'),
							description: 'How the address receives the e-mail. Conta’s API default is Not Email, so this node defaults to To.',
						},
						{
							displayName: 'Email Subject',
							name: 'emailSubject',
							type: 'string',
							default: '',
							displayOptions: show('EMAIL'),
							description: 'Subject of the e-mail (up to 255 characters). Leave empty for Conta’s default.',
						},
						{
							displayName: 'Include Default Attachment',
							name: 'includeDefaultAttachment',
							type: 'boolean',
							default: false,
							displayOptions: show('EMAIL'),
							description: 'Whether to attach the organization’s default invoice attachment. When off, Conta’s own default applies.',
						},
						{
							displayName: 'Include Invoice Attachment',
							name: 'includeInvoiceAttachment',
							type: 'boolean',
							default: false,
							displayOptions: show('EMAIL'),
							description: 'Whether to attach the invoice’s attachment file. When off, Conta’s own default applies.',
						},
						{
							displayName: 'Include Invoice Info',
							name: 'includeInvoiceInfo',
							type: 'boolean',
							default: false,
							displayOptions: show('EMAIL'),
							description: 'Whether to include the invoice details in the e-mail. When off, Conta’s own default applies.',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							displayOptions: show('EFAKTURA'),
							description: 'Full name of the eFaktura receiver',
						},
						{
							displayName: 'Phone Number',
							name: 'phoneNo',
							type: 'string',
							default: '',
							displayOptions: show('EFAKTURA'),
							description: 'Phone number that identifies the eFaktura receiver (4–50 characters)',
						},
						{
							displayName: 'Postcode',
							name: 'mailAddressPostcode',
							type: 'string',
							default: '',
							displayOptions: show('MAIL'),
							description: 'Postcode of the postal address',
						},
						{
							displayName: 'Private Recipient ID',
							name: 'customerId',
							type: 'string',
							default: '',
							description: "Conta's private recipient ID (optional; the spec only calls it that)",
						},
					],
				},
			],
		},
		{
			displayName: 'Check EHF First',
			name: 'checkEhf',
			type: 'boolean',
			default: true,
			description:
				'Whether to look up every EHF recipient in the PEPPOL network before anything is created, so an organization that cannot receive EHF is caught first',
		},
		{
			displayName: "If Recipient Can't Receive EHF",
			name: 'ehfFallback',
			type: 'options',
			options: optionsOf(ehfFallbacks(what)),
			default: 'fail',
			displayOptions: { show: { checkEhf: [true] } },
		},
	];
}

const EMAIL_FIELDS = ['emailAddress', 'emailRecipientType', 'emailSubject', 'emailContent', 'includeInvoiceInfo', 'includeInvoiceAttachment', 'includeDefaultAttachment'];
const FIELDS_BY_TYPE: Record<string, string[]> = {
	EMAIL: EMAIL_FIELDS,
	EHF: ['ehfRecipient'],
	EFAKTURA: ['phoneNo', 'name'],
	MAIL: ['mailAddressLine1', 'mailAddressLine2', 'mailAddressPostcode', 'mailAddressCity', 'mailAddressCountryCode'],
};

/** Only the fields that belong to the recipient's type (n8n may keep defaults of hidden fields). */
function relevant(entry: unknown): unknown {
	if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
	const record = entry as Record<string, unknown>;
	// The type is not changed (a lower-case type is refused by oneOf, like currency and country codes).
	const type = typeof record.type === 'string' ? record.type.trim() : record.type;
	const out: Record<string, unknown> = { type, customerId: record.customerId };
	for (const key of FIELDS_BY_TYPE[String(type)] ?? []) out[key] = record[key];
	return out;
}

export const recipientSchema = z
	.object({
		type: oneOf(DELIVERY_METHODS),
		customerId: optionalJsonId,
		emailAddress: optionalEmail,
		emailRecipientType: optionalOneOf(EMAIL_RECIPIENT_TYPES),
		emailSubject: optionalText(255),
		emailContent: optionalText(65535, { multiline: true }),
		// The include switches are sent only when on (off leaves Conta's default; see toApiRecipient).
		includeInvoiceInfo: optionalBool,
		includeInvoiceAttachment: optionalBool,
		includeDefaultAttachment: optionalBool,
		ehfRecipient: z.preprocess(
			(value, ctx) => {
				const text = emptyToUndefined(value, ctx);
				return typeof text === 'string' ? normalizeOrgNo(text) : text;
			},
			z
				.string({ invalid_type_error: 'must be an organization number' })
				.refine(isValidOrgNo, {
					message: 'must be a valid Norwegian organization number: 9 digits with a correct check digit, e.g. 923456783',
				})
				.optional(),
		),
		phoneNo: optionalText(50, { min: 4 }),
		name: optionalText(255),
		mailAddressLine1: optionalText(100),
		mailAddressLine2: optionalText(100),
		mailAddressPostcode: optionalText(20),
		mailAddressCity: optionalText(100),
		mailAddressCountryCode: optionalText(100).superRefine((code, ctx) => {
			if (code === undefined || /^[A-Z]{2}$/.test(code)) return;
			// Lower case is refused, not changed (as for currencies).
			const message = /^[a-z]{2}$/i.test(code) ? `must be written in capitals, e.g. ${code.toUpperCase()}` : 'must be exactly two letters, e.g. NO';
			ctx.addIssue({ code: z.ZodIssueCode.custom, message });
		}),
	})
	.strict()
	.superRefine((recipient, ctx) => {
		if (recipient.type === 'EMAIL' && !recipient.emailAddress)
			ctx.addIssue({ code: 'custom', path: ['emailAddress'], message: 'is required for an Email recipient' });
		if (recipient.type === 'EHF' && !recipient.ehfRecipient)
			ctx.addIssue({ code: 'custom', path: ['ehfRecipient'], message: 'is required for an EHF recipient' });
	});

export type Recipient = z.infer<typeof recipientSchema>;

/** Labels for `validate()` (paths `recipient.<n>.<field>`, shown as "recipient #1"). */
export const RECIPIENT_LABELS = {
	recipient: 'Recipients',
	'recipient.*': 'Recipients',
	'recipient.*.type': 'Delivery Method',
	'recipient.*.customerId': 'Private Recipient ID',
	'recipient.*.emailAddress': 'Email',
	'recipient.*.emailRecipientType': 'Email Recipient Type',
	'recipient.*.emailSubject': 'Email Subject',
	'recipient.*.emailContent': 'Email Message',
	'recipient.*.includeInvoiceInfo': 'Include Invoice Info',
	'recipient.*.includeInvoiceAttachment': 'Include Invoice Attachment',
	'recipient.*.includeDefaultAttachment': 'Include Default Attachment',
	'recipient.*.ehfRecipient': 'EHF Recipient Org Number',
	'recipient.*.phoneNo': 'Phone Number',
	'recipient.*.name': 'Name',
	'recipient.*.mailAddressLine1': 'Address Line 1',
	'recipient.*.mailAddressLine2': 'Address Line 2',
	'recipient.*.mailAddressPostcode': 'Postcode',
	'recipient.*.mailAddressCity': 'City',
	'recipient.*.mailAddressCountryCode': 'Country Code',
	checkEhf: 'Check EHF First',
	ehfFallback: "If Recipient Can't Receive EHF",
};

export const recipientsSchema = z.array(recipientSchema, { invalid_type_error: 'must be a list of recipients' });

export const ehfOptionsSchema = {
	checkEhf: bool,
	ehfFallback: oneOf(ehfFallbacks('invoice')),
};

/** Raw recipients and EHF options for item `i` (validated by the caller). */
export function readRecipients(ctx: IExecuteFunctions, i: number): { recipient: unknown; checkEhf: unknown; ehfFallback: unknown } {
	const collection = ctx.getNodeParameter('recipients', i, {}) as { recipient?: unknown };
	const list = collection?.recipient ?? [];
	return {
		recipient: Array.isArray(list) ? list.map(relevant) : list,
		checkEhf: ctx.getNodeParameter('checkEhf', i, true),
		ehfFallback: ctx.getNodeParameter('ehfFallback', i, 'fail'),
	};
}

/** A recipient as Conta's body wants it (only the fields that are set). */
export function toApiRecipient(recipient: Recipient): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(recipient)) {
		if (value === undefined || value === false) continue;
		out[key] = value as IDataObject[string];
	}
	if (recipient.type === 'EMAIL' && out.emailRecipientType === undefined) out.emailRecipientType = 'EMAIL_TO';
	return out;
}

/** What the EHF check found for one recipient (added to the output as `ehfCheck`). */
export interface EhfCheckResult {
	orgNo: string;
	canReceiveEhf: boolean;
	participantIdentifier?: string;
	action: 'send' | 'dropped';
}

/**
 * Look up every EHF recipient (GET requests only, before anything is created). An org number that
 * can't receive EHF either stops the run (`fail`) or is dropped (`doNotDeliver`); when that leaves
 * no recipient at all, a single Do Not Deliver recipient is sent instead.
 */
export async function checkEhfRecipients(
	ctx: IExecuteFunctions,
	recipients: IDataObject[],
	fallback: 'fail' | 'doNotDeliver',
	i: number,
	what: string,
): Promise<{ recipients: IDataObject[]; checks: EhfCheckResult[] }> {
	const checks: EhfCheckResult[] = [];
	const kept: IDataObject[] = [];
	for (const recipient of recipients) {
		if (recipient.type !== 'EHF') {
			kept.push(recipient);
			continue;
		}
		const orgNo = String(recipient.ehfRecipient);
		const info = await lookupEhfRecipient(ctx, orgNo, i);
		const ok = canReceiveEhf(info);
		if (!ok && fallback === 'fail') {
			throw new NodeOperationError(ctx.getNode(), `Organization ${orgNo} can't receive EHF (item ${i})`, {
				itemIndex: i,
				description: `Nothing was created. The PEPPOL lookup says ${orgNo} is ${info.inputValid === false ? 'not a valid organization number' : 'not registered to receive EHF 3.0 invoices'}. Choose another delivery method for this ${what}, or set "If Recipient Can't Receive EHF" to "Don't Deliver".`,
			});
		}
		checks.push({
			orgNo,
			canReceiveEhf: ok,
			...(info.participantIdentifier ? { participantIdentifier: info.participantIdentifier } : {}),
			action: ok ? 'send' : 'dropped',
		});
		if (ok) kept.push(recipient);
	}
	if (kept.length === 0 && recipients.length > 0) kept.push({ type: 'DO_NOT_DELIVER' });
	return { recipients: kept, checks };
}

/**
 * Put the recipients on a create/credit body: converted to Conta's shape and, with Check EHF First
 * on, each EHF recipient looked up first (`checkEhfRecipients`). Returns the lookups for the output.
 */
export async function addRecipients(
	ctx: IExecuteFunctions,
	body: IDataObject,
	params: { recipient: Recipient[]; checkEhf: boolean; ehfFallback: 'fail' | 'doNotDeliver' },
	i: number,
	what: string,
): Promise<EhfCheckResult[]> {
	let recipients = params.recipient.map(toApiRecipient);
	let checks: EhfCheckResult[] = [];
	if (params.checkEhf) ({ recipients, checks } = await checkEhfRecipients(ctx, recipients, params.ehfFallback, i, what));
	if (recipients.length) body.invoiceRecipients = recipients;
	return checks;
}
