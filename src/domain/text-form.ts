/**
 * A text file's form, kept through an edit: a leading UTF-8 byte order mark
 * and CRLF line ends. Editors work on the plain form (no BOM, LF only); the
 * result is given the original's form back, so a file written on Windows
 * stays as it was except for the lines that changed.
 */

export interface TextForm {
  bom: boolean;
  /** The file's first line end is CRLF. */
  crlf: boolean;
}

const BOM = "\uFEFF";

/** The form of `text` (no line end at all counts as LF). */
export function textForm(text: string): TextForm {
  const nl = text.indexOf("\n");
  return { bom: text.startsWith(BOM), crlf: nl > 0 && text[nl - 1] === "\r" };
}

/** `text` without its BOM and with LF line ends. */
export function plainText(text: string): string {
  return (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n/g, "\n");
}

/** Plain `text` (LF) given `form`: CRLF line ends and the BOM when the form has them. */
export function withForm(text: string, form: TextForm): string {
  const body = form.crlf ? text.replace(/\r?\n/g, "\r\n") : text;
  return form.bom && !body.startsWith(BOM) ? BOM + body : body;
}

/** Edit `text` in its plain form and give the result the original's form. */
export function keepingForm(text: string, edit: (plain: string) => string): string {
  return withForm(edit(plainText(text)), textForm(text));
}
