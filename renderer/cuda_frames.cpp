// CudaFrames: a renderer's exported frames (Vulkan memory as an opaque fd, a timeline
// semaphore) imported into CUDA on the same GPU and handed out as DLPack tensors. Only the CUDA
// runtime's interop calls: no kernel, so the host compiler builds it (cudart linked statically;
// the driver, libcuda, is the machine's). Without CUDA at configure time create() says so.
#include <cstring>
#include <memory>
#include <string>

#include "dlpack.h"
#include "renderer.h"

#ifdef FACSIM_HAVE_CUDA
#include <cuda_runtime_api.h>
#include <unistd.h>
#endif

namespace facsim::render {

#ifndef FACSIM_HAVE_CUDA

bool cuda_built() { return false; }
Result<std::unique_ptr<CudaFrames>> CudaFrames::create(Renderer&) {
  return Error{Errc::unsupported, "facsim was built without CUDA (no CUDA toolkit at configure time)"};
}

#else

bool cuda_built() { return true; }

namespace {

Error cuda_error(const char* what, cudaError_t e) {
  return Error{Errc::gpu, std::string(what) + ": " + cudaGetErrorName(e) + " (" + cudaGetErrorString(e) + ")"};
}

// One import of the frames' memory; tensors keep it alive past a reallocation.
struct Import {
  cudaExternalMemory_t mem = nullptr;
  void* ptr = nullptr;
  int device = 0;
  ~Import() {
    cudaSetDevice(device);
    if (ptr) cudaFree(ptr);
    if (mem) cudaDestroyExternalMemory(mem);
  }
};

struct Holder {
  DLManagedTensor t{};
  int64_t shape[4] = {};
  std::shared_ptr<Import> keep;
};

class CudaFramesImpl final : public CudaFrames {
 public:
  CudaFramesImpl(Renderer& r, int device) : r_(r), device_(device) {}
  ~CudaFramesImpl() override {
    cudaSetDevice(device_);
    if (sem_) cudaDestroyExternalSemaphore(sem_);
  }
  int cuda_device() const override { return device_; }

  Result<DLManagedTensor*> tensor(uintptr_t stream) override {
    auto info = r_.exported();
    if (!info) return info.error();
    if (info->envs == 0) return Error{Errc::invalid_argument, "no frames rendered yet"};
    if (cudaError_t e = cudaSetDevice(device_); e != cudaSuccess) return cuda_error("cudaSetDevice", e);
    if (!cur_ || generation_ != info->generation) {
      auto fd = r_.export_memory_fd();
      if (!fd) return fd.error();
      auto imp = std::make_shared<Import>();
      imp->device = device_;
      cudaExternalMemoryHandleDesc d{};
      d.type = cudaExternalMemoryHandleTypeOpaqueFd;
      d.handle.fd = *fd;
      d.size = info->allocation_bytes;
      d.flags = info->dedicated ? cudaExternalMemoryDedicated : 0;
      if (cudaError_t e = cudaImportExternalMemory(&imp->mem, &d); e != cudaSuccess) {
        close(*fd);  // CUDA owns the fd only after a successful import
        return cuda_error("cudaImportExternalMemory", e);
      }
      cudaExternalMemoryBufferDesc bd{};
      bd.offset = 0;
      bd.size = info->allocation_bytes;
      if (cudaError_t e = cudaExternalMemoryGetMappedBuffer(&imp->ptr, imp->mem, &bd); e != cudaSuccess)
        return cuda_error("cudaExternalMemoryGetMappedBuffer", e);
      cur_ = std::move(imp);
      generation_ = info->generation;
    }
    if (info->has_semaphore && !sem_) {
      auto fd = r_.export_semaphore_fd();
      if (!fd) return fd.error();
      cudaExternalSemaphoreHandleDesc sd{};
      sd.type = cudaExternalSemaphoreHandleTypeTimelineSemaphoreFd;
      sd.handle.fd = *fd;
      if (cudaError_t e = cudaImportExternalSemaphore(&sem_, &sd); e != cudaSuccess) {
        close(*fd);
        sem_ = nullptr;
        return cuda_error("cudaImportExternalSemaphore", e);
      }
    }
    if (sem_) {  // the stream's next work waits for the last render's writes
      cudaExternalSemaphoreWaitParams wp{};
      wp.params.fence.value = info->semaphore_value;
      if (cudaError_t e = cudaWaitExternalSemaphoresAsync(&sem_, &wp, 1, reinterpret_cast<cudaStream_t>(stream));
          e != cudaSuccess)
        return cuda_error("cudaWaitExternalSemaphoresAsync", e);
    }
    auto* h = new Holder;
    h->keep = cur_;
    h->shape[0] = info->envs, h->shape[1] = info->height, h->shape[2] = info->width, h->shape[3] = 4;
    DLTensor& t = h->t.dl_tensor;
    t.data = cur_->ptr;
    t.device = {kDLCUDA, device_};
    t.ndim = 4;
    t.dtype = {kDLUInt, 8, 1};
    t.shape = h->shape;
    t.strides = nullptr;
    t.byte_offset = 0;
    h->t.manager_ctx = h;
    h->t.deleter = [](DLManagedTensor* self) { delete static_cast<Holder*>(self->manager_ctx); };
    return &h->t;
  }

 private:
  Renderer& r_;
  int device_;
  std::shared_ptr<Import> cur_;
  uint64_t generation_ = 0;
  cudaExternalSemaphore_t sem_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<CudaFrames>> CudaFrames::create(Renderer& r) {
  auto info = r.exported();
  if (!info) return info.error();
  int count = 0;
  if (cudaError_t e = cudaGetDeviceCount(&count); e != cudaSuccess) return cuda_error("no CUDA device", e);
  for (int d = 0; d < count; ++d) {
    cudaDeviceProp p{};
    if (cudaGetDeviceProperties(&p, d) != cudaSuccess) continue;
    if (std::memcmp(p.uuid.bytes, info->device_uuid, 16) == 0)
      return std::unique_ptr<CudaFrames>(std::make_unique<CudaFramesImpl>(r, d));
  }
  return Error{Errc::gpu, "no CUDA device is the renderer's GPU (" + std::to_string(count) +
                              " CUDA devices, none with its UUID)"};
}

#endif

}  // namespace facsim::render
