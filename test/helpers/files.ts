import { crc32 } from 'node:zlib';
import { png } from './images';

/** A ZIP archive with stored (uncompressed) entries: local headers, central directory, end record. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An Office Open XML package of the given kind: what file-type reads is [Content_Types].xml. */
function openXml(dir: 'word' | 'xl' | 'ppt', main: string): Buffer {
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${dir}/main.xml" ContentType="application/vnd.openxmlformats-officedocument.${main}.main+xml"/></Types>`;
  return zip({ '[Content_Types].xml': types, [`${dir}/main.xml`]: '<x/>' });
}

/** Legacy Office (.doc/.xls/.ppt) is an OLE compound file: its 512-byte header is enough to detect. */
function compoundFile(): Buffer {
  const b = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  b.writeUInt16LE(0x003e, 24); // minor version
  b.writeUInt16LE(0x0003, 26); // major version 3
  b.writeUInt16LE(0xfffe, 28); // little-endian
  b.writeUInt16LE(9, 30); // 512-byte sectors
  return b;
}

/** One small, real file of every type C6 allows, with the type it must be stored as. */
export const allowedSamples = (): { name: string; bytes: Buffer; type: string }[] => [
  {
    name: 'report.pdf',
    bytes: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    type: 'application/pdf',
  },
  {
    name: 'letter.docx',
    bytes: openXml('word', 'wordprocessingml.document'),
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  {
    name: 'sheet.xlsx',
    bytes: openXml('xl', 'spreadsheetml.sheet'),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    name: 'slides.pptx',
    bytes: openXml('ppt', 'presentationml.presentation'),
    type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  { name: 'old.doc', bytes: compoundFile(), type: 'application/x-cfb' },
  { name: 'shot.png', bytes: png(), type: 'image/png' },
  {
    name: 'photo.jpg',
    bytes: Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0'),
      Buffer.alloc(64, 1),
      Buffer.from([0xff, 0xd9]),
    ]),
    type: 'image/jpeg',
  },
  {
    name: 'anim.gif',
    bytes: Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.from([0x3b])]),
    type: 'image/gif',
  },
  {
    name: 'pic.webp',
    bytes: Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([26, 0, 0, 0]),
      Buffer.from('WEBPVP8 '),
      Buffer.alloc(18, 0),
    ]),
    type: 'image/webp',
  },
  { name: 'logs.zip', bytes: zip({ 'hello.txt': 'hello' }), type: 'application/zip' },
  {
    name: 'logs.rar',
    bytes: Buffer.concat([Buffer.from('Rar!\x1a\x07\x00', 'latin1'), Buffer.alloc(32, 0)]),
    type: 'application/x-rar-compressed',
  },
  {
    name: 'notes.txt',
    bytes: Buffer.from('سلام، این یک یادداشت است.\nHello, plain text.\n'),
    type: 'text/plain; charset=utf-8',
  },
];
