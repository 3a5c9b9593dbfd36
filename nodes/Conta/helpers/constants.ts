/**
 * Value lists from Conta's OpenAPI document (Conta API 1.0.0), written out by hand for the node's
 * dropdowns and validation: each list gives both (`optionsOf` / `oneOf` in shared/validation).
 * Re-check them against the official document before each release.
 */

/** Conta's business dates are Norwegian calendar dates. */
export const CONTA_ZONE = 'Europe/Oslo';

/** The largest amount Conta accepts (spec: ±99 999 999 999.99). */
export const MAX_AMOUNT = 99_999_999_999.99;

/** VAT codes for invoice and invoice-draft lines (Conta maps them to its internal codes). */
export const INVOICE_LINE_VAT_CODES = [
	{ value: 'exempted', name: 'Exempt (Unntatt)', description: 'Sales exempt from VAT (unntatt merverdiavgift)' },
	{ value: 'export', name: 'Export (0 %)', description: 'Export of goods and services (0 %)' },
	{ value: 'high', name: 'High (25 %)', description: 'The general rate, 25 %' },
	{ value: 'low', name: 'Low (12 %)', description: 'The low rate, 12 % (e.g. passenger transport, hotel rooms)' },
	{ value: 'medium', name: 'Medium (15 %)', description: 'The food rate, 15 %' },
	{ value: 'no.vat', name: 'No VAT (Outside Scope)', description: 'Outside the scope of the VAT act (utenfor avgiftsområdet)' },
	{ value: 'zero.rate', name: 'Zero Rate (0 %)', description: 'Zero-rated sales within the VAT act (fritatt, 0 %)' },
] as const;

/** VAT codes for accounting transaction lines. */
export const TRANSACTION_VAT_CODES = [
	'input.no.vat',
	'input.high',
	'input.high.adjustment',
	'input.high.reversal',
	'input.high.loss',
	'input.medium',
	'input.medium.loss',
	'input.raw.fish',
	'input.low',
	'input.low.loss',
	'input.high.import',
	'input.medium.import',
	'output.high',
	'output.high.withdrawal',
	'output.zero.rate',
	'output.zero.rate.withdrawal',
	'output.exempted',
	'output.exempted.withdrawal',
	'output.no.vat',
	'output.medium',
	'output.medium.withdrawal',
	'output.raw.fish',
	'output.low',
	'output.low.withdrawal',
	'output.reversed.vat',
	'output.export',
	'cost.no.vat',
	'cost.high.basis.import',
	'cost.medium.basis.import',
	'import.goods.high.deductible',
	'import.goods.high.deductible.reversal',
	'import.goods.high.deductible.adjustment',
	'import.goods.high.not.deductible',
	'import.goods.medium.deductible',
	'import.goods.medium.not.deductible',
	'import.goods.zero.rate',
	'import.services.high.deductible',
	'import.services.high.not.deductible',
	'import.services.low.deductible',
	'import.services.low.not.deductible',
	'emission.or.gold.deductible',
	'emission.or.gold.not.deductible',
] as const;

/** Customer types. */
export const CUSTOMER_TYPES = [
	{ value: 'INDIVIDUAL', name: 'Individual', description: 'A private person' },
	{ value: 'ORGANIZATION', name: 'Organization', description: 'A company or other organization' },
] as const;

/** Invoice delivery methods (a customer's default and an invoice recipient's type). */
export const DELIVERY_METHODS = [
	{ value: 'DO_NOT_DELIVER', name: 'Do Not Deliver', description: 'Not sent (issued without delivery)' },
	{ value: 'EFAKTURA', name: 'eFaktura', description: "To the customer's online bank (eFaktura)" },
	{ value: 'EHF', name: 'EHF', description: 'As an EHF e-invoice through the PEPPOL network; needs an organization number that can receive EHF' },
	{ value: 'EMAIL', name: 'Email', description: 'By email' },
	{ value: 'INVOICE_SALE', name: 'Invoice Sale', description: 'Through an invoice sale (factoring)' },
	{ value: 'MAIL', name: 'Postal Mail', description: 'By post' },
	{ value: 'NONE', name: 'None', description: "Conta's NONE delivery method (meaning not documented)" },
	{ value: 'UNKNOWN', name: 'Unknown', description: "Conta's UNKNOWN delivery method (meaning not documented)" },
] as const;

/** E-mail recipient kinds. */
export const EMAIL_RECIPIENT_TYPES = [
	{ value: 'EMAIL_BCC', name: 'BCC' },
	{ value: 'EMAIL_CC', name: 'CC' },
	{ value: 'NOT_EMAIL', name: 'Not Email', description: 'Conta’s own default; the address does not get the e-mail' },
	{ value: 'EMAIL_TO', name: 'To' },
] as const;

/** Invoice statuses. */
export const INVOICE_STATUSES = [
	{ value: 'BEING_CREATED', name: 'Being Created' },
	{ value: 'BEING_SENT_TO_KRAVIA', name: 'Being Sent to Kravia' },
	{ value: 'CLOSED_BY_CREDIT_NOTE', name: 'Closed by Credit Note' },
	{ value: 'CLOSED_BY_EASYBANK', name: 'Closed by Easybank' },
	{ value: 'CLOSED_BY_PAYMENT', name: 'Closed by Payment (Paid)' },
	{ value: 'CLOSED_FROM_REGNSKAP', name: 'Closed From Regnskap' },
	{ value: 'INVOICE_CREATED', name: 'Invoice Created (Open)' },
	{ value: 'PAYMENT_REMINDER_CREATED', name: 'Payment Reminder Created' },
	{ value: 'SENT_TO_KRAVIA', name: 'Sent to Kravia' },
	{ value: 'SOLD_TO_EASYBANK', name: 'Sold to Easybank' },
	{ value: 'WRITTEN_OFF_AS_LOSS', name: 'Written Off as Loss' },
] as const;

/** The invoice search `type` filter. */
export const INVOICE_LIST_FILTERS = [
	{ value: 'ACTIVE', name: 'Active' },
	{ value: 'FOLLOW_UP', name: 'Follow Up' },
	{ value: 'KRAVIA', name: 'Kravia', description: 'Sent to debt collection' },
	{ value: 'OVERDUE', name: 'Overdue' },
	{ value: 'PAID', name: 'Paid' },
	{ value: 'PAYMENT_REMINDERS_OVERDUE', name: 'Payment Reminders Overdue' },
	{ value: 'REPEATING', name: 'Repeating' },
	{ value: 'UNPAID', name: 'Unpaid' },
] as const;

/** Invoice event types. */
export const INVOICE_EVENT_TYPES = [
	'INVOICE_CREATED',
	'INVOICE_CREATED_FROM_CONTA_SALG',
	'CASH_INVOICE_CREATED',
	'CHANGED_FROM_REGNSKAP',
	'REVERSED_CHANGED_FROM_REGNSKAP',
	'REVERSED_FROM_CONTA_INKASSO',
	'SUM_REMAINING_SENT_TO_OTHER_EXPENSES_DEDUCTABLE',
	'REPEATING_INVOICE_CREATED',
	'REPEATED_INVOICE_AUTOMATICALLY_CREATED',
	'CREDIT_NOTE_CREATED',
	'INVOICE_SENT_BY_EMAIL',
	'INVOICE_SENT_BY_POSTAL_MAIL',
	'INVOICE_SENT_BY_EHF',
	'INVOICE_SENT_BY_EFAKTURA',
	'CREDIT_NOTE_SENT_BY_EMAIL',
	'CREDIT_NOTE_SENT_BY_POSTAL_MAIL',
	'CREDIT_NOTE_SENT_BY_EHF',
	'INVOICE_RESENT_BY_EMAIL',
	'INVOICE_RESENT_BY_POSTAL_MAIL',
	'INVOICE_RESENT_BY_EHF',
	'INVOICE_RESENT_BY_EFAKTURA',
	'INVOICE_AND_PAYMENT_REMINDER_RESENT_BY_EMAIL',
	'INVOICE_AND_PAYMENT_REMINDER_RESENT_BY_POSTAL_MAIL',
	'INVOICE_AND_PAYMENT_REMINDER_RESENT_BY_EHF',
	'CREDIT_NOTE_RESENT_BY_EMAIL',
	'CREDIT_NOTE_RESENT_BY_POSTAL_MAIL',
	'CREDIT_NOTE_RESENT_BY_EHF',
	'PAYMENT_RECEIVED',
	'PAYMENT_RECEIVED_FROM_SKULS',
	'PAYOUT_REGISTERED',
	'CASH_PAYMENT_RECEIVED',
	'OCR_PAYMENT_RECEIVED',
	'PAYMENT_REMINDER_CREATED',
	'PAYMENT_REMINDER_CREATED_AND_SENT_BY_POSTAL_MAIL',
	'PAYMENT_REMINDER_SENT_BY_EMAIL',
	'WRITTEN_OFF_AS_LOSS',
	'SENT_TO_CONTA_INKASSO',
	'SENT_TO_SKULS',
	'PULLED_FROM_SKULS',
	'DELETED_LATE_PAYMENT_FEES',
	'FOLLOW_UP_DATE_CHANGED',
	'INVOICE_CREDITED',
	'REVERSED_WRITTEN_OFF_AS_LOSS',
	'PAYMENT_DISCONNECTED',
	'DELETED_PAYMENT',
	'DELETED_PAYOUT',
	'DELETED_PAYMENT_FROM_SKULS',
	'REVERSED_DELETE_LATE_PAYMENT_FEES',
	'STOPPED_REPEATING_OF_INVOICE',
	'UPDATED_INVOICE_REPETITION',
	'CREDIT_NOTE_DELETED',
	'PULLED_FROM_KRAVIA',
	'OBJECTION_FROM_CUSTOMER',
	'SOLD_TO_EASYBANK',
	'EFAKTURA_STATUS_IN_PROGRESS',
	'EFAKTURA_STATUS_PROCESSED',
	'EFAKTURA_STATUS_REJECTED',
	'EFAKTURA_STATUS_CANCELLED',
	'EFAKTURA_STATUS_STOPPED',
	'PAYMENT_RECEIVED_FROM_KRAVIA',
	'SENT_TO_KRAVIA',
	'DELETED_PAYMENT_FROM_KRAVIA',
	'SENT_DEBT_COLLECTION_REMINDER',
	'CLOSED_WITH_SUM_REMAINING_BY_KRAVIA',
] as const;

/** Invoice repetition frequencies. */
export const REPEAT_FREQUENCIES = [
	{ value: 'ANNUALLY', name: 'Annually' },
	{ value: 'BIMONTHLY', name: 'Bimonthly' },
	{ value: 'BIWEEKLY', name: 'Biweekly' },
	{ value: 'HALF_YEARLY', name: 'Half-Yearly' },
	{ value: 'MONTHLY', name: 'Monthly' },
	{ value: 'QUARTERLY', name: 'Quarterly' },
	{ value: 'WEEKLY', name: 'Weekly' },
] as const;

/** Invoice languages. */
export const LANGUAGES = [
	{ value: 'EN', name: 'English' },
	{ value: 'NO', name: 'Norwegian' },
] as const;

/** Invoice types of an invoice (credit notes are made with the Credit operation). */
export const INVOICE_TYPES = [
	{ value: 'CASH', name: 'Cash', description: 'A cash invoice (paid on the spot)' },
	{ value: 'NORMAL', name: 'Normal', description: 'An ordinary invoice' },
] as const;

/** Invoice types of a draft. */
export const DRAFT_TYPES = [...INVOICE_TYPES, { value: 'CREDIT', name: 'Credit Note', description: 'The lines must add up to zero or less' }] as const;

/** Kravia (debt collection) statuses. */
export const KRAVIA_INVOICE_STATUSES = [
	{ value: 'ACTIVE', name: 'Active' },
	{ value: 'CLOSED', name: 'Closed' },
	{ value: 'WITHDRAWN', name: 'Withdrawn' },
] as const;

/** Transaction types the advanced-transaction route accepts. */
export const TRANSACTION_TYPES_ADVANCED = [
	{ value: 'INCOME_STATEMENT', name: 'Income Statement' },
	{ value: 'MANUAL_TRANSACTION', name: 'Manual Transaction' },
] as const;

/** Transaction payment types. */
export const TRANSACTION_PAYMENT_TYPES = [
	{ value: 'ALREADY_PAID', name: 'Already Paid' },
	{ value: 'NOT_PAID', name: 'Not Paid' },
	{ value: 'PAY_WITH_CONTA', name: 'Pay With Conta' },
] as const;
