/**
 * Conta file download in two steps: `GET {o}/files/{id}` gives a temporary link
 * (`RouteV1TemporaryFileInfoLinkModel`), which is fetched at once as bytes. The link is fetched
 * through the same authenticated helper, but the credential only adds the API key for the Conta
 * API host, so the key never goes to the file host.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { apiRequest, bodyText, header, snippet, statusSummary, toNodeApiError, type RawResponse } from '../../shared/request';
import { CONTA, contaRequest, invoicePath } from './index';

/** `RouteV1TemporaryFileInfoLinkModel`. */
export interface ContaFileLink {
	fileId?: number;
	filename?: string;
	fileUrl?: string;
	contentType?: string;
}

export interface DownloadedFile {
	info: ContaFileLink;
	binary: IBinaryData;
}

/** Ask Conta for a file's temporary link. */
export async function getFileLink(ctx: IExecuteFunctions, orgId: string, fileId: string, itemIndex: number): Promise<ContaFileLink> {
	const info = await contaRequest<ContaFileLink | null>(ctx, {
		method: 'GET',
		path: invoicePath(orgId, `/files/${fileId}`),
		action: `get file ${fileId}`,
		itemIndex,
	});
	return info ?? {};
}

/** Fetch a file (link, then bytes) and turn it into n8n binary data. */
export async function downloadFile(
	ctx: IExecuteFunctions,
	orgId: string,
	fileId: string,
	itemIndex: number,
): Promise<DownloadedFile> {
	const info = await getFileLink(ctx, orgId, fileId, itemIndex);
	if (!info.fileUrl || !/^https?:\/\//i.test(info.fileUrl)) {
		throw await toNodeApiError(
			ctx,
			CONTA,
			{ message: `Conta gave no download link for file ${fileId}`, hint: 'Try again; if it keeps happening, the file may have been removed in Conta.' },
			itemIndex,
		);
	}
	const action = `download file ${fileId}`;
	const response = await apiRequest<RawResponse>(ctx, CONTA, {
		method: 'GET',
		url: info.fileUrl,
		kind: 'read',
		action,
		itemIndex,
		binaryResponse: true,
		// The credential adds no key to a link on another host (and refuses redirects when it does).
		followRedirects: true,
		interpret: (raw) =>
			raw.statusCode >= 200 && raw.statusCode < 300
				? { ok: true, data: raw }
				: {
						ok: false,
						failure: {
							...statusSummary(CONTA, raw.statusCode, action),
							providerMessage: snippet(bodyText(raw)) || undefined,
							hint: 'The temporary link may have expired. Run the node again to get a fresh one.',
						},
					},
	});
	const mimeType = info.contentType ?? header(response, 'content-type')?.split(';')[0] ?? 'application/octet-stream';
	const binary = await ctx.helpers.prepareBinaryData(response.body, info.filename ?? `conta-file-${fileId}`, mimeType);
	return { info, binary };
}
