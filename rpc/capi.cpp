// The in-process C API (capi.h): a vector env over sim::BatchEnv, the same calls and replies as
// the HTTP API's /batch routes (server.cpp) with one renderer call a step for the whole batch.
#include "capi.h"

#include <boost/json.hpp>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialects.h"
#include "dom.h"
#include "dlpack.h"
#include "api_json.h"
#include "renderer.h"
#include "sim.h"

namespace json = boost::json;
using namespace facsim;

struct facsim_vec {
  std::string task;
  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<sim::BatchEnv> batch;
  std::unique_ptr<render::CudaFrames> cuda;
  std::optional<sim::Dialect> dialect;
  sim::CoordSpace space;
  std::vector<uint64_t> seeds;
  int width = 0, height = 0;
  std::string reply;
};

using rpc::dialect_fields;
using rpc::known_fields;
using rpc::opt_int;
using rpc::parse_object;

namespace {

thread_local std::string g_error;

template <class T>
T fail(std::string message, T value) {
  g_error = std::move(message);
  return value;
}

std::optional<uint64_t> seed_of(const json::value& v) {
  if (v.is_uint64()) return v.as_uint64();
  if (v.is_int64() && v.as_int64() >= 0) return uint64_t(v.as_int64());
  return std::nullopt;
}

void copy_frame(const uint8_t* rgba, size_t pixels, uint8_t* dst, int channels) {
  if (channels == 4) std::memcpy(dst, rgba, pixels * 4);
  else render::rgba_to_rgb(rgba, pixels, dst);
}

}  // namespace

extern "C" {

const char* facsim_version(void) { return "facsim 0.1 (api 2)"; }
const char* facsim_last_error(void) { return g_error.c_str(); }
int facsim_cuda_built(void) { return render::cuda_built() ? 1 : 0; }

static facsim_vec* vec_create(const char* config_json) {
  std::string why;
  auto cfg = parse_object(config_json ? config_json : "{}", why);
  if (!cfg) return fail(why, nullptr);
  if (!known_fields(*cfg, {"task", "num_envs", "width", "height", "seed", "backend", "threads", "appearance",
                           "dialect", "coordinates", "cuda"},
                    why))
    return fail(why, nullptr);
  auto v = std::make_unique<facsim_vec>();
  const json::value* task = cfg->if_contains("task");
  if (!task || !task->is_string()) return fail("\"task\" (a template's name) is required", nullptr);
  v->task = std::string(task->as_string());
  int n = 1, w = 1280, h = 800, threads = 0;
  if (!opt_int(*cfg, "num_envs", 1, 4096, n, why) || !opt_int(*cfg, "width", 1, render::kMaxWidth, w, why) ||
      !opt_int(*cfg, "height", 1, render::kMaxHeight, h, why) || !opt_int(*cfg, "threads", 0, 1024, threads, why))
    return fail(why, nullptr);
  uint64_t seed = 0;
  if (const json::value* sv = cfg->if_contains("seed")) {
    auto s = seed_of(*sv);
    if (!s) return fail("\"seed\" must be an integer >= 0", nullptr);
    seed = *s;
  }
  render::RendererDesc rd;
  rd.threads = threads;
  if (const json::value* b = cfg->if_contains("backend")) {
    auto p = b->is_string() ? render::parse_backend(std::string_view(b->as_string()))
                            : Result<render::Backend>(Error{Errc::invalid_argument, "\"backend\" must be a string"});
    if (!p) return fail(p.error().message, nullptr);
    rd.backend = *p;
  }
  sim::EnvConfig ec;
  ec.width = w, ec.height = h;
  if (const json::value* a = cfg->if_contains("appearance")) {
    auto p = a->is_string() ? sim::parse_appearance(std::string_view(a->as_string()))
                            : Result<sim::Appearance>(Error{Errc::invalid_argument, ""});
    if (!p) return fail("\"appearance\" must be \"light\", \"dark\" or \"seeded\"", nullptr);
    ec.appearance = *p;
  }
  if (!dialect_fields(*cfg, v->dialect, v->space, why)) return fail(why, nullptr);
  bool cuda = false;
  if (const json::value* c = cfg->if_contains("cuda")) {
    if (!c->is_bool()) return fail("\"cuda\" must be true or false", nullptr);
    cuda = c->as_bool();
  }
  rd.export_frames = cuda;
  auto r = render::create_renderer(rd);
  if (!r) return fail(r.error().message, nullptr);
  v->renderer = std::move(*r);
  v->width = w, v->height = h;
  v->batch = std::make_unique<sim::BatchEnv>(sim::BatchConfig{.envs = n, .threads = threads, .env = ec},
                                             *v->renderer);
  v->seeds.resize(size_t(n));
  for (size_t i = 0; i < v->seeds.size(); ++i) v->seeds[i] = seed + i;
  if (Status s = v->batch->reset_all(v->task, seed); !s) return fail(s.error().message, nullptr);
  if (cuda) {
    auto c = render::CudaFrames::create(*v->renderer);
    if (!c) return fail(c.error().message, nullptr);
    v->cuda = std::move(*c);
  }
  return v.release();
}

void facsim_vec_destroy(facsim_vec* v) { delete v; }
int facsim_vec_num_envs(const facsim_vec* v) { return v ? v->batch->size() : -1; }
int facsim_vec_width(const facsim_vec* v) { return v ? v->width : -1; }
int facsim_vec_height(const facsim_vec* v) { return v ? v->height : -1; }

static const char* vec_call(facsim_vec* v, int reset_call, const char* body_json, uint8_t* frames, int channels) {
  if (!v) return fail("no vec", nullptr);
  if (frames && channels != 3 && channels != 4) return fail("channels must be 3 (RGB) or 4 (RGBA)", nullptr);
  if (!frames) channels = 0;
  std::string why;
  auto body = parse_object(body_json ? body_json : "{}", why);
  if (!body) return fail(why, nullptr);
  if (!known_fields(*body, {"actions", "seeds", "mask", "dialect", "coordinates"}, why)) return fail(why, nullptr);
  const size_t n = size_t(v->batch->size());
  rpc::BatchLists lists;
  if (!rpc::batch_lists(*body, n, reset_call != 0, lists, why)) return fail(why, nullptr);
  const json::array *actions = lists.actions, *seeds = lists.seeds, *mask = lists.mask;
  std::optional<sim::Dialect> dialect = v->dialect;
  sim::CoordSpace space = v->space;
  if (!dialect_fields(*body, dialect, space, why)) return fail(why, nullptr);
  // Everything is checked before any env moves: the body, seeds, every action parsed (an action
  // that does not parse is its env's error, as a 400 of the HTTP API's own step: the others go on).
  std::vector<std::optional<Error>> errors(n);
  std::vector<uint8_t> reset(n, 0), skip(n, 0);
  std::vector<std::vector<sim::Action>> todo(n);
  std::vector<uint64_t> next_seeds = v->seeds;
  for (size_t i = 0; i < n; ++i) {
    if (reset_call) {
      const bool on = !mask || ((*mask)[i].is_bool() && (*mask)[i].as_bool());
      reset[i] = on, skip[i] = !on;
    } else {
      reset[i] = (*actions)[i].is_null();
    }
    if (reset[i] && seeds && !(*seeds)[i].is_null()) {
      auto s = seed_of((*seeds)[i]);
      if (!s) return fail("\"seeds\" must be integers >= 0 (or null)", nullptr);
      next_seeds[i] = *s;
    }
    if (reset[i] || skip[i]) continue;
    const json::value& av = (*actions)[i];
    const std::string text = av.is_string() ? std::string(av.as_string()) : json::serialize(av);
    std::optional<sim::Dialect> d = dialect;
    if (!d && av.is_object() && av.as_object().contains("kind")) d = sim::Dialect::facsim;
    if (!d) {
      auto dd = sim::detect_dialect(text);
      if (!dd) {  // this env's error (as a 400 of its own step): the others step
        errors[i] = dd.error();
        continue;
      }
      d = *dd;
    }
    sim::Env& env = v->batch->env(int(i));
    const std::vector<dom::A11yNode> nodes = *d == sim::Dialect::browsergym ? env.a11y() : std::vector<dom::A11yNode>{};
    sim::DialectContext ctx{.width = v->width, .height = v->height, .space = space, .a11y = &nodes};
    const auto [mx, my] = env.mouse();
    ctx.mouse_x = mx, ctx.mouse_y = my;
    auto parsed = sim::parse_action(*d, text, ctx);
    if (!parsed) {
      errors[i] = parsed.error();
      continue;
    }
    todo[i] = std::move(parsed->actions);
  }
  const Status rendered = v->batch->update([&](int i, sim::Env& env) {
    const size_t k = size_t(i);
    if (skip[k] || errors[k]) return;
    if (reset[k]) {
      if (Status s = env.reset(v->task, next_seeds[k]); !s) errors[k] = s.error();
      return;
    }
    for (const sim::Action& a : todo[k]) {
      if (Status s = env.apply(a); !s) {
        if (s.error().code == Errc::episode_over) errors[k] = s.error();
        break;  // a failed step rolled back and says so in obs.error; the rest is not applied
      }
      if (env.obs().done) break;
    }
  });
  if (!rendered) return fail(rendered.error().message, nullptr);
  json::array results;
  for (size_t i = 0; i < n; ++i) {
    json::object r;
    if (errors[i]) {
      r["error"] = errors[i]->message;
      r["status"] = errc_status(errors[i]->code);
    } else if (!skip[i]) {
      if (reset[i]) v->seeds[i] = next_seeds[i];
      r["observation"] = rpc::observation_json(v->batch->obs(int(i)));
      if (reset[i]) r["instruction"] = v->batch->env(int(i)).task().instruction;
    }
    if (reset_call || reset[i]) r["reset"] = bool(reset[i]);
    results.push_back(std::move(r));
  }
  if (channels) {  // on the batch's threads: 64 frames of 640x400 are 65 MB to move
    const size_t pixels = size_t(v->width) * size_t(v->height);
    v->batch->each([&](int i) {
      copy_frame(v->batch->frame(i), pixels, frames + size_t(i) * pixels * size_t(channels), channels);
    });
  }
  v->reply = json::serialize(json::object{
      {"width", v->width}, {"height", v->height}, {"channels", channels}, {"results", std::move(results)}});
  return v->reply.c_str();
}

static void* vec_cuda_frames(facsim_vec* v, uintptr_t cuda_stream) {
  if (!v) return fail("no vec", nullptr);
  if (!v->cuda) return fail("this vec was created without \"cuda\": true", nullptr);
  auto t = v->cuda->tensor(cuda_stream);
  if (!t) return fail(t.error().message, nullptr);
  return *t;
}

const uint8_t* facsim_vec_frames(const facsim_vec* v) { return v ? v->batch->frame(0) : nullptr; }

int facsim_vec_cuda_device(const facsim_vec* v) { return v && v->cuda ? v->cuda->cuda_device() : -1; }

void facsim_dlpack_delete(void* managed_tensor) {
  auto* t = static_cast<DLManagedTensor*>(managed_tensor);
  if (t && t->deleter) t->deleter(t);
}

// No exception crosses the C boundary: one is the call's error (the vec as it was).
facsim_vec* facsim_vec_create(const char* config_json) {
  try {
    return vec_create(config_json);
  } catch (const std::exception& e) {
    return fail(std::string("internal error: ") + e.what(), nullptr);
  }
}
const char* facsim_vec_call(facsim_vec* v, int reset_call, const char* body_json, uint8_t* frames, int channels) {
  try {
    return vec_call(v, reset_call, body_json, frames, channels);
  } catch (const std::exception& e) {
    return fail(std::string("internal error: ") + e.what(), nullptr);
  }
}
void* facsim_vec_cuda_frames(facsim_vec* v, uintptr_t cuda_stream) {
  try {
    return vec_cuda_frames(v, cuda_stream);
  } catch (const std::exception& e) {
    return fail(std::string("internal error: ") + e.what(), nullptr);
  }
}

}  // extern "C"
