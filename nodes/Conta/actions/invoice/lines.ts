/**
 * Invoice lines, shared by Invoice → Create and Invoice Draft → Create: the UI (a fixedCollection,
 * or a JSON array for lines built in earlier nodes), the validation (the spec's line schema:
 * description 1–500, price, quantity, discount 0–100 %, one of the seven invoice VAT codes,
 * optional product) and the body lines.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { number, oneOf, optionalJsonId, optionalNumber, optionsOf, text } from '../../../shared/validation';
import { INVOICE_LINE_VAT_CODES } from '../../helpers/constants';

const JSON_EXAMPLE = JSON.stringify(
	[{ description: 'Consulting, May', price: 1250, quantity: 8, discount: 0, vatCode: 'high' }],
	null,
	2,
);

/** The lines UI: "Lines Input" (fields or JSON), the fixedCollection and the JSON field. */
export function lineProperties(required: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Lines Input',
			name: 'linesInput',
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'fields', description: 'Enter each line in the fields below' },
				{
					name: 'Using JSON',
					value: 'json',
					description: 'Give all lines as a JSON array, e.g. built from the input items with an expression',
				},
			],
			default: 'fields',
		},
		{
			displayName: 'Invoice Lines',
			name: 'invoiceLines',
			type: 'fixedCollection',
			placeholder: 'Add Line',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			description: required ? 'The lines of the invoice. At least one is needed.' : 'The lines of the draft (optional)',
			displayOptions: { show: { linesInput: ['fields'] } },
			options: [
				{
					displayName: 'Line',
					name: 'line',
					values: [
						{
							displayName: 'Description',
							name: 'description',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'Consulting, May',
							description: 'Text of the line on the invoice (1–500 characters)',
						},
						{
							displayName: 'Discount (%)',
							name: 'discount',
							type: 'number',
							typeOptions: { minValue: 0, maxValue: 100 },
							default: 0,
							description: 'Discount on the line in percent (0–100)',
						},
						{
							displayName: 'Product ID',
							name: 'productId',
							type: 'string',
							default: '',
							placeholder: '42',
							description: 'ID of a Conta product to link the line to (optional)',
						},
						{
							displayName: 'Quantity',
							name: 'quantity',
							type: 'number',
							default: 1,
							description: 'Number of units',
						},
						{
							displayName: 'Unit Price',
							name: 'price',
							type: 'number',
							typeOptions: { numberPrecision: 2 },
							default: 0,
							description: 'Price per unit, excluding VAT, in the invoice currency',
						},
						{
							displayName: 'VAT Code',
							name: 'vatCode',
							type: 'options',
							options: optionsOf(INVOICE_LINE_VAT_CODES),
							default: 'high',
							description: 'VAT treatment of the line',
						},
					],
				},
			],
		},
		{
			displayName: 'Invoice Lines (JSON)',
			name: 'invoiceLinesJson',
			type: 'json',
			default: JSON_EXAMPLE,
			description:
				'A JSON array of lines. Each line has description, price (excl. VAT), quantity, discount (percent, optional, default 0), vatCode (high, medium, low, zero.rate, exempted, export or no.vat) and optionally productId.',
			displayOptions: { show: { linesInput: ['json'] } },
		},
	];
}

export const lineSchema = z
	.object({
		description: text(500),
		price: number(),
		quantity: number(),
		discount: optionalNumber({ min: 0, max: 100 }).transform((value) => value ?? 0),
		vatCode: oneOf(INVOICE_LINE_VAT_CODES),
		productId: optionalJsonId,
	})
	.strict();

export type Line = z.infer<typeof lineSchema>;

/** Labels for `validate()` (paths `line.<n>.<field>`, shown as "line #1"). */
export const LINE_LABELS = {
	line: 'Invoice Lines',
	'line.*': 'Invoice Lines',
	'line.*.description': 'Description',
	'line.*.price': 'Unit Price',
	'line.*.quantity': 'Quantity',
	'line.*.discount': 'Discount (%)',
	'line.*.vatCode': 'VAT Code',
	'line.*.productId': 'Product ID',
};

/** The line list schema; `required` asks for at least one line. */
export function linesSchema(required: boolean) {
	const list = z.array(lineSchema, { invalid_type_error: 'must be a list (a JSON array) of lines' });
	return required ? list.min(1, 'add at least one line') : list;
}

/**
 * The raw lines for item `i` from whichever input the user chose. JSON text is parsed here (a
 * parse failure is reported with the field's label); the values are validated by the caller.
 */
export function readLines(ctx: IExecuteFunctions, i: number): unknown {
	const mode = ctx.getNodeParameter('linesInput', i, 'fields') as string;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('invoiceLinesJson', i, '[]') as unknown;
		if (typeof raw !== 'string') return raw;
		if (raw.trim() === '') return [];
		try {
			return JSON.parse(raw) as unknown;
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Invalid input in item ${i}: 'Invoice Lines (JSON)' is not valid JSON`, {
				itemIndex: i,
				description: `Nothing was sent. ${(error as Error).message}. Give a JSON array such as ${JSON.stringify([{ description: 'Consulting', price: 1000, quantity: 1, vatCode: 'high' }])}.`,
			});
		}
	}
	const collection = ctx.getNodeParameter('invoiceLines', i, {}) as { line?: unknown };
	return collection?.line ?? [];
}

/** Lines as Conta's body wants them (`productId` only when set; Conta numbers the lines). */
export function toApiLines(lines: Line[]): IDataObject[] {
	return lines.map((line) => {
		const out: IDataObject = {
			description: line.description,
			price: line.price,
			quantity: line.quantity,
			discount: line.discount,
			vatCode: line.vatCode,
		};
		if (line.productId !== undefined) out.productId = line.productId;
		return out;
	});
}

/** The VAT rate (%) behind each invoice-line VAT code (high 25 %, medium 15 %, low 12 %, others 0 %). */
const VAT_RATES: Record<string, number> = { high: 25, medium: 15, low: 12 };

/**
 * The total of the lines including VAT, in øre, rounded per line the way the invoice is: discount,
 * net and VAT each to whole øre. Lines with different VAT codes can make a negative net sum a
 * positive total, so the sign rules ("a normal invoice can't be negative") use this total.
 */
export function totalCents(lines: Array<{ price: number; quantity: number; discount: number; vatCode?: string }>): number {
	return lines.reduce((sum, line) => {
		const gross = Math.round(line.price * line.quantity * 100);
		const net = gross - Math.round((gross * line.discount) / 100);
		return sum + net + Math.round((net * (VAT_RATES[line.vatCode ?? ''] ?? 0)) / 100);
	}, 0);
}
