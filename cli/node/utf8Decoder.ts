/**
 * Node's UTF-8 decoder for the importers (shared/import's Utf8Decoder): TextDecoder's output and
 * errors, faster on ASCII. An all-ASCII slice is its own UTF-8 and its own Latin-1, so it is
 * copied into a one-byte string (`buffer.toString('latin1')`) instead of decoded: on the 552 MB
 * bench XES log, 64 KiB slices took 0.70–0.75 s through TextDecoder and 0.33–0.35 s this way
 * (`isAscii` included), most of what reading XES cost above its scan.
 *
 * The copy is only taken when TextDecoder could not have done anything else with the slice: it
 * holds no bytes of a character cut by the last slice it was given, and it is past the start of
 * its stream (where it would drop a BOM). Everything else goes through TextDecoder itself.
 */
import { Buffer, isAscii } from 'node:buffer';
import type { Utf8Decoder } from '../../shared/import';

export class NodeUtf8Decoder implements Utf8Decoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** TextDecoder has handed out text in this stream, so it will drop no BOM any more. */
  private pastStart = false;
  /**
   * TextDecoder may hold bytes of a cut character: the last byte it was given is not ASCII (what
   * it holds is the end of what it was given, and every byte of a multi-byte character is ≥ 0x80).
   */
  private mayHold = false;

  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string {
    const stream = options?.stream === true;
    if (bytes !== undefined && this.pastStart && !this.mayHold && isAscii(bytes)) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      if (!stream) this.end();
      return text;
    }
    const text = this.decoder.decode(bytes, options);
    if (!stream) {
      this.pastStart = this.mayHold = false; // TextDecoder starts a new stream
      return text;
    }
    if (text !== '') this.pastStart = true;
    if (bytes !== undefined && bytes.byteLength > 0) this.mayHold = bytes[bytes.byteLength - 1]! >= 0x80;
    return text;
  }

  /** Ends the stream in TextDecoder too (it holds nothing here), so the next one drops its BOM. */
  private end(): void {
    this.decoder.decode();
    this.pastStart = this.mayHold = false;
  }
}

/** For ImportOptions.utf8Decoder. */
export const nodeUtf8Decoder = (): Utf8Decoder => new NodeUtf8Decoder();
