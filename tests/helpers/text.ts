/** Text normalisation shared by the fidelity and content tests. */

/** Folds the differences that do not change what a sentence says: spacing, hyphen forms, NBSP. */
export function normalise(text: string): string {
  return text
    .replace(/[\u2011\u2010]/g, '-')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Joins a PDF's text lines back into running text: a line ending in a hyphen, or in the slash of a
 * web address broken after it, joins without a space.
 */
export function joinLines(text: string): string {
  return text
    .replace(/\f/g, '\n')
    .replace(/-\n/g, '-')
    .replace(/(\S\/)\n(?=[\w-])/g, '$1')
    .replace(/\n/g, ' ');
}

/** The visible text of an HTML page: tags dropped, entities decoded, styles and scripts removed. */
export function htmlText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<\/(p|li|h\d|th|td|caption|figcaption|div|section|article|header|footer|nav|tr)>/g, '$& ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
