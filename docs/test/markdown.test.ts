import { describe, expect, it } from 'vitest';
import { markdownToHtml, slugify } from '../src/markdown.mjs';

describe('markdownToHtml', () => {
  it('renders headings with ids, paragraphs, lists, emphasis and code', () => {
    const html = markdownToHtml(
      '# Title\n\nSome **bold** and *italic* `a<b`.\nSecond line.\n\n- one\n- two `x`\n\n1. first\n2. second',
    );
    expect(html).toBe(
      [
        '<h1 id="title">Title</h1>',
        '<p>Some <strong>bold</strong> and <em>italic</em> <code>a&lt;b</code>. Second line.</p>',
        '<ul><li>one</li><li>two <code>x</code></li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
      ].join('\n'),
    );
  });

  it('drops HTML comments and escapes raw HTML', () => {
    expect(markdownToHtml('<!-- generated -->\n<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('renders block quotes and fenced code', () => {
    expect(markdownToHtml('> **Note.** careful\n\n```ts\nconst a = 1 < 2;\n```')).toBe(
      '<blockquote><p><strong>Note.</strong> careful</p></blockquote>\n<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>',
    );
  });

  it('rewrites links, keeps absolute ones and unlinks targets the rewriter rejects', () => {
    const html = markdownToHtml('[policy](../docs/policy.md#v), [site](https://example.com/a?b=1&c=2), [repo](../src/x.ts)', {
      rewriteLink: (href) => (href.startsWith('https:') ? href : href.startsWith('../docs/') ? 'policy.html#v' : null),
    });
    expect(html).toBe('<p><a href="policy.html#v">policy</a>, <a href="https://example.com/a?b=1&amp;c=2">site</a>, repo</p>');
  });

  it('continues a list item on indented lines and terminates on any input', () => {
    expect(markdownToHtml('- a\n  continued\n    - nested\nafter')).toBe('<ul><li>a continued - nested</li></ul>\n<p>after</p>');
    expect(slugify('1.0.0 (2026-11-22)')).toBe('100-2026-11-22');
  });
});
