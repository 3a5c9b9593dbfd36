/**
 * Conta customers (`RouteV1CustomerModel`): the writable fields, the client-side validation of a
 * create/update body (every constraint Conta's OpenAPI document declares for the inline request
 * body, plus its cross-field input errors), the fetch-merge step behind Update / Deactivate and
 * the Simplify shapes. Written by hand from Conta's OpenAPI document.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import {
	emptyToUndefined,
	oneOf,
	optionalBool,
	optionalDate,
	optionalEmail,
	optionalInteger,
	optionalJsonId,
	optionalNumber,
	optionalOneOf,
	optionalText,
	text,
	validate,
} from '../../../shared/validation';
import { CONTA_ZONE, CUSTOMER_TYPES, DELIVERY_METHODS } from '../../helpers/constants';
import { isValidOrgNo, normalizeOrgNo } from '../../helpers/orgNo';
import { contaRequest, invoicePath } from '../../transport/index';

/** The five fields Conta requires on both create (POST) and update (PUT). */
export const REQUIRED_KEYS = [
	'name',
	'customerType',
	'customerAddressLine1',
	'customerAddressPostcode',
	'customerAddressCity',
] as const;

export const MAILING_KEYS = [
	'mailingAddressLine1',
	'mailingAddressLine2',
	'mailingAddressPostcode',
	'mailingAddressCity',
	'mailingAddressCountry',
] as const;

export const DELIVERY_KEYS = [
	'deliveryAddressLine1',
	'deliveryAddressLine2',
	'deliveryAddressPostcode',
	'deliveryAddressCity',
	'deliveryAddressCountry',
] as const;

/** Optional fields other than the two secondary addresses and contacts. */
export const OPTIONAL_SCALAR_KEYS = [
	'orgNo',
	'phoneNo',
	'emailAddress',
	'dateOfBirth',
	'parentCompanyNameForNuf',
	'daysUntilPaymentReminder',
	'daysUntilEstimateOverdue',
	'defaultInvoiceDiscount',
	'customerAddressLine2',
	'customerAddressCountry',
	'vismaNo',
	'invoiceDeliveryMethod',
	'isActive',
	'efakturaName',
	'efakturaPhoneNo',
	'efakturaEmailAddress',
	'ehfRecipientOrgNo',
] as const;

/**
 * Every field the PUT body accepts (the POST body also accepts `id`, which the node never sends).
 * Anything else in a fetched customer is left out of the PUT.
 */
export const WRITABLE_KEYS: readonly string[] = [
	...REQUIRED_KEYS,
	...OPTIONAL_SCALAR_KEYS,
	...MAILING_KEYS,
	...DELIVERY_KEYS,
	'contacts',
];

/** Fields a contact (`RouteV1CustomerContactModel`) accepts. */
export const CONTACT_KEYS = ['id', 'customerId', 'name', 'phoneNo', 'emailAddress', 'title'] as const;

/** UI labels for Conta's field names, used in validation messages. */
export const LABELS: Record<string, string> = {
	name: 'Name',
	customerType: 'Customer Type',
	customerAddressLine1: 'Main Address Line 1',
	customerAddressLine2: 'Main Address Line 2',
	customerAddressPostcode: 'Main Address Postcode',
	customerAddressCity: 'Main Address City',
	customerAddressCountry: 'Main Address Country',
	orgNo: 'Organization Number',
	phoneNo: 'Phone Number',
	emailAddress: 'Email',
	dateOfBirth: 'Date of Birth',
	parentCompanyNameForNuf: 'Parent Company Name (NUF)',
	daysUntilPaymentReminder: 'Days Until Payment Reminder',
	daysUntilEstimateOverdue: 'Days Until Estimate Overdue',
	defaultInvoiceDiscount: 'Default Invoice Discount (%)',
	vismaNo: 'Visma Number',
	invoiceDeliveryMethod: 'Invoice Delivery Method',
	isActive: 'Is Active',
	efakturaName: 'eFaktura Name',
	efakturaPhoneNo: 'eFaktura Phone Number',
	efakturaEmailAddress: 'eFaktura Email',
	ehfRecipientOrgNo: 'EHF Recipient Organization Number',
	mailingAddressLine1: 'Mailing Address → Line 1',
	mailingAddressLine2: 'Mailing Address → Line 2',
	mailingAddressPostcode: 'Mailing Address → Postcode',
	mailingAddressCity: 'Mailing Address → City',
	mailingAddressCountry: 'Mailing Address → Country',
	deliveryAddressLine1: 'Delivery Address → Line 1',
	deliveryAddressLine2: 'Delivery Address → Line 2',
	deliveryAddressPostcode: 'Delivery Address → Postcode',
	deliveryAddressCity: 'Delivery Address → City',
	deliveryAddressCountry: 'Delivery Address → Country',
	contacts: 'Contacts',
	'contacts.*': 'Contacts',
	'contacts.*.id': 'Contacts → ID',
	'contacts.*.customerId': 'Contacts → Customer ID',
	'contacts.*.name': 'Contacts → Name',
	'contacts.*.phoneNo': 'Contacts → Phone Number',
	'contacts.*.emailAddress': 'Contacts → Email',
	'contacts.*.title': 'Contacts → Title',
	clearFields: 'Clear Fields',
	updateFields: 'Update Fields',
};

const contact = z
	.object({
		id: optionalJsonId,
		customerId: optionalJsonId,
		name: optionalText(100),
		phoneNo: optionalText(50, { min: 4 }),
		emailAddress: optionalEmail,
		title: optionalText(100),
	})
	.strict()
	.refine((c) => c.name !== undefined || c.phoneNo !== undefined || c.emailAddress !== undefined || c.title !== undefined, {
		message: 'needs at least a name, phone number, email or title',
	});

const ehfOrgNo = optionalText(50, { min: 6 }).refine((s) => s === undefined || /^[-a-zA-Z0-9ÆØÅæøå ]+$/.test(s), {
	message: 'may contain only letters, digits, spaces and -',
});

const fields = {
	name: text(255),
	customerType: oneOf(CUSTOMER_TYPES),
	orgNo: optionalText(50),
	phoneNo: optionalText(50, { min: 4 }),
	emailAddress: optionalEmail,
	// Conta's range for dates (1100-01-01 to 2299-12-31).
	dateOfBirth: optionalDate({ zone: CONTA_ZONE, min: '1100-01-01', max: '2299-12-31' }),
	parentCompanyNameForNuf: optionalText(300),
	daysUntilPaymentReminder: optionalInteger({ min: 0, max: 365 }),
	daysUntilEstimateOverdue: optionalInteger({ min: 0, max: 365 }),
	defaultInvoiceDiscount: optionalNumber({ min: 0, max: 100 }),
	customerAddressLine1: text(100),
	customerAddressLine2: optionalText(100),
	customerAddressPostcode: text(20),
	customerAddressCity: text(100),
	customerAddressCountry: optionalText(100),
	mailingAddressLine1: optionalText(100),
	mailingAddressLine2: optionalText(100),
	mailingAddressPostcode: optionalText(20),
	mailingAddressCity: optionalText(100),
	mailingAddressCountry: optionalText(100),
	deliveryAddressLine1: optionalText(100),
	deliveryAddressLine2: optionalText(100),
	deliveryAddressPostcode: optionalText(20),
	deliveryAddressCity: optionalText(100),
	deliveryAddressCountry: optionalText(100),
	vismaNo: optionalInteger({ min: 1 }),
	invoiceDeliveryMethod: optionalOneOf(DELIVERY_METHODS),
	isActive: optionalBool,
	efakturaName: optionalText(255),
	efakturaPhoneNo: optionalText(15, { min: 8 }),
	efakturaEmailAddress: optionalEmail,
	ehfRecipientOrgNo: ehfOrgNo,
	contacts: z.preprocess((v) => (v === null ? undefined : v), z.array(contact, { invalid_type_error: 'must be a list of contacts' }).optional()),
};

export type CustomerBody = { [K in keyof typeof fields]?: z.infer<(typeof fields)[K]> } & IDataObject;

/** Information Conta reserves for organizations (`typeOfInformationForbiddenForIndividuals`). */
export const ORGANIZATION_ONLY_KEYS = ['orgNo', 'parentCompanyNameForNuf', 'ehfRecipientOrgNo'] as const;

const NORWAY = new Set(['', 'NO', 'NOR', 'NORGE', 'NORWAY', 'NOREG']);

/** Whether a number is treated as Norwegian: 9 digits once spaces, dots, dashes, NO/MVA are gone, and the country is Norway or empty. */
function looksNorwegian(value: string, country: string | undefined): boolean {
	return NORWAY.has((country ?? '').trim().toUpperCase()) && /^\d{9}$/.test(normalizeOrgNo(value));
}

/**
 * The schema for a whole customer body (what POST and PUT send). `checked` names the fields the
 * user set in this run: only those get the Norwegian organization-number check (mod 11) and are
 * normalized ("NO 923 456 783 MVA" → "923456783"), so data already stored in Conta is sent back as
 * it is.
 */
export function customerSchema(checked: ReadonlySet<string>) {
	return z
		.object(fields)
		.strict()
		.superRefine((body, ctx) => {
			const add = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
			for (const [prefix, label] of [
				['mailingAddress', 'Mailing Address'],
				['deliveryAddress', 'Delivery Address'],
			] as const) {
				const part = (name: string) => (body as IDataObject)[`${prefix}${name}`];
				const core = ['Line1', 'Postcode', 'City'];
				const present = core.filter((name) => part(name) !== undefined);
				if (present.length > 0 && present.length < core.length) {
					const missing = core.filter((name) => part(name) === undefined);
					add(
						`${prefix}${missing[0]}`,
						`is missing: a ${label.toLowerCase()} needs Line 1, Postcode and City together, or none of them (Conta: ${prefix}IsNotComplete)`,
					);
				} else if (present.length === 0) {
					if (part('Line2') !== undefined)
						add(`${prefix}Line2`, `needs a complete ${label.toLowerCase()} (Line 1, Postcode and City) (Conta: ${prefix}Line2RequiresCompleteAddress)`);
					if (part('Country') !== undefined)
						add(`${prefix}Country`, `needs a complete ${label.toLowerCase()} (Line 1, Postcode and City) (Conta: ${prefix}CountryRequiresCompleteAddress)`);
				}
			}
			if (body.customerType === 'INDIVIDUAL') {
				for (const key of ORGANIZATION_ONLY_KEYS) {
					if (body[key] !== undefined)
						add(key, 'is only for organizations: remove it or set Customer Type to Organization (Conta: typeOfInformationForbiddenForIndividuals)');
				}
			}
			if (body.invoiceDeliveryMethod === 'EHF' && body.orgNo === undefined && body.ehfRecipientOrgNo === undefined) {
				add('invoiceDeliveryMethod', "EHF needs an organization number: set 'Organization Number' (or 'EHF Recipient Organization Number')");
			}
			for (const key of ['orgNo', 'ehfRecipientOrgNo'] as const) {
				const value = body[key];
				if (!checked.has(key) || value === undefined) continue;
				if (key === 'orgNo' && body.customerType !== 'ORGANIZATION') continue;
				if (looksNorwegian(value, body.customerAddressCountry) && !isValidOrgNo(normalizeOrgNo(value)))
					add(key, `'${value}' is not a valid Norwegian organization number (the check digit does not match); check it for typing errors`);
			}
		})
		.transform((body) => {
			const out: IDataObject = {};
			for (const [key, value] of Object.entries(body)) {
				if (value === undefined) continue;
				if ((key === 'orgNo' || key === 'ehfRecipientOrgNo') && checked.has(key) && looksNorwegian(String(value), body.customerAddressCountry)) {
					out[key] = normalizeOrgNo(String(value));
				} else out[key] = value;
			}
			if (Array.isArray(body.contacts)) {
				out.contacts = body.contacts.map((c) => {
					const entry: IDataObject = {};
					for (const [key, value] of Object.entries(c)) if (value !== undefined) entry[key] = value;
					return entry;
				});
			}
			return out as CustomerBody;
		});
}

/** Validate a whole customer body; throws a NodeOperationError naming the fields. */
export function validateCustomer(ctx: IExecuteFunctions, body: IDataObject, i: number, checked: ReadonlySet<string>): CustomerBody {
	return validate(ctx, customerSchema(checked), body, i, LABELS);
}

const ADDRESS_PARTS: Record<string, string> = {
	line1: 'Line1',
	line2: 'Line2',
	postcode: 'Postcode',
	city: 'City',
	country: 'Country',
};

function invalidInput(ctx: IExecuteFunctions, i: number, label: string, problem: string, fix: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Invalid input in item ${i}: '${label}' ${problem}`, {
		itemIndex: i,
		description: `Nothing was sent. ${fix}`,
	});
}

/** The inner object of a single-value fixedCollection (or the object an expression gave). */
function addressGroup(ctx: IExecuteFunctions, i: number, value: unknown, label: string): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const fix = 'Fill in the address fields, or give an object like { "line1": "Storgata 1", "postcode": "0155", "city": "Oslo" }.';
	if (typeof value !== 'object' || Array.isArray(value)) throw invalidInput(ctx, i, label, 'must be an address object', fix);
	const inner = ((value as IDataObject).address ?? value) as IDataObject;
	if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw invalidInput(ctx, i, label, 'must be an address object', fix);
	const unknown = Object.keys(inner).filter((k) => !(k in ADDRESS_PARTS));
	if (unknown.length)
		throw invalidInput(ctx, i, label, `has an unknown part '${unknown[0]}'`, `An address has only line1, line2, postcode, city and country.`);
	return inner;
}

/**
 * Turn the node's UI values (Additional Fields / Update Fields) into Conta's flat field names:
 * the Mailing / Delivery Address groups become `mailingAddressLine1`…, the Contacts list becomes
 * `contacts[]`. Returns the fields and the Conta keys the user set. Empty texts count as unset.
 */
export function fromUi(ctx: IExecuteFunctions, i: number, values: IDataObject): { fields: IDataObject; keys: Set<string> } {
	const out: IDataObject = {};
	const keys = new Set<string>();
	for (const [key, value] of Object.entries(values)) {
		if (key === 'mailingAddress' || key === 'deliveryAddress') {
			const address = addressGroup(ctx, i, value, key === 'mailingAddress' ? 'Mailing Address' : 'Delivery Address');
			// An added but unfilled group changes nothing (clearing an address is Clear Fields' job).
			if (!address || Object.keys(ADDRESS_PARTS).every((part) => emptyToUndefined(address[part]) === undefined)) continue;
			// The group replaces the whole address: every part is set, empty parts are cleared.
			for (const [part, suffix] of Object.entries(ADDRESS_PARTS)) {
				const name = `${key}${suffix}`;
				keys.add(name);
				const partValue = emptyToUndefined(address[part]);
				if (partValue !== undefined) out[name] = partValue;
			}
			continue;
		}
		if (key === 'contacts') {
			if (value === undefined || value === null || value === '') continue;
			const list = Array.isArray(value) ? value : ((value as IDataObject).contact ?? []);
			if (!Array.isArray(list))
				throw invalidInput(ctx, i, 'Contacts', 'must be a list of contacts', 'Add contacts with the Add Contact button, or give a list like [{ "name": "Ola Nordmann" }].');
			// No contacts given changes nothing (removing all contacts is Clear Fields' job).
			if (list.length === 0) continue;
			keys.add('contacts');
			out.contacts = list as IDataObject[];
			continue;
		}
		if (value === null || value === undefined) continue;
		if (typeof value === 'string' && emptyToUndefined(value) === undefined) continue;
		out[key] = value;
		keys.add(key);
	}
	return { fields: out, keys };
}

/**
 * The writable part of a customer Conta returned: only the fields the PUT body accepts, without
 * nulls and empty texts (Conta rejects a null where it expects a value), contacts reduced to the
 * contact fields.
 */
export function writableCopy(customer: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of WRITABLE_KEYS) {
		const value = customer[key];
		if (value === undefined || value === null || value === '') continue;
		if (key === 'contacts') {
			if (!Array.isArray(value)) continue;
			out.contacts = (value as IDataObject[]).map((c) => {
				const entry: IDataObject = {};
				for (const field of CONTACT_KEYS) if (c?.[field] !== undefined && c[field] !== null && c[field] !== '') entry[field] = c[field];
				return entry;
			});
			continue;
		}
		out[key] = value;
	}
	return out;
}

/** `GET {o}/customers/{id}` → the full `RouteV1CustomerModel`. */
export async function fetchCustomer(ctx: IExecuteFunctions, orgId: string, id: string, i: number): Promise<IDataObject> {
	const customer = await contaRequest<IDataObject | null>(ctx, {
		method: 'GET',
		path: invoicePath(orgId, `/customers/${id}`),
		action: `get customer ${id}`,
		itemIndex: i,
	});
	return customer ?? {};
}

/** `PUT {o}/customers/{id}` with a whole, validated customer body. */
export async function putCustomer(
	ctx: IExecuteFunctions,
	orgId: string,
	id: string,
	body: CustomerBody,
	i: number,
	action = `update customer ${id}`,
): Promise<IDataObject> {
	const result = await contaRequest<IDataObject | null>(ctx, {
		method: 'PUT',
		path: invoicePath(orgId, `/customers/${id}`),
		body,
		action,
		itemIndex: i,
	});
	return result ?? { ...body, id: Number(id) };
}

/** Simplify: the fields most workflows need from a full customer. */
export const SIMPLE_CUSTOMER_KEYS = [
	'id',
	'name',
	'customerType',
	'orgNo',
	'emailAddress',
	'phoneNo',
	'customerAddressLine1',
	'customerAddressLine2',
	'customerAddressPostcode',
	'customerAddressCity',
	'customerAddressCountry',
	'invoiceDeliveryMethod',
	'isActive',
] as const;

export function simplifyCustomer(customer: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of SIMPLE_CUSTOMER_KEYS) if (customer[key] !== undefined && customer[key] !== null) out[key] = customer[key];
	return out;
}

/**
 * Simplify for search hits: hits call the name `customerName`; the simplified hit uses `name`
 * like the full model.
 */
export function simplifyHit(hit: IDataObject): IDataObject {
	const out: IDataObject = { id: hit.id, name: hit.customerName };
	for (const key of ['customerType', 'orgNo', 'emailAddress', 'invoiceDeliveryMethod', 'isActive', 'accountsReceivable'])
		if (hit[key] !== undefined && hit[key] !== null) out[key] = hit[key];
	return out;
}


/**
 * Field-level checks of the fields a user set for an update (types, lengths, enums, ranges), run
 * before anything is sent. The cross-field rules need the stored customer and run after the GET.
 */
export function precheckFields(ctx: IExecuteFunctions, values: IDataObject, i: number): void {
	validate(ctx, z.object(fields).partial().strict(), values, i, LABELS);
}

/**
 * Validate the merged customer (stored fields + the user's changes) before the PUT. A failure says
 * that nothing was changed (the GET was already sent).
 */
export function validateMerged(
	ctx: IExecuteFunctions,
	body: IDataObject,
	i: number,
	checked: ReadonlySet<string>,
	id: string,
): CustomerBody {
	try {
		return validateCustomer(ctx, body, i, checked);
	} catch (error) {
		// validate() only throws NodeOperationError; re-describe it.
		const failure = error as NodeOperationError;
		const details = String(failure.description ?? '').replace(/^Nothing was sent\.\s*/, '');
		throw new NodeOperationError(ctx.getNode(), failure.message, {
			itemIndex: i,
			description: `Nothing was changed in Conta: customer ${id} as stored, with your changes applied, would fail Conta's rules. ${details}`,
		});
	}
}
