/**
 * Package layout: an operation file (`nodes/**\/*.operation.ts`) exports only `description` and
 * `execute`; shared fields and value rules live in files named for what they hold.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..', '..');
const ALLOWED = ['description', 'execute'];

/** Every `*.operation.ts` under a folder, as paths relative to the package root. */
function operationFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return operationFiles(path);
		return entry.name.endsWith('.operation.ts') ? [relative(ROOT, path)] : [];
	});
}

const DECLARATION =
	/^export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:const\s+enum|const|let|var|function\s*\*?|class|type|interface|enum|namespace|module|import)\s+([A-Za-z_$][\w$]*)/;
const LIST = /^export\s+(?:type\s+)?\{([^}]*)\}/;

/** The names a file exports, read from its `export` statements (one entry per unreadable statement). */
function exportedNames(source: string): string[] {
	const names: string[] = [];
	for (const match of source.matchAll(/^[ \t]*(export\b[^\n]*(?:\n(?![ \t]*export\b)[^\n]*){0,20})/gm)) {
		const statement = match[1];
		const declared = DECLARATION.exec(statement);
		const list = LIST.exec(statement);
		if (declared) names.push(declared[1]);
		else if (list)
			for (const part of list[1].split(',')) {
				const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim();
				if (name) names.push(name);
			}
		else if (/^export\s+default\b/.test(statement)) names.push('default');
		else names.push(statement.split('\n')[0]);
	}
	return names;
}

describe('exportedNames', () => {
	it('reads every form of export statement', () => {
		const source = [
			'export const description = [];',
			'export async function execute() {}',
			'export function helper() {}',
			'export type Input = { a: string };',
			'export interface Shape {',
			'\ta: string;',
			'}',
			'export enum Kind { A }',
			'export class Thing {}',
			'export let counter = 0;',
			'export {',
			'\tone,',
			'\ttwo as three,',
			'};',
			'export type { Four } from "./four";',
			"export * from './five';",
			'export default 6;',
			'export const { seven } = eight;',
			'/** export const notAnExport = 1; */',
			"const text = 'export const alsoNot = 1';",
		].join('\n');
		expect(exportedNames(source)).toEqual([
			'description',
			'execute',
			'helper',
			'Input',
			'Shape',
			'Kind',
			'Thing',
			'counter',
			'one',
			'three',
			'Four',
			"export * from './five';",
			'default',
			'export const { seven } = eight;',
		]);
	});
});

describe('operation files', () => {
	const files = operationFiles(join(ROOT, 'nodes'));

	it('are found', () => {
		expect(files.length).toBeGreaterThan(20);
	});

	it.each(files)('%s exports only description and execute', (file) => {
		const names = exportedNames(readFileSync(join(ROOT, file), 'utf8'));
		expect([...names].sort()).toEqual(ALLOWED);
	});
});
