/**
 * Little-endian float32 samples from a byte stream that arrives in arbitrary pieces (a pipe's
 * chunks need not end on a sample): the bytes of a split sample are carried to the next piece.
 */
export class Float32ByteReader {
  private carry: Buffer = Buffer.alloc(0);

  read(chunk: Buffer): Float32Array {
    let buf = chunk;
    if (this.carry.length) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = Buffer.alloc(0);
    }
    const whole = buf.length - (buf.length % 4);
    if (whole < buf.length) this.carry = Buffer.from(buf.subarray(whole));
    const samples = new Float32Array(whole / 4);
    for (let i = 0; i < samples.length; i++) samples[i] = buf.readFloatLE(i * 4);
    return samples;
  }
}
