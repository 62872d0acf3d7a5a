import { Box, Divider, Link, Typography } from '@mui/material';
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from '@ajimi/core/text/safe-markdown';

const renderInline = (nodes: Inline[]): ReactNode =>
  nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
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
      case 'br':
        return <br key={i} />;
      case 'link':
        return (
          <Link key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {renderInline(node.children)}
          </Link>
        );
    }
  });

const HEADING_VARIANT = { 1: 'h5', 2: 'h6', 3: 'subtitle1', 4: 'subtitle2', 5: 'subtitle2', 6: 'subtitle2' } as const;

/** Renders principle Markdown as React elements (never as HTML), so the preview is safe by construction. */
export const MarkdownPreview = ({ source, emptyText, testId = 'markdown-preview' }: { source: string; emptyText?: string; testId?: string }) => {
  const blocks = useMemo(() => parseMarkdown(source ?? ''), [source]);
  if (blocks.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {emptyText}
      </Typography>
    );
  }
  return (
    <Box data-testid={testId} sx={{ '& > *:first-of-type': { mt: 0 } }}>
      {blocks.map(renderBlock)}
    </Box>
  );
};

function renderBlock(block: Block, i: number): ReactNode {
  switch (block.type) {
    case 'heading':
      return (
        <Typography key={i} variant={HEADING_VARIANT[block.level]} component={`h${Math.min(block.level + 2, 6)}` as 'h3'} sx={{ mt: 2, mb: 1 }}>
          {renderInline(block.children)}
        </Typography>
      );
    case 'paragraph':
      return (
        <Typography key={i} variant="body2" paragraph>
          {renderInline(block.children)}
        </Typography>
      );
    case 'list':
      return (
        <Box key={i} component={block.ordered ? 'ol' : 'ul'} sx={{ pl: 3, my: 1 }}>
          {block.items.map((item, j) => (
            <Typography key={j} component="li" variant="body2">
              {renderInline(item)}
            </Typography>
          ))}
        </Box>
      );
    case 'quote':
      return (
        <Box key={i} component="blockquote" sx={{ borderLeft: 3, borderColor: 'divider', pl: 2, ml: 0, color: 'text.secondary' }}>
          {block.children.map(renderBlock)}
        </Box>
      );
    case 'code':
      return (
        <Box key={i} component="pre" sx={{ p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontSize: '0.85em' }}>
          <code>{block.text}</code>
        </Box>
      );
    case 'rule':
      return <Divider key={i} sx={{ my: 2 }} />;
  }
}
