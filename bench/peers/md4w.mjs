// md4w: md4c compiled to wasm (Zig build), Markdown only. Its Node default is the 'fast' build,
// which is what throughput is measured with; cold start and size use 'small' (see coldstart.mjs).
import { init, mdToHtml } from 'md4w';
import { MD4C_GFM_FLAG_NAMES } from './common.mjs';

export function createMd4w(variant) {
  return {
    id: `md4w-${variant}`,
    label: `md4w-${variant} (Markdown only)`,
    input: 'body',
    async create() {
      await init(variant);
      const options = { parseFlags: MD4C_GFM_FLAG_NAMES };
      return { render: (body) => mdToHtml(body, options) };
    },
  };
}

export default createMd4w('fast');
export const md4wSmall = createMd4w('small');
