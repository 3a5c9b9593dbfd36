/** Parameters shared by the Payment operations. */
import type { INodeProperties } from 'n8n-workflow';
import { idLocator, INVOICE_URL_REGEX } from '../common';

/** The invoice a payment belongs to: From List / By ID / By URL (a Conta app link). */
export const invoiceLocator: INodeProperties = idLocator({
	name: 'invoice',
	displayName: 'Invoice',
	searchListMethod: 'searchInvoices',
	description: 'The invoice the payment belongs to',
	placeholder: '7002',
	url: { regex: INVOICE_URL_REGEX, placeholder: 'https://app.conta.no/faktura/123/fakturaer/456' },
});

/** `RouteV1PaymentModel`. */
export interface ContaPayment {
	id: number;
	paymentType?: 'MANUAL' | 'OCR_CREMUL' | 'NOT_PAYMENT';
	transactionId?: number;
	isFromKravia?: boolean;
	isMultiPayment?: boolean;
	totalAmount?: number;
	partialPayments?: Array<{
		id?: number;
		date?: string;
		amount?: number;
		amountForeignCurrency?: number;
		invoiceId?: number;
		paymentId?: number;
	}>;
}
