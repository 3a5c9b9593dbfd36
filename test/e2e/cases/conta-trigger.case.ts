/**
 * Conta Trigger inside a real n8n. `n8n execute-batch` cannot start a workflow at a polling
 * trigger ("Missing node to start execution"), so everything runs in the live phase against a
 * started n8n, with one workflow per event (every-minute schedule):
 *  1. Create our own customer and three open invoices, then publish the workflows: each trigger
 *     polls once on activation and seeds its state (nothing is emitted).
 *  2. Make a 503 that outlasts the retries ready for the New Customer poll and a `200
 *     {"hits":[]}` glitch for the open-invoice list of organization 102 (watched by its own Invoice
 *     Paid workflow), then change data: two customers, a full and a partial payment, an invoice, a
 *     draft, a transaction.
 *  3. Wait for n8n's own every-minute schedule to poll: the New Customer poll and the glitched
 *     poll fail (error executions; an envelope without `hitCount` is not believed), the others emit. Then pay the glitched organization's invoice:
 *     the next scheduled poll (no restart, so n8n's in-memory state is used) emits it, once.
 *  4. Change more (a customer, a credit note, a payment), restart n8n: re-activation polls with
 *     the static data n8n saved; the New Customer trigger now catches up on everything it missed.
 *  5. Delete a payment (the invoice reopens) and add a customer, restart again.
 *  Then every record and status change must have been emitted exactly once over all executions,
 *  and the saved cursor must point at the last customer.
 *  6. Run two of the workflows by hand (the editor's "Execute workflow"): the trigger polls in
 *     manual mode and returns the newest three records. (n8n never saves static data for manual
 *     runs, so that manual mode leaves the state alone is checked in trigger.test.ts, not here.)
 *
 * `check` then verifies that the trigger only ever read from Conta while it ran.
 */
import type { ContaSimulator } from '../../../sandbox/conta';
import {
	addCustomer,
	addDraft,
	addInvoice,
	addTransaction,
	creditInvoice,
	deletePayment,
	payInvoice,
} from '../../../sandbox/conta/mutations';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS } from '../../../sandbox/n8n-credentials';
import type { E2ECase, LiveContext } from '../types';
import { pkgNode } from '../workflow';

const ORG = 101;
/** The organization whose open-invoice list glitches (its requests are told apart by the path). */
const GLITCH_ORG = 102;
const TRIGGER = 'Conta Trigger';
const MAINTENANCE = {
	category: 'SYSTEM',
	name: 'MaintenanceException',
	messages: { EN: 'Conta is down for maintenance. Try again later.', NO: 'Conta har vedlikehold.' },
};

type Json = Record<string, any>;

/** A workflow started by the Conta Trigger (polling every minute), followed by a No Op. */
function triggerWorkflow(id: string, name: string, parameters: Json): Json {
	const nodes = [
		{
			...pkgNode(
				'contaTrigger',
				'contaApi',
				TRIGGER,
				{ pollTimes: { item: [{ mode: 'everyMinute' }] }, organization: { __rl: true, mode: 'list', value: '' }, ...parameters },
				SANDBOX_CREDENTIAL_IDS.conta,
			),
			id: `${id}-node-0`,
			position: [0, 0],
		},
		{ id: `${id}-node-1`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {}, position: [260, 0] },
	];
	return {
		id,
		name,
		active: false,
		nodes,
		connections: { [TRIGGER]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Ids of at most 21 characters: n8n does not save the static data of workflows with longer ids. */
const LIVE = {
	customer: 'e2e-conta-trigger-cu',
	status: 'e2e-conta-trigger-st',
	paid: 'e2e-conta-trigger-pd',
	payment: 'e2e-conta-trigger-py',
	invoice: 'e2e-conta-trigger-in',
	draft: 'e2e-conta-trigger-dr',
	transaction: 'e2e-conta-trigger-tx',
	glitch: 'e2e-conta-trigger-gl',
} as const;
type LiveKey = keyof typeof LIVE;

const LIVE_PARAMS: Record<LiveKey, Json> = {
	customer: { organization: { __rl: true, mode: 'id', value: String(ORG) }, event: 'newCustomer' },
	status: { event: 'invoiceStatusChanged', statuses: [] },
	paid: { event: 'invoicePaid' },
	payment: { event: 'newPayment' },
	invoice: { event: 'newInvoice' },
	draft: { event: 'newInvoiceDraft' },
	transaction: { event: 'newTransaction' },
	glitch: { organization: { __rl: true, mode: 'id', value: String(GLITCH_ORG) }, event: 'invoicePaid' },
};

/** What identifies one emitted item of each workflow. */
const ITEM_KEY: Record<LiveKey, (item: Json) => string> = {
	customer: (item) => String(item.id),
	status: (item) => `${item.id}:${item.previousStatus}>${item.status}`,
	paid: (item) => `${item.id}:${item.previousStatus}>${item.status}`,
	payment: (item) => `${item.id}:${item.invoiceId}`,
	invoice: (item) => String(item.id),
	draft: (item) => String(item.id),
	transaction: (item) => String(item.id),
	glitch: (item) => `${item.id}:${item.previousStatus}>${item.status}`,
};

interface Execution {
	id: string;
	status: string;
	mode: string;
	startedAt?: string;
	items: Json[];
	error?: Json;
}

function executionsOf(ctx: LiveContext, workflowId: string): Execution[] {
	return ctx.runner
		.readExecutions({ workflowId })
		.filter((execution) => !['new', 'running'].includes(execution.status))
		.map((execution) => {
			const resultData = execution.data?.resultData ?? {};
			const main = resultData.runData?.[TRIGGER]?.[0]?.data?.main?.[0] ?? [];
			return {
				id: execution.id,
				status: execution.status,
				mode: execution.mode,
				startedAt: execution.startedAt,
				items: main.map((item: { json: Json }) => item.json),
				error: resultData.error,
			};
		});
}

const emittedKeys = (ctx: LiveContext, key: LiveKey): string[] =>
	executionsOf(ctx, LIVE[key]).flatMap((execution) => execution.items.map(ITEM_KEY[key]));

async function waitFor(what: string, ctx: LiveContext, condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			const seen = (Object.keys(LIVE) as LiveKey[]).map(
				(key) => `  ${key}: ${executionsOf(ctx, LIVE[key]).map((e) => `${e.status}[${e.items.map(ITEM_KEY[key]).join(' ')}]`).join(', ') || 'no executions'}`,
			);
			throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}. Executions so far:\n${seen.join('\n')}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	ctx.log(`${what}: done`);
}

/** Every expected key emitted (so far) by every workflow. */
function allEmitted(ctx: LiveContext, expected: Partial<Record<LiveKey, string[]>>): boolean {
	return (Object.entries(expected) as Array<[LiveKey, string[]]>).every(([key, keys]) => {
		const got = new Set(emittedKeys(ctx, key));
		return keys.every((k) => got.has(k));
	});
}

/** When the live phase ran (for `check`). */
let liveWindow: { from: number; to: number } | undefined;

const savedStaticData = (ctx: LiveContext, workflowId: string): Json | undefined => {
	const [row] = ctx.runner.query<{ staticData: string | null }>('SELECT staticData FROM workflow_entity WHERE id = ?', [workflowId]);
	return typeof row?.staticData === 'string' ? JSON.parse(row.staticData) : (row?.staticData ?? undefined);
};

async function live(ctx: LiveContext): Promise<void> {
	const from = Date.now();
	const sim = ctx.sims.conta as ContaSimulator;
	const st = sim.state;
	const line = (description: string, price: number) => [{ description, price, quantity: 1, vatCode: 'high' }];

	// 1. Our own objects (the simulator's ids continue after any fixed ids other cases stored),
	// then activation (seeds every trigger; nothing is emitted).
	const owner = addCustomer(st, ORG, { name: 'Trigger E2E Eier AS', emailAddress: 'eier@trigger-e2e.example' });
	const i1 = addInvoice(st, ORG, owner.id, line('Trigger E2E 1', 1000));
	const i2 = addInvoice(st, ORG, owner.id, line('Trigger E2E 2', 2000));
	const i3 = addInvoice(st, ORG, owner.id, line('Trigger E2E 3', 500));
	const glitchOwner = addCustomer(st, GLITCH_ORG, { name: 'Trigger E2E Glipp AS' });
	const g1 = addInvoice(st, GLITCH_ORG, glitchOwner.id, line('Trigger E2E glipp', 800));
	const ids = Object.values(LIVE);
	await ctx.activate(ids);
	ctx.log(`activated ${ids.length} Conta Trigger workflows`);
	for (const id of ids) expect({ id, executions: executionsOf(ctx, id) }).toEqual({ id, executions: [] });

	// 2. A 503 for the next New Customer poll (first attempt + 3 retries), then changes.
	sim.injectFault({ pathIncludes: `/organizations/${ORG}/customers`, status: 503, body: MAINTENANCE, times: 4 });
	// The open list comes back empty once, without hitCount, while the invoice is still open.
	sim.injectFault({
		pathIncludes: `/organizations/${GLITCH_ORG}/invoices`,
		match: (req) => req.query.type === 'UNPAID',
		status: 200,
		body: { hits: [] },
	});
	const c1 = addCustomer(st, ORG, { name: 'Trigger E2E Kunde 1' });
	const c2 = addCustomer(st, ORG, { name: 'Trigger E2E Kunde 2' });
	const p1 = payInvoice(st, ORG, i1.id);
	const p2 = payInvoice(st, ORG, i2.id, 1000);
	const i4 = addInvoice(st, ORG, owner.id, line('Trigger E2E 4', 300));
	const d1 = addDraft(st, ORG, owner.id, line('Trigger E2E utkast', 700));
	const x1 = addTransaction(st, ORG, { description: 'Trigger E2E bilag', amount: 4321 });

	// 3. n8n's own schedule (every minute, at a random second per trigger).
	ctx.log('waiting for the every-minute polls (up to about a minute)');
	await waitFor(
		'the scheduled polls',
		ctx,
		() =>
			executionsOf(ctx, LIVE.customer).some((e) => e.status === 'error') &&
			executionsOf(ctx, LIVE.glitch).some((e) => e.status === 'error') &&
			allEmitted(ctx, {
				status: [`${i1.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`],
				paid: [`${i1.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`],
				payment: [`${p1.id}:${i1.id}`, `${p2.id}:${i2.id}`],
				invoice: [String(i4.id)],
				draft: [String(d1.id)],
				// A payment books a ledger transaction too, as in Conta.
				transaction: [p1.transactionId, p2.transactionId, x1.id].map(String),
			}),
		150_000,
	);
	// The glitched poll kept its state: paying the invoice now is seen by the next scheduled poll.
	payInvoice(st, GLITCH_ORG, g1.id);
	await waitFor('the payment after the empty-list glitch', ctx, () => allEmitted(ctx, { glitch: [`${g1.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`] }), 150_000);
	const firstRestartAt = Date.now();

	// 4. More changes, then a restart: re-activation polls with the saved static data.
	const c3 = addCustomer(st, ORG, { name: 'Trigger E2E Kunde 3' });
	const credit = creditInvoice(st, ORG, i2.id);
	const p3 = payInvoice(st, ORG, i3.id);
	await ctx.restart();
	await waitFor(
		'the polls after the first restart',
		ctx,
		() =>
			allEmitted(ctx, {
				customer: [c1, c2, c3].map((c) => String(c.id)),
				status: [`${i2.id}:INVOICE_CREATED>CLOSED_BY_CREDIT_NOTE`, `${i3.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`],
				paid: [`${i3.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`],
				payment: [`${p3.id}:${i3.id}`],
				invoice: [String(credit.id)],
				transaction: [String(p3.transactionId)],
			}),
		60_000,
	);

	// 5. A deleted payment reopens an invoice; one more customer; restart again.
	deletePayment(st, ORG, p1.id);
	const c4 = addCustomer(st, ORG, { name: 'Trigger E2E Kunde 4' });
	await ctx.restart();
	await waitFor(
		'the polls after the second restart',
		ctx,
		() => allEmitted(ctx, { customer: [String(c4.id)], status: [`${i1.id}:CLOSED_BY_PAYMENT>INVOICE_CREATED`] }),
		60_000,
	);
	// Anything emitted twice would show up now.
	await new Promise((resolve) => setTimeout(resolve, 3000));

	// Every change exactly once, over all executions.
	const expected: Record<LiveKey, string[]> = {
		customer: [c1, c2, c3, c4].map((c) => String(c.id)),
		status: [
			`${i1.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`,
			`${i2.id}:INVOICE_CREATED>CLOSED_BY_CREDIT_NOTE`,
			`${i3.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`,
			`${i1.id}:CLOSED_BY_PAYMENT>INVOICE_CREATED`,
		],
		paid: [`${i1.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`, `${i3.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`],
		payment: [`${p1.id}:${i1.id}`, `${p2.id}:${i2.id}`, `${p3.id}:${i3.id}`],
		invoice: [String(i4.id), String(credit.id)],
		draft: [String(d1.id)],
		transaction: [p1.transactionId, p2.transactionId, x1.id, p3.transactionId].map(String),
		glitch: [`${g1.id}:INVOICE_CREATED>CLOSED_BY_PAYMENT`],
	};
	for (const key of Object.keys(LIVE) as LiveKey[]) {
		expect({ workflow: key, emitted: [...emittedKeys(ctx, key)].sort() }).toEqual({ workflow: key, emitted: [...expected[key]].sort() });
		for (const execution of executionsOf(ctx, LIVE[key])) expect(execution.mode).toBe('trigger');
	}

	// The 503 poll: one failed execution with Conta's message; its customers came later, once.
	const customerRuns = executionsOf(ctx, LIVE.customer);
	const failed = customerRuns.filter((e) => e.status === 'error');
	expect(failed).toHaveLength(1);
	expect(JSON.stringify(failed[0].error)).toContain('Conta had a server error (HTTP 503) while trying to list new customers');
	expect(JSON.stringify(failed[0].error)).toContain('Conta is down for maintenance. Try again later.');
	const succeeded = customerRuns.filter((e) => e.status === 'success');
	expect(succeeded.flatMap((e) => e.items.map((item) => item.customerName))).toEqual([
		'Trigger E2E Kunde 1',
		'Trigger E2E Kunde 2',
		'Trigger E2E Kunde 3',
		'Trigger E2E Kunde 4',
	]);

	// The glitch: one failed execution naming the missing count, and the payment emitted once by a
	// scheduled poll before any restart (so from the state the failed poll left alone).
	const glitchRuns = executionsOf(ctx, LIVE.glitch);
	const glitched = glitchRuns.filter((e) => e.status === 'error');
	expect(glitched).toHaveLength(1);
	expect(JSON.stringify(glitched[0].error)).toContain('Conta sent a page without its hit count while trying to list open invoices');
	expect(JSON.stringify(glitched[0].error)).toContain("Page 0 held 0 hits and no 'hitCount'");
	const paidRuns = glitchRuns.filter((e) => e.items.length > 0);
	expect(paidRuns).toHaveLength(1);
	expect(Date.parse(paidRuns[0].startedAt ?? '')).toBeLessThan(firstRestartAt);
	// A failed poll's execution has no startedAt; execution ids grow.
	expect(Number(paidRuns[0].id)).toBeGreaterThan(Number(glitched[0].id));
	expect(paidRuns[0].items).toEqual([
		expect.objectContaining({ id: g1.id, invoiceNo: g1.invoiceNo, customerName: 'Trigger E2E Glipp AS', status: 'CLOSED_BY_PAYMENT', sumRemaining: 0, previousStatus: 'INVOICE_CREATED', previousSumRemaining: 1000 }),
	]);

	// n8n's own schedule ran the polls before the first restart (activation polls emit nothing).
	for (const key of ['status', 'paid', 'payment', 'invoice', 'draft', 'transaction'] as const) {
		const early = executionsOf(ctx, LIVE[key]).filter((e) => Date.parse(e.startedAt ?? '') < firstRestartAt);
		expect({ workflow: key, scheduled: early.length > 0 }).toEqual({ workflow: key, scheduled: true });
	}

	// Items keep Conta's hit shape plus the previous values.
	const reopened = executionsOf(ctx, LIVE.status)
		.flatMap((e) => e.items)
		.find((item) => item.id === i1.id && item.status === 'INVOICE_CREATED');
	expect(reopened).toMatchObject({
		invoiceNo: i1.invoiceNo,
		customerId: owner.id,
		customerName: 'Trigger E2E Eier AS',
		sumTotal: 1250,
		sumRemaining: 1250,
		previousStatus: 'CLOSED_BY_PAYMENT',
		previousSumRemaining: 0,
	});

	// The cursor n8n saved for the New Customer trigger points at the last customer.
	const saved = savedStaticData(ctx, LIVE.customer);
	expect(saved?.[`node:${TRIGGER}`]?.records?.cursor).toBe(c4.id);

	// 6. By hand: a sample of the newest records (other cases' records may be newer than ours, so
	// the expected sample is read from the simulator).
	const newest = (records: Json[]) =>
		records
			.map((r) => r.id as number)
			.sort((a, b) => b - a)
			.slice(0, 3)
			.reverse();
	const data = st.data[ORG];
	const manualCustomers = await ctx.runManually(LIVE.customer, TRIGGER);
	expect(manualCustomers.mode).toBe('manual');
	expect(manualCustomers.status).toBe('success');
	const customerSample = manualCustomers.data.resultData.runData[TRIGGER][0].data.main[0].map((item: { json: Json }) => item.json);
	expect(customerSample.map((c: Json) => c.id)).toEqual(newest(data.customers));
	expect(customerSample.map((c: Json) => c.id)).toContain(c4.id);
	const manualPaid = await ctx.runManually(LIVE.paid, TRIGGER);
	expect(manualPaid.status).toBe('success');
	const paidSample = manualPaid.data.resultData.runData[TRIGGER][0].data.main[0].map((item: { json: Json }) => item.json);
	expect(paidSample.map((i: Json) => i.id)).toEqual(newest(data.invoices.filter((i: Json) => i.status === 'CLOSED_BY_PAYMENT')));
	expect(paidSample.map((i: Json) => i.id)).not.toContain(i1.id);
	for (const invoice of paidSample) {
		expect(invoice).toMatchObject({ status: 'CLOSED_BY_PAYMENT', previousStatus: null, previousSumRemaining: null });
	}
	liveWindow = { from, to: Date.now() };
}

const contaTriggerCase: E2ECase = {
	provider: 'conta-trigger',
	credentials: (urls) => sandboxCredentials(urls).filter((c) => c.type === 'contaApi'),
	// Nothing for the batch: polling triggers only run activated (or by hand in a running n8n).
	workflows: () => [],
	live: {
		workflows: () =>
			(Object.keys(LIVE) as LiveKey[]).map((key) => triggerWorkflow(LIVE[key], `e2e Conta Trigger live: ${key}`, LIVE_PARAMS[key])),
		run: live,
	},
	check(_results, sims) {
		// The trigger only ever reads: during the live phase every request to Conta was a GET with
		// the key, to the five search routes the events use (and the glitched organization's invoices).
		expect(liveWindow).toBeDefined();
		const requests = (sims.conta as ContaSimulator).requests.filter(
			(r) => r.receivedAt >= liveWindow!.from && r.receivedAt <= liveWindow!.to,
		);
		expect(requests.length).toBeGreaterThan(0);
		expect([...new Set(requests.map((r) => r.method))]).toEqual(['GET']);
		expect(requests.every((r) => typeof r.headers['apikey'] === 'string' && r.headers['apikey'] !== '')).toBe(true);
		expect([...new Set(requests.map((r) => r.path))].sort()).toEqual([
			`/accounting/organizations/${ORG}/transactions`,
			`/invoice/organizations/${ORG}/customers`,
			`/invoice/organizations/${ORG}/invoice-drafts`,
			`/invoice/organizations/${ORG}/invoice-payments`,
			`/invoice/organizations/${ORG}/invoices`,
			`/invoice/organizations/${GLITCH_ORG}/invoices`,
		]);
	},
};

export default contaTriggerCase;
