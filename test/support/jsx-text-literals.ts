import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Attributes a person reads or hears (hover text, placeholders, screen readers, a list's empty note). */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'label', 'aria-label', 'aria-description', 'aria-placeholder', 'empty']);
const LETTER = /\p{L}/u;

export interface TextLiteral {
  file: string;
  line: number;
  text: string;
}

/**
 * Words written into a component instead of taken from a message catalogue: JSX text with a letter in it, and string
 * or template literals a JSX child or a visible attribute shows (also through `?:`, `&&`, `??` and arrays). Keys given
 * to `t()` and values of other attributes (class names, test ids) are code, not text.
 */
export function jsxTextLiterals(source: string, file: string): TextLiteral[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: TextLiteral[] = [];
  const report = (node: ts.Node, text: string) => {
    if (LETTER.test(text)) found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim() });
  };
  // What a child or a visible attribute ends up showing, through the expressions that pass a value on unchanged.
  const shown = (expr: ts.Expression | undefined): void => {
    if (!expr) return;
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return report(expr, expr.text);
    if (ts.isTemplateExpression(expr)) return report(expr, [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)].join(' '));
    if (ts.isParenthesizedExpression(expr)) return shown(expr.expression);
    if (ts.isConditionalExpression(expr)) return [expr.whenTrue, expr.whenFalse].forEach(shown);
    if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(expr.operatorToken.kind)) {
      return shown(expr.right);
    }
    if (ts.isArrayLiteralExpression(expr)) return expr.elements.forEach((e) => shown(e as ts.Expression));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent)) shown(node.expression);
    else if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf))) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) report(init, init.text);
      else if (init && ts.isJsxExpression(init)) shown(init.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every `.tsx` file under `dir`, with the words written into it. */
export function jsxTextLiteralsUnder(dir: string, root = dir): TextLiteral[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsxTextLiteralsUnder(path, root);
    return path.endsWith('.tsx') ? jsxTextLiterals(readFileSync(path, 'utf8'), relative(root, path)) : [];
  });
}
