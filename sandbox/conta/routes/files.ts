/**
 * Files: `GET {o}/files/{id}` → `RouteV1TemporaryFileInfoLinkModel` `{ fileId, filename, fileUrl,
 * contentType }`. `fileUrl` is a temporary link (`/__files/<token>` on this simulator) that needs
 * no key and serves the bytes with the file's content type.
 */
import type { Route, SimReply } from '../../framework';
import { isReply, notFoundId, pathInt, type ContaSimulator } from '../index';

export function fileRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/invoice/organizations/:orgId/files/:id',
			handler: sim.org((_req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				const file = sim.state.files[id];
				if (!file || file.orgId !== org.id) return notFoundId('file', id);
				return {
					status: 200,
					body: { fileId: file.fileId, filename: file.filename, fileUrl: `${sim.origin}/__files/${file.token}`, contentType: file.contentType },
				};
			}),
		},
		{
			method: 'GET',
			pattern: '/__files/:token',
			handler: (_req, params): SimReply => {
				const file = Object.values(sim.state.files).find((f) => f.token === params.token);
				if (!file) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'The link has expired.' };
				return {
					status: 200,
					headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.filename}"` },
					body: file.content,
				};
			},
		},
	];
}
