#include "renderer.h"

#include <spng.h>
// clang-format off
#include <csetjmp>
#include <cstdio>  // jpeglib.h needs FILE first
#include <jpeglib.h>
// clang-format on
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <cstdio>

namespace facsim::render {

std::unique_ptr<Renderer> make_cpu_renderer(int threads);
Result<std::unique_ptr<Renderer>> make_vulkan_renderer(const RendererDesc& desc);

const char* backend_name(Backend b) { return b == Backend::cpu ? "cpu" : "vulkan"; }

Result<Backend> parse_backend(std::string_view s) {
  if (s == "cpu") return Backend::cpu;
  if (s == "vulkan") return Backend::vulkan;
  return Error{Errc::invalid_argument, "unknown backend '" + std::string(s) + "' (cpu|vulkan)"};
}

Result<std::unique_ptr<Renderer>> create_renderer(const RendererDesc& desc) {
  if (desc.backend == Backend::cpu) {
    if (desc.export_frames)
      return Error{Errc::invalid_argument, "only the Vulkan backend exports its frames (export_frames)"};
    return make_cpu_renderer(desc.threads);
  }
  return make_vulkan_renderer(desc);
}

Result<ExportInfo> Renderer::exported() const {
  return Error{Errc::invalid_argument, "frames are exported by the Vulkan backend created with export_frames"};
}
Result<int> Renderer::export_memory_fd() { return exported().error(); }
Result<int> Renderer::export_semaphore_fd() { return exported().error(); }

uint64_t frame_hash(const uint8_t* data, size_t bytes) { return XXH64(data, bytes, 0); }

std::string hash_hex(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<PixelFormat> parse_pixel_format(std::string_view s) {
  if (s == "rgba") return PixelFormat::rgba;
  if (s == "rgb") return PixelFormat::rgb;
  return Error{Errc::invalid_argument, "unknown pixel format '" + std::string(s) + "' (rgba|rgb)"};
}

void rgba_to_rgb(const uint8_t* rgba, size_t pixels, uint8_t* rgb) {
  // Four pixels at a time: three 32-bit words out of four in (little-endian words; a byte loop
  // was a quarter of a /batch/step with 64 frames of 640x400).
  static_assert(std::endian::native == std::endian::little);
  size_t i = 0;
  for (; i + 4 <= pixels; i += 4) {
    uint32_t p[4];
    std::memcpy(p, rgba + i * 4, 16);
    const uint32_t o[3] = {(p[0] & 0xFFFFFFu) | (p[1] << 24), ((p[1] >> 8) & 0xFFFFu) | (p[2] << 16),
                           ((p[2] >> 16) & 0xFFu) | (p[3] << 8)};
    std::memcpy(rgb + i * 3, o, 12);
  }
  for (; i < pixels; ++i) {
    rgb[i * 3] = rgba[i * 4];
    rgb[i * 3 + 1] = rgba[i * 4 + 1];
    rgb[i * 3 + 2] = rgba[i * 4 + 2];
  }
}

Result<std::vector<uint8_t>> encode_png(const uint8_t* rgba, int w, int h, const PngOptions& o) {
  if (w <= 0 || h <= 0) return Error{Errc::invalid_argument, "png: empty image"};
  const size_t pixels = size_t(w) * size_t(h);
  std::vector<uint8_t> rgb;
  const uint8_t* data = rgba;
  size_t bytes = pixels * 4;
  if (o.format == PixelFormat::rgb) {
    rgb.resize(pixels * 3);
    rgba_to_rgb(rgba, pixels, rgb.data());
    data = rgb.data();
    bytes = rgb.size();
  }
  spng_ctx* ctx = spng_ctx_new(SPNG_CTX_ENCODER);
  if (!ctx) return Error{Errc::io, "spng_ctx_new failed"};
  spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1);
  spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, std::clamp(o.level, 0, 9));
  spng_set_option(ctx, SPNG_FILTER_CHOICE,
                  o.filter_up ? SPNG_FILTER_CHOICE_UP : SPNG_FILTER_CHOICE_NONE);
  spng_ihdr ihdr{};
  ihdr.width = uint32_t(w);
  ihdr.height = uint32_t(h);
  ihdr.bit_depth = 8;
  ihdr.color_type = o.format == PixelFormat::rgb ? SPNG_COLOR_TYPE_TRUECOLOR
                                                 : SPNG_COLOR_TYPE_TRUECOLOR_ALPHA;
  spng_set_ihdr(ctx, &ihdr);
  int rc = spng_encode_image(ctx, data, bytes, SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE);
  if (rc) {
    spng_ctx_free(ctx);
    return Error{Errc::io, std::string("png encode: ") + spng_strerror(rc)};
  }
  size_t len = 0;
  int err = 0;
  auto* buf = static_cast<uint8_t*>(spng_get_png_buffer(ctx, &len, &err));
  spng_ctx_free(ctx);
  if (!buf) return Error{Errc::io, "png buffer missing"};
  std::vector<uint8_t> out(buf, buf + len);
  free(buf);
  return out;
}

Result<Image> decode_png(std::span<const uint8_t> png) {
  spng_ctx* ctx = spng_ctx_new(0);
  if (!ctx) return Error{Errc::io, "spng_ctx_new failed"};
  Image img;
  spng_ihdr ihdr{};
  size_t size = 0;
  int rc = spng_set_png_buffer(ctx, png.data(), png.size());
  if (!rc) rc = spng_get_ihdr(ctx, &ihdr);
  if (!rc) rc = spng_decoded_image_size(ctx, SPNG_FMT_RGBA8, &size);
  if (!rc) {
    img.width = int(ihdr.width);
    img.height = int(ihdr.height);
    img.rgba.resize(size);
    rc = spng_decode_image(ctx, img.rgba.data(), size, SPNG_FMT_RGBA8, 0);
  }
  spng_ctx_free(ctx);
  if (rc) return Error{Errc::invalid_argument, std::string("png decode: ") + spng_strerror(rc)};
  return img;
}

namespace {
struct JpegErr {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
};
// Fills `out` (malloc'd by libjpeg) or returns false. No C++ object with a destructor lives
// in here: libjpeg reports errors by longjmp.
bool jpeg_into(const uint8_t* rgba, int w, int h, int quality, unsigned char** out,
               unsigned long* size) {
  jpeg_compress_struct c{};
  JpegErr err;
  c.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = [](j_common_ptr ci) {
    std::longjmp(reinterpret_cast<JpegErr*>(ci->err)->jump, 1);
  };
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&c);
    return false;
  }
  jpeg_create_compress(&c);
  jpeg_mem_dest(&c, out, size);
  c.image_width = JDIMENSION(w);
  c.image_height = JDIMENSION(h);
  c.input_components = 4;
  c.in_color_space = JCS_EXT_RGBA;  // libjpeg-turbo reads RGBA rows as they are
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, quality, TRUE);
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < c.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(rgba + size_t(c.next_scanline) * size_t(w) * 4);
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  return true;
}
}  // namespace

Result<std::vector<uint8_t>> encode_jpeg(const uint8_t* rgba, int w, int h, int quality) {
  if (w <= 0 || h <= 0) return Error{Errc::invalid_argument, "jpeg: empty image"};
  if (quality < 1 || quality > 100) return Error{Errc::invalid_argument, "jpeg: quality is 1..100"};
  unsigned char* out = nullptr;
  unsigned long size = 0;
  const bool ok = jpeg_into(rgba, w, h, quality, &out, &size);
  std::vector<uint8_t> bytes;
  if (ok) bytes.assign(out, out + size);
  std::free(out);
  if (!ok) return Error{Errc::internal, "jpeg encoding failed"};
  return bytes;
}

Status write_png(const std::string& path, const uint8_t* rgba, int w, int h) {
  auto png = encode_png(rgba, w, h);
  if (!png) return png.error();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Error{Errc::io, "cannot write " + path};
  bool ok = std::fwrite(png->data(), 1, png->size(), f) == png->size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) return Error{Errc::io, "short write to " + path};
  return {};
}

}  // namespace facsim::render
