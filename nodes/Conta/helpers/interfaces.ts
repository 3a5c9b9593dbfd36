/** Conta shapes this package uses, written from Conta's OpenAPI document. */

/** `RouteV1OrgUserAccessModel`: an organization the key's user has access to. */
export interface ContaOrganization {
	id: number;
	name: string;
	blockedStatus?:
		| 'NOT_BLOCKED'
		| 'NOT_BLOCKED_PURCHASE_BY_INVOICE_RESTRICTED'
		| 'MISSING_PAYMENTS'
		| 'BY_ADMIN'
		| 'DELETED';
	active?: boolean;
}

/** A hit of `GET {o}/customers` (`RouteV1QueryResultCustomerCsListModel.hits[]`). Uses `customerName`, not `name`. */
export interface ContaCustomerHit {
	id: number;
	customerName?: string;
	orgNo?: string;
	emailAddress?: string;
	customerType?: 'INDIVIDUAL' | 'ORGANIZATION';
	numberOfInvoices?: number;
	sumTotalInvoiced?: number;
	sumRemainingInvoices?: number;
	numberOfEstimates?: number;
	numberOfOrders?: number;
	sumEstimates?: number;
	sumOrders?: number;
	accountsReceivable?: number;
	invoiceDeliveryMethod?: string;
	isActive?: boolean;
}

/** A hit of `GET {o}/invoices` (`RouteV1QueryResultInvoiceListExtendedModel.hits[]`), the fields the node reads. */
export interface ContaInvoiceHit {
	id: number;
	type?: 'NORMAL' | 'CASH' | 'CREDIT';
	status?: string;
	invoiceNo?: number;
	invoiceDate?: string;
	invoiceDueDate?: string;
	customerId?: number;
	customerName?: string;
	invoiceCurrency?: string;
	sumTotal?: number;
	sumRemaining?: number;
	createdAt?: string;
	[key: string]: unknown;
}

/**
 * A hit of `GET {o}/invoice-drafts` (`RouteV1QueryResultInvoiceListExtendedInfoModel.hits[]`), the
 * fields the node reads. It has no `type` and no `invoiceCurrency`. `createdAt` is passed on as
 * Conta writes it (with or without an offset).
 */
export interface ContaInvoiceDraftHit {
	id: number;
	customerId?: number;
	customerName?: string;
	customerGroupId?: number;
	customerGroupName?: string;
	invoiceLineDescription?: string;
	sumTotal?: number;
	createdAt?: string;
	[key: string]: unknown;
}

/** An item of `GET {o}/bank-accounts` (a bare array of `RouteV1BankAccountModel`). */
export interface ContaBankAccount {
	id: number;
	name?: string;
	accountNo?: string;
	iban?: string;
	swift?: string;
	bookkeepingAccountNo?: string;
	allowedForInvoicing?: boolean;
	isArchived?: boolean;
	createdAt?: string;
	[key: string]: unknown;
}
