/**
 * Konto shapes this package uses, written from Konto's REST API document (v1). v1 only adds
 * fields over time, so every shape stays open: unknown fields pass through untouched.
 */

/** Every Konto answer: `{ status, message, result }` with a real JSON boolean `status`. */
export interface KontoEnvelope<T = unknown> {
	status: boolean;
	message?: string;
	result?: T;
	[key: string]: unknown;
}

/** `hello`: the account behind the credentials, at the top level (no `result`). */
export interface KontoHello extends KontoEnvelope<never> {
	name?: string;
	registration_no?: string;
	vat_no?: string;
}

export type KontoCurrency =
	| 'ISK'
	| 'EUR'
	| 'USD'
	| 'DKK'
	| 'NOK'
	| 'SEK'
	| 'JPY'
	| 'GBP'
	| 'AUD'
	| 'PLN'
	| 'CAD'
	| 'CHF'
	| 'CNY'
	| 'NZD'
	| 'MXN'
	| 'SGD'
	| 'HKD'
	| 'KRW'
	| 'TRY'
	| 'RUB'
	| 'INR'
	| 'VND'
	| 'BRL'
	| 'ZAR'
	| 'UAH'
	| 'CZK';

/** Customer object (DOC "Customer Object"; `name` appears in every example though not in the table). */
export interface KontoCustomer {
	guid: string;
	name?: string;
	address?: string;
	zip?: string;
	city?: string;
	/** Kennitala: the Icelandic 10-digit national or company id. */
	registration_no?: string;
	email?: string;
	phone_number?: string;
	term?: string;
	/** Base64 image; can be large. Left out of simplified output. */
	photo?: string;
	/** Days. */
	due_date?: number;
	/** Days (final due date, "eindagi"). */
	settlement_date?: number;
	trading_partner_id?: string;
	vat?: string;
	lang?: 'is' | 'en' | string;
	currency?: KontoCurrency | string;
	tax_exempt?: boolean;
	/** "2" e-invoice to a Trading Partner ID, "3" no XML e-invoice, "4" print, do not e-mail. */
	output_select?: string | number;
	/** Format and time zone undocumented: passed through unchanged. */
	updated_timestamp?: string;
	/** Only with the claim subscription. */
	is_claim?: boolean;
	/** Only with the discount subscription. */
	is_discount?: boolean;
	[key: string]: unknown;
}

/** Item object (DOC "Item Object"). */
export interface KontoItem {
	guid: string;
	item_number?: string;
	description?: string;
	uom?: string;
	tax?: 'S' | 'AA' | 'Z' | string;
	unit_price?: number;
	category?: string;
	active?: boolean | string | number;
	updated_timestamp?: string;
	[key: string]: unknown;
}

/**
 * Tenant object (DOC "get-tenant"): carries the tenant's own `api_key` and online-bank login.
 * Those fields are stripped from every output (see `stripKontoSecrets`).
 */
export interface KontoTenant {
	guid: string;
	name?: string;
	username?: string;
	api_key?: string;
	registration_no?: string;
	vat_no?: string;
	email?: string;
	address?: string;
	zip?: string;
	city?: string;
	phone_number?: string;
	bank_account?: string;
	bank_provider?: string;
	claim_identifier?: string;
	bank_username?: string;
	bank_password?: string;
	claim_branch?: string;
	bookkeeper_guid?: string;
	active_plan?: string;
	count_of_payusers?: number;
	active_item?: unknown;
	[key: string]: unknown;
}
