// Vulkan compute backend: bin on the CPU (bin.h), upload, one dispatch for the whole batch
// (tiles_x, tiles_y, envs), read the frames back. Buffers grow with the batch and are reused.
// On a discrete GPU the frames are written to device-local memory and the tiles drawn copied
// to a host-visible buffer in the same submission (or not at all: a render without readback).
#include <vulkan/vulkan.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "assets.h"
#include "bin.h"
#include "raster_core.h"

namespace facsim::render {
namespace {

const uint32_t kSpirv[] = {
#include "raster.spv.inc"
};
const uint32_t kBinSpirv[] = {
#include "bin.spv.inc"
};

#define VK_TRY(expr)                                                                         \
  do {                                                                                       \
    VkResult vk_r_ = (expr);                                                                 \
    if (vk_r_ != VK_SUCCESS)                                                                 \
      return Error{Errc::gpu, std::string(#expr) + " failed: VkResult " + std::to_string(vk_r_)}; \
  } while (0)

struct Buffer {
  VkBuffer buf = VK_NULL_HANDLE;
  VkDeviceMemory mem = VK_NULL_HANDLE;
  void* map = nullptr;
  VkDeviceSize size = 0;
  VkDeviceSize alloc = 0;  // the memory's size (at least `size`)
};

constexpr uint32_t kSkipTile = 0xFFFFFFFFu;  // keep in sync with raster.comp
constexpr uint32_t kBindings = 11;
constexpr uint32_t kDirtyRow = 65535;  // keep in sync with raster.comp
constexpr uint32_t kStatusOverflow = 16u;

// Status word bits, keep in sync with raster.comp: the shader never reads outside a buffer;
// it skips the read and reports it here.
std::string status_text(uint32_t s) {
  std::string t;
  if (s & 1u) t += " tile list outside the index buffer;";
  if (s & 2u) t += " primitive index out of range;";
  if (s & 4u) t += " glyph outside the atlas;";
  if (s & 8u) t += " image outside the image atlas;";
  if (s & kStatusOverflow) t += " tile lists overflowed the index buffer;";
  return t;
}

struct PushConstants {  // keep in sync with raster.comp
  int32_t width, height, tiles_x, tiles_y, atlas_w, atlas_h, img_w, img_h;
  uint32_t n_prims, n_indices, n_envs, stage;
};

class VulkanRenderer final : public Renderer {
 public:
  ~VulkanRenderer() override {
    if (!dev_) return;
    vkDeviceWaitIdle(dev_);
    for (Buffer* b : {&prims_, &tiles_, &indices_, &atlas_, &frames_, &images_, &status_, &envs_,
                      &scratch_, &tables_, &frames_dev_, &dirty_})
      free_buffer(*b);
    if (bin_pipe_) vkDestroyPipeline(dev_, bin_pipe_, nullptr);
    if (bin_shader_) vkDestroyShaderModule(dev_, bin_shader_, nullptr);
    if (fence_) vkDestroyFence(dev_, fence_, nullptr);
    if (sem_) vkDestroySemaphore(dev_, sem_, nullptr);
    if (pool_) vkDestroyCommandPool(dev_, pool_, nullptr);
    if (pipe_) vkDestroyPipeline(dev_, pipe_, nullptr);
    if (layout_) vkDestroyPipelineLayout(dev_, layout_, nullptr);
    if (dpool_) vkDestroyDescriptorPool(dev_, dpool_, nullptr);
    if (dsl_) vkDestroyDescriptorSetLayout(dev_, dsl_, nullptr);
    if (shader_) vkDestroyShaderModule(dev_, shader_, nullptr);
    vkDestroyDevice(dev_, nullptr);
    if (inst_) vkDestroyInstance(inst_, nullptr);
  }

  Status init(const RendererDesc& desc) {
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "facsim";
    app.apiVersion = VK_API_VERSION_1_1;
    VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ici.pApplicationInfo = &app;
    VK_TRY(vkCreateInstance(&ici, nullptr, &inst_));
    uint32_t n = 0;
    VK_TRY(vkEnumeratePhysicalDevices(inst_, &n, nullptr));
    if (n == 0) return Error{Errc::gpu, "no Vulkan device (install mesa-vulkan-drivers)"};
    std::vector<VkPhysicalDevice> devs(n);
    VK_TRY(vkEnumeratePhysicalDevices(inst_, &n, devs.data()));
    int pick = desc.vk_device;
    if (const char* e = std::getenv("FACSIM_VK_DEVICE"); e && pick < 0) pick = std::atoi(e);
    if (pick >= int(n)) return Error{Errc::invalid_argument, "Vulkan device index out of range"};
    if (pick < 0) {
      pick = 0;
      for (uint32_t i = 0; i < n; ++i) {
        VkPhysicalDeviceProperties p;
        vkGetPhysicalDeviceProperties(devs[i], &p);
        if (p.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU) {
          pick = int(i);
          break;
        }
      }
    }
    phys_ = devs[size_t(pick)];
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(phys_, &props);
    name_ = props.deviceName;
    max_groups_z_ = props.limits.maxComputeWorkGroupCount[2];
    max_storage_range_ = props.limits.maxStorageBufferRange;
    vkGetPhysicalDeviceMemoryProperties(phys_, &memprops_);
    bool local_only = false;  // device-local memory the host cannot map: a discrete GPU's
    for (uint32_t i = 0; i < memprops_.memoryTypeCount; ++i) {
      const VkMemoryPropertyFlags f = memprops_.memoryTypes[i].propertyFlags;
      local_only |= (f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT) && !(f & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT);
    }
    dev_frames_ = desc.frames_on_device == 1 || (desc.frames_on_device < 0 && local_only) || desc.export_frames;
    {
      VkPhysicalDeviceIDProperties idp{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
      VkPhysicalDeviceProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
      p2.pNext = &idp;
      vkGetPhysicalDeviceProperties2(phys_, &p2);
      std::memcpy(uuid_, idp.deviceUUID, sizeof uuid_);
    }
    // Exported frames: the memory as an opaque fd (required), a timeline semaphore as one
    // (where the device can).
    std::vector<const char*> exts;
    VkPhysicalDeviceTimelineSemaphoreFeatures tsf{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES};
    if (desc.export_frames) {
      uint32_t ne = 0;
      vkEnumerateDeviceExtensionProperties(phys_, nullptr, &ne, nullptr);
      std::vector<VkExtensionProperties> have(ne);
      vkEnumerateDeviceExtensionProperties(phys_, nullptr, &ne, have.data());
      auto has = [&](const char* name) {
        return std::any_of(have.begin(), have.end(), [&](const VkExtensionProperties& e) { return std::strcmp(e.extensionName, name) == 0; });
      };
      if (!has(VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME))
        return Error{Errc::gpu, name_ + " cannot export memory (no " VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME ")"};
      exts.push_back(VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME);
      VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
      f2.pNext = &tsf;
      vkGetPhysicalDeviceFeatures2(phys_, &f2);
      if (has(VK_KHR_EXTERNAL_SEMAPHORE_FD_EXTENSION_NAME) && has(VK_KHR_TIMELINE_SEMAPHORE_EXTENSION_NAME) &&
          tsf.timelineSemaphore) {
        exts.push_back(VK_KHR_EXTERNAL_SEMAPHORE_FD_EXTENSION_NAME);
        exts.push_back(VK_KHR_TIMELINE_SEMAPHORE_EXTENSION_NAME);
        want_sem_ = true;
      }
      export_ = true;
    }

    uint32_t qn = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(phys_, &qn, nullptr);
    std::vector<VkQueueFamilyProperties> qf(qn);
    vkGetPhysicalDeviceQueueFamilyProperties(phys_, &qn, qf.data());
    qfam_ = UINT32_MAX;
    for (uint32_t i = 0; i < qn; ++i)
      if (qf[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
        qfam_ = i;
        break;
      }
    if (qfam_ == UINT32_MAX) return Error{Errc::gpu, "no compute queue"};
    float prio = 1.0f;
    VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qci.queueFamilyIndex = qfam_;
    qci.queueCount = 1;
    qci.pQueuePriorities = &prio;
    VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    dci.queueCreateInfoCount = 1;
    dci.pQueueCreateInfos = &qci;
    dci.enabledExtensionCount = uint32_t(exts.size());
    dci.ppEnabledExtensionNames = exts.data();
    if (want_sem_) {
      tsf = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES};
      tsf.timelineSemaphore = VK_TRUE;
      dci.pNext = &tsf;
    }
    VK_TRY(vkCreateDevice(phys_, &dci, nullptr, &dev_));
    vkGetDeviceQueue(dev_, qfam_, 0, &queue_);
    if (export_) {
      get_memory_fd_ = reinterpret_cast<PFN_vkGetMemoryFdKHR>(vkGetDeviceProcAddr(dev_, "vkGetMemoryFdKHR"));
      if (!get_memory_fd_) return Error{Errc::gpu, "vkGetMemoryFdKHR missing"};
    }
    if (want_sem_) {
      get_semaphore_fd_ = reinterpret_cast<PFN_vkGetSemaphoreFdKHR>(vkGetDeviceProcAddr(dev_, "vkGetSemaphoreFdKHR"));
      VkExportSemaphoreCreateInfo esci{VK_STRUCTURE_TYPE_EXPORT_SEMAPHORE_CREATE_INFO};
      esci.handleTypes = VK_EXTERNAL_SEMAPHORE_HANDLE_TYPE_OPAQUE_FD_BIT;
      VkSemaphoreTypeCreateInfo stci{VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO};
      stci.semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE;
      stci.initialValue = 0;
      stci.pNext = &esci;
      VkSemaphoreCreateInfo sci{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
      sci.pNext = &stci;
      if (get_semaphore_fd_) VK_TRY(vkCreateSemaphore(dev_, &sci, nullptr, &sem_));
    }

    VkShaderModuleCreateInfo smci{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    smci.codeSize = sizeof(kSpirv);
    smci.pCode = kSpirv;
    VK_TRY(vkCreateShaderModule(dev_, &smci, nullptr, &shader_));
    VkDescriptorSetLayoutBinding binds[kBindings];
    for (uint32_t i = 0; i < kBindings; ++i)
      binds[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo dslci{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    dslci.bindingCount = kBindings;
    dslci.pBindings = binds;
    VK_TRY(vkCreateDescriptorSetLayout(dev_, &dslci, nullptr, &dsl_));
    VkPushConstantRange pcr{VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(PushConstants)};
    VkPipelineLayoutCreateInfo plci{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    plci.setLayoutCount = 1;
    plci.pSetLayouts = &dsl_;
    plci.pushConstantRangeCount = 1;
    plci.pPushConstantRanges = &pcr;
    VK_TRY(vkCreatePipelineLayout(dev_, &plci, nullptr, &layout_));
    VkComputePipelineCreateInfo cpci{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    cpci.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    cpci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    cpci.stage.module = shader_;
    cpci.stage.pName = "main";
    cpci.layout = layout_;
    VK_TRY(vkCreateComputePipelines(dev_, VK_NULL_HANDLE, 1, &cpci, nullptr, &pipe_));
    smci.codeSize = sizeof(kBinSpirv);
    smci.pCode = kBinSpirv;
    VK_TRY(vkCreateShaderModule(dev_, &smci, nullptr, &bin_shader_));
    cpci.stage.module = bin_shader_;
    VK_TRY(vkCreateComputePipelines(dev_, VK_NULL_HANDLE, 1, &cpci, nullptr, &bin_pipe_));
    gpu_binning_ = desc.gpu_binning;
    compact_ = desc.compact_dispatch;
    bin_capacity_ = desc.bin_capacity;
    VkDescriptorPoolSize ps{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kBindings};
    VkDescriptorPoolCreateInfo dpci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpci.maxSets = 1;
    dpci.poolSizeCount = 1;
    dpci.pPoolSizes = &ps;
    VK_TRY(vkCreateDescriptorPool(dev_, &dpci, nullptr, &dpool_));
    VkDescriptorSetAllocateInfo dsai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    dsai.descriptorPool = dpool_;
    dsai.descriptorSetCount = 1;
    dsai.pSetLayouts = &dsl_;
    VK_TRY(vkAllocateDescriptorSets(dev_, &dsai, &set_));
    VkCommandPoolCreateInfo cpoolci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    cpoolci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    cpoolci.queueFamilyIndex = qfam_;
    VK_TRY(vkCreateCommandPool(dev_, &cpoolci, nullptr, &pool_));
    VkCommandBufferAllocateInfo cbai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cbai.commandPool = pool_;
    cbai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cbai.commandBufferCount = 1;
    VK_TRY(vkAllocateCommandBuffers(dev_, &cbai, &cmd_));
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VK_TRY(vkCreateFence(dev_, &fci, nullptr, &fence_));

    // The glyph atlas is uploaded once (bytes packed into 32-bit words).
    const auto& atlas = assets::font_atlas();
    if (Status s = ensure(atlas_, (atlas.pixels.size() + 3) & ~size_t(3), false); !s) return s;
    std::memcpy(atlas_.map, atlas.pixels.data(), atlas.pixels.size());
    atlas_w_ = atlas.width;
    atlas_h_ = atlas.height;
    const auto& images = assets::image_atlas();
    if (Status s = ensure(images_, images.pixels.size() * 4, false); !s) return s;
    std::memcpy(images_.map, images.pixels.data(), images.pixels.size() * 4);
    img_w_ = images.width;
    img_h_ = images.height;
    if (Status s = ensure(status_, 8, false); !s) return s;
    if (Status s = ensure(tables_, sizeof(core::kShadowProfile) * 4, false); !s) return s;
    for (size_t i = 0; i < sizeof(core::kShadowProfile); ++i)
      static_cast<uint32_t*>(tables_.map)[i] = core::kShadowProfile[i];
    return {};
  }

  Status render(std::span<const DisplayList* const> lists, int w, int h, uint8_t* out,
                std::span<Damage* const> dmg) override {
    if (w <= 0 || h <= 0 || w > kMaxWidth || h > kMaxHeight)
      return Error{Errc::invalid_argument, "frame size out of range (1x1 .. 1920x1200)"};
    if (!dmg.empty() && dmg.size() != lists.size())
      return Error{Errc::invalid_argument, "damage needs one entry per display list"};
    if (!out && !dmg.empty())
      return Error{Errc::invalid_argument, "damage tracking needs the frames on the host (an output buffer)"};
    if (lists.empty()) return {};
    // Split batches that exceed a device limit (dispatch z or one buffer's range).
    const size_t frame_bytes = size_t(w) * size_t(h) * 4;
    size_t max_envs = std::min<size_t>(max_groups_z_, max_storage_range_ / frame_bytes);
    if (max_envs == 0) return Error{Errc::gpu, "frame larger than the device's buffer range"};
    stats_ = {};
    if (export_ && lists.size() > max_envs)
      return Error{Errc::invalid_argument, "exported frames: a batch of " + std::to_string(lists.size()) +
                                               " frames of this size exceeds one device buffer (at most " +
                                               std::to_string(max_envs) + ")"};
    for (size_t first = 0; first < lists.size(); first += max_envs) {
      size_t cnt = std::min(max_envs, lists.size() - first);
      if (Status s = render_chunk(lists.subspan(first, cnt), w, h, out ? out + first * frame_bytes : nullptr,
                                  dmg.empty() ? dmg : dmg.subspan(first, cnt));
          !s)
        return s;
    }
    return {};
  }

  Result<ExportInfo> exported() const override {
    if (!export_) return Renderer::exported();
    ExportInfo e;
    e.generation = generation_;
    e.allocation_bytes = frames_dev_.alloc;
    e.dedicated = true;
    e.has_semaphore = sem_ != VK_NULL_HANDLE;
    e.semaphore_value = sem_value_;
    e.envs = last_n_, e.width = last_w_, e.height = last_h_;
    std::memcpy(e.device_uuid, uuid_, sizeof uuid_);
    return e;
  }
  Result<int> export_memory_fd() override {
    if (!export_) return Renderer::export_memory_fd();
    if (!frames_dev_.mem) return Error{Errc::invalid_argument, "no frames rendered yet"};
    VkMemoryGetFdInfoKHR gi{VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR};
    gi.memory = frames_dev_.mem;
    gi.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    int fd = -1;
    VK_TRY(get_memory_fd_(dev_, &gi, &fd));
    return fd;
  }
  Result<int> export_semaphore_fd() override {
    if (!export_) return Renderer::export_semaphore_fd();
    if (!sem_) return Error{Errc::gpu, name_ + " cannot export a timeline semaphore"};
    VkSemaphoreGetFdInfoKHR gi{VK_STRUCTURE_TYPE_SEMAPHORE_GET_FD_INFO_KHR};
    gi.semaphore = sem_;
    gi.handleType = VK_EXTERNAL_SEMAPHORE_HANDLE_TYPE_OPAQUE_FD_BIT;
    int fd = -1;
    VK_TRY(get_semaphore_fd_(dev_, &gi, &fd));
    return fd;
  }

  std::string device_name() const override { return "vulkan: " + name_ + (dev_frames_ ? " (frames in device memory)" : ""); }
  Backend backend() const override { return Backend::vulkan; }

 private:
  Status render_chunk(std::span<const DisplayList* const> lists, int w, int h, uint8_t* out,
                      std::span<Damage* const> dmg) {
    const size_t n = lists.size();
    const size_t frame_bytes = size_t(w) * size_t(h) * 4;
    auto damage_of = [&](size_t i) { return dmg.empty() ? nullptr : dmg[i]; };
    const int tx = (w + kTile - 1) / kTile, ty = (h + kTile - 1) / kTile;
    const size_t tiles = size_t(tx) * size_t(ty);
    // Damage tracking needs the binned lists on the host (their signatures): bin there.
    const bool gpu_bin = gpu_binning_ && dmg.empty();
    size_t n_prims = 0, n_idx = 0, drawn = 0;
    for (size_t i = 0; i < n; ++i) n_prims += lists[i]->size();
    // Exported frames: the device buffer must hold every frame whole; one just (re)allocated or
    // last written at another size holds none, so every frame is drawn in full.
    if (export_) {
      if (Status s = ensure_device(frames_dev_, n * frame_bytes); !s) return s;
      if (generation_ != drawn_generation_ || w != last_w_ || h != last_h_ || n != size_t(last_n_))
        for (Damage* d : dmg)
          if (d) d->invalidate();
      drawn_generation_ = generation_;
      last_n_ = int(n), last_w_ = w, last_h_ = h;
    }
    if (!gpu_bin) {
      binned_.resize(n);
      for (size_t i = 0; i < n; ++i) {
        bin(*lists[i], w, h, binned_[i]);
        if (out) damage(*lists[i], binned_[i], w, h, out + i * frame_bytes, damage_of(i));
        n_idx += binned_[i].indices.size();
        drawn += damage_of(i) ? size_t(damage_of(i)->dirty_count) : tiles;
      }
    } else {
      drawn = n * tiles;
    }
    stats_.prims += n_prims;
    stats_.tiles += n * tiles;
    stats_.tiles_drawn += drawn;
    if (Status s = ensure(prims_, std::max<size_t>(n_prims, 1) * sizeof(Prim), false); !s) return s;
    if (Status s = ensure(tiles_, n * tiles * 8, false); !s) return s;
    // The frames: written by the shader to frames_dev_ (then the tiles drawn copied to frames_)
    // or straight to frames_; frames_ is needed for a readback, or as the shader's target.
    if (dev_frames_)
      if (Status s = ensure_device(frames_dev_, n * frame_bytes); !s) return s;
    if (out || !dev_frames_)
      if (Status s = ensure(frames_, n * frame_bytes, true); !s) return s;
    auto* pp = static_cast<Prim*>(prims_.map);
    uint32_t prim_base = 0;
    for (size_t i = 0; i < n; ++i) {
      const auto& prims = lists[i]->prims();
      if (!prims.empty()) std::memcpy(pp + prim_base, prims.data(), prims.size() * sizeof(Prim));
      prim_base += uint32_t(prims.size());
    }
    size_t capacity = n_idx;
    if (gpu_bin) {
      if (Status s = ensure(envs_, n * 16, false); !s) return s;
      if (Status s = ensure(scratch_, n * tiles * 4, false); !s) return s;
      auto* ep = static_cast<uint32_t*>(envs_.map);
      uint32_t off = 0;
      for (size_t i = 0; i < n; ++i) {
        ep[i * 4] = off;
        ep[i * 4 + 1] = uint32_t(lists[i]->size());
        off += uint32_t(lists[i]->size());
      }
      // The index buffer as it is (it only grows); overflow grows it and submits again.
      capacity = std::max<size_t>(indices_.size / 4, bin_capacity_);
      if (capacity == 0) capacity = n_prims * 4 + n * tiles;
      capacity = std::min<size_t>(capacity, max_storage_range_ / 4);
    } else {
      if (Status s = ensure(indices_, std::max<size_t>(n_idx, 1) * 4, false); !s) return s;
      auto* tp = static_cast<uint32_t*>(tiles_.map);
      auto* ip = static_cast<uint32_t*>(indices_.map);
      uint32_t pbase = 0, idx_base = 0;
      for (size_t i = 0; i < n; ++i) {
        const Binned& b = binned_[i];
        const Damage* d = damage_of(i);
        for (size_t t = 0; t < tiles; ++t) {
          tp[(i * tiles + t) * 2] = idx_base + b.tile_start[t];
          // kSkipTile: unchanged since the frame `out` holds; the shader leaves it alone.
          tp[(i * tiles + t) * 2 + 1] =
              tile_dirty(d, t) ? b.tile_start[t + 1] - b.tile_start[t] : kSkipTile;
        }
        for (size_t k = 0; k < b.indices.size(); ++k) ip[idx_base + k] = pbase + b.indices[k];
        pbase += uint32_t(lists[i]->size());
        idx_base += uint32_t(b.indices.size());
      }
    }
    // Only some tiles changed: their list, for a dispatch of one workgroup each (stage 1).
    const bool compact = compact_ && !gpu_bin && drawn < n * tiles;
    if (compact) {
      if (Status s = ensure(dirty_, (4 + drawn) * 4, false, VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT); !s) return s;
      auto* dp = static_cast<uint32_t*>(dirty_.map);
      uint32_t k = 0;
      for (size_t i = 0; i < n; ++i)
        for (size_t t = 0; t < tiles; ++t)
          if (tile_dirty(damage_of(i), t)) dp[4 + k++] = uint32_t(i * tiles + t);
      dp[0] = std::min<uint32_t>(k, kDirtyRow);          // VkDispatchIndirectCommand
      dp[1] = (k + kDirtyRow - 1) / kDirtyRow;
      dp[2] = 1;
      dp[3] = k;
    }
    stats_.groups += compact ? drawn : n * tiles;
    for (int attempt = 0;; ++attempt) {
      if (gpu_bin) {
        if (Status s = ensure(indices_, std::max<size_t>(capacity, 1) * 4, false); !s) return s;
        capacity = std::min<size_t>(indices_.size / 4, max_storage_range_ / 4);
      }
      if (dirty_set_) update_descriptors();
      PushConstants pc{w,      h,      tx,     ty,     atlas_w_, atlas_h_,
                       img_w_, img_h_, uint32_t(n_prims), uint32_t(capacity), uint32_t(n), compact ? 1u : 0u};
      if (Status s = submit(pc, n, gpu_bin, copies(n, w, h, tiles, tx, drawn == n * tiles, out != nullptr, dmg)); !s)
        return s;
      const uint32_t st = status_word()[0];
      if (gpu_bin && st == kStatusOverflow && attempt == 0) {
        // The lists need more (tile, primitive) pairs than the buffer holds: grow, redo.
        capacity = status_word()[1];
        if (capacity > max_storage_range_ / 4)
          return Error{Errc::gpu, "batch needs " + std::to_string(capacity) +
                                      " tile entries, more than one device buffer holds"};
        stats_.bin_retries++;
        continue;
      }
      if (st != 0)
        return Error{Errc::gpu, "renderer status word " + std::to_string(st) + ":" +
                                    status_text(st) + " frames of this batch are not valid"};
      if (gpu_bin) n_idx = status_word()[1];
      break;
    }
    stats_.tile_refs += n_idx;
    if (!out) return {};  // the frames stay on the device
    if (!frames_coherent_) {
      VkMappedMemoryRange r{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
      r.memory = frames_.mem;
      r.size = VK_WHOLE_SIZE;
      VK_TRY(vkInvalidateMappedMemoryRanges(dev_, 1, &r));
    }
    if (drawn == n * tiles) {
      std::memcpy(out, frames_.map, n * frame_bytes);
      return {};
    }
    // Read back only the tiles drawn: the others in `out` are already right.
    const auto* src = static_cast<const uint8_t*>(frames_.map);
    for (size_t i = 0; i < n; ++i) {
      const Damage* d = damage_of(i);
      for (size_t t = 0; t < tiles; ++t) {
        if (!tile_dirty(d, t)) continue;
        const size_t x0 = (t % size_t(tx)) * kTile, y0 = (t / size_t(tx)) * kTile;
        const size_t tw = std::min<size_t>(kTile, size_t(w) - x0) * 4;
        for (size_t y = y0; y < std::min<size_t>(y0 + kTile, size_t(h)); ++y) {
          const size_t off = i * frame_bytes + (y * size_t(w) + x0) * 4;
          std::memcpy(out + off, src + off, tw);
        }
      }
    }
    return {};
  }

  volatile uint32_t* status_word() { return static_cast<volatile uint32_t*>(status_.map); }

  // What to copy from frames_dev_ to frames_ (the same offsets) for a readback: every frame,
  // or the rows of each tile drawn; where that is too many regions for one command, every
  // frame with a tile drawn. Empty: frames in host memory already, or no readback.
  std::vector<VkBufferCopy>& copies(size_t n, int w, int h, size_t tiles, int tx, bool full, bool readback,
                                    std::span<Damage* const> dmg) {
    regions_.clear();
    if (!dev_frames_ || !readback) return regions_;
    const size_t frame_bytes = size_t(w) * size_t(h) * 4;
    if (full || dmg.empty()) {
      regions_.push_back({0, 0, n * frame_bytes});
      return regions_;
    }
    constexpr size_t kMaxRegions = 1u << 16;
    for (size_t i = 0; i < n && regions_.size() <= kMaxRegions; ++i)
      for (size_t t = 0; t < tiles; ++t) {
        if (!tile_dirty(dmg[i], t)) continue;
        const size_t x0 = (t % size_t(tx)) * kTile, y0 = (t / size_t(tx)) * kTile;
        const size_t tw = std::min<size_t>(kTile, size_t(w) - x0) * 4;
        for (size_t y = y0; y < std::min<size_t>(y0 + kTile, size_t(h)); ++y) {
          const VkDeviceSize off = i * frame_bytes + (y * size_t(w) + x0) * 4;
          regions_.push_back({off, off, tw});
        }
      }
    if (regions_.size() > kMaxRegions) {
      regions_.clear();
      for (size_t i = 0; i < n; ++i)
        if (!dmg[i] || dmg[i]->dirty_count > 0) regions_.push_back({i * frame_bytes, i * frame_bytes, frame_bytes});
    }
    return regions_;
  }

  // One submission: [bin: count, scan_env, scan_batch, fill] -> raster -> [copy to the host
  // buffer] -> host-visible.
  Status submit(PushConstants pc, size_t n, bool gpu_bin, const std::vector<VkBufferCopy>& regions) {
    const bool compact = pc.stage == 1;  // render_chunk's choice: draw the dirty tiles only (never with GPU binning)
    status_word()[0] = 0;
    status_word()[1] = 0;
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_TRY(vkResetCommandBuffer(cmd_, 0));
    VK_TRY(vkBeginCommandBuffer(cmd_, &bi));
    vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, layout_, 0, 1, &set_, 0,
                            nullptr);
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    const uint32_t tile_groups = uint32_t((n * size_t(pc.tiles_x) * size_t(pc.tiles_y) + 255) / 256);
    if (gpu_bin) {
      vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, bin_pipe_);
      const uint32_t groups[4] = {tile_groups, uint32_t(n), 1, tile_groups};
      for (uint32_t stage = 0; stage < 4; ++stage) {
        pc.stage = stage;
        vkCmdPushConstants(cmd_, layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof pc, &pc);
        vkCmdDispatch(cmd_, groups[stage], 1, 1);
        vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                             VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &mb, 0, nullptr, 0,
                             nullptr);
      }
    }
    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, pipe_);
    pc.stage = compact ? 1 : 0;
    vkCmdPushConstants(cmd_, layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof pc, &pc);
    if (compact) vkCmdDispatchIndirect(cmd_, dirty_.buf, 0);
    else vkCmdDispatch(cmd_, uint32_t(pc.tiles_x), uint32_t(pc.tiles_y), uint32_t(n));
    if (!regions.empty()) {  // device-local frames: the tiles drawn, to the host buffer
      mb.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
      vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &mb, 0,
                           nullptr, 0, nullptr);
      vkCmdCopyBuffer(cmd_, frames_dev_.buf, frames_.buf, uint32_t(regions.size()), regions.data());
      mb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      mb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
      vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &mb, 0, nullptr,
                           0, nullptr);
    } else {
      mb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
      vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                           0, 1, &mb, 0, nullptr, 0, nullptr);
    }
    VK_TRY(vkEndCommandBuffer(cmd_));
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd_;
    VkTimelineSemaphoreSubmitInfo tssi{VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO};
    const uint64_t signal = sem_value_ + 1;
    if (sem_) {  // exported frames: an importer (CUDA) waits for this value before reading them
      tssi.signalSemaphoreValueCount = 1;
      tssi.pSignalSemaphoreValues = &signal;
      si.pNext = &tssi;
      si.signalSemaphoreCount = 1;
      si.pSignalSemaphores = &sem_;
    }
    VK_TRY(vkResetFences(dev_, 1, &fence_));
    VK_TRY(vkQueueSubmit(queue_, 1, &si, fence_));
    VK_TRY(vkWaitForFences(dev_, 1, &fence_, VK_TRUE, UINT64_MAX));
    if (sem_) sem_value_ = signal;
    return {};
  }

  int find_memory(uint32_t bits, VkMemoryPropertyFlags want) const {
    for (uint32_t i = 0; i < memprops_.memoryTypeCount; ++i)
      if ((bits & (1u << i)) && (memprops_.memoryTypes[i].propertyFlags & want) == want)
        return int(i);
    return -1;
  }

  // Host-visible buffers: device-local when the device offers it for uploads, cached for the
  // frames we read back.
  Status ensure(Buffer& b, size_t size, bool readback, VkBufferUsageFlags extra = 0) {
    if (b.size >= size) return {};
    return allocate(b, size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT | extra, [&](uint32_t bits) {
      const VkMemoryPropertyFlags hv = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT, hc = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
      int mt = readback ? find_memory(bits, hv | VK_MEMORY_PROPERTY_HOST_CACHED_BIT)
                        : find_memory(bits, hv | hc | VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
      if (mt < 0) mt = find_memory(bits, hv | hc);
      if (mt >= 0 && readback) frames_coherent_ = (memprops_.memoryTypes[mt].propertyFlags & hc) != 0;
      return mt;
    }, true);
  }

  // A device-local buffer the host never maps (the frames, on a discrete GPU): preferably
  // memory the host cannot see at all.
  Status ensure_device(Buffer& b, size_t size) {
    if (b.size >= size) return {};
    if (export_) ++generation_;
    return allocate(b, size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT, [&](uint32_t bits) {
      for (uint32_t i = 0; i < memprops_.memoryTypeCount; ++i) {
        const VkMemoryPropertyFlags f = memprops_.memoryTypes[i].propertyFlags;
        if ((bits & (1u << i)) && (f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT) && !(f & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT))
          return int(i);
      }
      const int mt = find_memory(bits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
      return mt >= 0 ? mt : find_memory(bits, 0);
    }, false, export_);
  }

  // (Re)creates b with room for `size` bytes and some headroom (a slowly growing batch does not
  // reallocate), in the memory type pick(memoryTypeBits) chooses; mapped when `map`.
  // `exported`: memory of its own (a dedicated allocation) that export_memory_fd can hand out.
  template <class Pick>
  Status allocate(Buffer& b, size_t size, VkBufferUsageFlags usage, Pick pick, bool map, bool exported = false) {
    free_buffer(b);
    size = std::max<size_t>(size, 256);
    size += size / 4;
    VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bci.size = size;
    bci.usage = usage;
    VkExternalMemoryBufferCreateInfo ebci{VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO};
    ebci.handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    if (exported) bci.pNext = &ebci;
    VK_TRY(vkCreateBuffer(dev_, &bci, nullptr, &b.buf));
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(dev_, b.buf, &req);
    const int mt = pick(req.memoryTypeBits);
    if (mt < 0) {
      vkDestroyBuffer(dev_, b.buf, nullptr);
      b = {};
      return Error{Errc::gpu, map ? "no host-visible memory type" : "no memory type for the frames"};
    }
    VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    mai.allocationSize = req.size;
    mai.memoryTypeIndex = uint32_t(mt);
    VkMemoryDedicatedAllocateInfo dai{VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO};
    dai.buffer = b.buf;
    VkExportMemoryAllocateInfo emai{VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO};
    emai.handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    emai.pNext = &dai;
    if (exported) mai.pNext = &emai;
    if (vkAllocateMemory(dev_, &mai, nullptr, &b.mem) != VK_SUCCESS) {
      vkDestroyBuffer(dev_, b.buf, nullptr);
      b = {};
      return Error{Errc::gpu, "out of GPU memory for a " + std::to_string(size) + "-byte buffer"};
    }
    VK_TRY(vkBindBufferMemory(dev_, b.buf, b.mem, 0));
    if (map) VK_TRY(vkMapMemory(dev_, b.mem, 0, VK_WHOLE_SIZE, 0, &b.map));
    b.size = size;
    b.alloc = req.size;
    dirty_set_ = true;
    return {};
  }

  void free_buffer(Buffer& b) {
    if (b.buf) vkDestroyBuffer(dev_, b.buf, nullptr);
    if (b.mem) vkFreeMemory(dev_, b.mem, nullptr);
    b = {};
  }

  void update_descriptors() {
    // Bindings 7 and 8 exist only once GPU binning has run, 10 once a frame is partly redrawn; a
    // 256-byte stand-in keeps the set valid.
    if (!envs_.buf) (void)ensure(envs_, 256, false);
    if (!scratch_.buf) (void)ensure(scratch_, 256, false);
    if (!dirty_.buf) (void)ensure(dirty_, 256, false, VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT);
    Buffer* bs[kBindings] = {&prims_,  &tiles_,  &indices_, &atlas_,   dev_frames_ ? &frames_dev_ : &frames_,
                             &images_, &status_, &envs_,    &scratch_, &tables_, &dirty_};
    VkDescriptorBufferInfo info[kBindings];
    VkWriteDescriptorSet wr[kBindings];
    for (uint32_t i = 0; i < kBindings; ++i) {
      info[i] = {bs[i]->buf, 0, VK_WHOLE_SIZE};
      wr[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
      wr[i].dstSet = set_;
      wr[i].dstBinding = i;
      wr[i].descriptorCount = 1;
      wr[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      wr[i].pBufferInfo = &info[i];
    }
    vkUpdateDescriptorSets(dev_, kBindings, wr, 0, nullptr);
    dirty_set_ = false;
  }

  VkInstance inst_ = VK_NULL_HANDLE;
  VkPhysicalDevice phys_ = VK_NULL_HANDLE;
  VkPhysicalDeviceMemoryProperties memprops_{};
  VkDevice dev_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t qfam_ = 0;
  VkShaderModule shader_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout dsl_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkPipeline pipe_ = VK_NULL_HANDLE;
  VkDescriptorPool dpool_ = VK_NULL_HANDLE;
  VkDescriptorSet set_ = VK_NULL_HANDLE;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
  Buffer prims_, tiles_, indices_, atlas_, frames_, images_, status_, envs_, scratch_, tables_;
  Buffer dirty_;                       // the compacted dispatch: group counts and the dirty tiles (binding 10)
  Buffer frames_dev_;                  // dev_frames_: where the shader writes the frames
  bool dev_frames_ = false;
  // Exported frames (RendererDesc::export_frames): frames_dev_ as an fd, the timeline semaphore
  // each submission signals, the buffer's generation (one a reallocation) and the last batch.
  bool export_ = false, want_sem_ = false;
  PFN_vkGetMemoryFdKHR get_memory_fd_ = nullptr;
  PFN_vkGetSemaphoreFdKHR get_semaphore_fd_ = nullptr;
  VkSemaphore sem_ = VK_NULL_HANDLE;
  uint64_t sem_value_ = 0, generation_ = 0, drawn_generation_ = 0;
  int last_n_ = 0, last_w_ = 0, last_h_ = 0;
  uint8_t uuid_[16] = {};
  std::vector<VkBufferCopy> regions_;  // the readback's copy regions (reused)
  VkShaderModule bin_shader_ = VK_NULL_HANDLE;
  VkPipeline bin_pipe_ = VK_NULL_HANDLE;
  bool gpu_binning_ = false, compact_ = true;
  size_t bin_capacity_ = 0;
  bool dirty_set_ = true, frames_coherent_ = true;
  int atlas_w_ = 0, atlas_h_ = 0, img_w_ = 0, img_h_ = 0;
  uint32_t max_groups_z_ = 65535;
  uint64_t max_storage_range_ = 1u << 27;
  std::string name_;
  std::vector<Binned> binned_;
};

}  // namespace

Result<std::unique_ptr<Renderer>> make_vulkan_renderer(const RendererDesc& desc) {
  auto r = std::make_unique<VulkanRenderer>();
  if (Status s = r->init(desc); !s) return s.error();
  return std::unique_ptr<Renderer>(std::move(r));
}

}  // namespace facsim::render
