// renderer: display lists in, RGBA8 frames out - a batch at a time, identical bytes on every
// backend (CPU reference, Vulkan on lavapipe, Vulkan on NVIDIA).
//
// How to use:
//   render::DisplayList dl;  dl.fill_rect(render::rect_px(0, 0, 1280, 800), 0xFFFFFFFF);
//   dl.text(20, 40, "Inbox", assets::font_atlas().face_index(14, 700), 0xFF202124);
//   auto r = render::create_renderer({.backend = render::Backend::vulkan});
//   std::vector<uint8_t> frames(n * w * h * 4);  (*r)->render(lists, w, h, frames.data());
//   uint64_t hash = render::frame_hash(frames.data(), w * h * 4);
// Geometry is fixed point (1/16 px, "Q4"); coverage and blending are integer-only, so the
// CPU stages in cpu_raster.cpp and the compute shader shaders/raster.comp (same stage names:
// bin, raster_tile) produce the same bytes. renderer.h never includes vulkan.h.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base.h"

struct DLManagedTensor;  // DLPack's (renderer/dlpack.h), for CudaFrames

namespace facsim::render {

constexpr int kTile = 16;         // tile edge in pixels
constexpr int kMaxWidth = 1920;   // any size up to 1920x1200 works
constexpr int kMaxHeight = 1200;

// Colours are RGBA8 packed with red in the low byte (the byte order of the frame),
// straight (not premultiplied) alpha. rgb(0x20,0x21,0x24) -> 0xFF242120.
constexpr uint32_t rgba(uint32_t r, uint32_t g, uint32_t b, uint32_t a = 255) {
  return r | (g << 8) | (b << 16) | (a << 24);
}
constexpr uint32_t hex(uint32_t rrggbb, uint32_t a = 255) {
  return rgba((rrggbb >> 16) & 255, (rrggbb >> 8) & 255, rrggbb & 255, a);
}

struct RectQ4 {  // [x0, x1) x [y0, y1) in 1/16 px
  int32_t x0, y0, x1, y1;
};
constexpr RectQ4 rect_px(int x, int y, int w, int h) {
  return {x * 16, y * 16, (x + w) * 16, (y + h) * 16};
}
struct IRect {  // integer pixels, [x0, x1) x [y0, y1)
  int32_t x0, y0, x1, y1;
  bool operator==(const IRect& o) const {  // memberwise (a defaulted one may call memcmp)
    return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1;
  }
};

enum PrimKind : uint32_t {
  kPrimRect = 0,      // filled rounded rect
  kPrimBorder = 1,    // ring between the rounded rect and its inset by per-side widths
  kPrimGlyph = 2,     // coverage bitmap from the glyph atlas
  kPrimImage = 3,     // RGBA atlas rect, bilinear, stretched over the (rounded) rect
  kPrimGradient = 4,  // two-stop linear gradient filling the rounded rect
  kPrimShadow = 5,    // Gaussian-blurred rounded rect (box-shadow)
};

// One primitive, 64 bytes. Keep in sync with struct Prim in shaders/raster.comp.
struct Prim {
  uint32_t kind;
  uint32_t color;          // RGBA8 straight alpha (gradient: start colour)
  int32_t x0, y0, x1, y1;  // Q4 shape rect; glyphs: integer pixel destination rect
  uint32_t r01, r23;       // Q4 corner radii, 16 bits each: top-left | top-right << 16,
                           // bottom-right | bottom-left << 16
  uint32_t c01, c23;       // clip rect, integer pixels: x0 | y0 << 16, x1 | y1 << 16
  uint32_t clip_radius;    // Q4 corner radius of the clip (rounded clip); 0 = square
  // Kind-specific:  border: p0 = left | top << 16, p1 = right | bottom << 16 (Q4 widths)
  //   glyph: p0, p1 = atlas x, y      image: p0 = x | y << 16, p1 = w | h << 16, p2 = opacity
  //   gradient: p0 = end colour; t (Q16) = p1 * px + p2 * py + p3 (int32)
  //   shadow: p0 = sigma (Q4)
  uint32_t p0, p1, p2, p3, p4;
};
static_assert(sizeof(Prim) == 64);

struct Radii {  // Q4 corner radii
  int32_t tl = 0, tr = 0, br = 0, bl = 0;
};
constexpr Radii radii(int32_t all_q4) { return {all_q4, all_q4, all_q4, all_q4}; }
struct EdgesQ4 {  // Q4 per-side widths
  int32_t l = 0, t = 0, r = 0, b = 0;
};
struct PointQ4 {
  int32_t x = 0, y = 0;
};

// Records primitives in paint order. Clip and opacity are stacks applied to everything
// recorded while they are pushed. Degenerate and fully transparent primitives are dropped.
class DisplayList {
 public:
  void clear();
  void fill_rect(RectQ4 r, uint32_t color, int32_t radius_q4 = 0);
  void fill_rect(RectQ4 r, uint32_t color, Radii radii);
  void border(RectQ4 r, int32_t width_q4, uint32_t color, int32_t radius_q4 = 0);
  void border(RectQ4 r, EdgesQ4 widths, uint32_t color, Radii radii);
  // Two-stop linear gradient from c0 at `from` to c1 at `to` (points in Q4), filling r.
  void linear_gradient(RectQ4 r, Radii radii, PointQ4 from, uint32_t c0, PointQ4 to,
                       uint32_t c1);
  // CSS box-shadow: the caller applies offset and spread to r; blur is the CSS blur radius
  // (Gaussian sigma = blur / 2), at most 128 px.
  void box_shadow(RectQ4 r, Radii radii, int32_t blur_q4, uint32_t color);
  // Image `src` of the RGBA image atlas (assets::image_atlas()) stretched over integer-pixel
  // rect dst (bilinear; at most 8x smaller than the source), with rounded corners.
  void image(IRect dst, IRect src, Radii radii = {});
  // Text run: pen starts at (x, baseline) in integer pixels; glyph origins are rounded from
  // exact 26.6 advances plus kerning. Returns the advance in 26.6.
  int32_t text(int x, int baseline, std::string_view utf8, int face, uint32_t color);
  void push_clip(IRect r, int32_t radius_q4 = 0);  // intersected with the current clip
  void pop_clip();
  void push_opacity(uint32_t alpha);  // 0..255, multiplied into every primitive's alpha
  void pop_opacity();

  const std::vector<Prim>& prims() const { return prims_; }
  size_t size() const { return prims_.size(); }

  // What the next primitive inherits: the clip and the opacity. Primitives recorded under an
  // equal State can be copied into another list with append() (sim reuses the previous
  // step's primitives for draw commands that did not change).
  struct State {
    IRect clip;
    int32_t clip_radius;
    uint32_t opacity;
    bool operator==(const State& o) const {
      return clip == o.clip && clip_radius == o.clip_radius && opacity == o.opacity;
    }
  };
  State state() const;
  void append(const Prim* p, size_t n) { prims_.insert(prims_.end(), p, p + n); }
  // The primitives of one call recorded under a non-empty clip with no glyph culled,
  // appended moved by (dx, dy) pixels under state() (same opacity): the bytes that recording
  // the call moved gives. False (nothing appended) where that is not certain: the clip is
  // empty, a moved glyph falls outside it, a gradient, or geometry that the list clamps (far
  // outside the window) before or after the move.
  bool append_moved(const Prim* p, size_t n, int dx, int dy);
  uint64_t glyphs_culled() const { return culled_; }  // glyphs dropped outside the clip, in all

 private:
  struct Clip {
    IRect r;
    int32_t radius;
  };
  Clip clip() const;
  uint32_t fade(uint32_t color) const;  // applies the opacity stack
  bool push(Prim p);                    // fills the clip fields; false when clipped away
  std::vector<Prim> prims_;
  std::vector<Clip> clips_;
  std::vector<uint32_t> opacity_;
  uint64_t culled_ = 0;
};

enum class Backend { cpu, vulkan };
const char* backend_name(Backend b);
Result<Backend> parse_backend(std::string_view s);  // "cpu" | "vulkan"

struct RendererDesc {
  Backend backend = Backend::cpu;
  int threads = 0;           // CPU backend worker threads; 0 = hardware concurrency
  int vk_device = -1;        // Vulkan physical device index; -1 = first discrete, else first
  // Vulkan: build the per-tile lists on the GPU (shaders/bin.comp) instead of the CPU, for
  // renders without damage tracking (damage needs the lists on the host). Same bytes.
  bool gpu_binning = false;
  uint32_t bin_capacity = 0; // GPU binning: initial index-buffer entries (0 = estimate)
  // Vulkan: where the shader writes the frames. 1: device-local memory, copied to the host
  // only for a readback (and only the tiles drawn); 0: straight into host-visible memory;
  // -1: as the device suits (1 where it has device-local memory the host cannot map: a
  // discrete GPU; 0 on lavapipe and integrated GPUs). Same bytes either way.
  int frames_on_device = -1;
  // Vulkan, with damage tracking: launch a workgroup for the dirty tiles only (an indirect
  // dispatch over their list). false: one for every tile, the unchanged returning at once (the
  // bench's baseline). Same bytes.
  bool compact_dispatch = true;
  // Vulkan: the frames in memory another API can import (VK_KHR_external_memory_fd, an opaque
  // fd; with VK_KHR_external_semaphore_fd also a timeline semaphore each render signals): the
  // CUDA hand-off (CudaFrames). Implies frames_on_device = 1; a batch must fit one buffer. The
  // exported buffer always holds the whole of every frame of the last render.
  bool export_frames = false;
};

// What importing exported frames needs (Renderer::exported()).
struct ExportInfo {
  uint64_t generation = 0;        // the buffer's: a new one (reallocated) must be imported again
  uint64_t allocation_bytes = 0;  // the memory's size, as an importer gives it
  bool dedicated = true;          // a dedicated allocation (CUDA's cudaExternalMemoryDedicated)
  bool has_semaphore = false;     // a timeline semaphore (export_semaphore_fd) ...
  uint64_t semaphore_value = 0;   // ... that the last render signals to this value
  int envs = 0, width = 0, height = 0;  // the last render's frames, from offset 0: N x H x W x 4
  uint8_t device_uuid[16] = {};   // the GPU's (VkPhysicalDeviceIDProperties), to find it in CUDA
};

struct RenderStats {
  uint64_t prims = 0;        // primitives in the batch
  uint64_t tile_refs = 0;    // (tile, primitive) pairs after binning
  uint64_t tiles_drawn = 0;  // tiles rasterised (all of them without damage tracking)
  uint64_t tiles = 0;        // tiles in the batch
  uint64_t bin_retries = 0;  // GPU binning: submissions redone after an index-buffer overflow
  uint64_t groups = 0;       // Vulkan: raster workgroups launched (only the dirty tiles' when some changed)
};

// Damage tracking for one env's frame buffer, kept by the caller beside the buffer. A tile is
// rasterised again only when the primitives touching it (their full 64-byte records, in order)
// differ from those of the frame the buffer holds; the result is byte-identical to a full
// render. The first render into a buffer (or after invalidate(), or a size change) is full.
struct Damage {
  // Output of each render: 1 per tile (row-major) whose pixels were rasterised again.
  std::vector<uint8_t> dirty;
  int tiles_x = 0, tiles_y = 0;
  int dirty_count = 0;
  void invalidate() { frame_ = nullptr; }
  // Renderer state: per-tile signatures of what frame_ (width_ x height_) holds.
  std::vector<uint64_t> sig_;
  const uint8_t* frame_ = nullptr;  // compared, never dereferenced
  int width_ = 0, height_ = 0;
};

class Renderer {
 public:
  virtual ~Renderer() = default;
  // Renders lists[i] into out + i * w * h * 4 (rows top to bottom, RGBA8, alpha always 255).
  // The frame starts white. One call is one GPU submission on the Vulkan backend. out may be
  // nullptr on Vulkan without damage tracking: the frames stay on the device (no readback).
  Status render(std::span<const DisplayList* const> lists, int width, int height, uint8_t* out) {
    return render(lists, width, height, out, {});
  }
  // With damage tracking: damage is empty or has one entry per list (nullptr: full render).
  // Frame i must still hold what the previous render with damage[i] wrote there.
  virtual Status render(std::span<const DisplayList* const> lists, int width, int height,
                        uint8_t* out, std::span<Damage* const> damage) = 0;
  virtual std::string device_name() const = 0;
  virtual Backend backend() const = 0;
  // RendererDesc::export_frames: where the frames are, for another API. Errors elsewhere.
  virtual Result<ExportInfo> exported() const;
  virtual Result<int> export_memory_fd();     // a new fd of the frames' memory; the importer owns it
  virtual Result<int> export_semaphore_fd();  // a new fd of the timeline semaphore
  const RenderStats& stats() const { return stats_; }

 protected:
  RenderStats stats_;
};

Result<std::unique_ptr<Renderer>> create_renderer(const RendererDesc& desc);

// Every primitive kind on one page (`facsim render --view primitives`, goldens, benchmarks).
DisplayList showcase(int width, int height);

// Frames on a CUDA device with no copy through the host: imports a renderer's exported frames
// (RendererDesc::export_frames) into CUDA on the same GPU (matched by UUID) and hands them out
// as DLPack tensors (N, H, W, 4) uint8 of device kDLCUDA, for torch.from_dlpack and the like.
// Built where CUDA is found (FACSIM_HAVE_CUDA); elsewhere create() says so.

bool cuda_built();
class CudaFrames {
 public:
  static Result<std::unique_ptr<CudaFrames>> create(Renderer& r);
  virtual ~CudaFrames() = default;
  // The last render's frames. The CUDA stream (0: the default) first waits for that render's
  // semaphore value. The tensor views the renderer's buffer: the next render writes into it (a
  // buffer reallocated meanwhile stays alive until the tensor is deleted). The caller calls the
  // tensor's deleter (a DLPack consumer does).
  virtual Result<DLManagedTensor*> tensor(uintptr_t cuda_stream = 0) = 0;
  virtual int cuda_device() const = 0;
};

uint64_t frame_hash(const uint8_t* data, size_t bytes);  // xxHash64, seed 0
std::string hash_hex(uint64_t h);                        // 16 lowercase hex digits

// Host pixel formats. Frames are RGBA8 with alpha always 255, so RGB loses nothing.
enum class PixelFormat { rgba, rgb };
Result<PixelFormat> parse_pixel_format(std::string_view s);  // "rgba" | "rgb"
void rgba_to_rgb(const uint8_t* rgba, size_t pixels, uint8_t* rgb);

// PNG (libspng). rgba is w*h*4 bytes. Defaults: zlib level 1, no filter, RGB - on UI frames
// (flat colour, always opaque) the fastest and among the smallest (`facsim bench --only png`).
struct PngOptions {
  int level = 1;                           // zlib level 0..9
  PixelFormat format = PixelFormat::rgb;   // rgba: keep the (always 255) alpha channel
  bool filter_up = false;                  // true: the "up" filter on every row
};
Result<std::vector<uint8_t>> encode_png(const uint8_t* rgba, int w, int h, const PngOptions& o = {});
Status write_png(const std::string& path, const uint8_t* rgba, int w, int h);
// Any PNG to RGBA8 (tests, and checking what a client will see).
struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;
};
Result<Image> decode_png(std::span<const uint8_t> png);
// PNG of a frame that changes a little between calls (an env's screenshots): the image data
// is compressed in bands of kPngBandRows rows, each its own IDAT chunk and an independent run
// of deflate blocks (a fresh stream ended by a sync flush; the adler32s are combined), and a
// call compresses again only the bands whose pixels changed since its previous call (xxHash of
// the band's rows). Decodes to the same pixels as encode_png (RGB, zlib level 1, no filter);
// the bytes differ from encode_png's. Not thread-safe: one per env.
inline constexpr int kPngBandRows = 16;
class PngEncoder {
 public:
  PngEncoder();
  ~PngEncoder();
  PngEncoder(PngEncoder&&) noexcept;
  PngEncoder& operator=(PngEncoder&&) noexcept;
  Result<std::vector<uint8_t>> encode(const uint8_t* rgba, int w, int h);
  int bands_compressed() const;  // by the last encode (all of them after a size change)
  size_t bytes() const;          // memory held for the next call
  void clear();                  // forget the previous frame (frees its memory)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
// JPEG (libjpeg-turbo) of an opaque RGBA frame: lossy and about 3x faster to encode than PNG
// at 1280x800; quality 1..100.
Result<std::vector<uint8_t>> encode_jpeg(const uint8_t* rgba, int w, int h, int quality = 85);

}  // namespace facsim::render
