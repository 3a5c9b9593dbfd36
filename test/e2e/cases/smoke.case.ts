/**
 * Harness smoke test: n8n starts with the package installed, imports workflows and credentials,
 * runs workflows (success, a Code node in the task runner, and a failure) and hands back their data. Provider cases follow the
 * same shape (see `../types.ts`). That n8n knows every node type the package declares is checked
 * by `e2e.test.ts` itself.
 */
import { nodeOutput } from '../n8n-runner';
import type { E2ECase } from '../types';

const manualTrigger = {
	id: 'smoke-trigger',
	name: 'When clicking Execute',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const smokeCase: E2ECase = {
	provider: 'smoke',
	credentials: () => [],
	workflows: () => [
		{
			id: 'smokeHarness0001',
			name: 'E2E smoke: Set and NoOp',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				manualTrigger,
				{
					id: 'smoke-set',
					name: 'Set',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [200, 0],
					parameters: {
						assignments: {
							assignments: [
								{ id: 'a1', name: 'greeting', value: 'hello', type: 'string' },
								{ id: 'a2', name: 'sum', value: '={{ 20 + 22 }}', type: 'number' },
							],
						},
						options: {},
					},
				},
				{
					// Runs in n8n's JavaScript task runner (a separate Node 24 process).
					id: 'smoke-code',
					name: 'Code',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [400, 0],
					parameters: {
						jsCode: 'return $input.all().map((item) => ({ json: { ...item.json, doubled: item.json.sum * 2 } }));',
					},
				},
				{
					id: 'smoke-noop',
					name: 'NoOp',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [600, 0],
					parameters: {},
				},
			],
			connections: {
				[manualTrigger.name]: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
				Set: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
				Code: { main: [[{ node: 'NoOp', type: 'main', index: 0 }]] },
			},
		},
		{
			id: 'smokeHarness0002',
			name: 'E2E smoke: failing workflow',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				manualTrigger,
				{
					id: 'smoke-stop',
					name: 'Stop',
					type: 'n8n-nodes-base.stopAndError',
					typeVersion: 1,
					position: [200, 0],
					parameters: { errorMessage: 'smoke failure on purpose' },
				},
			],
			connections: {
				[manualTrigger.name]: { main: [[{ node: 'Stop', type: 'main', index: 0 }]] },
			},
		},
	],
	check(results) {
		const ok = results.get('smokeHarness0001')!;
		expect(ok.status).toBe('success');
		expect(nodeOutput(ok, 'Set')).toEqual([{ greeting: 'hello', sum: 42 }]);
		expect(nodeOutput(ok, 'NoOp')).toEqual([{ greeting: 'hello', sum: 42, doubled: 84 }]);

		const failed = results.get('smokeHarness0002')!;
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toBe('smoke failure on purpose');
		expect(failed.error?.node?.name).toBe('Stop');
	},
};

export default smokeCase;
