// A small multipart/form-data reader, tolerant of grammY's compact part headers: the
// Bot API stand-ins read uploads with it, and so does the Zalo adapter (src/zalo/),
// which receives the Zalo bot's API calls as grammY sends them.

export type Fields = Record<string, string | UploadedFile>;
export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "data" in value && "filename" in value;
}

export function headerParam(header: string, name: string): string | undefined {
  // name="quoted value" or name=bare value (grammY writes filename=... unquoted).
  const quoted = new RegExp(`(?:^|;)\\s*${name}="([^"]*)"`, "i").exec(header);
  if (quoted) return quoted[1];
  const bare = new RegExp(`(?:^|;)\\s*${name}=([^;\\r\\n]*)`, "i").exec(header);
  return bare ? bare[1]!.trim() : undefined;
}

/** The fields of a multipart body: text, or a file with its name. */
export function parseMultipart(body: Buffer, contentType: string): Fields {
  const boundary = headerParam(contentType, "boundary");
  if (!boundary) throw new Error("multipart without boundary");
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Fields = {};
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let partStart = start + delimiter.length;
    if (body[partStart] === 0x2d && body[partStart + 1] === 0x2d) break; // closing "--"
    if (body[partStart] === 0x0d && body[partStart + 1] === 0x0a) partStart += 2;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    let partEnd = next;
    if (body[partEnd - 2] === 0x0d && body[partEnd - 1] === 0x0a) partEnd -= 2;
    const part = body.subarray(partStart, partEnd);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const content = part.subarray(headerEnd + 4);
      const disposition = headers.split("\r\n").find((line) => line.toLowerCase().startsWith("content-disposition")) ?? "";
      const name = headerParam(disposition, "name");
      const filename = headerParam(disposition, "filename");
      if (name !== undefined) {
        fields[name] = filename !== undefined ? { filename, data: Buffer.from(content) } : content.toString("utf8");
      }
    }
    start = next;
  }
  return fields;
}
