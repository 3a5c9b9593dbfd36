import type { INodeProperties } from 'n8n-workflow';
import { idLocator, INVOICE_URL_REGEX } from '../common';

/** The invoice resource locator (From List / By ID / By URL), shared by the invoice operations. */
export function invoiceLocator(description: string): INodeProperties {
	return idLocator({
		name: 'invoiceId',
		displayName: 'Invoice',
		searchListMethod: 'searchInvoices',
		description,
		placeholder: '7002',
		url: { regex: INVOICE_URL_REGEX, placeholder: 'https://app.conta.no/faktura/101/fakturaer/7002' },
	});
}
