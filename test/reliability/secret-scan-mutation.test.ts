/**
 * The secret scan can fail. With every redaction function of `nodes/shared/redact.ts` replaced by
 * the identity (a jest mock of this file's module registry; product code is untouched), each
 * success echo (`secrets.ts`) with Simplify off, or of an operation without Simplify, must show a
 * leak, for every operation whose output carries provider data; for Konto also the tenant's own
 * secrets, which only stripping by field name removes.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { CASES, caseName, type OpCase } from './cases';
import { findLeaks } from './inspect';
import { installSecrets, onLanes, runCase, scannedSecretsOf, startLane, stopLane, TENANT_SECRETS, type Lane } from './kit';
import { executeSecretRun, secretRuns, type RunFn, type SecretRun } from './secrets';

jest.mock('../../nodes/shared/redact', () => {
	const actual = jest.requireActual<typeof import('../../nodes/shared/redact')>('../../nodes/shared/redact');
	return {
		...actual,
		isSecretName: () => false,
		secretMasker: () => (text: string) => text,
		redactText: (text: string) => text,
		redactValue: <T>(value: T) => value,
		stripFields: <T extends Record<string, unknown>>(record: T, fields: readonly string[]) =>
			Object.fromEntries(Object.entries(record).filter(([key]) => !fields.includes(key))) as T,
	};
});

installSecrets();

const LANES = 6;
let lanes: Lane[] = [];

beforeAll(async () => {
	lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => startLane(100 + i)));
}, 60_000);

afterAll(async () => {
	await Promise.all(lanes.map(stopLane));
});

const withData = CASES.filter((opCase) => !opCase.noProviderData);

/** The success echoes that show every field: Simplify off, or no Simplify option (no redirects: no origin needed). */
const fullEchoes = (opCase: OpCase): SecretRun[] =>
	secretRuns(opCase, '').filter((item) => item.success && (item.params !== undefined || !('simplify' in opCase.params)));

describe('reliability: the secret scan under a mutation that disables redaction', () => {
	it(
		'finds a leak in every success echo with Simplify off, for every operation that returns provider data',
		async () => {
			const work = withData.flatMap(fullEchoes);
			expect(new Set(work.map((item) => caseName(item.opCase)))).toEqual(new Set(withData.map(caseName)));
			const missed: string[] = [];
			await onLanes(lanes, work, async (lane, item) => {
				let output: INodeExecutionData[][] | null | undefined;
				let error: unknown;
				const run: RunFn = async (runLane, opCase, label, options) => {
					const result = await runCase(runLane, opCase, options);
					if (label === item.label) [output, error] = [result.output, result.error];
					return result;
				};
				await executeSecretRun(lane, item, run);
				const name = `${caseName(item.opCase)} / ${item.label}`;
				if (!findLeaks(output, error, scannedSecretsOf(item.opCase.provider)).length) missed.push(name);
				if (item.opCase.provider === 'konto' && !findLeaks(output, error, Object.values(TENANT_SECRETS)).length) missed.push(`${name}: tenant secrets`);
			});
			expect(missed).toEqual([]);
		},
		5 * 60 * 1000,
	);

	it('skips only operations that pass on no provider answer', () => {
		expect(CASES.filter((opCase) => opCase.noProviderData).map(caseName)).toEqual(['conta customer.delete', 'conta payment.delete']);
	});
});
