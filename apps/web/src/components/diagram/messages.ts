// The process diagram's messages: spread into apps/web/src/i18n/zh-CN.ts and en.ts.
export const diagramMessages = {
  'zh-CN': {
    'diagram.loading': '正在加载流程图…',
    'diagram.noLayout': '这个版本没有图形布局信息，无法显示流程图。',
    'diagram.failed': '无法显示流程图：{message}',
    'diagram.zoomIn': '放大',
    'diagram.zoomOut': '缩小',
    'diagram.fit': '适应窗口',
  },
  en: {
    'diagram.loading': 'Loading the diagram…',
    'diagram.noLayout': 'This version has no layout, so its diagram cannot be shown.',
    'diagram.failed': 'The diagram cannot be shown: {message}',
    'diagram.zoomIn': 'Zoom in',
    'diagram.zoomOut': 'Zoom out',
    'diagram.fit': 'Fit to window',
  },
} as const;
