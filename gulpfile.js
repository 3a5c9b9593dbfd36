const path = require('path');
const { src, dest } = require('gulp');

/** Copy node and credential icons next to the compiled files, and the shared icons folder into dist/. */
function buildIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist')));
}

exports['build:icons'] = buildIcons;
