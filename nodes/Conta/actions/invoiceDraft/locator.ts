import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from '../common';

/** The draft resource locator (From List / By ID), shared by the draft operations. */
export function draftLocator(description: string): INodeProperties {
	return idLocator({
		name: 'draftId',
		displayName: 'Invoice Draft',
		searchListMethod: 'searchInvoiceDrafts',
		description,
		placeholder: '8001',
	});
}
