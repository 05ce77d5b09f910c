import { isCollection, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';

/** `{{ .Name }}`, `{{ replace .Name "-" " " }}`, `{% … %}`: template expressions of site generators. */
export const TEMPLATE_EXPRESSION = /\{\{[^\n]*\}\}|\{%[^\n]*%\}/;
/** A value that is a bare template expression (`date: {{ .Date }}`), which YAML would read as a mapping. */
export const UNQUOTED_TEMPLATE = /(^|\n)\s*(-\s+|[\w.-]+:\s+)?(\{\{[^\n]*\}\}|\{%[^\n]*%\})/;

const UNCLOSED_QUOTE = /^Missing closing .quote$/;
const UNCLOSED_FLOW = /end with a ([\]}])$/;

/**
 * Where the problem behind a YAML error starts. `yaml` reports an unclosed quote or flow
 * collection where it gave up, often the last line of the block; the line to fix is the one where
 * the quote or bracket was opened, so those errors move to the start of the innermost such node.
 */
export function problemStart(doc: Document, error: YAMLError): number {
  const at = error.pos[0];
  const quote = UNCLOSED_QUOTE.test(error.message);
  const bracket = UNCLOSED_FLOW.exec(error.message)?.[1];
  if (!quote && !bracket) return at;
  let start: number | undefined;
  visit(doc, (_key, node) => {
    let range: [number, number, number] | null | undefined;
    if (quote && isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) range = node.range;
    if (bracket && isCollection(node) && node.flow && isSeq(node) === (bracket === ']')) range = node.range;
    if (range && range[0] < at && at <= range[1] && (start === undefined || range[0] > start)) start = range[0];
  });
  return start ?? at;
}


/**
 * The file line where the first syntax problem of front matter YAML starts, as `parseFrontMatter`
 * reports it (`firstLine` is the file line of the first YAML line); `firstLine` when the YAML has no
 * problem or holds site template expressions, which are not YAML yet.
 */
export function firstProblemLine(yamlText: string, firstLine: number): number {
  if (UNQUOTED_TEMPLATE.test(yamlText) || TEMPLATE_EXPRESSION.test(yamlText)) return firstLine;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  return error ? firstLine + lineCounter.linePos(problemStart(doc, error)).line - 1 : firstLine;
}
