/**
 * File → Get: `GET {o}/files/{id}` gives a temporary link (`RouteV1TemporaryFileInfoLinkModel`),
 * which is downloaded at once into a binary field. The JSON output is the file's id, name and
 * content type; the temporary link itself is left out (it expires and is useless later).
 */
import type { IBinaryKeyData, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { updateDisplayOptions } from '../../../shared/description';
import { text, validate } from '../../../shared/validation';
import { downloadFile } from '../../transport/files';
import { getIdParameter, getOrganizationId, organizationLocator } from '../common';

const properties: INodeProperties[] = [
	organizationLocator,
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '30001',
		description:
			"The ID of the file: an invoice's invoiceFileId (its PDF) or attachmentFileId, a payment reminder's fileId, or an invoice event's fileId",
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['get'] } }, properties);

const input = z.object({
	binaryPropertyName: text(100).refine((name) => !/\s/.test(name), { message: 'must not contain spaces' }),
});

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const orgId = await getOrganizationId(this, i);
	const fileId = getIdParameter(this, 'fileId', i, 'File ID');
	const { binaryPropertyName } = validate(
		this,
		input,
		{ binaryPropertyName: this.getNodeParameter('binaryPropertyName', i, 'data') },
		i,
		{ binaryPropertyName: 'Put Output File in Field' },
	);
	const { info, binary } = await downloadFile(this, orgId, fileId, i);
	// Keep the binary data the item already had; add the file next to it.
	const existing: IBinaryKeyData = { ...(this.getInputData()[i]?.binary ?? {}) };
	existing[binaryPropertyName] = binary;
	return [
		{
			json: {
				fileId: info.fileId ?? Number(fileId),
				filename: info.filename ?? binary.fileName ?? null,
				contentType: info.contentType ?? binary.mimeType,
			},
			binary: existing,
		},
	];
}
