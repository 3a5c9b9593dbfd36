/**
 * Customers: `GET {o}/customers` (search), `POST {o}/customers` (create), `GET {o}/customers/{id}`
 * and `PUT {o}/customers/{id}` (a full replace). There is deliberately no DELETE: Conta's OpenAPI
 * document has none (the help page's example notwithstanding), so a DELETE on `{o}/customers/{id}`
 * gets the framework's 405 `UrlMethodNotFoundException` because GET/PUT exist on that path.
 *
 * Bodies are checked against schemas written from the spec's inline request bodies
 * (≈ `RouteV1CustomerModel`; POST also accepts `id`, which is ignored; PUT has no `id`), then the
 * spec's cross-field input errors (`mailingAddressIsNotComplete`, ...; on PUT also
 * `typeOfInformationForbiddenForIndividuals`, which the spec lists only for PUT), then the 422
 * `OrgCannotReceiveEhfException` when the delivery method is EHF and the EHF organization number
 * (`ehfRecipientOrgNo`, else `orgNo`) cannot receive EHF 3.0 in the simulator's EHF registry.
 *
 * Assumptions where the spec is silent: omitted optional fields get the same defaults as the seeds
 * (14/14 days, 0 % discount, EMAIL delivery, active, no contacts), on PUT too (a full replace);
 * contact ids are numbered per organization from 60001; `CustomerMoreThanTenEmailCopyRecipientsException`
 * is not modelled (the customer model has no email-copy-recipient field).
 */
import type { Route, SimReply } from '../../framework';
import { customError, isReply, notFoundId, pathInt, type ContaSimulator } from '../index';
import { issue, validateBody, type Field, type InputIssue } from '../schema';
import { search } from '../search';
import { nextId, osloDateTime, publicView, round2, type Json, type OrgData } from '../state';

const O = '/invoice/organizations/:orgId';

/** A search hit (`RouteV1QueryResultCustomerCsListModel.hits[]`): `customerName`, invoice figures, no createdAt. */
export function customerHit(customer: Json, data: OrgData): Json {
	const invoices = data.invoices.filter((i) => i.customerId === customer.id && i.type !== 'CREDIT');
	const remaining = round2(invoices.reduce((s, i) => s + Number(i.sumRemaining ?? 0), 0));
	return {
		id: customer.id,
		customerName: customer.name,
		orgNo: customer.orgNo,
		emailAddress: customer.emailAddress,
		customerType: customer.customerType,
		numberOfInvoices: invoices.length,
		sumTotalInvoiced: round2(invoices.reduce((s, i) => s + Number(i.sumTotal ?? 0), 0)),
		sumRemainingInvoices: remaining,
		numberOfEstimates: 0,
		numberOfOrders: 0,
		sumEstimates: 0,
		sumOrders: 0,
		accountsReceivable: remaining,
		invoiceDeliveryMethod: customer.invoiceDeliveryMethod,
		isActive: customer.isActive,
		_createdAt: customer._createdAt,
	};
}

export function customerView(customer: Json): Json {
	return publicView(customer);
}

const text = (min: number, max: number, extra: Partial<Field> = {}): Field => ({ type: 'string', min, max, ...extra });

const CONTACT: Field = {
	type: 'object',
	props: {
		id: { type: 'integer', min: 1 },
		customerId: { type: 'integer', min: 1 },
		name: text(1, 100),
		phoneNo: text(4, 50),
		emailAddress: { type: 'email' },
		title: text(1, 100),
	},
};

/** The PUT body (inline ≈ `RouteV1CustomerModel` without `id`). */
export const CUSTOMER_PUT_SCHEMA: Record<string, Field> = {
	contacts: { type: 'array', items: CONTACT },
	name: text(1, 255, { required: true }),
	customerType: { type: 'enum', values: ['INDIVIDUAL', 'ORGANIZATION'], required: true },
	orgNo: text(0, 50),
	phoneNo: text(4, 50),
	emailAddress: { type: 'email' },
	dateOfBirth: { type: 'date' },
	parentCompanyNameForNuf: text(1, 300),
	daysUntilPaymentReminder: { type: 'integer', min: 0, max: 365 },
	daysUntilEstimateOverdue: { type: 'integer', min: 0, max: 365 },
	defaultInvoiceDiscount: { type: 'number', min: 0, max: 100 },
	customerAddressLine1: text(1, 100, { required: true }),
	customerAddressLine2: text(1, 100),
	customerAddressPostcode: text(1, 20, { required: true }),
	customerAddressCity: text(1, 100, { required: true }),
	customerAddressCountry: text(1, 100),
	mailingAddressLine1: text(1, 100),
	mailingAddressLine2: text(1, 100),
	mailingAddressPostcode: text(1, 20),
	mailingAddressCity: text(1, 100),
	mailingAddressCountry: text(1, 100),
	deliveryAddressLine1: text(1, 100),
	deliveryAddressLine2: text(1, 100),
	deliveryAddressPostcode: text(1, 20),
	deliveryAddressCity: text(1, 100),
	deliveryAddressCountry: text(1, 100),
	vismaNo: { type: 'integer', min: 1 },
	invoiceDeliveryMethod: {
		type: 'enum',
		values: ['EMAIL', 'MAIL', 'EHF', 'EFAKTURA', 'INVOICE_SALE', 'DO_NOT_DELIVER', 'UNKNOWN', 'NONE'],
	},
	isActive: { type: 'boolean' },
	efakturaName: text(1, 255),
	efakturaPhoneNo: text(8, 15),
	efakturaEmailAddress: { type: 'email' },
	ehfRecipientOrgNo: text(6, 50, { pattern: /^[-a-zA-Z0-9ÆØÅæøå ]+$/ }),
};

/** The POST body: the same fields plus an optional `id` (ignored: Conta assigns ids). */
export const CUSTOMER_POST_SCHEMA: Record<string, Field> = { id: { type: 'integer', min: 1 }, ...CUSTOMER_PUT_SCHEMA };

/** Defaults for omitted optional fields (the seeds' values). */
const DEFAULTS: Json = {
	daysUntilPaymentReminder: 14,
	daysUntilEstimateOverdue: 14,
	defaultInvoiceDiscount: 0,
	invoiceDeliveryMethod: 'EMAIL',
	isActive: true,
};

/** The spec's cross-field input errors for the mailing and delivery addresses. */
function addressIssues(body: Json): InputIssue[] {
	const out: InputIssue[] = [];
	for (const prefix of ['mailingAddress', 'deliveryAddress']) {
		const has = (part: string) => body[`${prefix}${part}`] !== undefined && body[`${prefix}${part}`] !== null;
		const core = ['Line1', 'Postcode', 'City'].filter(has).length;
		if (core > 0 && core < 3) {
			out.push(issue(`${prefix}IsNotComplete`, prefix, null, `The ${prefix === 'mailingAddress' ? 'mailing' : 'delivery'} address needs line 1, postcode and city.`));
		} else if (core === 0) {
			if (has('Line2')) out.push(issue(`${prefix}Line2RequiresCompleteAddress`, `${prefix}Line2`, body[`${prefix}Line2`], 'Address line 2 needs a complete address.'));
			if (has('Country')) out.push(issue(`${prefix}CountryRequiresCompleteAddress`, `${prefix}Country`, body[`${prefix}Country`], 'The country needs a complete address.'));
		}
	}
	return out;
}

/** `typeOfInformationForbiddenForIndividuals`: organization-only fields on an INDIVIDUAL (PUT only, as in the spec). */
function individualIssues(body: Json): InputIssue[] {
	if (body.customerType !== 'INDIVIDUAL') return [];
	return ['orgNo', 'parentCompanyNameForNuf', 'ehfRecipientOrgNo']
		.filter((key) => body[key] !== undefined && body[key] !== null && body[key] !== '')
		.map((key) => issue('typeOfInformationForbiddenForIndividuals', key, body[key], 'This type of information is not allowed for individuals.'));
}

/** 422 when the customer should get EHF but its organization number cannot receive EHF 3.0. */
function ehfCheck(sim: ContaSimulator, body: Json): SimReply | undefined {
	if (body.invoiceDeliveryMethod !== 'EHF') return undefined;
	const orgNo = String(body.ehfRecipientOrgNo ?? body.orgNo ?? '').replace(/\s/g, '');
	if (orgNo && sim.state.ehfRegistry[orgNo]?.canReceiveEhf30) return undefined;
	return customError('OrgCannotReceiveEhfException', 'The organization cannot receive EHF invoices.', {});
}

/** Contacts with ids: known ids of this customer are kept, new contacts get the next id. */
function withContactIds(data: OrgData, customerId: number, contacts: Json[] | undefined, existing: Json[]): Json[] | SimReply {
	let next = Math.max(60000, ...data.customers.flatMap((c) => (c.contacts ?? []).map((x: Json) => Number(x.id) || 0))) + 1;
	const out: Json[] = [];
	for (const contact of contacts ?? []) {
		if (contact.id !== undefined) {
			if (!existing.some((x) => x.id === contact.id)) return notFoundId('customer contact', contact.id);
			out.push({ ...contact, customerId });
		} else out.push({ id: next++, customerId, ...contact });
	}
	return out;
}

export function customerRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'POST',
			pattern: `${O}/customers`,
			handler: sim.org((req, _params, org) => {
				const body = req.body as Json;
				const invalid = validateBody(CUSTOMER_POST_SCHEMA, body, body && typeof body === 'object' ? addressIssues(body) : []);
				if (invalid) return invalid;
				const ehf = ehfCheck(sim, body);
				if (ehf) return ehf;
				const id = nextId(sim.state, 'customer');
				const { id: _ignored, contacts, ...fields } = body;
				const withIds = withContactIds(org.data, id, contacts, []);
				if (isReply(withIds)) return withIds;
				const customer: Json = { id, ...DEFAULTS, ...fields, contacts: withIds, _createdAt: osloDateTime() };
				org.data.customers.push(customer);
				return { status: 200, body: customerView(customer) };
			}),
		},
		{
			method: 'GET',
			pattern: `${O}/customers/:id`,
			handler: sim.org((_req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				const customer = org.data.customers.find((c) => c.id === id);
				return customer ? { status: 200, body: customerView(customer) } : notFoundId('customer', id);
			}),
		},
		{
			method: 'PUT',
			pattern: `${O}/customers/:id`,
			handler: sim.org((req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				const index = org.data.customers.findIndex((c) => c.id === id);
				if (index < 0) return notFoundId('customer', id);
				const body = req.body as Json;
				const extra = body && typeof body === 'object' ? [...addressIssues(body), ...individualIssues(body)] : [];
				const invalid = validateBody(CUSTOMER_PUT_SCHEMA, body, extra);
				if (invalid) return invalid;
				const ehf = ehfCheck(sim, body);
				if (ehf) return ehf;
				const existing = org.data.customers[index];
				const { contacts, ...fields } = body;
				const withIds = withContactIds(org.data, id, contacts, existing.contacts ?? []);
				if (isReply(withIds)) return withIds;
				// A full replace: fields left out are gone (or back to their defaults).
				const customer: Json = { id, ...DEFAULTS, ...fields, contacts: withIds, _createdAt: existing._createdAt };
				org.data.customers[index] = customer;
				return { status: 200, body: customerView(customer) };
			}),
		},
		{
			method: 'GET',
			pattern: `${O}/customers`,
			handler: sim.org((req, _params, org) =>
				search(
					req,
					org.data.customers.map((c) => customerHit(c, org.data)),
					{
						searchable: ['customerName', 'orgNo', 'emailAddress', 'id'],
						sortable: ['id', 'customerName', 'orgNo', 'emailAddress', 'customerType', 'sumTotalInvoiced', 'sumRemainingInvoices'],
						filters: { customerType: { type: 'enum', values: ['INDIVIDUAL', 'ORGANIZATION'] } },
						filter: (hit, q) => !q.customerType || hit.customerType === q.customerType,
						// Customer hits have no createdAt field, but fromDate/toDate still filter on it.
						dateField: '_createdAt',
					},
				),
			),
		},
	];
}
