/**
 * Invoice → Get: `GET {o}/invoices/{id}` (RouteV1ReadInvoiceRestOp), optionally with the invoice
 * PDF (`invoiceFileId`, fetched through its temporary link) as binary data.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { pick, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { bool, text, validate } from '../../../shared/validation';
import { getOrganizationId, organizationLocator } from '../common';
import { contaRequest, invoicePath } from '../../transport/index';
import { downloadFile } from '../../transport/files';
import { getInvoiceId, SIMPLE_INVOICE_FIELDS } from './fields';
import { invoiceLocator } from './locator';

const properties: INodeProperties[] = [
	organizationLocator,
	invoiceLocator('The invoice (or credit note) to get'),
	{
		displayName: 'Download PDF',
		name: 'downloadPdf',
		type: 'boolean',
		default: false,
		description: 'Whether to download the invoice PDF as binary data too',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the PDF in',
		displayOptions: { show: { downloadPdf: [true] } },
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['get'] } }, properties);

const input = z.object({
	downloadPdf: bool,
	binaryPropertyName: text(100)
		.refine((name) => !/\s/.test(name), { message: 'must not contain spaces, e.g. data' })
		.optional(),
	simplify: bool,
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | INodeExecutionData[]> {
	const orgId = await getOrganizationId(this, i);
	const invoiceId = getInvoiceId(this, 'invoiceId', i);
	const downloadPdf = this.getNodeParameter('downloadPdf', i, false);
	const params = validate(
		this,
		input,
		{
			downloadPdf,
			binaryPropertyName: bool.safeParse(downloadPdf).data === true ? this.getNodeParameter('binaryPropertyName', i, 'data') : undefined,
			simplify: this.getNodeParameter('simplify', i, true),
		},
		i,
		{ downloadPdf: 'Download PDF', binaryPropertyName: 'Put Output File in Field', simplify: 'Simplify' },
	);
	const invoice =
		(await contaRequest<IDataObject | null>(this, {
			method: 'GET',
			path: invoicePath(orgId, `/invoices/${invoiceId}`),
			action: `get invoice ${invoiceId}`,
			itemIndex: i,
		})) ?? {};
	const json = params.simplify ? pick(invoice, SIMPLE_INVOICE_FIELDS) : invoice;
	if (!params.downloadPdf) return json;

	const fileId = invoice.invoiceFileId;
	if (fileId === undefined || fileId === null || String(fileId).trim() === '') {
		throw new NodeOperationError(this.getNode(), `Invoice ${invoiceId} has no PDF file yet (item ${i})`, {
			itemIndex: i,
			description:
				'Conta returned the invoice without an invoiceFileId, so there is nothing to download. Turn off "Download PDF", or try again once Conta has made the PDF.',
		});
	}
	const file = await downloadFile(this, orgId, String(fileId), i);
	return [{ json, binary: { [params.binaryPropertyName ?? 'data']: file.binary } }];
}
