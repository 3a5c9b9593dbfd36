/**
 * Income → Insert: `insert_income=TRUE` with every documented sub-variable, in the documented
 * order. The credential puts `api_key` first.
 *
 * VAT: either "VAT Calculation Rate" (`vat_calculate_income`: Contraccounts works out the VAT in
 * the gross amount) or the linked pair "VAT Amount" + "VAT Rate" (`vat_assign_income` +
 * `vat_assign_rate_income`: you state the VAT). The pair must be set together, and the two ways
 * are not combined: the document does not say which one wins, so sending both could post a VAT
 * amount the user did not mean.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { updateDisplayOptions } from '../../../shared/description';
import { text, validate, type FieldLabels } from '../../../shared/validation';
import { contraccountsRequest } from '../../transport';
import {
	amount,
	failIfResponseContainsOption,
	incomeDate,
	optionalAmount,
	optionsSchema,
	quantity,
	referenceId,
	vatRate,
} from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Product ID or Name',
		name: 'productId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12345',
		description: 'The product or service sold: its name or ID number (product_id_income)',
	},
	{
		displayName: 'Gross Amount',
		name: 'grossAmount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		placeholder: '25.00',
		description:
			'The total of the transaction, including any VAT (gross_amount_income). At most two decimals; sent as e.g. 25.00.',
	},
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Debit Card',
		description: 'How the customer paid, e.g. cash, cheque, credit card, debit card (payment_method_income)',
	},
	{
		displayName: 'Buyer Name',
		name: 'buyerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'John Doe',
		description: "The customer's full name (buyer_name_income)",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Date',
				name: 'incomeDate',
				type: 'dateTime',
				default: '',
				description:
					'Date of the payment (custom_income_date, sent as YYYY-MM-DD). Contraccounts uses today when it is left out. A date-time at midnight, such as $today, counts as that date; any other date-time as its UK calendar date (Europe/London).',
			},
			{
				displayName: 'Quantity',
				name: 'quantity',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 1,
				description: 'How many items the transaction covers (quantity_income). Contraccounts assumes 1 when it is left out.',
			},
			{
				displayName: 'Reference ID',
				name: 'customIncomeId',
				type: 'string',
				default: '',
				placeholder: 'ORD-1042',
				description:
					'Your own reference for this income, under 10 characters (custom_income_id). Set it if you may ever need to refund or administer this income: Contraccounts finds the income by this reference, and without it the income cannot be refunded through the API. Use a unique value per income.',
			},
			{
				displayName: 'VAT Amount',
				name: 'vatAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description:
					'The VAT contained in the gross amount, if you already know it (vat_assign_income). Needs VAT Rate as well. Do not combine with VAT Calculation Rate.',
			},
			{
				displayName: 'VAT Calculation Rate',
				name: 'vatCalculateRate',
				type: 'string',
				default: '',
				placeholder: 'DEFAULT',
				description:
					'Ask Contraccounts to work out the VAT contained in the gross amount (vat_calculate_income): DEFAULT uses the VAT rate in your Contraccounts settings, or give the rate as a decimal (Contraccounts\' document says "decimal", e.g. 0.20 for 20%). Do not combine with VAT Amount / VAT Rate.',
			},
			{
				displayName: 'VAT Rate',
				name: 'vatRate',
				type: 'string',
				default: '',
				placeholder: '0.20',
				description:
					'The rate the VAT Amount was charged at (vat_assign_rate_income): a decimal such as 0.20, or DEFAULT for the rate in your Contraccounts settings. Needs VAT Amount as well.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [failIfResponseContainsOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['income'], operation: ['insert'] } }, properties);

const labels: FieldLabels = {
	productId: 'Product ID or Name',
	grossAmount: 'Gross Amount',
	paymentMethod: 'Payment Method',
	buyerName: 'Buyer Name',
	additionalFields: 'Additional Fields',
	'additionalFields.incomeDate': 'Date',
	'additionalFields.customIncomeId': 'Reference ID',
	'additionalFields.quantity': 'Quantity',
	'additionalFields.vatCalculateRate': 'VAT Calculation Rate',
	'additionalFields.vatAmount': 'VAT Amount',
	'additionalFields.vatRate': 'VAT Rate',
	options: 'Options',
	'options.failIfResponseContains': 'Fail If Response Contains',
};

const input = z
	.object({
		productId: text(255),
		grossAmount: amount,
		paymentMethod: text(100),
		buyerName: text(255),
		additionalFields: z
			.object({
				incomeDate,
				customIncomeId: referenceId,
				quantity,
				vatCalculateRate: vatRate,
				vatAmount: optionalAmount,
				vatRate,
			})
			.strict(),
		options: optionsSchema,
	})
	.superRefine((value, ctx) => {
		const extra = value.additionalFields ?? {};
		const has = (v: unknown) => typeof v === 'string' && v !== '';
		if (has(extra.vatAmount) && !has(extra.vatRate)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['additionalFields', 'vatRate'],
				message: "is needed when 'VAT Amount' is set (Contraccounts links the two); use DEFAULT for your account's rate",
			});
		}
		if (has(extra.vatRate) && !has(extra.vatAmount)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['additionalFields', 'vatAmount'],
				message:
					"is needed when 'VAT Rate' is set (Contraccounts links the two); to have Contraccounts work the VAT out, use 'VAT Calculation Rate' instead",
			});
		}
		if (has(extra.vatCalculateRate) && (has(extra.vatAmount) || has(extra.vatRate))) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['additionalFields', 'vatCalculateRate'],
				message:
					"cannot be combined with 'VAT Amount' / 'VAT Rate': either let Contraccounts calculate the VAT, or state the VAT amount and rate yourself",
			});
		}
		if (has(extra.vatAmount) && has(value.grossAmount) && Number(extra.vatAmount) > Number(value.grossAmount)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['additionalFields', 'vatAmount'],
				message: 'cannot be more than the Gross Amount (the gross amount includes the VAT)',
			});
		}
		if (value.grossAmount === '0.00') {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['grossAmount'],
				message: 'must be more than 0 (to reverse an income, refund it instead)',
			});
		}
	});

type IncomeInput = z.infer<typeof input>;

/** The form fields after `api_key`, in the documented order; unset optional fields are left out. */
function incomeFields(params: IncomeInput): Array<[string, string | undefined]> {
	const extra = params.additionalFields;
	return [
		['insert_income', 'TRUE'],
		['product_id_income', params.productId],
		['gross_amount_income', params.grossAmount],
		['payment_method_income', params.paymentMethod],
		['buyer_name_income', params.buyerName],
		['custom_income_date', extra.incomeDate],
		['custom_income_id', extra.customIncomeId],
		['quantity_income', extra.quantity],
		['vat_calculate_income', extra.vatCalculateRate],
		['vat_assign_income', extra.vatAmount],
		['vat_assign_rate_income', extra.vatRate],
	];
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const params = validate(
		this,
		input,
		{
			productId: this.getNodeParameter('productId', i),
			grossAmount: this.getNodeParameter('grossAmount', i),
			paymentMethod: this.getNodeParameter('paymentMethod', i),
			buyerName: this.getNodeParameter('buyerName', i),
			additionalFields: this.getNodeParameter('additionalFields', i, {}),
			options: this.getNodeParameter('options', i, {}),
		},
		i,
		labels,
	);
	const fields = incomeFields(params);
	const response = await contraccountsRequest(this, {
		fields,
		action: 'insert income',
		itemIndex: i,
		failIfContains: params.options.failIfResponseContains,
	});
	const sent: IDataObject = {};
	for (const [name, value] of fields) if (value !== undefined) sent[name] = value;
	const out: IDataObject = { statusCode: response.statusCode, body: response.body };
	if (response.data !== undefined) out.data = response.data as IDataObject;
	out.request = { type: 'insert_income', fields: sent };
	return out;
}
