// facsim bench: wall-clock measurements (timing is fine here; nothing below reaches a frame).
#include "bench.h"

#include "bench_impl.h"

#include <algorithm>
#include <thread>
#include <tuple>

#include "apps.h"
#include "chat/chat.h"
#include "shopping/shopping.h"
#include "banking/banking.h"
#include "mail/mail.h"
#include "assets.h"
#include "dom.h"
#include "renderer.h"
#include "sim.h"
#include "state.h"

namespace facsim::bench {
namespace {
// The centre of the inbox's first row checkbox (a click there selects the row).
std::pair<int, int> first_row_checkbox(const sim::Env& env) {
  for (const dom::A11yNode& a : env.a11y())
    if (a.id.rfind("mail/select:", 0) == 0) return {a.box.x + a.box.w / 2, a.box.y + a.box.h / 2};
  return {0, 0};
}
}  // namespace

Status run(const Options& o, std::ostream& out) {
  Emit emit{o, out};
  const int threads = o.threads > 0 ? o.threads
                                    : int(std::max(1u, std::thread::hardware_concurrency()));
  const std::string task = "mail.open_email";
  // Step measurements run on the inbox without a task: an episode's max_steps would end them
  // (steps after the end are refused, and cost nothing).
  const sim::ResetSpec inbox{.task = "", .seed = 1, .app = "mail"};
  auto want = [&](std::string_view section) {
    return o.only.empty() || std::find(o.only.begin(), o.only.end(), section) != o.only.end();
  };

  // CPU side of one step: event routing + SQL transaction + view rebuild + layout + display list,
  // on one core, per kind of step: a hover move, a click that changes the view (select a row),
  // a wheel scroll of the list, typing into the search field and opening a conversation (and
  // back). On the generated inbox (about 120 emails in 50 conversations) and, in the same run,
  // on one grown to 10,000 emails (issue 17: a step there within 2x).
  if (want("step")) {
    for (const int64_t grow : {int64_t(0), int64_t(10000)}) {
      sim::Env env({o.width, o.height});
      if (Status s = env.reset(inbox); !s) return s;
      int64_t emails = env.world().scalar("SELECT count(*) FROM mail_messages WHERE folder = 'inbox'");
      if (grow > 0) {
        auto grown = apps::mail::grow_inbox(env.world(), grow);
        if (!grown) return grown.error();
        emails = *grown;
        env.apply(sim::Action::noop());  // the view of the grown world
      }
      char world[96];
      std::snprintf(world, sizeof world, ",\"view\":\"mail.inbox\",\"inbox_emails\":%lld",
                    static_cast<long long>(emails));
      auto line = [&](const char* step, double secs, int n) {
        emit("step_cpu_side", secs / n * 1e6, "us", "none", 1, 1,
             std::string(world) + ",\"step\":\"" + step + "\"");
      };
      const int n = o.iters * 20;
      auto t0 = Clock::now();
      for (int i = 0; i < n; ++i) env.apply(sim::Action::move(400 + (i % 2) * 10, 200 + (i % 8) * 40));
      line("move", seconds_since(t0), n);
      const auto [cx, cy] = first_row_checkbox(env);
      t0 = Clock::now();
      for (int i = 0; i < n; ++i) env.apply(sim::Action::click(cx, cy));
      line("click", seconds_since(t0), n);
      // Wheel scrolls of the list, down and back up (the rows move; none is rebuilt).
      t0 = Clock::now();
      for (int i = 0; i < n; ++i) env.apply(sim::Action::scroll(cx + 200, cy + 100, i % 2 ? -120 : 120));
      line("scroll", seconds_since(t0), n);
      // Open the first conversation and go back, alternating (the open step is timed).
      std::string row;
      for (const dom::A11yNode& a : env.a11y())
        if (row.empty() && a.key.rfind("mail/row:", 0) == 0) row = a.key;
      int rx = 0, ry = 0, bx = 0, by = 0;
      env.element_center(row, rx, ry);
      double open = 0;
      for (int i = 0; i < n / 2; ++i) {
        t0 = Clock::now();
        (void)env.apply(sim::Action::click(rx, ry));
        open += seconds_since(t0);
        env.element_center("mail/back", bx, by);
        (void)env.apply(sim::Action::click(bx, by));
      }
      line("open_email", open, n / 2);
      int sx = 0, sy = 0;
      env.element_center("mail/search", sx, sy);
      env.apply(sim::Action::click(sx, sy));
      env.apply(sim::Action::type("invoice "));  // then a character per step (and its deletion)
      t0 = Clock::now();
      for (int i = 0; i < n; ++i) env.apply(i % 2 ? sim::Action::key("Backspace") : sim::Action::type("a"));
      line("type", seconds_since(t0), n);
      // Submit a search over the whole mailbox (a step that runs the list's query anew).
      double search = 0;
      for (int i = 0; i < n / 4; ++i) {
        env.apply(sim::Action::type(i % 2 ? "x" : "y"));
        t0 = Clock::now();
        env.apply(sim::Action::key("Enter"));
        search += seconds_since(t0);
        env.apply(sim::Action::key("Backspace"));
      }
      line("search", search, n / 4);
    }
  }

  // Mail's own steps (issue 17): open an email from the list and go back (alternating), type
  // a character into the composer's message, and send (composer filled, then Send; the step
  // that sends is timed, each on a restored snapshot).
  if (want("step")) {
    sim::Env env({o.width, o.height});
    if (Status s = env.reset({.task = "", .seed = 1, .app = "mail"}); !s) return s;
    int rx = 0, ry = 0, bx = 0, by = 0;
    std::string row;
    for (const dom::A11yNode& a : env.a11y())
      if (row.empty() && a.key.rfind("mail/row:", 0) == 0) row = a.key;
    env.element_center(row, rx, ry);
    const int n = o.iters * 10;
    double open = 0;
    for (int i = 0; i < n; ++i) {
      auto t0 = Clock::now();
      (void)env.apply(sim::Action::click(rx, ry));
      open += seconds_since(t0);
      env.element_center("mail/back", bx, by);
      (void)env.apply(sim::Action::click(bx, by));
    }
    emit("step_cpu_side", open / n * 1e6, "us", "none", 1, 1,
         ",\"view\":\"mail.inbox\",\"step\":\"open_email\"");
    int cx = 0, cy = 0;
    env.element_center("mail/compose", cx, cy);
    (void)env.apply(sim::Action::click(cx, cy));
    (void)env.apply(sim::Action::type("someone@example.com"));
    env.element_center("mail/compose_body", bx, by);
    (void)env.apply(sim::Action::click(bx, by));
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) (void)env.apply(i % 2 ? sim::Action::key("Backspace") : sim::Action::type("a"));
    emit("step_cpu_side", seconds_since(t0) / n * 1e6, "us", "none", 1, 1,
         ",\"view\":\"mail.compose\",\"step\":\"type\"");
    // Send to a real address (person 2), from a snapshot of the filled composer.
    std::string to;
    {
      auto q = env.world().query("SELECT email FROM people WHERE id = 2");
      if (q.step()) to = q.text(0);
    }
    int tx = 0, ty = 0, sx = 0, sy = 0;
    env.element_center("mail/compose_to", tx, ty);
    (void)env.apply(sim::Action::click(tx, ty));
    (void)env.apply(sim::Action::key("Control+a"));
    (void)env.apply(sim::Action::type(to));
    auto snap = env.snapshot();
    if (!snap) return snap.error();
    env.element_center("mail/send", sx, sy);
    double send = 0;
    for (int i = 0; i < n; ++i) {
      if (Status s = env.restore(*snap); !s) return s;
      auto t1 = Clock::now();
      (void)env.apply(sim::Action::click(sx, sy));
      send += seconds_since(t1);
    }
    emit("step_cpu_side", send / n * 1e6, "us", "none", 1, 1,
         ",\"view\":\"mail.compose\",\"step\":\"send\"");
  }

  // Chat's steps (issue 19) on #general as generated and grown to 5,000 messages (a step on
  // the big channel within 2x): open it (from another channel), a wheel scroll of the
  // conversation, a character typed, a message sent (Enter, each on a restored snapshot), and
  // a wait during which a coworker's answer to a DM lands.
  if (want("step")) {
    for (const int64_t grow : {int64_t(0), int64_t(5000)}) {
      sim::Env env({o.width, o.height});
      if (Status s = env.reset({.task = "", .seed = 1, .app = "chat", .route = "#general"}); !s)
        return s;
      int64_t msgs = env.world().scalar(
          "SELECT count(*) FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id "
          "WHERE c.name = 'general' AND m.thread_id = 0");
      if (grow > 0) {
        auto grown = apps::chat::grow_channel(env.world(), "general", grow);
        if (!grown) return grown.error();
        msgs = *grown;
        env.apply(sim::Action::noop());
      }
      char view[96];
      std::snprintf(view, sizeof view, ",\"view\":\"chat.channel\",\"messages\":%lld",
                    static_cast<long long>(msgs));
      auto line = [&](const char* step, double secs, int n) {
        emit("step_cpu_side", secs / n * 1e6, "us", "none", 1, 1,
             std::string(view) + ",\"step\":\"" + step + "\"");
      };
      auto center = [&](const std::string& key, int& x, int& y) { return env.element_center(key, x, y); };
      const int64_t general = env.world().scalar("SELECT id FROM chat_channels WHERE name = 'general'");
      const int64_t random = env.world().scalar("SELECT id FROM chat_channels WHERE name = 'random'");
      int gx = 0, gy = 0, rx = 0, ry = 0, mx = 0, my = 0, cx = 0, cy = 0;
      center("chat/channel:" + std::to_string(general), gx, gy);
      center("chat/channel:" + std::to_string(random), rx, ry);
      const int n = o.iters * 5;
      double open = 0;
      for (int i = 0; i < n; ++i) {
        (void)env.apply(sim::Action::click(rx, ry));
        auto t0 = Clock::now();
        (void)env.apply(sim::Action::click(gx, gy));
        open += seconds_since(t0);
      }
      line("open", open, n);
      center("chat/messages", mx, my);
      auto t0 = Clock::now();
      for (int i = 0; i < n; ++i) (void)env.apply(sim::Action::scroll(mx, my, i % 2 ? 240 : -240));
      line("scroll", seconds_since(t0), n);
      center("chat/composer", cx, cy);
      (void)env.apply(sim::Action::click(cx, cy));
      (void)env.apply(sim::Action::type("Hi "));  // mid-message (an empty field's placeholder
                                                 // comes and goes: a rebuild each time)
      t0 = Clock::now();
      for (int i = 0; i < n; ++i) (void)env.apply(i % 2 ? sim::Action::key("Backspace") : sim::Action::type("a"));
      line("type", seconds_since(t0), n);
      (void)env.apply(sim::Action::type("status update: all green."));
      auto snap = env.snapshot();
      if (!snap) return snap.error();
      double send = 0;
      for (int i = 0; i < n; ++i) {
        if (Status s = env.restore(*snap); !s) return s;
        auto t1 = Clock::now();
        (void)env.apply(sim::Action::key("Enter"));
        send += seconds_since(t1);
      }
      line("send", send, n);
    }
    // A coworker's answer landing during a wait: a DM asks, the wait fires the reply event.
    sim::Env env({o.width, o.height});
    const int64_t person = [&] {
      if (!env.reset({.task = "", .seed = 1, .app = "chat"})) return int64_t(0);
      return env.world().scalar("SELECT dm_person_id FROM chat_channels WHERE kind = 'dm' ORDER BY id LIMIT 1");
    }();
    if (person > 0 && env.reset({.task = "", .seed = 1, .app = "chat", .route = "#dm/" + std::to_string(person)})) {
      int cx = 0, cy = 0;
      env.element_center("chat/composer", cx, cy);
      (void)env.apply(sim::Action::click(cx, cy));
      (void)env.apply(sim::Action::type("Do you have a minute?\n"));
      auto snap = env.snapshot();
      if (!snap) return snap.error();
      const int n = o.iters * 5;
      double wait = 0;
      for (int i = 0; i < n; ++i) {
        if (Status s = env.restore(*snap); !s) return s;
        auto t0 = Clock::now();
        (void)env.apply(sim::Action::wait(95000));  // the answer lands within it
        wait += seconds_since(t0);
      }
      emit("step_cpu_side", wait / n * 1e6, "us", "none", 1, 1,
           ",\"view\":\"chat.dm\",\"step\":\"wait_for_answer\"");
    }
  }

  // Shopping's steps (issue 20) on the catalogue as generated (5,000 products) and grown to
  // 100,000 (search steps within 2x): a search run (Enter, with words typed), a filter (4 stars
  // & up), a sort (the option of the open select), a product opened from the results, the home
  // page, and an order placed (Buy Now's checkout); each from a restored snapshot.
  if (want("step")) {
    for (const int64_t grow : {int64_t(0), int64_t(100000)}) {
      sim::Env env({o.width, o.height});
      if (Status s = env.reset({.task = "", .seed = 1, .app = "shopping"}); !s) return s;
      if (grow > 0) {
        auto grown = apps::shopping::grow_catalogue(env.world(), grow);
        if (!grown) return grown.error();
        env.apply(sim::Action::noop());
      }
      const int64_t products = env.world().scalar("SELECT count(*) FROM shop_products");
      char view[96];
      std::snprintf(view, sizeof view, ",\"view\":\"shopping\",\"products\":%lld", static_cast<long long>(products));
      auto line = [&](const char* step, double secs, int n) {
        emit("step_cpu_side", secs / n * 1e6, "us", "none", 1, 1, std::string(view) + ",\"step\":\"" + step + "\"");
      };
      auto click = [&](const std::string& key) {
        int x = 0, y = 0;
        if (env.element_center(key, x, y)) (void)env.apply(sim::Action::click(x, y));
      };
      // Times `act` from snapshot `from`, n times.
      auto timed = [&](const sim::EnvSnapshot& from, auto&& act, int n) -> Result<double> {
        double secs = 0;
        for (int i = 0; i < n; ++i) {
          if (Status s = env.restore(from); !s) return s.error();
          auto t0 = Clock::now();
          act();
          secs += seconds_since(t0);
        }
        return secs;
      };
      const int n = o.iters * 2;
      click("shopping/search");
      (void)env.apply(sim::Action::type("steel bottle"));
      auto typed = env.snapshot();
      if (!typed) return typed.error();
      auto search = timed(*typed, [&] { (void)env.apply(sim::Action::key("Enter")); }, n);
      if (!search) return search.error();
      line("search", *search, n);
      (void)env.apply(sim::Action::key("Enter"));
      auto results = env.snapshot();
      if (!results) return results.error();
      int fx = 0, fy = 0, px = 0, py = 0;
      env.element_center("shopping/rating4", fx, fy);
      std::string first;
      for (const dom::A11yNode& a : env.a11y())
        if (first.empty() && a.key.rfind("shopping/product:", 0) == 0) first = a.key;
      env.element_center(first, px, py);
      auto filter = timed(*results, [&] { (void)env.apply(sim::Action::click(fx, fy)); }, n);
      if (!filter) return filter.error();
      line("filter", *filter, n);
      click("shopping/sort");
      auto open_sort = env.snapshot();
      if (!open_sort) return open_sort.error();
      int sx = 0, sy = 0;
      env.element_center("shopping/sort.opt1", sx, sy);
      auto sort = timed(*open_sort, [&] { (void)env.apply(sim::Action::click(sx, sy)); }, n);
      if (!sort) return sort.error();
      line("sort", *sort, n);
      auto product = timed(*results, [&] { (void)env.apply(sim::Action::click(px, py)); }, n);
      if (!product) return product.error();
      line("open_product", *product, n);
      int hx = 0, hy = 0;  // the logo: the home page (deals, recently viewed, recommendations)
      env.element_center("shopping/home", hx, hy);
      auto home = timed(*results, [&] { (void)env.apply(sim::Action::click(hx, hy)); }, n);
      if (!home) return home.error();
      line("home", *home, n);
      (void)env.apply(sim::Action::click(px, py));
      click("shopping/buy_now");
      auto checkout = env.snapshot();
      if (!checkout) return checkout.error();
      int ox = 0, oy = 0;
      if (!env.element_center("shopping/place_order", ox, oy))
        return Error{Errc::internal, "bench: Buy Now did not reach checkout (" + first + ")"};
      auto place = timed(*checkout, [&] { (void)env.apply(sim::Action::click(ox, oy)); }, n);
      if (!place) return place.error();
      if (env.world().ui_get("shopping.screen") != "placed") return Error{Errc::internal, "bench: no order was placed"};
      line("place_order", *place, n);
    }
  }

  // Banking's steps (issue 21) on a ledger of 2,000 lines and of 100,000 (table steps within
  // 2x): the transactions' status filter (the option of the open select), the amount sort (its
  // header), the next page; and Move money's Send (from the reviewed form); each from a
  // restored snapshot.
  if (want("step")) {
    for (const int64_t lines : {int64_t(2000), int64_t(100000)}) {
      sim::Env env({o.width, o.height});
      if (Status s = env.reset({.task = "", .seed = 1, .app = "banking", .route = "#transactions"}); !s) return s;
      auto grown = apps::banking::grow_ledger(env.world(), lines);
      if (!grown) return grown.error();
      env.apply(sim::Action::noop());
      char view[96];
      std::snprintf(view, sizeof view, ",\"view\":\"banking\",\"transactions\":%lld", static_cast<long long>(*grown));
      auto line = [&](const char* step, double secs, int n) {
        emit("step_cpu_side", secs / n * 1e6, "us", "none", 1, 1, std::string(view) + ",\"step\":\"" + step + "\"");
      };
      auto click = [&](const std::string& key) {
        int x = 0, y = 0;
        if (env.element_center(key, x, y)) (void)env.apply(sim::Action::click(x, y));
      };
      auto timed_click = [&](const sim::EnvSnapshot& from, const std::string& key, int n) -> Result<double> {
        if (Status s = env.restore(from); !s) return s.error();
        int x = 0, y = 0;
        if (!env.element_center(key, x, y)) return Error{Errc::internal, "bench: no " + key};
        double secs = 0;
        for (int i = 0; i < n; ++i) {
          if (Status s = env.restore(from); !s) return s.error();
          auto t0 = Clock::now();
          (void)env.apply(sim::Action::click(x, y));
          secs += seconds_since(t0);
        }
        return secs;
      };
      const int n = o.iters * 2;
      auto table = env.snapshot();
      if (!table) return table.error();
      click("banking/txn_status");
      auto open_select = env.snapshot();
      if (!open_select) return open_select.error();
      auto filter = timed_click(*open_select, "banking/txn_status.opt1", n);
      if (!filter) return filter.error();
      line("filter", *filter, n);
      auto sort = timed_click(*table, "banking/sort:amount", n);
      if (!sort) return sort.error();
      line("sort", *sort, n);
      if (Status s = env.restore(*table); !s) return s;
      (void)env.apply(sim::Action::scroll(700, 500, 3000));  // the pages, under the table
      auto bottom = env.snapshot();
      if (!bottom) return bottom.error();
      auto page = timed_click(*bottom, "banking/pages.next", n);
      if (!page) return page.error();
      line("page", *page, n);
      // Move money: an ACH to the first recipient, reviewed, then sent.
      if (Status s = env.restore(*table); !s) return s;
      click("banking/nav:payments");
      click("banking/pay_to");
      click("banking/pay_to.opt0");
      click("banking/amount");
      (void)env.apply(sim::Action::type("1250.00"));
      click("banking/review_payment");
      auto reviewed = env.snapshot();
      if (!reviewed) return reviewed.error();
      const int64_t before = env.world().scalar("SELECT count(*) FROM bank_payments");  // the generated ones
      auto send = timed_click(*reviewed, "banking/send_payment", n);
      if (!send) return send.error();
      if (env.world().scalar("SELECT count(*) FROM bank_payments") != before + 1)
        return Error{Errc::internal, "bench: Send did not make a payment"};
      line("send_payment", *send, n);
    }
  }

  // Reset to the first frame (world fork from the per-seed cache + task setup + first view +
  // CPU render), once the seed's world has been generated; and a reset whose seed is new
  // (generates the world: the cost the cache saves), for comparison in the same run.
  if (want("step")) {
    auto r = render::create_renderer({.backend = render::Backend::cpu});
    if (!r) return r.error();
    sim::Env env({o.width, o.height});
    if (Status s = env.reset(task, 1); !s) return s;
    const int n = o.iters * 10;
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) {
      if (Status s = env.reset(task, 1); !s) return s;
      if (Status s = env.render_now(**r); !s) return s;
    }
    emit("reset_first_frame", seconds_since(t0) / n * 1e3, "ms", "cpu", 1, 1,
         ",\"view\":\"mail.inbox\",\"world\":\"cached\"");
    t0 = Clock::now();
    for (int i = 0; i < n; ++i) {
      if (Status s = env.reset(task, 1000000 + uint64_t(i)); !s) return s;
      if (Status s = env.render_now(**r); !s) return s;
    }
    emit("reset_first_frame", seconds_since(t0) / n * 1e3, "ms", "cpu", 1, 1,
         ",\"view\":\"mail.inbox\",\"world\":\"generated\"");
  }

  // The verifier's diff at the end of an episode: the start world with the same virtual time
  // passed against the world now, every app table by primary key (sim::changes_since), after
  // the oracle of mail.mark_read_from has run (a few rows changed, mail arrived meanwhile).
  if (want("step")) {
    sim::Env env({o.width, o.height});
    if (Status s = env.reset("mail.mark_read_from", 1); !s) return s;
    while (!env.obs().done) {
      auto a = sim::next_action(sim::Policy::oracle, env);
      if (!a) return a.error();
      (void)env.apply(*a);
    }
    const int n = o.iters * 5;
    size_t rows = 0;
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) {
      auto d = env.changes();
      if (!d) return d.error();
      rows = d->rows.size();
    }
    char extra[96];
    std::snprintf(extra, sizeof extra, ",\"task\":\"mail.mark_read_from\",\"rows_changed\":%zu", rows);
    emit("episode_end_diff", seconds_since(t0) / n * 1e3, "ms", "none", 1, 1, extra);
  }

  // Branching, env level (world + view): restore an env to a snapshot of the inbox after a
  // step that changed it (a row selected; the restore is timed), and fork an env (a new env
  // with the world shared copy-on-write and its view built from nothing).
  if (want("step")) {
    sim::Env env({o.width, o.height});
    if (Status s = env.reset(inbox); !s) return s;
    auto snap = env.snapshot();
    if (!snap) return snap.error();
    const auto [cx, cy] = first_row_checkbox(env);
    const int n = o.iters * 20;
    double restore = 0;
    for (int i = 0; i < n; ++i) {
      env.apply(sim::Action::click(cx, cy));
      auto t0 = Clock::now();
      if (Status s = env.restore(*snap); !s) return s;
      restore += seconds_since(t0);
    }
    emit("env_restore", restore / n * 1e6, "us", "none", 1, 1, ",\"view\":\"mail.inbox\"");
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i)
      if (auto f = env.fork(); !f) return f.error();
    emit("env_fork", seconds_since(t0) / n * 1e6, "us", "none", 1, 1, ",\"view\":\"mail.inbox\"");
  }

  // The dom alone, by phase: view build (SQL + tree), layout, draw list. The inbox (about 1,200
  // nodes) and a synthetic 2,002-node view (a 200-row table, no SQL).
  if (want("dom")) {
    sim::Env env({o.width, o.height});
    if (Status s = env.reset(inbox); !s) return s;
    dom::Tree t;
    auto synthetic = [&](dom::Tree& tr) {
      const dom::Theme& th = tr.theme();
      int root = tr.root({.dir = dom::Dir::column, .bg = th.page});
      int list = tr.add(root, {.dir = dom::Dir::column, .w = dom::fill(), .h = dom::fill(),
                               .clip = true}, "list", dom::Role::list);
      for (int r = 0; r < 200; ++r) {
        int row = tr.add(list, {.dir = dom::Dir::row, .w = dom::fill(), .h = dom::fixed(th.row_h),
                                .pad = dom::edges(0, 8), .gap = 8, .align = dom::Align::center,
                                .hover_bg = th.hover}, std::string("r").append(std::to_string(r)), dom::Role::row);
        tr.node(row).action = "x:open";
        tr.add(row, {.w = dom::fixed(16), .h = dom::fixed(16), .border_color = th.outline,
                     .border = 2, .radius = 3});
        for (int c = 0; c < 4; ++c)
          tr.text(row, c == 0 ? "Name of the person" : "Some cell text here",
                  {.size = 14, .color = th.text}, {.w = c == 3 ? dom::fill() : dom::fixed(160)});
        int chip = tr.add(row, {.pad = dom::edges(2, 6), .bg = th.accent_soft, .radius = 8});
        tr.text(chip, "Tag", {.size = 12, .color = th.text});
        tr.add(row, {.w = dom::fixed(1), .h = dom::fill(), .bg = th.divider});
        tr.add(row, {.w = dom::fixed(24), .h = dom::fixed(24), .radius = 12, .image = "avatar1"});
      }
    };
    for (const char* view : {"mail.inbox", "synthetic_2000"}) {
      const bool inbox = view == std::string_view("mail.inbox");
      const int n = o.iters * 20;
      double build = 0, layout = 0, draw = 0;
      size_t cmds = 0;
      for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        if (inbox) apps::build_view(env.world(), t, o.width, o.height);
        else synthetic(t);
        auto t1 = Clock::now();
        t.layout(o.width, o.height);
        auto t2 = Clock::now();
        cmds = t.draw(-1).size();
        auto t3 = Clock::now();
        build += std::chrono::duration<double>(t1 - t0).count();
        layout += std::chrono::duration<double>(t2 - t1).count();
        draw += std::chrono::duration<double>(t3 - t2).count();
      }
      const std::string extra = ",\"view\":\"" + std::string(view) + "\",\"nodes\":" +
                                std::to_string(t.size()) + ",\"draw_cmds\":" + std::to_string(cmds);
      emit("dom_view_build", build / n * 1e6, "us", "none", 1, 1, extra);
      emit("dom_layout", layout / n * 1e6, "us", "none", 1, 1, extra);
      emit("dom_draw_list", draw / n * 1e6, "us", "none", 1, 1, extra);
      emit("dom_layout_plus_draw", (layout + draw) / n * 1e6, "us", "none", 1, 1, extra);
    }
  }

  if (want("rpc"))
    if (Status s = run_rpc(o, emit); !s) return s;
  if (want("state"))
    if (Status s = run_state(o, emit); !s) return s;

  // Rendering: full redraw of the inbox frame, per backend and batch size.
  for (const std::string& bname : want("render") ? o.backends : std::vector<std::string>{}) {
    auto b = render::parse_backend(bname);
    if (!b) return b.error();
    auto r = render::create_renderer({.backend = *b, .threads = threads});
    if (!r) {
      if (o.json)
        out << "{\"name\":\"render_unavailable\",\"backend\":\"" << bname << "\",\"error\":\""
            << r.error().message << "\"}\n";
      continue;
    }
    std::unique_ptr<render::Renderer> gpu_bin, grid;
    if (*b == render::Backend::vulkan) {
      if (auto g = render::create_renderer({.backend = *b, .gpu_binning = true}))
        gpu_bin = std::move(*g);
      // The damage path's baseline: a workgroup for every tile (the unchanged return at once).
      if (auto g = render::create_renderer({.backend = *b, .compact_dispatch = false}))
        grid = std::move(*g);
    }
    // The CPU reference on one core: its frames/s per core.
    if (*b == render::Backend::cpu) {
      auto one = render::create_renderer({.backend = *b, .threads = 1});
      if (!one) return one.error();
      sim::Env env({o.width, o.height});
      if (Status s = env.reset(inbox); !s) return s;
      const render::DisplayList* l[] = {&env.display_list()};
      std::vector<uint8_t> f(size_t(o.width) * size_t(o.height) * 4);
      Status err;
      auto [n, secs] = timed(o.iters, [&] {
        err = (*one)->render(l, o.width, o.height, f.data());
        return err.ok();
      });
      if (!err) return err;
      emit("render_full_redraw_per_core", n / secs, "frames/s", bname, 1, 1,
           ",\"view\":\"mail.inbox\"");
    }
    for (int envs : o.envs) {
      sim::BatchEnv batch({.envs = envs, .threads = threads, .env = {o.width, o.height}}, **r);
      if (Status s = batch.reset_all("", 1); !s) return s;
      std::vector<const render::DisplayList*> lists;
      for (int i = 0; i < envs; ++i) lists.push_back(&batch.env(i).display_list());
      std::vector<uint8_t> frames(size_t(envs) * size_t(o.width) * size_t(o.height) * 4);
      Status err;
      const int rthreads = *b == render::Backend::cpu ? threads : 0;
      // Full redraws of one list per env; on Vulkan with the tile lists built on the CPU and
      // then on the GPU (bin.comp), so the two can be compared in one run.
      auto full_redraw = [&](std::span<const render::DisplayList* const> ls, const char* view) {
        std::vector<std::pair<render::Renderer*, const char*>> rs{{r->get(), "cpu"}};
        if (gpu_bin) rs.push_back({gpu_bin.get(), "gpu"});
        for (auto [ren, binning] : rs) {
          (void)ren->render(ls, o.width, o.height, frames.data());  // warm-up, buffers sized
          auto [n, secs] = timed(o.iters, [&] {
            err = ren->render(ls, o.width, o.height, frames.data());
            return err.ok();
          });
          if (!err) return;
          emit("render_full_redraw", double(envs) * n / secs, "frames/s", bname, envs, rthreads,
               std::string(",\"view\":\"") + view + "\",\"binning\":\"" + binning +
                   "\",\"device\":\"" + ren->device_name() + "\"");
          if (ren->backend() != render::Backend::vulkan) continue;
          // The same without a readback: the frames stay on the device (a trainer on the GPU).
          auto [n2, secs2] = timed(o.iters, [&] {
            err = ren->render(ls, o.width, o.height, nullptr);
            return err.ok();
          });
          if (!err) return;
          emit("render_full_redraw_no_readback", double(envs) * n2 / secs2, "frames/s", bname, envs, rthreads,
               std::string(",\"view\":\"") + view + "\",\"binning\":\"" + binning +
                   "\",\"device\":\"" + ren->device_name() + "\"");
        }
      };
      full_redraw(lists, "mail.inbox");
      if (!err) return err;
      int n = 0;
      double secs = 0;
      // Damage path: the pointer moves between two inbox rows (a hover change) in every env;
      // only the tiles of the two rows are drawn and read back.
      {
        sim::Env probe({o.width, o.height});
        if (Status s = probe.reset(inbox); !s) return s;
        int x = 0, y0 = 0, y1 = 0;
        std::vector<std::string> rows;
        for (const auto& node : probe.a11y())
          if (node.key.rfind("mail/row:", 0) == 0) rows.push_back(node.key);
        if (rows.size() < 3 || !probe.element_center(rows[1], x, y0) ||
            !probe.element_center(rows[2], x, y1))
          return Error{Errc::internal, "bench: inbox rows not found"};
        probe.apply(sim::Action::move(x, y0));
        const render::DisplayList hover_a = probe.display_list();
        probe.apply(sim::Action::move(x, y1));
        const render::DisplayList hover_b = probe.display_list();
        std::vector<const render::DisplayList*> la(size_t(envs), &hover_a), lb(size_t(envs), &hover_b);
        std::vector<std::pair<render::Renderer*, const char*>> rs{{r->get(), "compact"}};
        if (grid) rs.push_back({grid.get(), "grid"});
        for (auto [ren, dispatch] : rs) {
          std::vector<render::Damage> dmg(static_cast<size_t>(envs));
          std::vector<render::Damage*> dptr;
          for (auto& d : dmg) dptr.push_back(&d);
          (void)ren->render(la, o.width, o.height, frames.data(), dptr);  // full, primes damage
          int k = 0;
          uint64_t drawn = 0, total = 0;
          std::tie(n, secs) = timed(o.iters * 10, [&] {
            err = ren->render(++k % 2 ? lb : la, o.width, o.height, frames.data(), dptr);
            drawn += ren->stats().tiles_drawn;
            total += ren->stats().tiles;
            return err.ok();
          });
          if (!err) return err;
          char extra[200];
          std::snprintf(extra, sizeof extra, ",\"view\":\"mail.inbox.hover\",\"tiles_drawn_pct\":%.2f%s%s%s",
                        100.0 * double(drawn) / double(std::max<uint64_t>(total, 1)),
                        *b == render::Backend::vulkan ? ",\"dispatch\":\"" : "", *b == render::Backend::vulkan ? dispatch : "",
                        *b == render::Backend::vulkan ? "\"" : "");
          emit("render_damage_hover", double(envs) * n / secs, "frames/s", bname, envs,
               *b == render::Backend::cpu ? threads : 0, extra);
        }
      }
      // Worst case: a dense text page (every line full of 13 px text).
      {
        render::DisplayList dense;
        const int face = assets::font_atlas().face_index(13, 400);
        const std::string line =
            "Quarterly planning notes: revenue, hiring, infrastructure and the roadmap for "
            "the next two releases, with owners and dates for every item on the list. ";
        for (int y = 14; y < o.height; y += 17) dense.text(4, y, line + line, face, 0xFF242120u);
        std::vector<const render::DisplayList*> ld(size_t(envs), &dense);
        full_redraw(ld, "dense_text");
        if (!err) return err;
        const render::DisplayList show = render::showcase(o.width, o.height);
        std::vector<const render::DisplayList*> ls(size_t(envs), &show);
        full_redraw(ls, "primitives_showcase");
        if (!err) return err;
      }
      // Host readback: empty lists (the shader only writes white), so the time is dominated by
      // writing the frames and copying them to host memory.
      {
        const render::DisplayList empty;
        std::vector<const render::DisplayList*> le(size_t(envs), &empty);
        std::tie(n, secs) = timed(o.iters, [&] {
          err = (*r)->render(le, o.width, o.height, frames.data());
          return err.ok();
        });
        if (!err) return err;
        emit("render_empty_readback", double(frames.size()) * n / secs / 1e9, "GB/s", bname,
             envs, rthreads, ",\"view\":\"empty\"");
      }
      // A whole batch step: app logic on the pool + one render submission + hashing.
      std::vector<sim::Action> acts{size_t(envs)};
      int i = 0;
      std::tie(n, secs) = timed(o.iters, [&] {
        for (int e = 0; e < envs; ++e)
          acts[size_t(e)] = sim::Action::move(300 + i % 7 * 20, 300 + e % 5 * 40);
        ++i;
        err = batch.step(acts);
        return err.ok();
      });
      if (!err) return err;
      emit("batch_step", double(envs) * n / secs, "steps/s", bname, envs, threads,
           ",\"view\":\"mail.inbox\"");
    }
  }

  // Encoding one inbox frame: PNG at several settings, and the raw formats.
  if (want("png")) {
    auto r = render::create_renderer({.backend = render::Backend::cpu, .threads = threads});
    if (!r) return r.error();
    sim::Env env({o.width, o.height});
    if (Status s = env.reset(inbox); !s) return s;
    if (Status s = env.render_now(**r); !s) return s;
    // A copy: the banded encoder's bench steps the env, and what follows measures the inbox.
    const std::vector<uint8_t> inbox(env.frame().begin(), env.frame().end());
    const uint8_t* frame = inbox.data();
    struct Variant {
      const char* name;
      render::PngOptions opt;
    };
    const Variant variants[] = {
        {"rgb_level1_none", {}},  // the default
        {"rgba_level1_none", {.format = render::PixelFormat::rgba}},
        {"rgba_level1_up", {.format = render::PixelFormat::rgba, .filter_up = true}},
        {"rgb_level1_up", {.filter_up = true}},
        {"rgba_level0", {.level = 0, .format = render::PixelFormat::rgba}},
        {"rgba_level6_none", {.level = 6, .format = render::PixelFormat::rgba}},
        {"rgba_level6_up", {.level = 6, .format = render::PixelFormat::rgba, .filter_up = true}},
    };
    for (const Variant& v : variants) {
      size_t bytes = 0;
      Status err;
      auto [n, secs] = timed(o.iters, [&] {
        auto png = render::encode_png(frame, o.width, o.height, v.opt);
        if (!png) err = png.error();
        else bytes = png->size();
        return png.ok();
      });
      if (!err) return err;
      emit("png_encode", secs / n * 1e3, "ms", "cpu", 1, 1,
           std::string(",\"variant\":\"") + v.name + "\",\"bytes\":" + std::to_string(bytes));
    }
    // The banded encoder (screenshots over RPC): every band from scratch, and after a step
    // that moves the pointer onto another row (a hover: what most clicks redraw).
    {
      size_t bytes = 0;
      Status err;
      auto [n, secs] = timed(o.iters, [&] {
        render::PngEncoder enc;
        auto png = enc.encode(frame, o.width, o.height);
        if (!png) err = png.error();
        else bytes = png->size();
        return png.ok();
      });
      if (!err) return err;
      emit("png_encode", secs / n * 1e3, "ms", "cpu", 1, 1,
           std::string(",\"variant\":\"banded_full\",\"bytes\":").append(std::to_string(bytes)));
      std::vector<uint8_t> frames[2];
      for (int k = 0; k < 2; ++k) {
        if (Status s = env.step(sim::Action::move(o.width / 2, 250 + 40 * k), **r); !s) return s;
        frames[k].assign(env.frame().begin(), env.frame().end());
      }
      render::PngEncoder enc;
      int bands = 0, i = 0;
      auto [n2, secs2] = timed(o.iters * 5, [&] {
        auto png = enc.encode(frames[i++ % 2].data(), o.width, o.height);
        if (!png) err = png.error();
        bands = enc.bands_compressed();
        return png.ok();
      });
      if (!err) return err;
      emit("png_encode", secs2 / n2 * 1e3, "ms", "cpu", 1, 1,
           std::string(",\"variant\":\"banded_hover\",\"bands\":").append(std::to_string(bands)));
    }
    std::vector<uint8_t> rgb(size_t(o.width) * size_t(o.height) * 3);
    auto [n, secs] = timed(o.iters * 10, [&] {
      render::rgba_to_rgb(frame, rgb.size() / 3, rgb.data());
      return true;
    });
    emit("rgb_convert", secs / n * 1e3, "ms", "cpu", 1, 1,
         ",\"bytes\":" + std::to_string(rgb.size()));
  }
  return {};
}

}  // namespace facsim::bench
