/**
 * `models:/` URIs of the model registry, as MLflow's `_parse_model_uri` reads them. Pure
 * string work.
 */

export type ModelsUri =
  | { readonly kind: 'version'; readonly name: string; readonly version: string }
  | { readonly kind: 'alias'; readonly name: string; readonly alias: string }
  | { readonly kind: 'stage'; readonly name: string; readonly stage: string };

/** True for a URI with the `models:` scheme. */
export function isModelsUri(uri: string): boolean {
  return /^models:/i.test(uri);
}

/**
 * Reads `models:/<name>/<version>`, `models:/<name>/<stage>`, `models:/<name>/latest` (the
 * alias `latest`: the highest version) and `models:/<name>@<alias>`. Returns undefined for
 * anything else, including MLflow 3's logged-model form `models:/<model_id>`.
 *
 * @example parseModelsUri('models:/iris@champion'); // { kind: 'alias', name: 'iris', alias: 'champion' }
 */
export function parseModelsUri(uri: string): ModelsUri | undefined {
  const match = /^models:(?:\/\/[^/]*)?(\/[^?]*)/i.exec(uri);
  const path = match?.[1];
  if (path === undefined || path.length <= 1) return undefined;
  const parts = path.replace(/^\/+/, '').split('/');
  if (parts.length > 2 || parts[0]!.trim() === '') return undefined;
  if (parts.length === 2) {
    const [name, suffix] = parts as [string, string];
    if (suffix.trim() === '') return undefined;
    if (/^\d+$/.test(suffix)) return { kind: 'version', name, version: suffix };
    if (suffix.toLowerCase() === 'latest') return { kind: 'alias', name, alias: 'latest' };
    return { kind: 'stage', name, stage: suffix };
  }
  const at = parts[0]!.lastIndexOf('@');
  if (at <= 0 || at === parts[0]!.length - 1) return undefined;
  return { kind: 'alias', name: parts[0]!.slice(0, at), alias: parts[0]!.slice(at + 1) };
}

/** `models:/<name>/<version>`. @example modelsUriOf('iris', '3') // 'models:/iris/3' */
export function modelsUriOf(name: string, version: string): string {
  return `models:/${name}/${version}`;
}
