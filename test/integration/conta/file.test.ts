/**
 * Conta → File → Get against the simulator: the temporary link is fetched at once into a binary
 * field; the JSON keeps the id, name and content type, not the expiring link.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rl, useContaSimulator } from '../../helpers/conta';

const kit = useContaSimulator();
const get = (overrides: Record<string, unknown> = {}) => ({ resource: 'file', operation: 'get', fileId: '30001', binaryPropertyName: 'data', ...overrides });

describe('Conta File → Get', () => {
	it('asks for the temporary link, downloads it and returns the PDF as binary data', async () => {
		const result = await kit.run(get());
		expect(result.error).toBeUndefined();
		const token = kit.sim().state.files[30001].token;
		expect(kit.requests().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/invoice/organizations/101/files/30001', {}],
			['GET', `/__files/${token}`, {}],
		]);
		const [item] = result.output![0];
		expect(item.json).toEqual({ fileId: 30001, filename: 'Faktura-10001.pdf', contentType: 'application/pdf' });
		expect(JSON.stringify(item.json)).not.toContain('__files');
		expect(item.pairedItem).toEqual({ item: 0 });
		const binary = item.binary!.data;
		expect(binary).toMatchObject({ fileName: 'Faktura-10001.pdf', mimeType: 'application/pdf' });
		const bytes = Buffer.from(binary.data, 'base64');
		expect(bytes.equals(kit.sim().state.files[30001].content)).toBe(true);
		expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
	});

	/**
	 * A file host on another origin (`handler`), with Conta's next file link for file 30001 pointing
	 * at its `/tmp/abc.pdf`; closed afterwards.
	 */
	async function withFileHost(handler: http.RequestListener, run: (origin: string) => Promise<void>): Promise<void> {
		const fileHost = http.createServer(handler);
		await new Promise<void>((resolve) => fileHost.listen(0, '127.0.0.1', resolve));
		try {
			const origin = `http://127.0.0.1:${(fileHost.address() as AddressInfo).port}`;
			kit.sim().injectFault({
				pathIncludes: '/files/30001',
				status: 200,
				body: { fileId: 30001, filename: 'Faktura-10001.pdf', fileUrl: `${origin}/tmp/abc.pdf`, contentType: 'application/pdf' },
			});
			await run(origin);
		} finally {
			await new Promise((resolve) => fileHost.close(resolve));
		}
	}

	it('sends the API key to Conta but not to a file host on another origin', async () => {
		const received: http.IncomingHttpHeaders[] = [];
		const handler: http.RequestListener = (req, res) => {
			received.push(req.headers);
			res.writeHead(200, { 'Content-Type': 'application/pdf' }).end('%PDF-1.4 other host');
		};
		await withFileHost(handler, async () => {
			const result = await kit.run(get());
			expect(result.error).toBeUndefined();
			expect(kit.requests()[0].headers.apikey).toBe(kit.credentials().apiKey);
			expect(received).toHaveLength(1);
			expect(received[0].apikey).toBeUndefined();
			expect(received[0]['conta-language']).toBeUndefined();
			expect(Buffer.from(result.output![0][0].binary!.data.data, 'base64').toString()).toBe('%PDF-1.4 other host');
		});
	});

	it('follows a redirect of a key-less file link, but never one of a request that carries the key', async () => {
		const received: Array<[string | undefined, http.IncomingHttpHeaders]> = [];
		const handler: http.RequestListener = (req, res) => {
			received.push([req.url, req.headers]);
			if (req.url === '/tmp/abc.pdf') res.writeHead(302, { Location: '/storage/abc.pdf' }).end();
			else res.writeHead(200, { 'Content-Type': 'application/pdf' }).end('%PDF-1.4 moved');
		};
		await withFileHost(handler, async (origin) => {
			const result = await kit.run(get());
			expect(result.error).toBeUndefined();
			expect(received.map(([url, headers]) => [url, headers.apikey])).toEqual([
				['/tmp/abc.pdf', undefined],
				['/storage/abc.pdf', undefined],
			]);
			expect(Buffer.from(result.output![0][0].binary!.data.data, 'base64').toString()).toBe('%PDF-1.4 moved');

			// A link on the Conta API host gets the key, so its redirect is refused, not followed.
			received.length = 0;
			kit.sim().injectFault({ pathIncludes: '/__files/', status: 302, headers: { Location: `${origin}/storage/abc.pdf` } });
			const refused = await kit.run(get());
			expect(refused.error?.constructor.name).toBe('NodeApiError');
			expect(refused.error.message).toBe(`Conta answered with a redirect (HTTP 302) to ${origin}/storage/abc.pdf while trying to download file 30001`);
			expect(received).toEqual([]);
		});
	});

	it('puts the file in the chosen field and keeps the binary data the item already had', async () => {
		const existing = { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'hello.txt' } };
		const result = await kit.run(get({ organization: rl('101'), fileId: 30002, binaryPropertyName: 'invoicePdf' }), {
			items: [{ n: 1 }],
			binary: { 0: existing },
		});
		const [item] = result.output![0];
		expect(Object.keys(item.binary!).sort()).toEqual(['data', 'invoicePdf']);
		expect(item.binary!.data).toEqual(existing.data);
		expect(item.binary!.invoicePdf).toMatchObject({ fileName: 'Faktura-10002.pdf', mimeType: 'application/pdf' });
		expect(item.json).toEqual({ fileId: 30002, filename: 'Faktura-10002.pdf', contentType: 'application/pdf' });
	});

	it('validates the file ID and the field name before sending', async () => {
		await kit.expectInvalid(get({ fileId: '' }), 'File ID', 'is required');
		await kit.expectInvalid(get({ fileId: '30001.pdf' }), 'File ID', 'positive whole number');
		await kit.expectInvalid(get({ binaryPropertyName: '' }), 'Put Output File in Field', 'is required');
		await kit.expectInvalid(get({ binaryPropertyName: 'invoice pdf' }), 'Put Output File in Field', 'must not contain spaces');
	});

	it('reports an unknown file and a file of another organization as a NodeApiError', async () => {
		const missing = await kit.run(get({ fileId: '39999' }));
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect(missing.error.httpCode).toBe('404');
		expect(missing.error.message).toContain('get file 39999');
		expect(missing.error.description).toContain('The file with id 39999 was not found.');
		const other = await kit.run(get({ organization: rl('102') }));
		expect(other.error.description).toContain('The file with id 30001 was not found.');
	});

	it('explains an expired temporary link', async () => {
		kit.sim().injectFault({ pathIncludes: '/__files/', status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'The link has expired.' });
		const result = await kit.run(get());
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toContain('download file 30001');
		expect(result.error.description).toContain('The link has expired.');
		expect(result.error.description).toContain('The temporary link may have expired. Run the node again to get a fresh one.');
	});
});
