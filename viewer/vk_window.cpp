// vk_window: SDL2 window + Vulkan swapchain + Dear ImGui backends for facsim-viewer.
//
// Index of sections
//   [SECTION] helpers        error text, memory types, host-visible buffers
//   [SECTION] setup          SDL, instance, surface, device choice, device, render pass, ImGui
//   [SECTION] swapchain      creation and rebuild (out of date, suboptimal, resize)
//   [SECTION] frame          clear + copy env frame + ImGui pass (+ capture), submit, present
//   [SECTION] capture        readback of the presented image as RGBA8
//
// Two frames in flight, each with its own command pool, fence, acquire semaphore and staging
// buffer; one render-complete semaphore per swapchain image. Every frame starts from an
// UNDEFINED image (all of it is overwritten), so no layout is carried between frames.
#include "vk_window.h"

#include <SDL.h>
#include <SDL_vulkan.h>
#include <vulkan/vulkan.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "backends/imgui_impl_sdl.h"
#include "backends/imgui_impl_vulkan.h"
#include "imgui.h"

namespace facsim::viewer {

// [SECTION] helpers ----------------------------------------------------------------------------
namespace {

constexpr int kFramesInFlight = 2;

const char* vk_result_name(VkResult r) {
  switch (r) {
#define FACSIM_VKR(x) \
  case x: return #x;
    FACSIM_VKR(VK_NOT_READY)
    FACSIM_VKR(VK_TIMEOUT)
    FACSIM_VKR(VK_INCOMPLETE)
    FACSIM_VKR(VK_SUBOPTIMAL_KHR)
    FACSIM_VKR(VK_ERROR_OUT_OF_HOST_MEMORY)
    FACSIM_VKR(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    FACSIM_VKR(VK_ERROR_INITIALIZATION_FAILED)
    FACSIM_VKR(VK_ERROR_DEVICE_LOST)
    FACSIM_VKR(VK_ERROR_MEMORY_MAP_FAILED)
    FACSIM_VKR(VK_ERROR_LAYER_NOT_PRESENT)
    FACSIM_VKR(VK_ERROR_EXTENSION_NOT_PRESENT)
    FACSIM_VKR(VK_ERROR_FEATURE_NOT_PRESENT)
    FACSIM_VKR(VK_ERROR_INCOMPATIBLE_DRIVER)
    FACSIM_VKR(VK_ERROR_FORMAT_NOT_SUPPORTED)
    FACSIM_VKR(VK_ERROR_SURFACE_LOST_KHR)
    FACSIM_VKR(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
    FACSIM_VKR(VK_ERROR_OUT_OF_DATE_KHR)
#undef FACSIM_VKR
    default: return "VkResult";
  }
}

Error vk_error(const char* what, VkResult r) {
  return Error{Errc::gpu,
               std::string(what) + ": " + vk_result_name(r) + " (" + std::to_string(int(r)) + ")"};
}

#define VKW_TRY(call)                                                                   \
  do {                                                                                  \
    if (VkResult vkw_r_ = (call); vkw_r_ != VK_SUCCESS) return vk_error(#call, vkw_r_); \
  } while (0)

// ImGui's Vulkan backend reports through a plain function pointer: no way to return an error
// from inside RenderDrawData, so a failure there ends the process with the viewer's exit code.
void imgui_check_vk(VkResult r) {
  if (r >= 0) return;
  std::fprintf(stderr, "facsim-viewer: gpu: ImGui Vulkan backend: %s (%d)\n", vk_result_name(r),
               int(r));
  std::exit(1);
}

struct HostBuffer {
  VkBuffer buf = VK_NULL_HANDLE;
  VkDeviceMemory mem = VK_NULL_HANDLE;
  uint8_t* map = nullptr;
  VkDeviceSize size = 0;

  void destroy(VkDevice d) {
    if (buf) vkDestroyBuffer(d, buf, nullptr);
    if (mem) vkFreeMemory(d, mem, nullptr);  // unmaps implicitly
    *this = {};
  }
};

Status make_host_buffer(VkPhysicalDevice phys, VkDevice dev, VkDeviceSize size,
                        VkBufferUsageFlags usage, HostBuffer& out) {
  out.destroy(dev);
  VkBufferCreateInfo bi{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  bi.size = size;
  bi.usage = usage;
  bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VKW_TRY(vkCreateBuffer(dev, &bi, nullptr, &out.buf));
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(dev, out.buf, &req);
  VkPhysicalDeviceMemoryProperties mp;
  vkGetPhysicalDeviceMemoryProperties(phys, &mp);
  const VkMemoryPropertyFlags want =
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  uint32_t type = UINT32_MAX;
  for (uint32_t i = 0; i < mp.memoryTypeCount && type == UINT32_MAX; ++i)
    if ((req.memoryTypeBits & (1u << i)) && (mp.memoryTypes[i].propertyFlags & want) == want)
      type = i;
  if (type == UINT32_MAX) return Error{Errc::gpu, "no host-visible coherent memory type"};
  VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  ai.allocationSize = req.size;
  ai.memoryTypeIndex = type;
  VKW_TRY(vkAllocateMemory(dev, &ai, nullptr, &out.mem));
  VKW_TRY(vkBindBufferMemory(dev, out.buf, out.mem, 0));
  void* p = nullptr;
  VKW_TRY(vkMapMemory(dev, out.mem, 0, VK_WHOLE_SIZE, 0, &p));
  out.map = static_cast<uint8_t*>(p);
  out.size = size;
  return {};
}

void image_barrier(VkCommandBuffer cmd, VkImage image, VkImageLayout from, VkImageLayout to,
                   VkPipelineStageFlags src_stage, VkAccessFlags src_access,
                   VkPipelineStageFlags dst_stage, VkAccessFlags dst_access) {
  VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  b.srcAccessMask = src_access;
  b.dstAccessMask = dst_access;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(cmd, src_stage, dst_stage, 0, 0, nullptr, 0, nullptr, 1, &b);
}

// RGBA8 <-> the swapchain's byte order. Blue/red swap is its own inverse.
void copy_pixels(const uint8_t* src, uint8_t* dst, size_t pixels, bool swap_rb, bool opaque) {
  if (!swap_rb && !opaque) {
    std::memcpy(dst, src, pixels * 4);
    return;
  }
  for (size_t i = 0; i < pixels; ++i, src += 4, dst += 4) {
    dst[0] = swap_rb ? src[2] : src[0];
    dst[1] = src[1];
    dst[2] = swap_rb ? src[0] : src[2];
    dst[3] = opaque ? 255 : src[3];
  }
}

}  // namespace

struct VkWindow::Impl {
  SDL_Window* window = nullptr;
  bool sdl_video = false, imgui_sdl = false, imgui_vk = false;

  VkInstance instance = VK_NULL_HANDLE;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  VkPhysicalDevice phys = VK_NULL_HANDLE;
  std::string device_name;
  uint32_t queue_family = 0;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  VkDescriptorPool descriptor_pool = VK_NULL_HANDLE;
  VkSurfaceFormatKHR format{};
  bool swap_rb = false;  // surface is B8G8R8A8: frames are RGBA8
  VkRenderPass render_pass = VK_NULL_HANDLE;

  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkExtent2D extent{};
  bool can_capture = false;  // swapchain created with TRANSFER_SRC
  bool rebuild = false;
  std::vector<VkImage> images;
  std::vector<VkImageView> views;
  std::vector<VkFramebuffer> framebuffers;
  std::vector<VkSemaphore> render_done;  // one per swapchain image

  struct Frame {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    VkSemaphore acquired = VK_NULL_HANDLE;
    HostBuffer staging;
    bool staged = false;
    uint64_t staged_hash = 0;
    int staged_w = 0, staged_h = 0;
  };
  std::array<Frame, kFramesInFlight> frames;
  int slot = 0;

  HostBuffer readback;
  int cap_w = 0, cap_h = 0;
  bool cap_ready = false;

  ~Impl() { destroy(); }

  // [SECTION] setup ----------------------------------------------------------------------------
  Status init(const WindowDesc& d) {
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
      return Error{Errc::gpu, std::string("SDL_Init: ") + SDL_GetError()};
    sdl_video = true;
    window = SDL_CreateWindow(d.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, d.width,
                              d.height, SDL_WINDOW_VULKAN | SDL_WINDOW_RESIZABLE);
    if (!window) return Error{Errc::gpu, std::string("SDL_CreateWindow: ") + SDL_GetError()};
    if (Status s = create_instance(); !s) return s;
    if (!SDL_Vulkan_CreateSurface(window, instance, &surface))
      return Error{Errc::gpu, std::string("SDL_Vulkan_CreateSurface: ") + SDL_GetError()};
    if (Status s = pick_device(); !s) return s;
    if (Status s = create_device(); !s) return s;
    if (Status s = pick_format(); !s) return s;
    if (Status s = create_render_pass(); !s) return s;
    if (Status s = create_frames(); !s) return s;
    if (Status s = create_swapchain(); !s) return s;
    return init_imgui();
  }

  Status create_instance() {
    unsigned n = 0;
    if (!SDL_Vulkan_GetInstanceExtensions(window, &n, nullptr))
      return Error{Errc::gpu, std::string("SDL_Vulkan_GetInstanceExtensions: ") + SDL_GetError()};
    std::vector<const char*> ext(n);
    if (!SDL_Vulkan_GetInstanceExtensions(window, &n, ext.data()))
      return Error{Errc::gpu, std::string("SDL_Vulkan_GetInstanceExtensions: ") + SDL_GetError()};
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "facsim-viewer";
    app.apiVersion = VK_API_VERSION_1_1;
    VkInstanceCreateInfo ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ci.pApplicationInfo = &app;
    ci.enabledExtensionCount = n;
    ci.ppEnabledExtensionNames = ext.data();
    VKW_TRY(vkCreateInstance(&ci, nullptr, &instance));
    return {};
  }

  // The first device (discrete preferred) with a graphics queue that can present to the
  // window's surface and has VK_KHR_swapchain. Under Xvfb only lavapipe ("llvmpipe") can.
  Status pick_device() {
    uint32_t n = 0;
    VKW_TRY(vkEnumeratePhysicalDevices(instance, &n, nullptr));
    std::vector<VkPhysicalDevice> devs(n);
    VKW_TRY(vkEnumeratePhysicalDevices(instance, &n, devs.data()));
    int best_rank = -1;
    std::string tried;
    for (VkPhysicalDevice pd : devs) {
      VkPhysicalDeviceProperties props;
      vkGetPhysicalDeviceProperties(pd, &props);
      tried += std::string(tried.empty() ? "" : ", ") + props.deviceName;
      uint32_t ne = 0;
      vkEnumerateDeviceExtensionProperties(pd, nullptr, &ne, nullptr);
      std::vector<VkExtensionProperties> exts(ne);
      vkEnumerateDeviceExtensionProperties(pd, nullptr, &ne, exts.data());
      bool has_swapchain = std::any_of(exts.begin(), exts.end(), [](const auto& e) {
        return std::strcmp(e.extensionName, VK_KHR_SWAPCHAIN_EXTENSION_NAME) == 0;
      });
      if (!has_swapchain) continue;
      uint32_t nq = 0;
      vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, nullptr);
      std::vector<VkQueueFamilyProperties> qs(nq);
      vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, qs.data());
      for (uint32_t q = 0; q < nq; ++q) {
        VkBool32 present = VK_FALSE;
        if (!(qs[q].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
        if (vkGetPhysicalDeviceSurfaceSupportKHR(pd, q, surface, &present) != VK_SUCCESS ||
            !present)
          continue;
        int rank = props.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU     ? 3
                   : props.deviceType == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU ? 2
                                                                                : 1;
        if (rank > best_rank) {
          best_rank = rank;
          phys = pd;
          queue_family = q;
          device_name = props.deviceName;
        }
        break;
      }
    }
    if (!phys)
      return Error{Errc::gpu, "no Vulkan device can present to the window (devices: " +
                                  (tried.empty() ? std::string("none") : tried) + ")"};
    return {};
  }

  Status create_device() {
    const float prio = 1.0f;
    VkDeviceQueueCreateInfo qi{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qi.queueFamilyIndex = queue_family;
    qi.queueCount = 1;
    qi.pQueuePriorities = &prio;
    const char* ext[] = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    VkDeviceCreateInfo ci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    ci.queueCreateInfoCount = 1;
    ci.pQueueCreateInfos = &qi;
    ci.enabledExtensionCount = 1;
    ci.ppEnabledExtensionNames = ext;
    VKW_TRY(vkCreateDevice(phys, &ci, nullptr, &device));
    vkGetDeviceQueue(device, queue_family, 0, &queue);

    // ImGui needs one combined image sampler (its font atlas).
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
    VkDescriptorPoolCreateInfo pi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pi.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    pi.maxSets = 16;
    pi.poolSizeCount = 1;
    pi.pPoolSizes = &size;
    VKW_TRY(vkCreateDescriptorPool(device, &pi, nullptr, &descriptor_pool));
    return {};
  }

  // 8-bit UNORM first: ImGui's colours are meant for it, and a transfer copies bytes as they
  // are, so either byte order works once red and blue are swapped on the CPU.
  Status pick_format() {
    uint32_t n = 0;
    VKW_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(phys, surface, &n, nullptr));
    std::vector<VkSurfaceFormatKHR> fmts(n);
    VKW_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(phys, surface, &n, fmts.data()));
    const VkFormat prefer[] = {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM,
                               VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB};
    for (VkFormat want : prefer)
      for (const VkSurfaceFormatKHR& f : fmts)
        if (f.format == want && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
          format = f;
          swap_rb = want == VK_FORMAT_B8G8R8A8_UNORM || want == VK_FORMAT_B8G8R8A8_SRGB;
          return {};
        }
    return Error{Errc::unsupported, "the surface offers no 8-bit RGBA/BGRA format"};
  }

  // One subpass, loadOp LOAD: the env frame copied in before the pass stays under ImGui.
  Status create_render_pass() {
    VkAttachmentDescription att{};
    att.format = format.format;
    att.samples = VK_SAMPLE_COUNT_1_BIT;
    att.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    att.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    att.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    att.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    att.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    att.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription sub{};
    sub.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    sub.colorAttachmentCount = 1;
    sub.pColorAttachments = &ref;
    // In: after the transfer that put the env frame there. Out: before a capture's copy.
    VkSubpassDependency deps[2]{};
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask =
        VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].dstAccessMask =
        VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
    deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    VkRenderPassCreateInfo ci{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    ci.attachmentCount = 1;
    ci.pAttachments = &att;
    ci.subpassCount = 1;
    ci.pSubpasses = &sub;
    ci.dependencyCount = 2;
    ci.pDependencies = deps;
    VKW_TRY(vkCreateRenderPass(device, &ci, nullptr, &render_pass));
    return {};
  }

  Status create_frames() {
    for (Frame& f : frames) {
      VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
      pi.queueFamilyIndex = queue_family;
      VKW_TRY(vkCreateCommandPool(device, &pi, nullptr, &f.pool));
      VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
      ai.commandPool = f.pool;
      ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
      ai.commandBufferCount = 1;
      VKW_TRY(vkAllocateCommandBuffers(device, &ai, &f.cmd));
      VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
      fi.flags = VK_FENCE_CREATE_SIGNALED_BIT;
      VKW_TRY(vkCreateFence(device, &fi, nullptr, &f.fence));
      VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
      VKW_TRY(vkCreateSemaphore(device, &si, nullptr, &f.acquired));
    }
    return {};
  }

  Status init_imgui() {
    if (!ImGui_ImplSDL2_InitForVulkan(window))
      return Error{Errc::gpu, "ImGui_ImplSDL2_InitForVulkan failed"};
    imgui_sdl = true;
    ImGui_ImplVulkan_InitInfo ii{};
    ii.Instance = instance;
    ii.PhysicalDevice = phys;
    ii.Device = device;
    ii.QueueFamily = queue_family;
    ii.Queue = queue;
    ii.DescriptorPool = descriptor_pool;
    ii.Subpass = 0;
    // ImageCount is how many vertex/index buffer sets ImGui rotates through; it must cover the
    // frames in flight, whatever the swapchain's image count.
    ii.MinImageCount = 2;
    ii.ImageCount = kFramesInFlight + 1;
    ii.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    ii.CheckVkResultFn = imgui_check_vk;
    if (!ImGui_ImplVulkan_Init(&ii, render_pass))
      return Error{Errc::gpu, "ImGui_ImplVulkan_Init failed"};
    imgui_vk = true;

    // Font atlas upload: one-off command buffer, then wait.
    Frame& f = frames[0];
    VKW_TRY(vkResetCommandPool(device, f.pool, 0));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VKW_TRY(vkBeginCommandBuffer(f.cmd, &bi));
    if (!ImGui_ImplVulkan_CreateFontsTexture(f.cmd))
      return Error{Errc::gpu, "ImGui_ImplVulkan_CreateFontsTexture failed"};
    VKW_TRY(vkEndCommandBuffer(f.cmd));
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &f.cmd;
    VKW_TRY(vkQueueSubmit(queue, 1, &si, VK_NULL_HANDLE));
    VKW_TRY(vkQueueWaitIdle(queue));
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    return {};
  }

  // [SECTION] swapchain ------------------------------------------------------------------------
  void destroy_swapchain_views() {
    for (VkFramebuffer fb : framebuffers) vkDestroyFramebuffer(device, fb, nullptr);
    for (VkImageView v : views) vkDestroyImageView(device, v, nullptr);
    for (VkSemaphore s : render_done) vkDestroySemaphore(device, s, nullptr);
    framebuffers.clear();
    views.clear();
    render_done.clear();
    images.clear();
  }

  // (Re)creates the swapchain for the surface's current size. A zero-sized (minimised) window
  // leaves `rebuild` set and creates nothing.
  Status create_swapchain() {
    VKW_TRY(vkDeviceWaitIdle(device));
    VkSurfaceCapabilitiesKHR caps;
    VKW_TRY(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(phys, surface, &caps));
    VkExtent2D ext = caps.currentExtent;
    if (ext.width == UINT32_MAX) {  // the surface takes its size from the swapchain
      int w = 0, h = 0;
      SDL_Vulkan_GetDrawableSize(window, &w, &h);
      ext.width = std::clamp(uint32_t(std::max(w, 0)), caps.minImageExtent.width,
                             caps.maxImageExtent.width);
      ext.height = std::clamp(uint32_t(std::max(h, 0)), caps.minImageExtent.height,
                              caps.maxImageExtent.height);
    }
    if (ext.width == 0 || ext.height == 0) {
      rebuild = true;
      return {};
    }
    const VkImageUsageFlags need =
        VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    if ((caps.supportedUsageFlags & need) != need)
      return Error{Errc::unsupported, "swapchain images cannot be transfer destinations"};
    can_capture = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0;

    uint32_t count = std::max(caps.minImageCount + 1, 2u);
    if (caps.maxImageCount) count = std::min(count, caps.maxImageCount);
    VkCompositeAlphaFlagBitsKHR alpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    if (!(caps.supportedCompositeAlpha & alpha))
      for (uint32_t bit = 1; bit <= VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR; bit <<= 1)
        if (caps.supportedCompositeAlpha & bit) {
          alpha = VkCompositeAlphaFlagBitsKHR(bit);
          break;
        }

    VkSwapchainKHR old = swapchain;
    VkSwapchainCreateInfoKHR ci{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    ci.surface = surface;
    ci.minImageCount = count;
    ci.imageFormat = format.format;
    ci.imageColorSpace = format.colorSpace;
    ci.imageExtent = ext;
    ci.imageArrayLayers = 1;
    ci.imageUsage = need | (can_capture ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : 0);
    ci.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    ci.preTransform = (caps.supportedTransforms & VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR)
                          ? VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR
                          : caps.currentTransform;
    ci.compositeAlpha = alpha;
    ci.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always supported; paces the loop
    ci.clipped = VK_TRUE;
    ci.oldSwapchain = old;
    VkSwapchainKHR created = VK_NULL_HANDLE;
    VKW_TRY(vkCreateSwapchainKHR(device, &ci, nullptr, &created));
    destroy_swapchain_views();
    if (old) vkDestroySwapchainKHR(device, old, nullptr);
    swapchain = created;
    extent = ext;

    uint32_t n = 0;
    VKW_TRY(vkGetSwapchainImagesKHR(device, swapchain, &n, nullptr));
    images.resize(n);
    VKW_TRY(vkGetSwapchainImagesKHR(device, swapchain, &n, images.data()));
    for (VkImage img : images) {
      VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
      vi.image = img;
      vi.viewType = VK_IMAGE_VIEW_TYPE_2D;
      vi.format = format.format;
      vi.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
      VkImageView view;
      VKW_TRY(vkCreateImageView(device, &vi, nullptr, &view));
      views.push_back(view);
      VkFramebufferCreateInfo fi{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
      fi.renderPass = render_pass;
      fi.attachmentCount = 1;
      fi.pAttachments = &view;
      fi.width = ext.width;
      fi.height = ext.height;
      fi.layers = 1;
      VkFramebuffer fb;
      VKW_TRY(vkCreateFramebuffer(device, &fi, nullptr, &fb));
      framebuffers.push_back(fb);
      VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
      VkSemaphore sem;
      VKW_TRY(vkCreateSemaphore(device, &si, nullptr, &sem));
      render_done.push_back(sem);
    }
    rebuild = false;
    return {};
  }

  // [SECTION] frame ----------------------------------------------------------------------------
  Result<bool> present(const uint8_t* rgba, int fw, int fh, uint64_t hash, ImDrawData* draw,
                       bool capture) {
    if (rebuild || !swapchain) return false;
    if (capture && !can_capture)
      return Error{Errc::unsupported, "swapchain images cannot be transfer sources (capture)"};
    Frame& f = frames[size_t(slot)];
    VKW_TRY(vkWaitForFences(device, 1, &f.fence, VK_TRUE, UINT64_MAX));
    uint32_t image = 0;
    VkResult r =
        vkAcquireNextImageKHR(device, swapchain, UINT64_MAX, f.acquired, VK_NULL_HANDLE, &image);
    if (r == VK_ERROR_OUT_OF_DATE_KHR) {
      rebuild = true;
      return false;
    }
    if (r == VK_SUBOPTIMAL_KHR)
      rebuild = true;  // the image is acquired and the semaphore will signal: use it
    else if (r != VK_SUCCESS)
      return vk_error("vkAcquireNextImageKHR", r);
    VKW_TRY(vkResetFences(device, 1, &f.fence));  // only now: a submit is sure to follow

    // This slot's previous submission is done (fence), so its staging buffer is free.
    const bool have_frame = rgba && fw > 0 && fh > 0;
    if (have_frame &&
        (!f.staged || f.staged_hash != hash || f.staged_w != fw || f.staged_h != fh)) {
      const VkDeviceSize bytes = VkDeviceSize(fw) * VkDeviceSize(fh) * 4;
      if (f.staging.size < bytes)
        if (Status s =
                make_host_buffer(phys, device, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, f.staging);
            !s)
          return s.error();
      copy_pixels(rgba, f.staging.map, size_t(fw) * size_t(fh), swap_rb, false);
      f.staged = true;
      f.staged_hash = hash;
      f.staged_w = fw;
      f.staged_h = fh;
    }
    if (capture) {
      const VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4;
      if (readback.size < bytes)
        if (Status s =
                make_host_buffer(phys, device, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, readback);
            !s)
          return s.error();
    }

    VkCommandBuffer cmd = f.cmd;
    VKW_TRY(vkResetCommandPool(device, f.pool, 0));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VKW_TRY(vkBeginCommandBuffer(cmd, &bi));

    // Whole image is rewritten, so the old contents (and layout) are discarded. The source
    // stage is TRANSFER to chain with the acquire semaphore's wait stage below.
    VkImage img = images[image];
    image_barrier(cmd, img, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_PIPELINE_STAGE_TRANSFER_BIT, 0, VK_PIPELINE_STAGE_TRANSFER_BIT,
                  VK_ACCESS_TRANSFER_WRITE_BIT);
    VkClearColorValue bg{};
    bg.float32[0] = bg.float32[1] = bg.float32[2] = 0.08f;
    bg.float32[3] = 1.0f;
    VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdClearColorImage(cmd, img, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &bg, 1, &all);
    if (have_frame) {
      // The clear and the copy both write the frame area: order them.
      VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
      mb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      mb.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                           1, &mb, 0, nullptr, 0, nullptr);
      VkBufferImageCopy region{};
      region.bufferRowLength = uint32_t(fw);
      region.bufferImageHeight = uint32_t(fh);
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      region.imageExtent = {std::min(uint32_t(fw), extent.width),
                            std::min(uint32_t(fh), extent.height), 1};
      vkCmdCopyBufferToImage(cmd, f.staging.buf, img, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                             &region);
    }
    image_barrier(cmd, img, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                  VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                  VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT);

    VkRenderPassBeginInfo rp{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    rp.renderPass = render_pass;
    rp.framebuffer = framebuffers[image];
    rp.renderArea.extent = extent;
    vkCmdBeginRenderPass(cmd, &rp, VK_SUBPASS_CONTENTS_INLINE);
    if (draw) ImGui_ImplVulkan_RenderDrawData(draw, cmd);
    vkCmdEndRenderPass(cmd);  // -> PRESENT_SRC_KHR

    if (capture) {
      // Chains after the render pass's outgoing dependency (dst stage TRANSFER).
      image_barrier(cmd, img, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                    VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_TRANSFER_READ_BIT);
      VkBufferImageCopy region{};
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      region.imageExtent = {extent.width, extent.height, 1};
      vkCmdCopyImageToBuffer(cmd, img, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback.buf, 1,
                             &region);
      image_barrier(cmd, img, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                    VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT,
                    VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0);
      VkBufferMemoryBarrier hb{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
      hb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      hb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
      hb.srcQueueFamilyIndex = hb.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      hb.buffer = readback.buf;
      hb.size = VK_WHOLE_SIZE;
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                           nullptr, 1, &hb, 0, nullptr);
    }
    VKW_TRY(vkEndCommandBuffer(cmd));

    VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_TRANSFER_BIT;
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.waitSemaphoreCount = 1;
    si.pWaitSemaphores = &f.acquired;
    si.pWaitDstStageMask = &wait_stage;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd;
    si.signalSemaphoreCount = 1;
    si.pSignalSemaphores = &render_done[image];
    VKW_TRY(vkQueueSubmit(queue, 1, &si, f.fence));
    slot = (slot + 1) % kFramesInFlight;
    if (capture) {
      cap_w = int(extent.width);
      cap_h = int(extent.height);
      cap_ready = true;
    }

    VkPresentInfoKHR pi{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    pi.waitSemaphoreCount = 1;
    pi.pWaitSemaphores = &render_done[image];
    pi.swapchainCount = 1;
    pi.pSwapchains = &swapchain;
    pi.pImageIndices = &image;
    r = vkQueuePresentKHR(queue, &pi);
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) {
      rebuild = true;
      return r == VK_SUBOPTIMAL_KHR;
    }
    if (r != VK_SUCCESS) return vk_error("vkQueuePresentKHR", r);
    return true;
  }

  // [SECTION] capture --------------------------------------------------------------------------
  Result<std::vector<uint8_t>> captured(int& w, int& h) {
    if (!cap_ready) return Error{Errc::invalid_argument, "no frame was captured"};
    VKW_TRY(vkQueueWaitIdle(queue));
    w = cap_w;
    h = cap_h;
    std::vector<uint8_t> out(size_t(w) * size_t(h) * 4);
    // ImGui's blend state writes (1 - src alpha) into the alpha channel; the window is opaque.
    copy_pixels(readback.map, out.data(), size_t(w) * size_t(h), swap_rb, true);
    return out;
  }

  void destroy() {
    if (device) vkDeviceWaitIdle(device);
    if (imgui_vk) ImGui_ImplVulkan_Shutdown();
    if (imgui_sdl) ImGui_ImplSDL2_Shutdown();
    imgui_vk = imgui_sdl = false;
    if (device) {
      destroy_swapchain_views();
      if (swapchain) vkDestroySwapchainKHR(device, swapchain, nullptr);
      for (Frame& f : frames) {
        f.staging.destroy(device);
        if (f.fence) vkDestroyFence(device, f.fence, nullptr);
        if (f.acquired) vkDestroySemaphore(device, f.acquired, nullptr);
        if (f.pool) vkDestroyCommandPool(device, f.pool, nullptr);
        f = {};
      }
      readback.destroy(device);
      if (render_pass) vkDestroyRenderPass(device, render_pass, nullptr);
      if (descriptor_pool) vkDestroyDescriptorPool(device, descriptor_pool, nullptr);
      vkDestroyDevice(device, nullptr);
    }
    swapchain = VK_NULL_HANDLE;
    render_pass = VK_NULL_HANDLE;
    descriptor_pool = VK_NULL_HANDLE;
    device = VK_NULL_HANDLE;
    if (surface) vkDestroySurfaceKHR(instance, surface, nullptr);
    if (instance) vkDestroyInstance(instance, nullptr);
    surface = VK_NULL_HANDLE;
    instance = VK_NULL_HANDLE;
    if (window) SDL_DestroyWindow(window);
    window = nullptr;
    if (sdl_video) SDL_Quit();
    sdl_video = false;
  }
};

VkWindow::VkWindow() : impl_(std::make_unique<Impl>()) {}
VkWindow::~VkWindow() = default;

Result<std::unique_ptr<VkWindow>> VkWindow::create(const WindowDesc& desc) {
  std::unique_ptr<VkWindow> w(new VkWindow());
  if (Status s = w->impl_->init(desc); !s) return s.error();
  return w;
}

SDL_Window* VkWindow::sdl() const { return impl_->window; }
std::string VkWindow::device_name() const { return impl_->device_name; }

Status VkWindow::new_frame() {
  if (impl_->rebuild)
    if (Status s = impl_->create_swapchain(); !s) return s;
  ImGui_ImplVulkan_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  return {};
}

void VkWindow::resized() { impl_->rebuild = true; }

Result<bool> VkWindow::present(const uint8_t* rgba, int fw, int fh, uint64_t hash, ImDrawData* draw,
                               bool capture) {
  return impl_->present(rgba, fw, fh, hash, draw, capture);
}

Result<std::vector<uint8_t>> VkWindow::captured(int& width, int& height) {
  return impl_->captured(width, height);
}

}  // namespace facsim::viewer
