/**
 * UI properties shared by the customer operations: the customer picker and the customer fields
 * (Conta's names as parameter names, so a field means the same thing everywhere).
 */
import type { INodeProperties } from 'n8n-workflow';
import { optionsOf } from '../../../shared/validation';
import { CUSTOMER_TYPES, DELIVERY_METHODS } from '../../helpers/constants';
import { idLocator } from '../common';

export const customerLocator: INodeProperties = idLocator({
	name: 'customerId',
	displayName: 'Customer',
	searchListMethod: 'searchCustomers',
	description: 'The customer to work on',
	placeholder: '5001',
});

/** The five fields Conta requires, as top-level Create fields (and Update Fields options). */
export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'Fjellheim Bakeri AS',
	description: "The customer's name (a person or an organization), at most 255 characters",
};

export const customerTypeField: INodeProperties = {
	displayName: 'Customer Type',
	name: 'customerType',
	type: 'options',
	options: optionsOf(CUSTOMER_TYPES),
	default: 'ORGANIZATION',
	description: 'Whether the customer is a private person or an organization. Organization-only fields (organization number, NUF parent company, EHF recipient) are not allowed for individuals.',
};

export const mainAddressLine1Field: INodeProperties = {
	displayName: 'Main Address Line 1',
	name: 'customerAddressLine1',
	type: 'string',
	default: '',
	placeholder: 'Storgata 1',
	description: "First line of the customer's main address (street and number), at most 100 characters. Required by Conta.",
};

export const mainAddressPostcodeField: INodeProperties = {
	displayName: 'Main Address Postcode',
	name: 'customerAddressPostcode',
	type: 'string',
	default: '',
	placeholder: '0155',
	description: "Postcode of the customer's main address, at most 20 characters. Required by Conta.",
};

export const mainAddressCityField: INodeProperties = {
	displayName: 'Main Address City',
	name: 'customerAddressCity',
	type: 'string',
	default: '',
	placeholder: 'Oslo',
	description: "City of the customer's main address, at most 100 characters. Required by Conta.",
};

function addressCollection(name: string, displayName: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: `Add ${displayName}`,
		default: {},
		description: `${what}. Line 1, Postcode and City go together: give all three or none (Line 2 and Country need them).`,
		options: [
			{
				displayName: 'Address',
				name: 'address',
				values: [
					{ displayName: 'Line 1', name: 'line1', type: 'string', default: '', description: 'Street and number, at most 100 characters' },
					{ displayName: 'Line 2', name: 'line2', type: 'string', default: '', description: 'Second address line, at most 100 characters' },
					{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '', description: 'At most 20 characters' },
					{ displayName: 'City', name: 'city', type: 'string', default: '', description: 'At most 100 characters' },
					{ displayName: 'Country', name: 'country', type: 'string', default: '', description: 'At most 100 characters' },
				],
			},
		],
	};
}

/** The optional customer fields, shared by Create's Additional Fields and Update's Update Fields. */
export const optionalCustomerFields: INodeProperties[] = [
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		placeholder: 'Add Contact',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'People to contact at the customer. On Update this replaces the whole contact list.',
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'At most 100 characters' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Job title, at most 100 characters' },
					{ displayName: 'Phone Number', name: 'phoneNo', type: 'string', default: '', description: '4 to 50 characters' },
					{ displayName: 'Email', name: 'emailAddress', type: 'string', placeholder: 'name@email.com', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Date of Birth',
		name: 'dateOfBirth',
		type: 'dateTime',
		default: '',
		description: 'For a private person. Sent as a date (a date-time at midnight, such as $today, counts as that date; any other date-time as its date in Norway), from 1100-01-01 to 2299-12-31.',
	},
	{
		displayName: 'Days Until Estimate Overdue',
		name: 'daysUntilEstimateOverdue',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 365 },
		default: 14,
		description: 'Default number of days until a sales document (estimate) is overdue, 0 to 365',
	},
	{
		displayName: 'Days Until Payment Reminder',
		name: 'daysUntilPaymentReminder',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 365 },
		default: 14,
		description: "Default number of days from an invoice's date to its due date, 0 to 365",
	},
	{
		displayName: 'Default Invoice Discount (%)',
		name: 'defaultInvoiceDiscount',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		default: 0,
		description: 'Default discount percentage on invoices to this customer, 0 to 100',
	},
	addressCollection('deliveryAddress', 'Delivery Address', 'Where goods are delivered, if not the main address'),
	{
		displayName: 'eFaktura Email',
		name: 'efakturaEmailAddress',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address used to identify the customer for eFaktura',
	},
	{
		displayName: 'eFaktura Name',
		name: 'efakturaName',
		type: 'string',
		default: '',
		description: 'Name used to identify the customer for eFaktura, at most 255 characters',
	},
	{
		displayName: 'eFaktura Phone Number',
		name: 'efakturaPhoneNo',
		type: 'string',
		default: '',
		description: 'Phone number used to identify the customer for eFaktura, 8 to 15 characters',
	},
	{
		displayName: 'EHF Recipient Organization Number',
		name: 'ehfRecipientOrgNo',
		type: 'string',
		default: '',
		placeholder: '923456783',
		description: "Send EHF invoices to this organization number instead of the customer's own (organizations only). 6 to 50 letters, digits, spaces or dashes; a Norwegian number must pass the check-digit test.",
	},
	{
		displayName: 'Email',
		name: 'emailAddress',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: "The customer's email address",
	},
	{
		displayName: 'Invoice Delivery Method',
		name: 'invoiceDeliveryMethod',
		type: 'options',
		options: optionsOf(DELIVERY_METHODS),
		default: 'EMAIL',
		description: 'How invoices to this customer are sent by default. EHF needs an organization number that is registered for EHF.',
	},
	{
		displayName: 'Is Active',
		name: 'isActive',
		type: 'boolean',
		default: true,
		description: 'Whether the customer is active (inactive customers are hidden when invoicing)',
	},
	addressCollection('mailingAddress', 'Mailing Address', 'Where invoices and letters are posted, if not the main address'),
	{
		displayName: 'Main Address Country',
		name: 'customerAddressCountry',
		type: 'string',
		default: '',
		placeholder: 'NO',
		description: "Country of the customer's main address, at most 100 characters",
	},
	{
		displayName: 'Main Address Line 2',
		name: 'customerAddressLine2',
		type: 'string',
		default: '',
		description: "Second line of the customer's main address, at most 100 characters",
	},
	{
		displayName: 'Organization Number',
		name: 'orgNo',
		type: 'string',
		default: '',
		placeholder: '923456783',
		description: "The customer's organization number (organizations only), at most 50 characters. A 9-digit number for a customer in Norway (or with no country) must pass the check-digit test and is sent without spaces or NO/MVA.",
	},
	{
		displayName: 'Parent Company Name (NUF)',
		name: 'parentCompanyNameForNuf',
		type: 'string',
		default: '',
		description: 'For a NUF (Norwegian branch of a foreign company): the name of the foreign parent company, at most 300 characters',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNo',
		type: 'string',
		default: '',
		description: "The customer's phone number, 4 to 50 characters",
	},
	{
		displayName: 'Visma Number',
		name: 'vismaNo',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: "The customer's number in Visma, for exports to Visma's format",
	},
];
