/**
 * Conta's one page reader (`contaPage`, and `contaSearch` on top of it) used by Get Many, the
 * list searches and the trigger: every page is checked against its own envelope's counts, a
 * server that caps the page size is read through its `pageCount`, and strict reads (the trigger)
 * need `hitCount` on every page.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { contaPage, contaSearch, type ContaPageRequest } from '../../../nodes/Conta/transport/index';
import { nextId, osloDateTime } from '../../../sandbox/conta/state';
import { createContext } from '../../helpers/harness';
import { contaCredentialType, contaNode, rl, useContaSimulator } from '../../helpers/conta';

const kit = useContaSimulator();
const CUSTOMERS = '/invoice/organizations/101/customers';

const addCustomers = (count: number) => {
	const state = kit.sim().state;
	for (let n = 0; n < count; n++) {
		state.data[101].customers.push({
			id: nextId(state, 'customer'),
			name: `Bulk ${n}`,
			customerType: 'ORGANIZATION',
			isActive: true,
			contacts: [],
			_createdAt: osloDateTime(),
		});
	}
};

const context = () => createContext({ node: contaNode, credentialType: contaCredentialType, credentials: kit.credentials(), params: {} }).context;
const request = (extra: Partial<ContaPageRequest> = {}): ContaPageRequest => ({ path: CUSTOMERS, qs: { sort: '+id' }, action: 'list customers', pageSize: 100, ...extra });
const readPage = (page: number, extra: Partial<ContaPageRequest> = {}) => contaPage<IDataObject>(context(), request(extra), page);
const onPage = (page: string) => (req: { path: string; query: Record<string, unknown> }) => req.path === CUSTOMERS && req.query.page === page;
const hits = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i }));
const pages = () => kit.requests().map((r) => [r.query.hits, r.query.page]);

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

describe('Conta page reader: the counts of each page', () => {
	it('returns the hits with the counts and whether another page follows', async () => {
		addCustomers(197);
		expect(await readPage(0).then((p) => [p.hits.length, p.more, p.hitCount, p.pageCount])).toEqual([100, true, 200, 2]);
		expect(await readPage(1).then((p) => [p.hits.length, p.more, p.hitCount, p.pageCount])).toEqual([100, false, 200, 2]);
	});

	it('fails on an empty page while hits remain at its offset (Get Many too), with a hint to run again', async () => {
		kit.sim().injectFault({ match: onPage('1'), status: 200, body: { hits: [], hitCount: 150, pageCount: 2, sum: 0 } });
		const error = await failure(readPage(1));
		expect(error.message).toBe('Conta sent an incomplete page while trying to list customers');
		expect(error.description).toBe(
			"Page 1 (100 per page) held 0 hits where its hitCount 150 promises 50.\nConta's list disagreed with its own counts; this is usually temporary. Run again.",
		);
	});

	it('fails on an empty page before the last when only pageCount is sent', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: [], pageCount: 2 } });
		const error = await failure(readPage(0));
		expect(error.description).toContain('Page 0 held 0 hits where its pageCount 2 promises at least 1.');
	});

	it('fails on counts that no page size explains', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: hits(1, 2), hitCount: 10, pageCount: 6, sum: 0 } });
		const error = await failure(readPage(0));
		expect(error.message).toBe('Conta sent a page whose counts contradict each other while trying to list customers');
		expect(error.description).toContain('Page 0: no page size gives hitCount 10 in pageCount 6.');
	});

	it('without counts (not strict) takes the page as it is: a full page may have more, {"hits":[]} is empty', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: hits(1, 100) } });
		expect(await readPage(0).then((p) => [p.hits.length, p.more, p.hitCount])).toEqual([100, true, undefined]);
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: [] } });
		expect(await readPage(0).then((p) => [p.hits.length, p.more])).toEqual([0, false]);
	});

	it('strict reads need hitCount on every page; an empty result counts only with hitCount 0', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: hits(1, 3), pageCount: 1 } });
		const error = await failure(readPage(0, { strict: true, hint: 'Try later.' }));
		expect(error.message).toBe('Conta sent a page without its hit count while trying to list customers');
		expect(error.description).toBe("Page 0 held 3 hits and no 'hitCount', so an empty or short page cannot be told from a complete one.\nTry later.");
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: [], hitCount: 0, pageCount: 0, sum: 0 } });
		expect(await readPage(0, { strict: true }).then((p) => [p.hits.length, p.more, p.hitCount])).toEqual([0, false, 0]);
	});
});

describe('Conta page reader: a server that caps the page size', () => {
	it('accepts short pages the counts explain, including a short last page, and follows pageCount', async () => {
		// 450 hits, 100 a page although 500 were asked for: pageCount 5.
		for (let page = 0; page < 5; page++) {
			kit.sim().injectFault({ match: onPage(String(page)), status: 200, body: { hits: hits(1 + page * 100, page === 4 ? 50 : 100), hitCount: 450, pageCount: 5, sum: 0 } });
		}
		const all = await contaSearch<IDataObject>(context(), { path: CUSTOMERS, action: 'list customers', pageSize: 500, strict: true });
		expect(all.map((h) => h.id)).toEqual(hits(1, 450).map((h) => h.id));
		expect(pages()).toEqual(['0', '1', '2', '3', '4'].map((page) => ['500', page]));
	});

	it('still fails on a page shorter than any page size the counts allow', async () => {
		kit.sim().injectFault({ match: onPage('1'), status: 200, body: { hits: hits(101, 80), hitCount: 450, pageCount: 5, sum: 0 } });
		const error = await failure(readPage(1, { pageSize: 500 }));
		expect(error.description).toContain('Page 1 held 80 hits where its hitCount 450 and pageCount 5 promise at least 90.');
	});

	it('Get Many reads every customer from the simulator capping pages at 40', async () => {
		addCustomers(97);
		kit.sim().maxPageSize = 40;
		const out = await kit.json({ resource: 'customer', operation: 'getAll', returnAll: true, filters: {}, options: {} });
		expect(out.map((c) => c.id)).toEqual(Array.from({ length: 100 }, (_, i) => 5001 + i));
		expect(pages()).toEqual([
			['500', '0'],
			['500', '1'],
			['500', '2'],
		]);
	});

	it('the simulator cap can be set and cleared through its control API', async () => {
		const control = (body: unknown) => fetch(`${kit.url()}/__sim/max-page-size`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
		expect(await control({ max: 2 })).toEqual({ max: 2 });
		expect(kit.sim().maxPageSize).toBe(2);
		expect(await control({ max: 0 })).toEqual({ error: 'max must be a positive whole number or null' });
		expect(await control({ max: null })).toEqual({ max: null });
		expect(kit.sim().maxPageSize).toBeUndefined();
	});
});

describe('Conta page reader: list searches (resource locators)', () => {
	it('pages with the counts and fails on a glitched page instead of showing a short list', async () => {
		addCustomers(60);
		const first = await kit.listSearch('searchCustomers', { organization: rl('101') });
		expect([first.results.length, first.paginationToken]).toEqual([50, '1']);
		kit.sim().injectFault({ match: onPage('1'), status: 200, body: { hits: [], hitCount: 63, pageCount: 2, sum: 0 } });
		const error = await failure(kit.listSearch('searchCustomers', { organization: rl('101') }, undefined, '1'));
		expect(error.message).toBe('Conta sent an incomplete page while trying to list customers');
		expect(error.description).toContain('Page 1 (50 per page) held 0 hits where its hitCount 63 promises 13.');
	});

	it('follows a server that caps the page size (the token comes from pageCount)', async () => {
		addCustomers(7);
		kit.sim().maxPageSize = 4;
		const first = await kit.listSearch('searchCustomers', { organization: rl('101') });
		expect([first.results.map((r) => r.value), first.paginationToken]).toEqual([['5010', '5009', '5008', '5007'], '1']);
		const second = await kit.listSearch('searchCustomers', { organization: rl('101') }, undefined, '1');
		expect([second.results.map((r) => r.value), second.paginationToken]).toEqual([['5006', '5005', '5004', '5003'], '2']);
		const third = await kit.listSearch('searchCustomers', { organization: rl('101') }, undefined, '2');
		expect([third.results.map((r) => r.value), third.paginationToken]).toEqual([['5002', '5001'], undefined]);
	});

	it('reads a later page of a cap just below the asked size (45 of 50, 130 customers: pageCount 3 fits both)', async () => {
		addCustomers(127);
		kit.sim().maxPageSize = 45;
		const second = await kit.listSearch('searchCustomers', { organization: rl('101') }, undefined, '1');
		expect([second.results.length, second.results[0].value, second.paginationToken]).toEqual([45, '5085', '2']);
		const third = await kit.listSearch('searchCustomers', { organization: rl('101') }, undefined, '2');
		expect([third.results.length, third.results[39].value, third.paginationToken]).toEqual([40, '5001', undefined]);
	});
});

describe('Conta page reader: the page size comes from page 0 (second review)', () => {
	const search = (extra: Partial<Parameters<typeof contaSearch>[1]> = {}) =>
		contaSearch<IDataObject>(context(), { path: CUSTOMERS, qs: { sort: '+id' }, action: 'list customers', ...extra });
	const customerIds = () => kit.sim().state.data[101].customers.map((c: IDataObject) => c.id as number).sort((a: number, b: number) => a - b);

	it('reads 600 customers from a server capping at 300 of the 500 asked (pageCount 2 fits both sizes)', async () => {
		addCustomers(597);
		kit.sim().maxPageSize = 300;
		const all = await search();
		expect(all.map((h) => h.id)).toEqual(customerIds());
		expect(all).toHaveLength(600);
		expect(pages()).toEqual([
			['500', '0'],
			['500', '1'],
		]);
	});

	it('follows a cap when the envelope has hitCount but no pageCount', async () => {
		for (let page = 0; page < 3; page++) {
			kit.sim().injectFault({ match: onPage(String(page)), status: 200, body: { hits: hits(1 + page * 100, page === 2 ? 50 : 100), hitCount: 250 } });
		}
		expect((await search()).map((h) => h.id)).toEqual(hits(1, 250).map((h) => h.id));
		expect(pages()).toEqual(['0', '1', '2'].map((page) => ['500', page]));
	});

	it('fails on a short last page when the page size was derived (hitCount 1000, pageCount 10, last page 1 hit)', async () => {
		for (let page = 0; page < 9; page++) {
			kit.sim().injectFault({ match: onPage(String(page)), status: 200, body: { hits: hits(1 + page * 100, 100), hitCount: 1000, pageCount: 10, sum: 0 } });
		}
		kit.sim().injectFault({ match: onPage('9'), status: 200, body: { hits: hits(901, 1), hitCount: 1000, pageCount: 10, sum: 0 } });
		const error = await failure(search({ strict: true }));
		expect(error.message).toBe('Conta sent an incomplete page while trying to list customers');
		expect(error.description).toBe("Page 9 (100 per page) held 1 hits where its hitCount 1000 promises 100.\nConta's list disagreed with its own counts; this is usually temporary. Run again.");
	});

	it('fails on a page longer than the size page 0 showed', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: hits(1, 60), hitCount: 110 } });
		kit.sim().injectFault({ match: onPage('1'), status: 200, body: { hits: hits(61, 100), hitCount: 110 } });
		const error = await failure(search({ pageSize: 100 }));
		expect(error.message).toBe('Conta sent a page whose counts contradict each other while trying to list customers');
		expect(error.description).toContain('Page 1 held 100 hits where its hitCount 110 and the 60 per page of page 0 allow 50.');
	});

	it('fails a full read that holds fewer different records than hitCount (a page repeating hits)', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: hits(1, 100), hitCount: 200, pageCount: 2, sum: 0 } });
		kit.sim().injectFault({ match: onPage('1'), status: 200, body: { hits: hits(51, 100), hitCount: 200, pageCount: 2, sum: 0 } });
		const error = await failure(search({ pageSize: 100 }));
		expect(error.message).toBe('Conta sent fewer records than its hit count while trying to list customers');
		expect(error.description).toContain('Pages 0–1 held 150 different records where their hitCount promises 200.');
	});

	it('without counts keeps reading until an empty page (a capped first page is not the end)', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hits: hits(1, 60) } });
		kit.sim().injectFault({ match: onPage('1'), status: 200, body: { hits: hits(61, 60) } });
		kit.sim().injectFault({ match: onPage('2'), status: 200, body: { hits: hits(121, 10) } });
		kit.sim().injectFault({ match: onPage('3'), status: 200, body: { hits: [] } });
		expect((await search({ pageSize: 100 })).map((h) => h.id)).toEqual(hits(1, 130).map((h) => h.id));
		expect(pages()).toEqual(['0', '1', '2', '3'].map((page) => ['100', page]));
	});

	it('reads a spec-valid envelope without hits as empty when hitCount is 0, strict too; otherwise fails', async () => {
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hitCount: 0, pageCount: 0, sum: 0 } });
		expect(await search()).toEqual([]);
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hitCount: 0, pageCount: 0, sum: 0 } });
		expect(await search({ strict: true })).toEqual([]);
		kit.sim().injectFault({ match: onPage('0'), status: 200, body: { hitCount: 2, pageCount: 1, sum: 0 } });
		const error = await failure(search());
		expect(error.message).toBe('Conta answered without a list of results (HTTP 200) while trying to list customers');
	});
});

describe('Conta page reader: records that change between pages (second review)', () => {
	const customers = () => kit.sim().state.data[101].customers as IDataObject[];
	/** Runs `change` once, just before page 1 is read the `nth` time. */
	const beforePage1 = (change: () => void, times = 1) => {
		let done = 0;
		kit.sim().injectFault({
			times: 100,
			match: (req) => {
				if (req.path === CUSTOMERS && req.query.page === '1' && done < times) {
					done++;
					change();
				}
				return false;
			},
		});
	};

	it('a search reads again from page 0 when a record on page 0 is deleted before page 1 (not the deleted one, none missing)', async () => {
		addCustomers(147);
		const before = customers().map((c) => c.id as number);
		beforePage1(() => customers().splice(0, 1));
		const all = await contaSearch<IDataObject>(context(), { path: CUSTOMERS, qs: { sort: '+id' }, action: 'list customers', pageSize: 100 });
		expect(all.map((h) => h.id)).toEqual(before.slice(1));
		expect(pages()).toEqual(['0', '1', '0', '1'].map((page) => ['100', page]));
	});

	it('drops a record read twice when an insert pushes it onto the next page (no re-read)', async () => {
		addCustomers(147);
		const before = customers().map((c) => c.id as number);
		beforePage1(() => addCustomers(1));
		const all = await contaSearch<IDataObject>(context(), { path: CUSTOMERS, qs: { sort: '-id' }, action: 'list customers', pageSize: 100 });
		expect(all.map((h) => h.id)).toEqual([...before].reverse());
		expect(pages()).toEqual(['0', '1'].map((page) => ['100', page]));
	});

	it('Get Many fails with a clear error after 3 passes that each saw records removed', async () => {
		addCustomers(597);
		beforePage1(() => customers().splice(0, 1), 3);
		const error = await failure(kit.json({ resource: 'customer', operation: 'getAll', returnAll: true, filters: {}, options: {} }));
		expect(error.message).toBe("Conta's list kept changing while trying to list customers");
		expect(error.description).toBe(
			'Records were removed while the pages were read, 3 times in a row, so a record may have moved onto a page already read.\nRun again when fewer records are being changed.',
		);
	});
});
