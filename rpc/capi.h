/* facsim's in-process C API: libfacsim.so (built in build/release/rpc/).
 *
 * A vector env: N envs of one task in one process, stepped on the batch's threads and rendered
 * in one renderer call (CPU reference or Vulkan), the HTTP API's /batch/step and /batch/reset
 * without HTTP. For trainers on the same machine: Python's LocalVectorEnv
 * (rpc/python/facsim_client.py) loads it with ctypes, so one build serves every Python version
 * (no extension module tied to one interpreter's ABI). With "cuda": true the frames also stay
 * on the GPU and come out as DLPack tensors (no copy through the host).
 *
 *   facsim_vec* v = facsim_vec_create("{\"task\":\"mail.open_email\",\"num_envs\":16}");
 *   const char* r = facsim_vec_call(v, 1, "{\"seeds\":[0,1,...]}", frames, 3);   // reset
 *   r = facsim_vec_call(v, 0, "{\"actions\":[{\"kind\":\"click\",\"x\":10,\"y\":20},...]}", frames, 3);
 *   facsim_vec_destroy(v);
 *
 * Errors: NULL (or -1) and facsim_last_error() (this thread's) says why; a malformed call
 * changes no env. One vec is used by one thread at a time; separate vecs are independent.
 */
#ifndef FACSIM_CAPI_H
#define FACSIM_CAPI_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FACSIM_API __attribute__((visibility("default")))
typedef struct facsim_vec facsim_vec;

FACSIM_API const char* facsim_version(void);
FACSIM_API const char* facsim_last_error(void);
FACSIM_API int facsim_cuda_built(void); /* 1 where the CUDA hand-off was built */

/* config: {"task": name, "num_envs": N, "width": 1280, "height": 800, "seed": first seed (env i
 * gets seed + i), "backend": "cpu" | "vulkan", "threads": 0 (all cores), "appearance": "light" |
 * "dark" | "seeded", "dialect": default action dialect, "coordinates": "pixels" | "norm1000" |
 * "resized:WxH", "cuda": false}. The envs are reset to (task, seed + i). */
FACSIM_API facsim_vec* facsim_vec_create(const char* config_json);
FACSIM_API void facsim_vec_destroy(facsim_vec* v);
FACSIM_API int facsim_vec_num_envs(const facsim_vec* v);
FACSIM_API int facsim_vec_width(const facsim_vec* v);
FACSIM_API int facsim_vec_height(const facsim_vec* v);

/* One batch call, as POST /batch/step (reset = 0: {"actions": [one an env, in any dialect;
 * null resets that env], "seeds": [...], "dialect", "coordinates"}) or /batch/reset (reset = 1:
 * {"seeds": [...], "mask": [bools]}). frames: NULL, or num_envs x height x width x channels
 * bytes (channels 3: RGB, 4: RGBA) that receive every env's frame. Returns the reply's JSON
 * {"width","height","channels","results":[{"observation","instruction"} | {"error","status"}]},
 * valid until the next call on v. */
FACSIM_API const char* facsim_vec_call(facsim_vec* v, int reset, const char* body_json, uint8_t* frames, int channels);

/* The batch's own frame buffer: num_envs x height x width x 4 bytes (RGBA) of the last call,
 * rewritten by the next (a view with no copy: Python's LocalVectorEnv(copy=False)). */
FACSIM_API const uint8_t* facsim_vec_frames(const facsim_vec* v);

/* "cuda": true: the last call's frames on the CUDA device as a DLManagedTensor* (N, H, W, 4)
 * uint8, kDLCUDA; the CUDA stream (0: default; DLPack's stream numbers) waits for the render.
 * It views the renderer's buffer, which the next call rewrites. The consumer calls its deleter
 * (facsim_dlpack_delete where no consumer took it). */
FACSIM_API void* facsim_vec_cuda_frames(facsim_vec* v, uintptr_t cuda_stream);
FACSIM_API void facsim_dlpack_delete(void* managed_tensor);
/* The CUDA device the frames are on ("cuda": true), else -1. */
FACSIM_API int facsim_vec_cuda_device(const facsim_vec* v);

#ifdef __cplusplus
}
#endif
#endif
