/**
 * Value lists from Conta's OpenAPI document (Conta API 1.0.0), written out by hand for the node's
 * dropdowns and validation. Re-check them against the official document before each release.
 */

/** VAT codes for invoice and invoice-draft lines (Conta maps them to its internal codes). */
export const INVOICE_LINE_VAT_CODES = ['no.vat', 'high', 'medium', 'low', 'zero.rate', 'exempted', 'export'] as const;

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
export const CUSTOMER_TYPES = ['INDIVIDUAL', 'ORGANIZATION'] as const;

/** Invoice delivery methods (customer default and invoice recipient types). */
export const DELIVERY_METHODS = ['EMAIL', 'MAIL', 'EHF', 'EFAKTURA', 'INVOICE_SALE', 'DO_NOT_DELIVER', 'UNKNOWN', 'NONE'] as const;

/** E-mail recipient kinds. */
export const EMAIL_RECIPIENT_TYPES = ['EMAIL_TO', 'EMAIL_CC', 'EMAIL_BCC', 'NOT_EMAIL'] as const;

/** Invoice statuses. */
export const INVOICE_STATUSES = ['BEING_CREATED', 'INVOICE_CREATED', 'PAYMENT_REMINDER_CREATED', 'CLOSED_BY_CREDIT_NOTE', 'CLOSED_BY_PAYMENT', 'CLOSED_FROM_REGNSKAP', 'WRITTEN_OFF_AS_LOSS', 'SOLD_TO_EASYBANK', 'CLOSED_BY_EASYBANK', 'SENT_TO_KRAVIA', 'BEING_SENT_TO_KRAVIA'] as const;

/** The invoice search `type` filter. */
export const INVOICE_LIST_FILTERS = ['PAID', 'UNPAID', 'ACTIVE', 'REPEATING', 'OVERDUE', 'PAYMENT_REMINDERS_OVERDUE', 'FOLLOW_UP', 'KRAVIA'] as const;

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
export const REPEAT_FREQUENCIES = ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'BIMONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'ANNUALLY'] as const;

/** Invoice languages. */
export const LANGUAGES = ['NO', 'EN'] as const;

/** Kravia (debt collection) statuses. */
export const KRAVIA_INVOICE_STATUSES = ['ACTIVE', 'WITHDRAWN', 'CLOSED'] as const;

/** Transaction types the advanced-transaction route accepts. */
export const TRANSACTION_TYPES_ADVANCED = ['MANUAL_TRANSACTION', 'INCOME_STATEMENT'] as const;

/** Transaction payment types. */
export const TRANSACTION_PAYMENT_TYPES = ['NOT_PAID', 'PAY_WITH_CONTA', 'ALREADY_PAID'] as const;

/** n8n dropdown options for a value list: the value as the name unless a label is given. */
export function toOptions(
	values: readonly string[],
	labels: Record<string, string> = {},
): Array<{ name: string; value: string }> {
	return values.map((value) => ({ name: labels[value] ?? value, value }));
}
