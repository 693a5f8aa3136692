// Env: one environment. [SECTION] view building, [SECTION] input routing, [SECTION] lifecycle.
#include <algorithm>

#include "apps.h"
#include "dom.h"
#include "renderer.h"
#include "sim.h"
#include "state.h"

namespace facsim::sim {

const char* action_kind_name(ActionKind k) {
  static const char* names[] = {"noop", "move", "click", "scroll", "type", "key", "wait"};
  return names[size_t(k)];
}

bool operator==(const Action& a, const Action& b) {
  return a.kind == b.kind && a.x == b.x && a.y == b.y && a.dy == b.dy && a.text == b.text &&
         a.ms == b.ms;
}

std::string TaskInstance::param(std::string_view key) const {
  for (const auto& [k, v] : params)
    if (k == key) return v;
  return {};
}
int64_t TaskInstance::param_int(std::string_view key) const {
  std::string v = param(key);
  return v.empty() ? 0 : std::stoll(v);
}

struct Env::Impl {
  EnvConfig cfg;
  std::unique_ptr<state::World> world;
  TaskInstance inst;
  const Task* task = nullptr;
  dom::Tree tree;
  render::DisplayList dl;
  Observation obs;
  std::vector<uint8_t> own_frame;
  const uint8_t* frame = nullptr;
  render::Damage damage;
  bool solved = false;

  // [SECTION] view building ----------------------------------------------------------------
  void rebuild() {
    apps::build_view(*world, tree, cfg.width, cfg.height);
    tree.layout(cfg.width, cfg.height);
    int mx = int(world->ui_int("mouse_x", -1)), my = int(world->ui_int("mouse_y", -1));
    int hit = tree.hit_test(mx, my);
    int hover = tree.hover_target(hit);
    obs.cursor = "default";
    if (hover >= 0)
      obs.cursor = tree.node(hover).role == dom::Role::textbox ? "text" : "pointer";
    const dom::DrawList& draw = tree.draw(hover);
    dl.clear();
    for (const dom::DrawCmd& c : draw) {
      const render::RectQ4 r = render::rect_px(c.box.x, c.box.y, c.box.w, c.box.h);
      switch (c.kind) {
        case dom::DrawKind::rect: dl.fill_rect(r, c.color, c.radius * 16); break;
        case dom::DrawKind::border: dl.border(r, c.width * 16, c.color, c.radius * 16); break;
        case dom::DrawKind::text: dl.text(c.box.x, c.box.y, c.text, c.face, c.color); break;
        case dom::DrawKind::push_clip:
          dl.push_clip({c.box.x, c.box.y, c.box.x + c.box.w, c.box.y + c.box.h});
          break;
        case dom::DrawKind::pop_clip: dl.pop_clip(); break;
        case dom::DrawKind::shadow:
          dl.box_shadow(r, render::radii(c.radius * 16), c.width * 16, c.color);
          break;
        case dom::DrawKind::image:
          dl.image({c.box.x, c.box.y, c.box.x + c.box.w, c.box.y + c.box.h},
                   {c.src.x, c.src.y, c.src.x + c.src.w, c.src.y + c.src.h},
                   render::radii(c.radius * 16));
          break;
        case dom::DrawKind::push_opacity: dl.push_opacity(uint32_t(c.width)); break;
        case dom::DrawKind::pop_opacity: dl.pop_opacity(); break;
      }
    }
  }

  void evaluate() { settle(task->verify(*world, inst)); }
  void settle(bool verdict) {
    obs.success = verdict;
    obs.reward = obs.success && !solved ? 1.0 : 0.0;
    solved = solved || obs.success;
    obs.done = obs.success || obs.step >= task->max_steps;
  }

  // [SECTION] input routing -------------------------------------------------------------------
  Status check_point(int x, int y) const {
    if (x < 0 || y < 0 || x >= cfg.width || y >= cfg.height)
      return Error{Errc::invalid_argument, "coordinates (" + std::to_string(x) + "," +
                                               std::to_string(y) + ") outside the " +
                                               std::to_string(cfg.width) + "x" +
                                               std::to_string(cfg.height) + " window"};
    return {};
  }

  void set_mouse(int x, int y) {
    world->ui_set("mouse_x", int64_t(x));
    world->ui_set("mouse_y", int64_t(y));
  }

  Status route(const Action& a) {
    switch (a.kind) {
      case ActionKind::noop: return {};
      case ActionKind::move: {
        if (Status s = check_point(a.x, a.y); !s) return s;
        set_mouse(a.x, a.y);
        return {};
      }
      case ActionKind::click: {
        if (Status s = check_point(a.x, a.y); !s) return s;
        set_mouse(a.x, a.y);
        int target = tree.action_target(tree.hit_test(a.x, a.y));
        // A click anywhere moves focus: to the field clicked, or away from any field.
        bool field = target >= 0 && tree.node(target).role == dom::Role::textbox;
        world->ui_set("focus", field ? std::string_view(tree.node(target).key) : "");
        if (target < 0) return {};
        return apps::dispatch(*world, tree.node(target).action);
      }
      case ActionKind::scroll: {
        if (Status s = check_point(a.x, a.y); !s) return s;
        set_mouse(a.x, a.y);
        for (int i = tree.hit_test(a.x, a.y); i >= 0; i = tree.node(i).parent) {
          const dom::Node& n = tree.node(i);
          if (!n.style.clip || n.key.empty()) continue;
          int bottom = n.box.y;
          for (int c = n.first_child; c >= 0; c = tree.node(c).next_sibling)
            bottom = std::max(bottom, tree.node(c).box.y + tree.node(c).box.h);
          int max = std::max(0, bottom + n.style.scroll_y - (n.box.y + n.box.h - n.style.pad.b));
          int64_t v = std::clamp<int64_t>(int64_t(n.style.scroll_y) + a.dy, 0, max);
          world->ui_set("scroll:" + n.key, v);
          return {};
        }
        return {};  // nothing scrollable under the pointer: like a browser, nothing happens
      }
      case ActionKind::type: {
        for (unsigned char c : a.text)
          if (c < 0x20 || c == 0x7f)
            return Error{Errc::invalid_argument, "type: control characters are not text; "
                                                 "use a key action"};
        std::string focus = world->ui_get("focus");
        if (focus.empty()) return {};  // typing with nothing focused does nothing
        std::string v = apps::field_value(*world, focus) + a.text;
        if (v.size() > 1000) return Error{Errc::invalid_argument, "text field limit (1000 bytes)"};
        apps::set_field_value(*world, focus, v);
        return {};
      }
      case ActionKind::key: return key(a.text);
      case ActionKind::wait:
        if (a.ms < 1 || a.ms > kMaxWaitMs)
          return Error{Errc::invalid_argument, "wait: ms must be 1 .. " + std::to_string(kMaxWaitMs)};
        return {};
    }
    return Error{Errc::invalid_argument, "unknown action kind"};
  }

  Status key(const std::string& k) {
    static const char* known[] = {"Enter", "Backspace", "Escape", "Tab", "Delete", "ArrowLeft",
                                  "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End",
                                  "PageUp", "PageDown", "Space"};
    if (std::find_if(std::begin(known), std::end(known), [&](const char* s) { return k == s; }) ==
        std::end(known))
      return Error{Errc::invalid_argument, "unknown key '" + k + "'"};
    std::string focus = world->ui_get("focus");
    if (k == "Escape") {
      world->ui_set("focus", "");
      return {};
    }
    if (focus.empty()) return {};
    if (k == "Enter") return apps::submit(*world, focus);
    if (k == "Backspace") {
      std::string v = apps::field_value(*world, focus);
      size_t n = v.size();
      while (n > 0 && (uint8_t(v[n - 1]) & 0xC0) == 0x80) --n;  // whole code point
      if (n > 0) --n;
      apps::set_field_value(*world, focus, v.substr(0, n));
      return {};
    }
    if (k == "Space") {
      apps::set_field_value(*world, focus, apps::field_value(*world, focus) + " ");
      return {};
    }
    return {};  // caret movement keys arrive with the dom widget work (issue 4)
  }
};

// [SECTION] lifecycle --------------------------------------------------------------------------
Env::Env(EnvConfig cfg) : impl_(std::make_unique<Impl>()) { impl_->cfg = cfg; }
Env::~Env() = default;
Env::Env(Env&&) noexcept = default;
Env& Env::operator=(Env&&) noexcept = default;

Status Env::reset(std::string_view task, uint64_t seed) {
  if (impl_->cfg.width < 1 || impl_->cfg.height < 1 || impl_->cfg.width > render::kMaxWidth ||
      impl_->cfg.height > render::kMaxHeight)
    return Error{Errc::invalid_argument, "window size must be 1x1 .. 1920x1200"};
  const Task* t = find_task(task);
  if (!t) return Error{Errc::not_found, "unknown task '" + std::string(task) + "'"};
  auto w = state::World::create(seed);
  if (!w) return w.error();
  if (Status s = apps::install_all(**w); !s) return s;
  TaskInstance inst{std::string(task), seed, {}, {}};
  if (Status s = (*w)->begin(); !s) return s;
  if (Status s = t->setup(**w, inst); !s || (*w)->error()) {
    Error e = s ? *(*w)->error() : s.error();
    (*w)->rollback();
    return e;
  }
  if (Status s = (*w)->commit(); !s) return s;
  impl_->world = std::move(*w);
  impl_->task = t;
  impl_->inst = std::move(inst);
  impl_->obs = {};
  impl_->solved = false;
  impl_->frame = nullptr;
  impl_->rebuild();
  impl_->evaluate();
  impl_->obs.reward = 0;
  return {};
}

void Env::apply(const Action& a) {
  Impl& m = *impl_;
  if (!m.world) {
    m.obs.error = "invalid_argument: env not reset";
    return;
  }
  m.obs.error.clear();
  m.obs.step++;
  bool verdict = m.obs.success;
  Status s = m.world->begin();
  if (s) {
    // One transaction: the input, the clock, the world events that fall due, the new view and
    // the verifier's verdict. Any failure (an SQL error, a handler's own check, an exception,
    // in a handler or a view) rolls all of it back and the env shows the world as it was.
    try {
      s = m.route(a);
      if (s) {
        m.world->advance_ms(a.kind == ActionKind::wait ? int64_t(a.ms)
                            : a.kind == ActionKind::type ? 60 * int64_t(a.text.size()) + 100
                                                         : 100);
        s = apps::fire_due_events(*m.world);
      }
      if (s && !m.world->error()) {
        m.rebuild();
        verdict = m.task->verify(*m.world, m.inst);
      }
      if (!s || m.world->error()) {
        Error e = m.world->error() ? *m.world->error() : s.error();  // the root cause
        m.world->rollback();
        s = e;
      } else {
        s = m.world->commit();
      }
    } catch (const std::exception& ex) {
      m.world->rollback();
      s = Error{Errc::internal, std::string("step failed: ") + ex.what()};
    }
  }
  if (!s) {
    m.obs.error = std::string(errc_name(s.error().code)) + ": " + s.error().message;
    verdict = m.obs.success;
    m.rebuild();
  }
  m.settle(verdict);
}

const render::DisplayList& Env::display_list() const { return impl_->dl; }

void Env::set_frame(const uint8_t* rgba) {
  Impl& m = *impl_;
  m.frame = rgba;
  m.obs.hash = render::frame_hash(rgba, size_t(m.cfg.width) * size_t(m.cfg.height) * 4);
  const bool tracked = m.damage.frame_ == rgba && !m.damage.dirty.empty();
  const int tx = (m.cfg.width + render::kTile - 1) / render::kTile;
  const int ty = (m.cfg.height + render::kTile - 1) / render::kTile;
  if (tracked) m.obs.dirty_tiles = m.damage.dirty;
  else m.obs.dirty_tiles.assign(size_t(tx) * size_t(ty), 1);
  m.obs.tiles_x = tx;
  m.obs.dirty_count = tracked ? m.damage.dirty_count : tx * ty;
}

render::Damage* Env::damage() { return &impl_->damage; }

Status Env::render_now(render::Renderer& r) {
  if (!impl_->world) return Error{Errc::invalid_argument, "env not reset"};
  impl_->own_frame.resize(size_t(impl_->cfg.width) * size_t(impl_->cfg.height) * 4);
  const render::DisplayList* l[] = {&impl_->dl};
  render::Damage* d[] = {&impl_->damage};
  if (Status s = r.render(l, impl_->cfg.width, impl_->cfg.height, impl_->own_frame.data(), d); !s)
    return s;
  set_frame(impl_->own_frame.data());
  return {};
}

Status Env::step(const Action& a, render::Renderer& r) {
  if (!impl_->world) return Error{Errc::invalid_argument, "env not reset"};
  apply(a);
  return render_now(r);
}

Result<std::unique_ptr<Env>> Env::fork() const {
  auto snap = snapshot();  // the same fields restore() sets: one place decides what an env is
  if (!snap) return snap.error();
  auto e = std::make_unique<Env>(impl_->cfg);
  if (Status s = e->restore(*snap); !s) return s.error();
  Impl& m = *e->impl_;
  if (impl_->frame) {
    m.own_frame.assign(impl_->frame, impl_->frame + size_t(m.cfg.width) * m.cfg.height * 4);
    m.frame = m.own_frame.data();
  }
  return e;
}

struct EnvSnapshot::Data {
  state::Snapshot world;
  TaskInstance inst;
  const Task* task = nullptr;
  Observation obs;
  bool solved = false;
};
const TaskInstance& EnvSnapshot::task() const { return d_->inst; }
int EnvSnapshot::step() const { return d_->obs.step; }
int64_t EnvSnapshot::bytes() const { return d_->world.bytes(); }

Result<EnvSnapshot> Env::snapshot() const {
  if (!impl_->world) return Error{Errc::invalid_argument, "env not reset"};
  auto w = impl_->world->snapshot();
  if (!w) return w.error();
  auto d = std::make_shared<EnvSnapshot::Data>();
  d->world = std::move(*w);
  d->inst = impl_->inst;
  d->task = impl_->task;
  d->obs = impl_->obs;
  d->solved = impl_->solved;
  EnvSnapshot s;
  s.d_ = std::move(d);
  return s;
}

Status Env::restore(const EnvSnapshot& s) {
  if (!s.valid()) return Error{Errc::invalid_argument, "restore from an empty snapshot"};
  Impl& m = *impl_;
  if (m.world) {
    if (Status st = m.world->restore(s.d_->world); !st) return st;
  } else {
    auto w = state::World::from(s.d_->world);
    if (!w) return w.error();
    m.world = std::move(*w);
  }
  m.inst = s.d_->inst;
  m.task = s.d_->task;
  m.obs = s.d_->obs;
  m.solved = s.d_->solved;
  m.frame = nullptr;
  m.rebuild();
  return {};
}

const Observation& Env::obs() const { return impl_->obs; }
std::span<const uint8_t> Env::frame() const {
  if (!impl_->frame) return {};
  return {impl_->frame, size_t(impl_->cfg.width) * size_t(impl_->cfg.height) * 4};
}
const TaskInstance& Env::task() const { return impl_->inst; }
const EnvConfig& Env::config() const { return impl_->cfg; }
std::vector<dom::A11yNode> Env::a11y() const { return impl_->tree.a11y(); }
std::string Env::a11y_text() const { return dom::Tree::a11y_text(impl_->tree.a11y()); }
state::World& Env::world() { return *impl_->world; }

bool Env::element_center(std::string_view key, int& x, int& y) const {
  const dom::Tree& t = impl_->tree;
  int i = t.find(key);
  if (i < 0) return false;
  const dom::Box& b = t.node(i).box;
  x = b.x + b.w / 2;
  y = b.y + b.h / 2;
  if (x < 0 || y < 0 || x >= impl_->cfg.width || y >= impl_->cfg.height) return false;
  for (int p = t.node(i).parent; p >= 0; p = t.node(p).parent)
    if (t.node(p).style.clip && !t.node(p).box.contains(x, y)) return false;
  return true;
}

}  // namespace facsim::sim
