// vk_window: the viewer's presenting side (private to viewer/). An SDL window with a Vulkan
// swapchain; each frame shows an RGBA8 env frame at the window's top-left and draws Dear ImGui
// on top of it. This device only presents: env frames come from a render::Renderer of any
// backend and arrive as host bytes.
//
// How to use:
//   ImGui::CreateContext();
//   auto w = viewer::VkWindow::create({.title = "facsim", .width = 1640, .height = 800});
//   loop: (*w)->new_frame(); ImGui::NewFrame(); ...; ImGui::Render();
//         auto shown = (*w)->present(rgba, 1280, 800, hash, ImGui::GetDrawData(), capture);
//   if (capture && *shown) auto png_rgba = (*w)->captured(cw, ch);
// Per frame: clear, copy the frame from a host-visible staging buffer into the swapchain image
// (vkCmdCopyBufferToImage, so the swapchain needs TRANSFER_DST), then one render pass with
// loadOp LOAD for ImGui. The staging copy is only rewritten when the frame hash changes.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base.h"

struct SDL_Window;
struct ImDrawData;

namespace facsim::viewer {

struct WindowDesc {
  const char* title = "facsim-viewer";
  int width = 1640, height = 800;  // window size in pixels (no high-DPI scaling)
};

class VkWindow {
 public:
  // SDL video + window + Vulkan instance/device/swapchain + the ImGui SDL2/Vulkan backends.
  // The ImGui context must already exist.
  static Result<std::unique_ptr<VkWindow>> create(const WindowDesc& desc);
  ~VkWindow();
  VkWindow(const VkWindow&) = delete;
  VkWindow& operator=(const VkWindow&) = delete;

  SDL_Window* sdl() const;
  std::string device_name() const;  // the presenting Vulkan device ("llvmpipe ..." under Xvfb)

  // Before ImGui::NewFrame(): the backends' per-frame work, swapchain rebuild if one is due.
  Status new_frame();
  // The window changed size: rebuild the swapchain at the next new_frame().
  void resized();
  // Records, submits and presents one frame. rgba (fw x fh RGBA8) is copied to the region
  // (0,0)-(fw,fh), clipped to the swapchain. Returns false when nothing was presented (the
  // swapchain was out of date and is rebuilt on the next new_frame()). With capture, the
  // presented image is also copied to a host buffer: read it with captured().
  Result<bool> present(const uint8_t* rgba, int fw, int fh, uint64_t hash, ImDrawData* draw,
                       bool capture);
  // RGBA8 (alpha 255) of the last captured swapchain image; waits for the GPU.
  Result<std::vector<uint8_t>> captured(int& width, int& height);

 private:
  VkWindow();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace facsim::viewer
