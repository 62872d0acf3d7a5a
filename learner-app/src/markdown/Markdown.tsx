import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { parseMarkdown, type Block, type Inline } from '@ajimi/core/text/safe-markdown';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'br':
        return <br key={i} />;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'code':
        return (
          <Box key={i} component="code" sx={{ fontFamily: 'monospace', bgcolor: 'action.hover', px: 0.5, borderRadius: 0.5 }}>
            {node.text}
          </Box>
        );
      case 'link':
        return (
          <Link key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow" color="inherit" sx={{ overflowWrap: 'anywhere' }}>
            {renderInline(node.children)}
          </Link>
        );
    }
  });
}

function renderBlock(block: Block, i: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return (
        <Box key={i} component="p" sx={{ m: 0 }}>
          {renderInline(block.children)}
        </Box>
      );
    case 'heading':
      return (
        <Box key={i} component="p" sx={{ m: 0, fontWeight: 700, fontSize: block.level === 1 ? '1.15em' : '1.05em' }}>
          {renderInline(block.children)}
        </Box>
      );
    case 'list':
      return (
        <Box key={i} component={block.ordered ? 'ol' : 'ul'} sx={{ m: 0, pl: 3 }}>
          {block.items.map((item, n) => (
            <li key={n}>{renderInline(item)}</li>
          ))}
        </Box>
      );
    case 'quote':
      return (
        <Box key={i} component="blockquote" sx={{ m: 0, pl: 1.5, borderLeft: '3px solid', borderColor: 'divider', color: 'text.secondary' }}>
          {block.children.map(renderBlock)}
        </Box>
      );
    case 'code':
      return (
        <Box key={i} component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontSize: '0.85em' }}>
          <code>{block.text}</code>
        </Box>
      );
    case 'rule':
      return <Box key={i} component="hr" sx={{ m: 0, border: 0, borderTop: '1px solid', borderColor: 'divider' }} />;
  }
}

/** A message body as safe Markdown: React elements only, so no markup in the text can run. */
export function Markdown({ source }: { source: string }) {
  return (
    <Box data-testid="message-body" sx={{ display: 'flex', flexDirection: 'column', gap: 1, overflowWrap: 'anywhere', lineHeight: 1.7 }}>
      {parseMarkdown(source).map(renderBlock)}
    </Box>
  );
}
