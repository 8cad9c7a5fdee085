// Compression for the package: brotli for the mini-program and raw/gzip/brotli sizes for the report.
//
//   node xtask/js/sizes.mjs brotli <in> <out>   writes <out> = brotli -q 11 of <in>
//   node xtask/js/sizes.mjs sizes <file>...     prints "<file>\t<raw>\t<gzip -9>\t<brotli -q 11>" per file
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });

const [mode, ...files] = process.argv.slice(2);
if (mode === 'brotli' && files.length === 2) {
  writeFileSync(files[1], brotli(readFileSync(files[0])));
} else if (mode === 'sizes' && files.length > 0) {
  for (const file of files) {
    const bytes = readFileSync(file);
    console.log([file, bytes.length, gzipSync(bytes, { level: 9 }).length, brotli(bytes).length].join('\t'));
  }
} else {
  console.error('usage: node sizes.mjs brotli <in> <out> | sizes <file>...');
  process.exit(2);
}
