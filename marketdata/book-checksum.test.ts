import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bookChecksum, crc32 } from "./book-checksum.ts";

describe("crc32", () => {
  it("equals zlib's on ASCII, UTF-8 and empty text", () => {
    for (const text of ["", "2:1.5,3:4|1:0.25", "héllo ₿", "x".repeat(1_000)]) {
      expect(crc32(text)).toBe(zlibCrc32(text) >>> 0);
    }
  });

  it("gives docs/LIVE.md's example for a book", () => {
    const checksum = bookChecksum(
      [{ price: "1", amount: "0.25" }],
      [
        { price: "2", amount: "1.5" },
        { price: "3", amount: "4" },
      ],
    );
    expect(checksum).toBe(String(zlibCrc32("2:1.5,3:4|1:0.25") >>> 0));
  });
});
