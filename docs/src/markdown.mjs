// @ts-check
// A deliberately small Markdown → HTML converter for the pages this site renders from repository
// Markdown (changelogs, the compatibility policy): ATX headings, paragraphs, `-`/`*`/`1.` lists,
// block quotes, fenced code, inline code, **bold**, *italic*, [links](url) and HTML comments
// (dropped). Everything else is escaped text, so the output never carries markup the source did not ask for.

/** @param {string} text */
export function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Lower-case, hyphenated id for a heading, the way GitHub derives anchors. */
/** @param {string} text */
export function slugify(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/**
 * @typedef {object} MarkdownOptions
 * @property {(href: string) => string | null} [rewriteLink] maps a link target to the href to emit;
 *   `null` renders the link text without a link (for targets that are not part of the site).
 */

/**
 * @param {string} text
 * @param {MarkdownOptions} options
 */
function inline(text, options) {
  /** @type {string[]} */
  const codeSpans = [];
  let out = text.replace(/`([^`]+)`/g, (_m, code) => {
    codeSpans.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codeSpans.length - 1}\u0000`;
  });
  out = escapeHtml(out);
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label, href) => {
    const target = options.rewriteLink ? options.rewriteLink(href.replace(/&amp;/g, '&')) : href;
    return target === null ? label : `<a href="${escapeHtml(target)}">${label}</a>`;
  });
  out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  out = out.replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>');
  out = out.replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL delimits the placeholders above.
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i) => codeSpans[Number(i)] ?? '');
}

/**
 * Converts Markdown to HTML. Headings get ids (see `slugify`).
 * @param {string} source
 * @param {MarkdownOptions} [options]
 * @returns {string}
 */
export function markdownToHtml(source, options = {}) {
  const lines = source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  /** @type {string[]} */
  const html = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = /^```\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !/^```\s*$/.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      i++;
      const cls = fence[1] ? ` class="language-${fence[1]}"` : '';
      html.push(`<pre><code${cls}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      const content = inline(heading[2] ?? '', options);
      html.push(`<h${level} id="${slugify(content)}">${content}</h${level}>`);
      i++;
      continue;
    }
    if (/^>\s?/.test(line)) {
      const body = [];
      while (i < lines.length && /^>\s?/.test(lines[i] ?? '')) body.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      html.push(`<blockquote>${markdownToHtml(body.join('\n'), options)}</blockquote>`);
      continue;
    }
    const listStart = /^([-*]|\d+\.)\s+/.exec(line);
    if (listStart) {
      const ordered = /\d/.test(listStart[1] ?? '');
      /** @type {string[]} */
      const items = [];
      while (i < lines.length) {
        const current = lines[i] ?? '';
        const item = /^([-*]|\d+\.)\s+(.*)$/.exec(current);
        if (item) {
          items.push(item[2] ?? '');
          i++;
        } else if (/^\s+\S/.test(current) && items.length > 0) {
          items[items.length - 1] += ` ${current.trim()}`;
          i++;
        } else break;
      }
      const tag = ordered ? 'ol' : 'ul';
      html.push(`<${tag}>${items.map((item) => `<li>${inline(item, options)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const paragraph = [];
    while (i < lines.length) {
      const current = lines[i] ?? '';
      if (paragraph.length > 0 && (current.trim() === '' || /^(#{1,6}\s|>|```|([-*]|\d+\.)\s+)/.test(current))) break;
      paragraph.push(current.trim());
      i++;
    }
    html.push(`<p>${inline(paragraph.join(' '), options)}</p>`);
  }
  return html.join('\n');
}
