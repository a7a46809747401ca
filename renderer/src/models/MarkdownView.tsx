import { Fragment, type ReactNode } from 'react';
import { marked, type Token, type Tokens } from 'marked';

/**
 * Model cards come from outside (ML teams' bundles), so their Markdown is never turned
 * into HTML: marked only tokenises it, and each token becomes a React element. Raw HTML
 * and images are shown as text; links as text with their address.
 */

function inline(tokens: Token[] | undefined, fallback: string): ReactNode {
  if (!tokens) return fallback;
  return tokens.map((t, i) => {
    switch (t.type) {
      case 'strong':
        return <strong key={i}>{inline((t as Tokens.Strong).tokens, t.raw)}</strong>;
      case 'em':
        return <em key={i}>{inline((t as Tokens.Em).tokens, t.raw)}</em>;
      case 'codespan':
        return <code key={i}>{(t as Tokens.Codespan).text}</code>;
      case 'link': {
        const link = t as Tokens.Link;
        // An address written out in the text (an e-mail autolinked by marked) says itself once.
        const same = link.href === link.text || link.href === `mailto:${link.text}`;
        return (
          <Fragment key={i}>
            {inline(link.tokens, link.text)}
            {same ? '' : ` (${link.href})`}
          </Fragment>
        );
      }
      case 'br':
        return <br key={i} />;
      case 'text':
        return (t as Tokens.Text).tokens ? <Fragment key={i}>{inline((t as Tokens.Text).tokens, t.raw)}</Fragment> : <Fragment key={i}>{(t as Tokens.Text).text}</Fragment>;
      default:
        return <Fragment key={i}>{t.raw}</Fragment>;
    }
  });
}

function block(t: Token, i: number): ReactNode {
  switch (t.type) {
    case 'heading': {
      const depth = Math.min(6, (t as Tokens.Heading).depth + 2);
      const Tag = `h${depth}` as 'h3';
      return <Tag key={i}>{inline((t as Tokens.Heading).tokens, (t as Tokens.Heading).text)}</Tag>;
    }
    case 'paragraph':
      return <p key={i}>{inline((t as Tokens.Paragraph).tokens, (t as Tokens.Paragraph).text)}</p>;
    case 'list': {
      const list = t as Tokens.List;
      const items = list.items.map((item, j) => <li key={j}>{item.tokens.map((child, k) => (child.type === 'text' ? inline((child as Tokens.Text).tokens, child.raw) : block(child, k)))}</li>);
      return list.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
    case 'code':
      return (
        <pre key={i}>
          <code>{(t as Tokens.Code).text}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={i}>{(t as Tokens.Blockquote).tokens.map(block)}</blockquote>;
    case 'table': {
      const table = t as Tokens.Table;
      return (
        <table key={i} className="data compact">
          <thead>
            <tr>
              {table.header.map((h, j) => (
                <th key={j} scope="col">
                  {inline(h.tokens, h.text)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, j) => (
              <tr key={j}>
                {row.map((cell, k) => (
                  <td key={k}>{inline(cell.tokens, cell.text)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'space':
    case 'hr':
      return null;
    default:
      return (
        <p key={i} className="muted">
          {t.raw}
        </p>
      );
  }
}

export function MarkdownView({ text }: { text: string }) {
  return <div className="markdown">{marked.lexer(text).map(block)}</div>;
}
