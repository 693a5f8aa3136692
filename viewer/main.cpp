// facsim-viewer: an interactive debugging window for one sim::Env. The env frame (rendered by
// a render::Renderer, CPU by default) fills the left 1280x800; a Dear ImGui panel on the right
// shows the task, observation, oracle controls, snapshot/restore, a virtual-time wait, the
// accessibility tree and the actions.
// Mouse and keyboard over the frame become sim::Actions.
//
//   facsim-viewer [--task NAME | --app NAME [--route R]] [--seed N] [--backend cpu|vulkan]
//                 [--screenshot OUT.png] [--frames N] [--oracle]
//
// Screenshot mode (tests): run N frames (one oracle step per frame with --oracle), capture the
// last presented swapchain image, write it as PNG, print its path, exit 0. It ignores mouse and
// keyboard so the image is repeatable. --frames without --screenshot just exits after N frames.
// Failures (SDL, Vulkan, renderer, PNG): a message on stderr, exit 1.
//
// Index of sections
//   [SECTION] viewer state   env, snapshot, action log, env stepping
//   [SECTION] input          SDL events -> sim::Action
//   [SECTION] panel          the ImGui side panel
//   [SECTION] main loop      frames, screenshot mode, command line
#include <SDL.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "backends/imgui_impl_sdl.h"
#include "imgui.h"
#include "renderer.h"
#include "sim.h"
#include "vk_window.h"

using namespace facsim;

namespace {

constexpr int kFrameW = 1280, kFrameH = 800;  // the env's window
constexpr int kPanelW = 360;
constexpr int kWheelPixels = 100;  // scroll per wheel notch

int fail(const Error& e) {
  std::fprintf(stderr, "facsim-viewer: %s: %s\n", errc_name(e.code), e.message.c_str());
  return 1;
}

// [SECTION] viewer state -----------------------------------------------------------------------
class Viewer {
 public:
  explicit Viewer(render::Renderer& r) : r_(r) {
    task_names_.emplace_back();  // no task: an app alone
    for (const sim::Task& t : sim::tasks()) task_names_.emplace_back(t.name);
  }
  // The app (and route) to open when the task is none; set from --app/--route.
  void set_app(std::string app, std::string route) {
    app_ = std::move(app);
    route_ = std::move(route);
  }

  Status reset(const std::string& task, uint64_t seed) {
    auto env = std::make_unique<sim::Env>(sim::EnvConfig{kFrameW, kFrameH});
    if (Status s = env->reset({task, seed, task.empty() ? app_ : "", task.empty() ? route_ : ""});
        !s)
      return s;
    if (Status s = env->render_now(r_); !s) return s;
    env_ = std::move(env);
    seed_ = seed;
    task_index_ = 0;
    for (size_t i = 0; i < task_names_.size(); ++i)
      if (task_names_[i] == task) task_index_ = int(i);
    actions_.clear();
    running_oracle_ = false;
    message_.clear();
    ++version_;
    return {};
  }

  // One action: apply, render, log. The env's own errors (rolled-back actions) land in
  // obs().error; a failing renderer is fatal.
  Status act(const sim::Action& a) {
    if (Status s = env_->step(a, r_); !s) {
      if (s.error().code != Errc::episode_over) return s;
      message_ = "the episode is over: Reset for another";  // input after the end: not fatal
      return {};
    }
    actions_.push_back(a);
    ++version_;
    return {};
  }

  Status oracle_step() {
    if (env_->obs().done) {
      running_oracle_ = false;
      return {};
    }
    auto a = sim::next_action(sim::Policy::oracle, *env_);
    if (!a) {
      running_oracle_ = false;
      return a.error();
    }
    return act(*a);
  }

  // A copy-on-write snapshot of the whole env: taking and restoring it costs microseconds.
  Status snapshot() {
    auto s = env_->snapshot();
    if (!s) return s.error();
    snap_ = std::move(*s);
    snap_actions_ = actions_;
    return {};
  }

  // The snapshot stays kept: restoring twice gives the same state twice.
  Status restore() {
    if (!snap_.valid()) return Error{Errc::invalid_argument, "no snapshot kept"};
    if (Status s = env_->restore(snap_); !s) return s;
    if (Status s = env_->render_now(r_); !s) return s;
    actions_ = snap_actions_;
    running_oracle_ = false;
    ++version_;
    return {};
  }

  const sim::Env& env() const { return *env_; }
  bool running_oracle() const { return running_oracle_; }
  void set_running_oracle(bool on) { running_oracle_ = on; }

  // [SECTION] input ----------------------------------------------------------------------------
  // Events over the ImGui panel (or while ImGui holds the mouse/keyboard) stay with ImGui.
  Status handle(const SDL_Event& e) {
    const ImGuiIO& io = ImGui::GetIO();
    switch (e.type) {
      case SDL_MOUSEBUTTONDOWN:
        if (e.button.button == SDL_BUTTON_LEFT && in_frame(e.button.x, e.button.y) &&
            !io.WantCaptureMouse)
          pressed_ = true;
        return {};
      case SDL_MOUSEBUTTONUP:
        // Down + up is one click, sent on the release.
        if (e.button.button != SDL_BUTTON_LEFT || !pressed_) return {};
        pressed_ = false;
        if (!in_frame(e.button.x, e.button.y)) return {};
        move_pending_ = false;  // the click puts the pointer there itself
        sent_x_ = e.button.x;
        sent_y_ = e.button.y;
        return act(sim::Action::click(e.button.x, e.button.y));
      case SDL_MOUSEMOTION:
        if (in_frame(e.motion.x, e.motion.y) && !io.WantCaptureMouse) {
          move_pending_ = true;
          move_x_ = e.motion.x;
          move_y_ = e.motion.y;
        }
        return {};
      case SDL_MOUSEWHEEL: {
        int x = 0, y = 0;
        SDL_GetMouseState(&x, &y);
        if (!in_frame(x, y) || io.WantCaptureMouse) return {};
        int notches = e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e.wheel.y : e.wheel.y;
        if (notches == 0) return {};
        return act(sim::Action::scroll(x, y, -notches * kWheelPixels));  // wheel down: +dy
      }
      case SDL_TEXTINPUT:
        if (io.WantCaptureKeyboard || io.WantTextInput) return {};
        return act(sim::Action::type(e.text.text));
      case SDL_KEYDOWN: {
        if (io.WantCaptureKeyboard) return {};
        const char* k = key_name(e.key.keysym.sym);
        return k ? act(sim::Action::key(k)) : Status{};
      }
      default: return {};
    }
  }

  // Pointer moves: at most one per rendered frame, and only to a new pixel.
  Status flush_move() {
    if (!move_pending_) return {};
    move_pending_ = false;
    if (!send_moves_) return {};
    if (move_x_ == sent_x_ && move_y_ == sent_y_) return {};
    sent_x_ = move_x_;
    sent_y_ = move_y_;
    return act(sim::Action::move(move_x_, move_y_));
  }

  // [SECTION] panel ----------------------------------------------------------------------------
  Status panel(const std::string& present_device) {
    Status result;
    auto keep = [&](Status s) {
      if (!s) {
        message_ = std::string(errc_name(s.error().code)) + ": " + s.error().message;
        if (result) result = s;
      }
    };
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float panel_w = std::max(float(kPanelW), vp->Size.x - float(kFrameW));
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + float(kFrameW), vp->Pos.y));
    ImGui::SetNextWindowSize(ImVec2(panel_w, vp->Size.y));
    ImGui::Begin("facsim-viewer", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);

    // Task and seed: changing either resets.
    auto label = [&](size_t i) {
      return task_names_[i].empty() ? "(no task: " + app_ + ")" : task_names_[i];
    };
    const std::string current = label(size_t(task_index_));
    if (ImGui::BeginCombo("Task", current.c_str())) {
      for (size_t i = 0; i < task_names_.size(); ++i) {
        bool selected = int(i) == task_index_;
        if (ImGui::Selectable(label(i).c_str(), selected)) keep(reset(task_names_[i], seed_));
        if (selected) ImGui::SetItemDefaultFocus();
      }
      ImGui::EndCombo();
    }
    uint64_t seed = seed_;
    const uint64_t one = 1;
    if (ImGui::InputScalar("Seed", ImGuiDataType_U64, &seed, &one, nullptr, "%llu",
                           ImGuiInputTextFlags_EnterReturnsTrue))
      keep(reset(task_names_[size_t(task_index_)], seed));

    if (ImGui::Button("Reset")) keep(reset(task_names_[size_t(task_index_)], seed_));
    ImGui::SameLine();
    ImGui::BeginDisabled(env_->obs().done);
    if (ImGui::Button("Oracle step")) keep(oracle_step());
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(running_oracle_ ? "Stop oracle###run" : "Run oracle###run"))
      running_oracle_ = !running_oracle_;
    // Endings, as an agent would send them: an answer, done, or infeasible.
    ImGui::BeginDisabled(env_->obs().done || env_->task().task.empty());
    ImGui::SetNextItemWidth(150);
    ImGui::InputText("##answer", answer_, sizeof answer_);
    ImGui::SameLine();
    if (ImGui::Button("Answer")) keep(act(sim::Action::answer(answer_)));
    ImGui::SameLine();
    if (ImGui::Button("Done")) keep(act(sim::Action::done()));
    ImGui::SameLine();
    if (ImGui::Button("Infeasible")) keep(act(sim::Action::infeasible("said in the viewer")));
    ImGui::EndDisabled();
    if (ImGui::Button("Wait 15 s")) keep(act(sim::Action::wait(15000)));  // virtual time
    ImGui::SameLine();
    if (ImGui::Button("Snapshot")) keep(snapshot());
    ImGui::SameLine();
    ImGui::BeginDisabled(!snap_.valid());
    if (ImGui::Button("Restore")) keep(restore());
    ImGui::EndDisabled();
    if (snap_.valid()) {
      ImGui::SameLine();
      ImGui::TextDisabled("(kept at step %d)", snap_.step());
    }
    ImGui::Separator();

    const sim::Observation& o = env_->obs();
    const sim::TaskInstance& inst = env_->task();
    const sim::Task* t = env_->task_def();
    ImGui::Text("Task:    %s", inst.task.c_str());
    ImGui::TextWrapped("Instruction: %s", inst.instruction.c_str());
    ImGui::Text("Seed:    %llu", static_cast<unsigned long long>(inst.seed));
    ImGui::Text("Step:    %d / %d", o.step, t ? t->max_steps : 0);
    ImGui::Text("Reward:  %.3f", o.reward);
    ImGui::Text("Done:    %s", o.terminated ? "terminated" : o.truncated ? "truncated" : "no");
    if (!o.verdict.empty()) ImGui::TextWrapped("Verdict: %s", o.verdict.c_str());
    ImGui::Text("Success:");
    ImGui::SameLine();
    ImGui::TextColored(o.success ? ImVec4(0.4f, 0.9f, 0.4f, 1) : ImVec4(0.9f, 0.6f, 0.3f, 1), "%s",
                       o.success ? "yes" : "no");
    ImGui::Text("Error:");
    ImGui::SameLine();
    if (o.error.empty()) {
      ImGui::TextDisabled("none");
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.45f, 1));
      ImGui::TextWrapped("%s", o.error.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::Text("Hash:    %s", render::hash_hex(o.hash).c_str());
    ImGui::Text("Cursor:  %s", o.cursor.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("env frames: %s; presenting: %s", r_.device_name().c_str(),
                       present_device.c_str());
    ImGui::PopStyleColor();
    if (!message_.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.45f, 1));
      ImGui::TextWrapped("viewer: %s", message_.c_str());
      ImGui::PopStyleColor();
    }

    if (ImGui::CollapsingHeader("Accessibility tree")) {
      if (a11y_version_ != version_) {
        a11y_ = env_->a11y_text();
        a11y_version_ = version_;
      }
      ImGui::BeginChild("a11y", ImVec2(0, 240), true, ImGuiWindowFlags_HorizontalScrollbar);
      ImGui::TextUnformatted(a11y_.c_str(), a11y_.c_str() + a11y_.size());
      ImGui::EndChild();
    }

    if (ImGui::CollapsingHeader("Actions", ImGuiTreeNodeFlags_DefaultOpen)) {
      // Moves are steps too: hovering alone can use up a task's max_steps.
      ImGui::Checkbox("Send moves", &send_moves_);
      ImGui::SameLine();
      ImGui::Checkbox("Show moves", &show_moves_);
      ImGui::SameLine();
      ImGui::TextDisabled("%zu taken", actions_.size());
      rows_.clear();
      for (size_t i = 0; i < actions_.size(); ++i)
        if (show_moves_ || actions_[i].kind != sim::ActionKind::move) rows_.push_back(int(i));
      ImGui::BeginChild("actions", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
      ImGuiListClipper clip;
      clip.Begin(int(rows_.size()));
      while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          int a = rows_[size_t(i)];
          ImGui::Text("%4d  %s", a + 1, sim::to_json(actions_[size_t(a)]).c_str());
        }
      if (rows_.size() != shown_rows_) {  // follow new actions
        ImGui::SetScrollHereY(1.0f);
        shown_rows_ = rows_.size();
      }
      ImGui::EndChild();
    }
    ImGui::End();

    // The env's cursor kind, while the pointer is over the frame.
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantCaptureMouse && ImGui::IsMousePosValid() &&
        in_frame(int(io.MousePos.x), int(io.MousePos.y)))
      ImGui::SetMouseCursor(o.cursor == "pointer" ? ImGuiMouseCursor_Hand
                            : o.cursor == "text"  ? ImGuiMouseCursor_TextInput
                                                  : ImGuiMouseCursor_Arrow);
    return result;
  }

 private:
  static bool in_frame(int x, int y) { return x >= 0 && y >= 0 && x < kFrameW && y < kFrameH; }

  // Names as sim/env.cpp knows them. Space arrives as SDL_TEXTINPUT " ".
  static const char* key_name(SDL_Keycode k) {
    switch (k) {
      case SDLK_RETURN:
      case SDLK_KP_ENTER: return "Enter";
      case SDLK_BACKSPACE: return "Backspace";
      case SDLK_ESCAPE: return "Escape";
      case SDLK_TAB: return "Tab";
      case SDLK_DELETE: return "Delete";
      case SDLK_LEFT: return "ArrowLeft";
      case SDLK_RIGHT: return "ArrowRight";
      case SDLK_UP: return "ArrowUp";
      case SDLK_DOWN: return "ArrowDown";
      case SDLK_HOME: return "Home";
      case SDLK_END: return "End";
      case SDLK_PAGEUP: return "PageUp";
      case SDLK_PAGEDOWN: return "PageDown";
      default: return nullptr;
    }
  }

  render::Renderer& r_;
  std::unique_ptr<sim::Env> env_;
  sim::EnvSnapshot snap_;
  std::vector<sim::Action> actions_, snap_actions_;
  std::vector<std::string> task_names_;
  int task_index_ = 0;
  uint64_t seed_ = 0;
  bool running_oracle_ = false;
  std::string message_;   // the viewer's own last failure (reset, snapshot), shown in the panel
  uint64_t version_ = 0;  // bumped on every env change
  std::string a11y_;      // a11y_text() cached at a11y_version_
  uint64_t a11y_version_ = ~0ull;
  bool send_moves_ = true, show_moves_ = false;
  std::vector<int> rows_;
  size_t shown_rows_ = 0;
  std::string app_ = "mail", route_;
  char answer_[256] = {};
  bool pressed_ = false, move_pending_ = false;
  int move_x_ = -1, move_y_ = -1, sent_x_ = -1, sent_y_ = -1;
};

// [SECTION] main loop --------------------------------------------------------------------------
struct Options {
  std::string task = "mail.open_email", app, route;
  uint64_t seed = 1;
  std::string backend = "cpu";
  std::string screenshot;  // empty: interactive
  int frames = 0;          // > 0: exit after this many presented frames
  bool oracle = false;
};

int run(const Options& o, Viewer& v) {
  auto win = viewer::VkWindow::create(
      {.title = "facsim-viewer", .width = kFrameW + kPanelW, .height = kFrameH});
  if (!win) return fail(win.error());
  viewer::VkWindow& w = **win;
  const bool shot = !o.screenshot.empty();
  const int frames = shot ? std::max(o.frames, 1) : o.frames;
  const bool scripted = frames > 0;
  const bool take_input = !shot;  // screenshots must be repeatable: no pointer, no keys
  v.set_running_oracle(o.oracle);
  int presented = 0, stepped_for = -1;
  constexpr uint64_t kMinFrameMs = 8;
  uint64_t frame_start = SDL_GetTicks64();
  std::vector<SDL_Event> input;
  for (bool quit = false; !quit;) {
    input.clear();
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
      ImGui_ImplSDL2_ProcessEvent(&e);
      if (e.type == SDL_QUIT) quit = true;
      if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) w.resized();
      if (take_input) input.push_back(e);
    }
    if (quit) break;
    if (Status s = w.new_frame(); !s) return fail(s.error());
    // After NewFrame, io.WantCaptureMouse/Keyboard describe this frame's pointer, not the
    // last one's: a pointer that jumps from the panel into the frame is not swallowed.
    ImGui::NewFrame();
    for (const SDL_Event& ev : input)
      if (Status s = v.handle(ev); !s) return fail(s.error());
    if (Status s = v.flush_move(); !s) return fail(s.error());
    // One oracle step per frame; a frame that was not presented does not get another.
    if (v.running_oracle() && stepped_for != presented) {
      stepped_for = presented;
      if (Status s = v.oracle_step(); !s) return fail(s.error());
    }
    Status panel = v.panel(w.device_name());
    ImGui::Render();
    if (!panel && scripted) return fail(panel.error());

    const bool last = scripted && presented + 1 == frames;
    const sim::Env& env = v.env();
    auto shown = w.present(env.frame().data(), kFrameW, kFrameH, env.obs().hash,
                           ImGui::GetDrawData(), last && shot);
    if (!shown) return fail(shown.error());
    if (!*shown) {
      SDL_Delay(5);  // swapchain out of date or window minimised
      continue;
    }
    ++presented;
    if (!scripted) {
      // FIFO paces presentation on a display; Xvfb does not, so cap an idle viewer's rate.
      const uint64_t now = SDL_GetTicks64();
      if (now - frame_start < kMinFrameMs) SDL_Delay(uint32_t(kMinFrameMs - (now - frame_start)));
      frame_start = SDL_GetTicks64();
    }
    if (!last) continue;
    if (shot) {
      int cw = 0, ch = 0;
      auto px = w.captured(cw, ch);
      if (!px) return fail(px.error());
      if (Status s = render::write_png(o.screenshot, px->data(), cw, ch); !s)
        return fail(s.error());
      std::printf("%s\n", o.screenshot.c_str());
    }
    break;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"facsim-viewer: interactive debugging window for one facsim env"};
  auto* task_opt = app.add_option("--task", o.task, "task name (see `facsim tasks`)");
  app.add_option("--app", o.app, "open this app (without --task: no task)");
  app.add_option("--route", o.route, "the app's route, e.g. '#starred'");
  app.add_option("--seed", o.seed, "world seed");
  app.add_option("--backend", o.backend, "env frame renderer")
      ->check(CLI::IsMember({"cpu", "vulkan"}));
  app.add_option("--screenshot", o.screenshot,
                 "write the last presented window image to this PNG and exit");
  app.add_option("--frames", o.frames, "frames to run before exiting (screenshot: default 1)")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--oracle", o.oracle, "one oracle step per frame (as if Run oracle were on)");
  CLI11_PARSE(app, argc, argv);

  if (!o.app.empty() && !task_opt->count()) o.task.clear();  // --app alone: no task
  if (!o.task.empty() && !sim::find_task(o.task))
    return fail({Errc::not_found, "unknown task '" + o.task + "'"});
  auto backend = render::parse_backend(o.backend);
  if (!backend) return fail(backend.error());
  auto r = render::create_renderer({.backend = *backend});
  if (!r) return fail(r.error());
  Viewer v(**r);
  if (!o.app.empty()) v.set_app(o.app, o.route);
  if (Status s = v.reset(o.task, o.seed); !s) return fail(s.error());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // nothing written next to the caller's files
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 1.0f;
  int code = run(o, v);
  ImGui::DestroyContext();
  return code;
}
