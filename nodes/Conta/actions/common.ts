/**
 * The organization picker every org-scoped Conta operation uses: a resource locator (From List /
 * By ID) that falls back to the credential's Default Organization ID when left empty.
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { digitId, jsonId, listParameters, optionalBool, validate } from '../../shared/validation';

export const organizationLocator: INodeProperties = {
	displayName: 'Organization',
	name: 'organization',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"The Conta organization to work in. Leave empty to use the credential's Default Organization ID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '123',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[1-9][0-9]*$', errorMessage: 'An organization ID is a positive whole number' },
				},
			],
		},
	],
};

/**
 * The organization to work in: `raw` (the Organization locator's value), else the credential's
 * Default Organization ID, validated as an id. Messages name item `itemIndex` when given;
 * `whenMissing` replaces the message for "none chosen or not an id" (lists in the editor).
 */
export async function resolveOrganizationId(
	ctx: IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions,
	raw: unknown,
	options: { itemIndex?: number; whenMissing?: { message: string; description: string } } = {},
): Promise<string> {
	const { itemIndex, whenMissing } = options;
	const where = itemIndex === undefined ? '' : ` for item ${itemIndex}`;
	let value: unknown = typeof raw === 'string' ? raw.trim() : (raw ?? '');
	const fromCredential = value === '';
	if (fromCredential) {
		const credentials = await ctx.getCredentials('contaApi');
		value = String(credentials.defaultOrganizationId ?? '').trim();
	}
	// The id rule every path id follows (a number beyond 2^53 is already rounded: refused).
	const id = digitId.safeParse(value);
	if (whenMissing && !id.success) throw new NodeOperationError(ctx.getNode(), whenMissing.message, { description: whenMissing.description });
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `No organization chosen${where}`, {
			itemIndex,
			description:
				"Pick an organization in the 'Organization' field, or set a Default Organization ID in the Conta credential.",
		});
	}
	if (!id.success) {
		const problem = id.error.issues[0].message;
		const label = fromCredential ? 'Default Organization ID (Conta credential)' : 'Organization';
		const input = itemIndex === undefined ? 'Invalid input' : `Invalid input in item ${itemIndex}`;
		throw new NodeOperationError(ctx.getNode(), `${input}: '${label}': '${String(value).slice(0, 40)}' is not an organization ID`, {
			itemIndex,
			description: problem.startsWith('is too large')
				? `The organization ID ${problem}.`
				: 'An organization ID is a positive whole number, e.g. 123. Pick one from the list instead.',
		});
	}
	return id.data;
}

/** The organization id for item `i`: the locator's value, else the credential default. Validated. */
export async function getOrganizationId(ctx: IExecuteFunctions, i: number): Promise<string> {
	return resolveOrganizationId(ctx, ctx.getNodeParameter('organization', i, '', { extractValue: true }), { itemIndex: i });
}

export interface LocatorOptions {
	name: string;
	displayName: string;
	/** listSearch method for the From List mode. */
	searchListMethod: string;
	description: string;
	placeholder?: string;
	/** Adds a By URL mode: a regex whose first group is the id. */
	url?: { regex: string; placeholder: string };
	required?: boolean;
}

/** A From List / By ID (/ By URL) resource locator for a Conta object with a numeric id. */
export function idLocator(options: LocatorOptions): INodeProperties {
	const urlModes = options.url
		? [
				{
					displayName: 'By URL',
					name: 'url',
					type: 'string' as const,
					placeholder: options.url.placeholder,
					extractValue: { type: 'regex' as const, regex: options.url.regex },
					validation: [
						{
							type: 'regex' as const,
							properties: {
								regex: options.url.regex,
								errorMessage: `Not a Conta ${options.displayName.toLowerCase()} link`,
							},
						},
					],
				},
			]
		: [];
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder ?? '42',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[1-9][0-9]*$', errorMessage: 'An ID is a positive whole number' },
					},
				],
			},
			...urlModes,
		],
	};
}

/**
 * The numeric id in parameter `name` for item `i` (resource locator or plain field), checked with
 * `digitId` before it goes into a path.
 */
export function getIdParameter(ctx: IExecuteFunctions, name: string, i: number, label: string): string {
	return validateId(ctx, ctx.getNodeParameter(name, i, '', { extractValue: true }), i, label);
}

/** `value` checked with `digitId` (an error naming `label` and item `i`), as its exact digit string. */
export function validateId(ctx: IExecuteFunctions, value: unknown, i: number, label: string): string {
	return validate(ctx, z.object({ id: z.preprocess((v) => v ?? undefined, digitId) }), { id: value }, i, { id: label }).id;
}

/** The id in parameter `name` for a JSON body: a number, refused when a JSON number can't hold it exactly. */
export function getJsonIdParameter(ctx: IExecuteFunctions, name: string, i: number, label: string): number {
	const id = getIdParameter(ctx, name, i, label);
	return validate(ctx, z.object({ id: jsonId }), { id }, i, { id: label }).id;
}

/**
 * Conta app links: `https://app.conta.no/faktura/{orgId}/fakturaer/{invoiceId}` (and the sandbox
 * host), optionally followed by `/…`, `?…` or `#…`; `…/fakturaer/7002abc` is not a link.
 */
export const INVOICE_URL_REGEX = 'https?://app\\.conta(?:-sandbox)?\\.no/faktura/[0-9]+/fakturaer/([0-9]+)(?:[/?#][^\\s]*)?$';

/**
 * The raw inputs of a Conta "Get Many" for item `i`: Return All, Limit (only when Return All is
 * off) and whichever of Filters, Options and Simplify the operation has. Validate the result.
 */
export function listInputs(
	ctx: IExecuteFunctions,
	i: number,
	extra: Array<'filters' | 'options' | 'simplify'> = [],
): Record<string, unknown> {
	const inputs: Record<string, unknown> = listParameters(ctx, i);
	for (const name of extra) {
		inputs[name] = name === 'simplify' ? ctx.getNodeParameter(name, i, true) : (ctx.getNodeParameter(name, i, {}) ?? {});
	}
	return inputs;
}

/** The entries of `sources` whose values are set (not undefined), later ones winning: a query or body. */
export function definedValues(...sources: IDataObject[]): IDataObject {
	const qs: IDataObject = {};
	for (const source of sources) {
		for (const [key, value] of Object.entries(source)) if (value !== undefined) qs[key] = value;
	}
	return qs;
}

/** The Simplify toggle: true/false, also as text from an expression; empty means the default, on. */
const simplifyRule = optionalBool.transform((value) => value ?? true);

/** The Simplify toggle for item `i` (see `simplifyRule`). */
export function readSimplify(ctx: IExecuteFunctions, i: number): boolean {
	return validate(ctx, z.object({ simplify: simplifyRule }), { simplify: ctx.getNodeParameter('simplify', i, true) }, i, { simplify: 'Simplify' }).simplify;
}
