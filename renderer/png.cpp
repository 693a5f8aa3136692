// PngEncoder: PNG screenshots that cost what changed. A PNG's image data is one zlib stream,
// but it may be split over any number of IDAT chunks, and a deflate stream may be a run of
// independent pieces: each band of rows is compressed by a fresh raw deflate stream ended with
// a sync flush (byte-aligned, not final), so a band's bytes depend on its pixels alone and can
// be kept from one call to the next. The stream ends with an empty final block (03 00) and the
// adler32 of all rows, combined from the bands' own.
#include <zlib.h>
#include <xxhash.h>

#include <cstring>

#include "renderer.h"

namespace facsim::render {
namespace {

void put32(std::vector<uint8_t>& out, uint32_t v) {
  out.push_back(uint8_t(v >> 24));
  out.push_back(uint8_t(v >> 16));
  out.push_back(uint8_t(v >> 8));
  out.push_back(uint8_t(v));
}

// A whole chunk: length, type, data, CRC of type and data.
void put_chunk(std::vector<uint8_t>& out, const char type[4], const uint8_t* data, size_t n) {
  put32(out, uint32_t(n));
  const size_t at = out.size();
  out.insert(out.end(), type, type + 4);
  if (n) out.insert(out.end(), data, data + n);
  put32(out, uint32_t(crc32(0, out.data() + at, uInt(4 + n))));
}

}  // namespace

struct PngEncoder::Impl {
  struct Band {
    uint64_t hash = 0;
    uint32_t adler = 1;
    size_t raw = 0;                 // uncompressed bytes (filter byte + RGB per row)
    std::vector<uint8_t> chunk;     // the whole IDAT chunk
  };
  int w = 0, h = 0;
  std::vector<Band> bands;
  int compressed = 0;
  z_stream z{};
  bool z_ready = false;
  std::vector<uint8_t> rows;        // scratch: one band's filter bytes and RGB

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (z_ready) deflateEnd(&z);
  }
  bool ensure_stream() {
    if (z_ready) return true;
    z_ready = deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    return z_ready;
  }
  // Compresses rows [y0, y1) of the frame into band b.
  bool compress(const uint8_t* rgba, int y0, int y1, Band& b) {
    const size_t stride = 1 + size_t(w) * 3;
    b.raw = stride * size_t(y1 - y0);
    rows.resize(b.raw);
    uint8_t* o = rows.data();
    for (int y = y0; y < y1; ++y) {
      *o++ = 0;  // filter: none
      rgba_to_rgb(rgba + size_t(y) * size_t(w) * 4, size_t(w), o);
      o += size_t(w) * 3;
    }
    b.adler = uint32_t(adler32(1, rows.data(), uInt(b.raw)));
    if (!ensure_stream() || deflateReset(&z) != Z_OK) return false;
    const size_t bound = deflateBound(&z, uLong(b.raw)) + 16;
    b.chunk.resize(8 + bound + 4);
    z.next_in = rows.data();
    z.avail_in = uInt(b.raw);
    z.next_out = b.chunk.data() + 8;
    z.avail_out = uInt(bound);
    // (avail_out 0: deflate may hold more; the bound rules it out, but never emit a cut stream)
    if (deflate(&z, Z_SYNC_FLUSH) != Z_OK || z.avail_in != 0 || z.avail_out == 0) return false;
    const size_t n = bound - z.avail_out;
    b.chunk.resize(8 + n);
    std::vector<uint8_t> head;
    put32(head, uint32_t(n));
    std::memcpy(b.chunk.data(), head.data(), 4);
    std::memcpy(b.chunk.data() + 4, "IDAT", 4);
    const uint32_t crc = uint32_t(crc32(0, b.chunk.data() + 4, uInt(4 + n)));
    put32(b.chunk, crc);
    b.chunk.shrink_to_fit();  // kept until the band changes: no slack
    return true;
  }
};

PngEncoder::PngEncoder() : impl_(std::make_unique<Impl>()) {}
PngEncoder::~PngEncoder() = default;
PngEncoder::PngEncoder(PngEncoder&&) noexcept = default;
PngEncoder& PngEncoder::operator=(PngEncoder&&) noexcept = default;
int PngEncoder::bands_compressed() const { return impl_->compressed; }

size_t PngEncoder::bytes() const {
  size_t n = impl_->rows.capacity();
  for (const auto& b : impl_->bands) n += sizeof b + b.chunk.capacity();
  return n;
}

void PngEncoder::clear() { impl_ = std::make_unique<Impl>(); }

Result<std::vector<uint8_t>> PngEncoder::encode(const uint8_t* rgba, int w, int h) {
  if (w <= 0 || h <= 0) return Error{Errc::invalid_argument, "png: empty image"};
  Impl& m = *impl_;
  if (m.w != w || m.h != h) {
    m.bands.assign(size_t((h + kPngBandRows - 1) / kPngBandRows), {});
    m.w = w;
    m.h = h;
    for (auto& b : m.bands) b.hash = ~uint64_t(0);  // never a match before the first encode
  }
  m.compressed = 0;
  const size_t row_bytes = size_t(w) * 4;
  for (size_t i = 0; i < m.bands.size(); ++i) {
    const int y0 = int(i) * kPngBandRows, y1 = std::min(h, y0 + kPngBandRows);
    const uint8_t* p = rgba + size_t(y0) * row_bytes;
    const uint64_t hash = XXH3_64bits(p, row_bytes * size_t(y1 - y0));
    Impl::Band& b = m.bands[i];
    if (hash == b.hash && !b.chunk.empty()) continue;
    if (!m.compress(rgba, y0, y1, b)) {
      m.bands.clear();
      m.w = m.h = 0;
      return Error{Errc::internal, "png: deflate failed"};
    }
    b.hash = hash;
    ++m.compressed;
  }
  // Signature, IHDR (8-bit RGB), the zlib header, the bands, the end of the stream, IEND.
  size_t total = 8 + 25 + 14 + 18 + 12;
  for (const auto& b : m.bands) total += b.chunk.size();
  std::vector<uint8_t> out;
  out.reserve(total);
  static constexpr uint8_t kSig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  out.insert(out.end(), kSig, kSig + 8);
  std::vector<uint8_t> ihdr;
  put32(ihdr, uint32_t(w));
  put32(ihdr, uint32_t(h));
  for (uint8_t v : {8, 2, 0, 0, 0}) ihdr.push_back(v);  // depth, truecolour, deflate, filter, no interlace
  put_chunk(out, "IHDR", ihdr.data(), ihdr.size());
  static constexpr uint8_t kZlibHead[2] = {0x78, 0x01};  // deflate, 32 KiB window, fastest
  put_chunk(out, "IDAT", kZlibHead, 2);
  uint32_t adler = 1;
  for (const auto& b : m.bands) {
    out.insert(out.end(), b.chunk.begin(), b.chunk.end());
    adler = uint32_t(adler32_combine(adler, b.adler, z_off_t(b.raw)));
  }
  std::vector<uint8_t> tail = {0x03, 0x00};  // an empty final block (fixed Huffman)
  put32(tail, adler);
  put_chunk(out, "IDAT", tail.data(), tail.size());
  put_chunk(out, "IEND", nullptr, 0);
  return out;
}

}  // namespace facsim::render
