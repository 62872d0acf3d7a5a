import { Box, Divider, Typography } from '@mui/material';
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

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
    }
  });

const HEADING_VARIANT = { 1: 'h5', 2: 'h6', 3: 'subtitle1', 4: 'subtitle2', 5: 'subtitle2', 6: 'subtitle2' } as const;

/** Renders principle Markdown as React elements (never as HTML), so the preview is safe by construction. */
export const MarkdownPreview = ({ source, emptyText }: { source: string; emptyText?: string }) => {
  const blocks = useMemo(() => parseMarkdown(source ?? ''), [source]);
  if (blocks.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {emptyText}
      </Typography>
    );
  }
  return (
    <Box data-testid="markdown-preview" sx={{ '& > *:first-of-type': { mt: 0 } }}>
      {blocks.map((block, i) => {
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
              <Typography key={i} variant="body2" component="blockquote" sx={{ borderLeft: 3, borderColor: 'divider', pl: 2, ml: 0, color: 'text.secondary' }}>
                {renderInline(block.children)}
              </Typography>
            );
          case 'rule':
            return <Divider key={i} sx={{ my: 2 }} />;
        }
      })}
    </Box>
  );
};
