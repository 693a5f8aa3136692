// BatchEnv: N envs; app logic on a thread pool, one renderer call for the whole batch into one
// preallocated frame buffer (N x H x W x 4) that the envs' observations point into.
#include "renderer.h"
#include "sim.h"

namespace facsim::sim {

struct BatchEnv::Impl {
  BatchConfig cfg;
  render::Renderer* renderer;
  ThreadPool pool;
  std::vector<Env> envs;
  std::vector<uint8_t> frames;
  std::vector<const render::DisplayList*> lists;
  std::vector<render::Damage*> damage;
  Impl(const BatchConfig& c, render::Renderer& r) : cfg(c), renderer(&r), pool(c.threads) {}
};

BatchEnv::BatchEnv(const BatchConfig& cfg, render::Renderer& r)
    : impl_(std::make_unique<Impl>(cfg, r)) {
  for (int i = 0; i < cfg.envs; ++i) impl_->envs.emplace_back(cfg.env);
  impl_->frames.resize(size_t(cfg.envs) * size_t(cfg.env.width) * size_t(cfg.env.height) * 4);
}
BatchEnv::~BatchEnv() = default;

int BatchEnv::size() const { return int(impl_->envs.size()); }
Env& BatchEnv::env(int i) { return impl_->envs[size_t(i)]; }
const Observation& BatchEnv::obs(int i) const { return impl_->envs[size_t(i)].obs(); }
const uint8_t* BatchEnv::frame(int i) const {
  return impl_->frames.data() +
         size_t(i) * size_t(impl_->cfg.env.width) * size_t(impl_->cfg.env.height) * 4;
}

Status BatchEnv::render_all() {
  Impl& m = *impl_;
  m.lists.resize(m.envs.size());
  m.damage.resize(m.envs.size());
  for (size_t i = 0; i < m.envs.size(); ++i) {
    m.lists[i] = &m.envs[i].display_list();
    m.damage[i] = m.envs[i].damage();
  }
  if (Status s = m.renderer->render(m.lists, m.cfg.env.width, m.cfg.env.height, m.frames.data(),
                                    m.damage);
      !s)
    return s;
  m.pool.parallel_for(m.envs.size(), [&](size_t i) { m.envs[i].set_frame(frame(int(i))); });
  return {};
}

Status BatchEnv::reset_all(std::string_view task, uint64_t first_seed) {
  std::vector<std::string> names(impl_->envs.size(), std::string(task));
  std::vector<uint64_t> seeds(impl_->envs.size());
  for (size_t i = 0; i < seeds.size(); ++i) seeds[i] = first_seed + i;
  return reset(names, seeds);
}

Status BatchEnv::reset(std::span<const std::string> tasks, std::span<const uint64_t> seeds) {
  Impl& m = *impl_;
  if (tasks.size() != m.envs.size() || seeds.size() != m.envs.size())
    return Error{Errc::invalid_argument, "reset needs one task and one seed per env"};
  std::vector<Status> st(m.envs.size());
  m.pool.parallel_for(m.envs.size(), [&](size_t i) { st[i] = m.envs[i].reset(tasks[i], seeds[i]); });
  // One env's failure touches no other: they are reset and rendered; the failed one keeps
  // what it had (its observation says why) and the first failure is returned.
  Status first;
  for (size_t i = 0; i < st.size() && first; ++i)
    if (!st[i])
      first = Error{st[i].error().code, "env " + std::to_string(i) + ": " + st[i].error().message};
  if (Status s = render_all(); !s) return s;
  return first;
}

Status BatchEnv::step(std::span<const Action> actions) {
  Impl& m = *impl_;
  if (actions.size() != m.envs.size())
    return Error{Errc::invalid_argument, "step needs one action per env"};
  // An env whose episode is over refuses its action (its observation says so); the others step.
  m.pool.parallel_for(m.envs.size(), [&](size_t i) { (void)m.envs[i].apply(actions[i]); });
  return render_all();
}

Status BatchEnv::update(const std::function<void(int, Env&)>& f) {
  Impl& m = *impl_;
  m.pool.parallel_for(m.envs.size(), [&](size_t i) { f(int(i), m.envs[i]); });
  return render_all();
}

void BatchEnv::each(const std::function<void(int)>& f) {
  impl_->pool.parallel_for(impl_->envs.size(), [&](size_t i) { f(int(i)); });
}

}  // namespace facsim::sim
