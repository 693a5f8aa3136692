// Shopping's task templates: buying (a product, a colour and size, a quantity, the cheapest by a
// rule), the cart, cancelling, buying again, and reading the order history. Verifiers read the
// orders, their items and the cart; any other change fails. Stock goes down by what an order
// buys (and back up when it is cancelled), as moves in the stock ledger: stated, not tolerated.
#include "shopping/shopping_tasks.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>
#include <string>
#include <vector>

#include "apps.h"
#include "assets.h"
#include "calendar.h"
#include "kit.h"
#include "money.h"
#include "shopping/keys.h"
#include "shopping/shopping.h"
#include "state.h"

namespace facsim::tasks::shopping {
namespace {

namespace sk = apps::shopping;
using kit::col;
using kit::Expect;
using kit::none;
using kit::or_noop;
using kit::Ui;
using sim::Action;
using sim::Ending;
using sim::TaskInstance;
using sim::Verdict;
using sim::WorldDiff;
using state::World;

std::string full(std::string_view k) { return sk::full(k); }

// [SECTION] Picking from the catalogue -------------------------------------------------------------
struct Product {
  int64_t id = 0;
  std::string title, category;
  int64_t category_id = 0;
};
// A product (drawn by `rng` among those `where` selects, on shop_products p) with a variant
// in stock.
Status pick_product(World& w, Rng& rng, const std::string& where, Product& p) {
  // One pass over the catalogue (the conditions are correlated subqueries): the ids that fit,
  // then the one drawn.
  std::vector<int64_t> ids;
  for (auto q = w.query("SELECT p.id FROM shop_products p WHERE " + where + " AND EXISTS (SELECT 1 FROM shop_variants v "
                        "WHERE v.product_id = p.id AND v.stock0 >= 5) ORDER BY p.id");
       q.step();)
    ids.push_back(q.i64(0));
  if (ids.empty()) return none("no product fits");
  auto q = w.query("SELECT p.id, p.title, c.name, c.id FROM shop_products p JOIN shop_categories c ON c.id = p.category_id "
                   "WHERE p.id = ?", ids[rng.below(uint32_t(ids.size()))]);
  if (!q.step()) return none("no product");
  p = {q.i64(0), std::string(q.text(1)), std::string(q.text(2)), q.i64(3)};
  return {};
}
// The variant Buy Now takes from product `p`'s page (its first colour and size).
int64_t first_variant(World& w, int64_t p) {
  return kit::scalar(w, "SELECT id FROM shop_variants WHERE product_id = ? ORDER BY id LIMIT 1", p);
}
// A condition on shop_products p: its first variant has at least `n` in stock.
std::string first_in_stock(int n) {
  return "(SELECT stock0 FROM shop_variants v WHERE v.product_id = p.id ORDER BY v.id LIMIT 1) >= " + std::to_string(n);
}
// How many orders there are now: the buying templates' goal is one more.
std::string orders_now(World& w) { return std::to_string(kit::scalar(w, "SELECT count(*) FROM shop_orders")); }

void put(World& w, TaskInstance& inst, const Product& p) {
  inst.params.insert(inst.params.end(), {{"product", std::to_string(p.id)}, {"title", p.title},
                                         {"category", p.category}, {"category_id", std::to_string(p.category_id)},
                                         {"orders_before", orders_now(w)}});
}

// [SECTION] Verifying an order ---------------------------------------------------------------------
// Exactly one new order, placed (status 'ordered'), whose items are exactly `want` (variant ->
// quantity; a variant 0 entry: any variant of product `any_of`). States the order, its items and
// the stock they took; returns the order's id ("" when there is none to check).
std::string check_order(World& w, Expect& e, const WorldDiff& d, std::map<int64_t, int64_t> want,
                        int64_t any_of = 0, int64_t any_qty = 0) {
  const auto orders = kit::inserted_rows(d, "shop_orders");
  e.require(orders.size() == 1, "exactly one new order expected, not " + std::to_string(orders.size()));
  if (orders.size() != 1) return "";
  const sim::RowChange& o = *orders[0];
  e.inserted("shop_orders", o.key);
  e.require(col(o, "status") == "ordered", "the order is " + col(o, "status"));
  std::map<int64_t, int64_t> got;
  for (const sim::RowChange* r : kit::inserted_rows(d, "shop_order_items")) {
    e.inserted("shop_order_items", r->key);
    e.require(col(*r, "order_id") == o.key, "an item of another order");
    got[std::atoll(col(*r, "variant_id").c_str())] += std::atoll(col(*r, "qty").c_str());
  }
  if (any_of) {  // any variant of the product will do
    e.require(got.size() == 1, "the order should hold one product");
    if (got.size() == 1) {
      const int64_t v = got.begin()->first;
      e.require(kit::scalar(w, "SELECT product_id FROM shop_variants WHERE id = ?", v) == any_of,
                "the order holds the wrong product");
      e.require(got.begin()->second == any_qty, "wrong quantity: " + std::to_string(got.begin()->second));
    }
  } else {
    for (const auto& [v, q] : want) {
      const auto it = got.find(v);
      e.require(it != got.end(), "the order lacks " + kit::text(w, "SELECT p.title || ' (' || v.colour || "
                                                                   "CASE WHEN v.size <> '' THEN ', ' || v.size ELSE '' END || ')' FROM shop_variants v "
                                                                   "JOIN shop_products p ON p.id = v.product_id WHERE v.id = ?", v));
      if (it != got.end()) e.require(it->second == q, "wrong quantity: " + std::to_string(it->second) + " instead of " + std::to_string(q));
    }
    for (const auto& [v, q] : got) e.require(want.count(v) == 1, "the order holds something not asked for");
  }
  // What it took from stock: a move per item, of its quantity.
  std::map<int64_t, int64_t> taken;
  for (const sim::RowChange* r : kit::inserted_rows(d, "shop_stock_moves")) {
    e.inserted("shop_stock_moves", r->key);
    e.require(col(*r, "order_id") == o.key, "stock moved for something else");
    taken[std::atoll(col(*r, "variant_id").c_str())] -= std::atoll(col(*r, "delta").c_str());
  }
  e.require(taken == got, "the stock taken is not what the order holds");
  return o.key;
}
// The variant of `product` in `colour` (and `size`, "" none).
int64_t variant_of(World& w, int64_t product, const std::string& colour, const std::string& size) {
  return kit::scalar(w, "SELECT id FROM shop_variants WHERE product_id = ? AND colour = ? AND size = ?", product, colour, size);
}

// [SECTION] Oracle steps -----------------------------------------------------------------------------
bool on_product_page(const Ui& ui, const std::string& title) {
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::heading && n.name == title) return true;
  return false;
}
// Toward product `title`'s page: its card when shown, else a search for it.
Action find_product(const Ui& ui, int64_t id, const std::string& title) {
  if (auto a = ui.click(full(sk::key::product(id)))) return *a;
  const dom::A11yNode* f = ui.find(full(sk::key::search));
  if (!f) return Action::noop();
  if (f->value != title) return or_noop(ui.fill(full(sk::key::search), title));
  if (!f->focused) return or_noop(ui.click(full(sk::key::search)));
  return Action::key("Enter");
}
// On a product page: the colour, size and quantity, then `button` (buy_now, add_to_cart).
std::optional<Action> choose_and(const Ui& ui, const std::string& colour, const std::string& size, int qty,
                                 std::string_view button) {
  if (!colour.empty()) {
    const dom::A11yNode* c = ui.find(full(sk::key::colour(colour)));
    if (c && !c->selected) return ui.click(full(sk::key::colour(colour)));
  }
  if (!size.empty()) {
    const dom::A11yNode* s = ui.find(full(sk::key::size(size)));
    if (s && !s->selected) return ui.click(full(sk::key::size(size)));
  }
  const std::string opt = full(std::string(sk::key::qty) + ".opt" + std::to_string(qty - 1));
  if (ui.has(opt)) return ui.click(opt);
  const dom::A11yNode* q = ui.find(full(sk::key::qty));
  if (q && q->value != std::to_string(qty) && q->name.find(std::to_string(qty)) == std::string::npos)
    return ui.click(full(sk::key::qty));
  if (auto a = ui.click(full(button))) return a;
  return ui.scroll_to(full(sk::key::page), full(button));
}
// The end of a Buy Now: nothing once placed, Place your order on checkout, the choices and Buy
// Now on the page of `title` ("": any product page); nullopt anywhere else.
std::optional<Action> buy_now_steps(const Ui& ui, const std::string& title, const std::string& colour = "",
                                    const std::string& size = "", int qty = 1) {
  if (ui.has(full("confirmation"))) return Action::noop();
  if (ui.has(full(sk::key::place_order))) return or_noop(ui.click(full(sk::key::place_order)));
  if (title.empty() ? ui.has(full(sk::key::buy_now)) : on_product_page(ui, title))
    return or_noop(choose_and(ui, colour, size, qty, sk::key::buy_now));
  return std::nullopt;
}
// The results' sort set to option `i` of kSorts; nullopt once it is.
std::optional<Action> sort_by(const Ui& ui, int i) {
  const std::string opt = full(std::string(sk::key::sort) + ".opt" + std::to_string(i));
  if (ui.has(opt)) return ui.click(opt);
  const std::string want(sk::kSorts[i]);
  const dom::A11yNode* sort = ui.find(full(sk::key::sort));
  if (sort && sort->name.find(want) == std::string::npos && sort->value.find(want) == std::string::npos)
    return ui.click(full(sk::key::sort));
  return std::nullopt;
}
// Toward category `id`'s results: its link in the header's strip, else its tile on the home
// page; nullopt once the results say they are in it.
std::optional<Action> open_category(const Ui& ui, int64_t id, const std::string& name) {
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::status && n.name.find(" results in " + name) != std::string::npos) return std::nullopt;
  if (auto a = ui.click(full(sk::key::nav(id)))) return a;
  const std::string tile = full("tile:" + std::to_string(id));
  if (ui.has(tile)) {
    if (auto a = ui.click(tile)) return a;
    return ui.scroll_to(full(sk::key::page), tile);
  }
  return ui.click(full(sk::key::home));
}

// Buys product `id` (`title`) in `colour`/`size` x `qty` with Buy Now; noop once placed.
Action buy(const Ui& ui, int64_t id, const std::string& title, const std::string& colour, const std::string& size,
           int qty) {
  if (auto a = buy_now_steps(ui, title, colour, size, qty)) return *a;
  return find_product(ui, id, title);
}

// [SECTION] shopping.buy_product ----------------------------------------------------------------------
Status buy_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  // Its first colour (and size) in stock: that is what a plain Buy Now takes.
  if (Status s = pick_product(w, rng, "(SELECT stock0 FROM shop_variants v WHERE v.product_id = p.id ORDER BY v.id LIMIT 1) > 0", p); !s)
    return s;
  put(w, inst, p);
  kit::phrase(rng, inst, {"Buy the {title}.", "Order one \"{title}\" from Shopwise.",
                          "Purchase {title} (any colour is fine).", "I need the {title} - please buy it.",
                          "From {category}, buy one {title}.", "Place an order for a single {title}."});
  return {};
}
// The goal of the buying templates: an order more than when the task began.
bool ordered_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_orders") > i.param_int("orders_before");
}
Verdict buy_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {}, i.param_int("product"), 1);
  return e.verdict();
}
Action buy_oracle(const sim::Env& env, const TaskInstance& i, int) {
  return buy(Ui(env), i.param_int("product"), i.param("title"), "", "", 1);
}

// [SECTION] shopping.buy_variant ------------------------------------------------------------------------
Status variant_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  if (Status s = pick_product(w, rng, "EXISTS (SELECT 1 FROM shop_variants v WHERE v.product_id = p.id AND v.stock0 >= 2 AND "
                                     "v.colour <> (SELECT colour FROM shop_variants f WHERE f.product_id = p.id ORDER BY f.id LIMIT 1))", p);
      !s)
    return s;
  // A colour other than the first (the page shows the first), in stock, and a size if it has sizes.
  std::vector<std::pair<std::string, std::string>> opts;
  for (auto q = w.query("SELECT colour, size FROM shop_variants WHERE product_id = ? AND stock0 >= 2 AND colour <> (SELECT "
                        "colour FROM shop_variants WHERE product_id = ? ORDER BY id LIMIT 1) ORDER BY id", p.id, p.id);
       q.step();)
    opts.emplace_back(q.text(0), q.text(1));
  if (opts.empty()) return none("no other colour in stock");
  const auto& [colour, size] = opts[rng.below(uint32_t(opts.size()))];
  put(w, inst, p);
  inst.params.emplace_back("colour", colour);
  inst.params.emplace_back("size", size);
  inst.params.emplace_back("variant", std::to_string(variant_of(w, p.id, colour, size)));
  inst.params.emplace_back("in_size", size.empty() ? "" : ", size " + size);
  kit::phrase(rng, inst, {"Buy the {title} in {colour}{in_size}.", "Order the {colour} one{in_size}: {title}.",
                          "Purchase \"{title}\", colour {colour}{in_size}.",
                          "Get me the {title} - I want it in {colour}{in_size}."});
  return {};
}
Verdict variant_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {{i.param_int("variant"), 1}});
  return e.verdict();
}
Action variant_oracle(const sim::Env& env, const TaskInstance& i, int) {
  return buy(Ui(env), i.param_int("product"), i.param("title"), i.param("colour"), i.param("size"), 1);
}

// [SECTION] shopping.buy_quantity -------------------------------------------------------------------------
Status qty_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  if (Status s = pick_product(w, rng, "p.category_id IN (1, 7, 10, 15, 16) AND (SELECT stock0 FROM shop_variants f WHERE "
                                     "f.product_id = p.id ORDER BY f.id LIMIT 1) >= 5", p);
      !s)
    return s;
  const int64_t v = first_variant(w, p.id);
  const int qty = 2 + int(rng.below(4));
  if (kit::scalar(w, "SELECT stock0 FROM shop_variants WHERE id = ?", v) < qty) return none("not enough stock");
  put(w, inst, p);
  inst.params.emplace_back("qty", std::to_string(qty));
  inst.params.emplace_back("variant", std::to_string(v));
  kit::phrase(rng, inst, {"Buy {qty} of the {title} in one order.", "Order {qty} x \"{title}\".",
                          "We need {qty} of these: {title}. Place the order.",
                          "Purchase a quantity of {qty} of {title}."});
  return {};
}
Verdict qty_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {}, i.param_int("product"), i.param_int("qty"));
  return e.verdict();
}
Action qty_oracle(const sim::Env& env, const TaskInstance& i, int) {
  return buy(Ui(env), i.param_int("product"), i.param("title"), "", "", int(i.param_int("qty")));
}

// [SECTION] shopping.add_to_cart ----------------------------------------------------------------------------
Status cart_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = variant_setup(w, rng, inst); !s) return s;
  inst.params.emplace_back("qty", std::to_string(1 + rng.below(3)));
  kit::phrase(rng, inst, {"Put {qty} of the {colour} {title}{in_size} in my cart - don't order yet.",
                          "Add the {title} in {colour}{in_size} to the cart, quantity {qty}. No checkout.",
                          "Cart only, please: {qty} x {title}, {colour}{in_size}."});
  return {};
}
bool cart_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_cart WHERE variant_id = ? AND qty = ? AND saved = 0",
                     i.param_int("variant"), i.param_int("qty")) == 1;
}
Verdict cart_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto lines = kit::inserted_rows(d, "shop_cart");
  e.require(lines.size() == 1, "one new cart line expected, not " + std::to_string(lines.size()));
  for (const sim::RowChange* r : lines) {
    e.inserted("shop_cart", r->key);
    e.require(col(*r, "variant_id") == i.param("variant"), "the cart holds the wrong item (colour or size)");
    e.require(col(*r, "qty") == i.param("qty"), "the cart line's quantity is " + col(*r, "qty"));
    e.require(col(*r, "saved") == "0", "the item was saved for later, not put in the cart");
  }
  (void)w;
  return e.verdict();
}
Action cart_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (on_product_page(ui, i.param("title"))) {
    // Added: the header's cart count says so.
    const dom::A11yNode* cart = ui.find(full(sk::key::cart));
    if (cart && cart->name.find(", " + i.param("qty") + " item") != std::string::npos) return Action::noop();
    return or_noop(choose_and(ui, i.param("colour"), i.param("size"), int(i.param_int("qty")), sk::key::add_to_cart));
  }
  return find_product(ui, i.param_int("product"), i.param("title"));
}

// [SECTION] shopping.cheapest (hard): the cheapest in a category by a rule -----------------------------------------
Status cheapest_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t cat = 1 + int64_t(rng.below(10));  // the categories in the header's strip
  // The cheapest product rated 4 stars and up with something in stock; of equal prices, the
  // one with more ratings (the instruction says so).
  auto q = w.query("SELECT p.id, p.price_cents, p.title, p.ratings FROM shop_products p WHERE p.category_id = ? AND "
                   "p.rating10 >= 40 AND EXISTS (SELECT 1 FROM shop_variants v WHERE v.product_id = p.id AND v.stock0 > 0) "
                   "ORDER BY p.price_cents, p.ratings DESC, p.id LIMIT 2", cat);
  std::vector<std::tuple<int64_t, int64_t, std::string, int64_t>> best;
  while (q.step()) best.emplace_back(q.i64(0), q.i64(1), std::string(q.text(2)), q.i64(3));
  if (best.empty()) return none("nothing fits");
  if (best.size() == 2 && std::get<1>(best[0]) == std::get<1>(best[1]) && std::get<3>(best[0]) == std::get<3>(best[1]))
    return none("a tie for cheapest");
  const auto& [id, price, title, ratings] = best[0];
  inst.params.emplace_back("tie", best.size() == 2 && std::get<1>(best[0]) == std::get<1>(best[1]) ? "1" : "0");
  // Buy Now takes its first colour: in stock (a restock the store had this morning).
  const int64_t first = first_variant(w, id);
  if (kit::scalar(w, "SELECT stock0 FROM shop_variants WHERE id = ?", first) < 3)
    w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) VALUES(?, 3, 0)", first).run();
  // A budget above it (round numbers), so the rule names one product.
  int cap = 0;
  for (int c : {25, 50, 100, 200, 500, 1000, 2000})
    if (price < int64_t(c) * 100 && (cap == 0 || rng.below(3) == 0)) {
      cap = c;
      if (rng.below(2)) break;
    }
  if (cap == 0) return none("too dear");
  inst.params.insert(inst.params.end(), {{"category_id", std::to_string(cat)}, {"category", kit::text(w, "SELECT name FROM shop_categories WHERE id = ?", cat)},
                 {"cap", std::to_string(cap)}, {"product", std::to_string(id)}, {"title", title},
                 {"orders_before", orders_now(w)}});
  kit::phrase(rng, inst, {"Buy the cheapest in-stock item in {category} rated 4 stars or more (my budget is ${cap}).",
                          "Among {category} with at least 4 stars that are in stock, order the lowest-priced one. Stay under ${cap}.",
                          "Find the least expensive {category} product rated 4+ stars that can be bought now, and buy it (under ${cap}).",
                          "I want the cheapest 4-star-and-up {category} in stock; it should be under ${cap}. Please order it.",
                          "Shopping for {category}: pick the lowest price among those rated at least 4 stars and in stock, then buy it.",
                          "Order one {category} item - the cheapest that has 4 or more stars and is available. Budget ${cap}.",
                          "Get the budget pick in {category}: lowest price, 4+ stars, in stock. Under ${cap}, please.",
                          "Which {category} product is cheapest with a rating of 4 stars or better (and in stock)? Buy it."});
  inst.instruction += " If two cost the same, take the one with more ratings.";
  return {};
}
Verdict cheapest_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {}, i.param_int("product"), 1);
  return e.verdict();
}
Action cheapest_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = buy_now_steps(ui, i.param("title"))) return *a;
  // The category, then its filters, then the sort; the cheapest is the first card that can be
  // bought.
  if (auto a = open_category(ui, i.param_int("category_id"), i.param("category"))) return *a;
  for (std::string_view box : {sk::key::rating4, sk::key::in_stock}) {
    const dom::A11yNode* b = ui.find(full(box));
    if (b && !b->checked) return or_noop(ui.click(full(box)));
  }
  if (auto a = sort_by(ui, 1)) return *a;
  const std::string card = full(sk::key::product(i.param_int("product")));
  if (auto a = ui.click(card)) return *a;
  return or_noop(ui.scroll_to(full(sk::key::page), card));
}

// [SECTION] shopping.cancel_order ------------------------------------------------------------------------------
// An order placed this morning, not yet shipped (the setup places it).
Status cancel_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  if (Status s = pick_product(w, rng, "p.ratings > 0", p); !s) return s;
  const int64_t v = first_variant(w, p.id);
  const int64_t price = kit::scalar(w, "SELECT price_cents FROM shop_variants WHERE id = ?", v);
  const int64_t tax = (price * sk::kTaxBasisPoints + 5000) / 10000, ship = price >= sk::kFreeShippingCents ? 0 : 599;
  const int64_t placed = w.now_ms() - int64_t(1 + rng.below(5)) * 3600000;
  w.query("INSERT INTO shop_orders(number, placed_ms, status, address_id, card_id, ship, subtotal_cents, ship_cents, "
          "tax_cents, total_cents, deliver_ms) VALUES(?, ?, 'ordered', 1, 1, 'standard', ?, ?, ?, ?, ?)",
          "113-" + std::to_string(1000000 + rng.below(9000000)) + "-" + std::to_string(1000000 + rng.below(9000000)),
          placed, price, ship, tax, price + ship + tax, placed + int64_t(5) * 86400000).run();
  const int64_t order = w.last_insert_rowid();
  w.query("INSERT INTO shop_order_items(order_id, variant_id, qty, price_cents) VALUES(?, ?, 1, ?)", order, v, price).run();
  w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) VALUES(?, -1, ?)", v, order).run();
  w.schedule(placed + 86400000, "shopping.ship", std::to_string(order));
  put(w, inst, p);
  inst.params.emplace_back("order", std::to_string(order));
  inst.params.emplace_back("variant", std::to_string(v));
  kit::phrase(rng, inst, {"Cancel my order for the {title}.", "I ordered the {title} this morning by mistake - cancel it.",
                          "Please cancel the order with \"{title}\" before it ships.",
                          "Stop the order of {title}: cancel it."});
  return {};
}
bool cancel_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_orders WHERE id = ? AND status = 'cancelled'", i.param_int("order")) == 1;
}
Verdict cancel_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("shop_orders", i.param("order"), {{"status", "cancelled"}});
  // The stock it held goes back: one move of +1 for its item.
  const auto moves = kit::inserted_rows(d, "shop_stock_moves");
  e.require(moves.size() == 1 && col(*moves[0], "variant_id") == i.param("variant") && col(*moves[0], "delta") == "1",
            "the cancelled item's stock did not go back");
  for (const sim::RowChange* r : moves) e.inserted("shop_stock_moves", r->key);
  (void)w;
  return e.verdict();
}
Action cancel_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(sk::key::confirm_cancel))) return or_noop(ui.click(full(sk::key::confirm_cancel)));
  const std::string c = full(sk::key::cancel(i.param_int("order")));
  if (ui.has(full("order_list"))) {
    if (auto a = ui.click(c)) return *a;
    if (!ui.has(c)) return Action::noop();  // cancelled: the button is gone
    return or_noop(ui.scroll_to(full(sk::key::page), c));
  }
  return or_noop(ui.click(full(sk::key::orders)));
}

// An answer that is an amount and nothing else: "$1,447.25", "1447.25", "$1447" (cents).
std::optional<int64_t> exact_money(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '.')) t.remove_suffix(1);
  if (!t.empty() && t.front() == '$') t.remove_prefix(1);
  if (t.empty()) return std::nullopt;
  for (char c : t)
    if (!std::isdigit(uint8_t(c)) && c != ',' && c != '.') return std::nullopt;
  const std::vector<int64_t> a = amounts_in("$" + std::string(t));
  if (a.size() != 1) return std::nullopt;
  if (format_usd(a[0]).substr(1) != std::string(t) && format_usd(a[0], false).substr(1) != std::string(t)) {
    std::string plain;  // "1447.25" as well as "1,447.25"
    for (char c : format_usd(a[0])) if (c != ',' && c != '$') plain += c;
    if (plain != t && plain.substr(0, plain.size() - 3) != t) return std::nullopt;
  }
  return a[0];
}

// [SECTION] shopping.spent_in_month (retrieval) -------------------------------------------------------------------
Status spent_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<int, int>> months;  // (year, month) with orders, newest first
  for (auto q = w.query("SELECT placed_ms FROM shop_orders WHERE status <> 'cancelled' ORDER BY placed_ms DESC"); q.step();) {
    const Civil c = civil_from_ms(q.i64(0));
    if (months.empty() || months.back() != std::pair{c.y, c.m}) months.emplace_back(c.y, c.m);
  }
  if (months.empty()) return none("no orders");
  const auto [y, m] = months[rng.below(uint32_t(months.size()))];
  const int64_t from = ms_from_civil({.y = y, .m = m, .d = 1});
  const int64_t to = ms_from_civil({.y = m == 12 ? y + 1 : y, .m = m == 12 ? 1 : m + 1, .d = 1});
  const std::string where = " FROM shop_orders WHERE status <> 'cancelled' AND placed_ms >= ? AND placed_ms < ?";
  const int64_t sum = kit::scalar(w, "SELECT sum(total_cents)" + where, from, to);
  const int64_t count = kit::scalar(w, "SELECT count(*)" + where, from, to);
  const int64_t most = kit::scalar(w, "SELECT max(total_cents)" + where, from, to);
  const int kind = int(rng.below(3));  // 0 total, 1 how many, 2 the largest
  inst.params = {{"month", std::string(kMonthLong[m - 1]) + " " + std::to_string(y)}, {"month_name", kMonthLong[m - 1]},
                 {"year", std::to_string(y)}, {"kind", std::to_string(kind)},
                 {"answer", kind == 1 ? std::to_string(count) : format_usd(kind == 0 ? sum : most)},
                 {"cents", std::to_string(kind == 0 ? sum : most)}, {"count", std::to_string(count)}};
  if (kind == 0)
    kit::phrase(rng, inst, {"How much did I spend on Shopwise orders placed in {month}? Answer with the total.",
                            "What is the total of my orders from {month}?",
                            "Add up every order I placed in {month}: what did they cost in all?",
                            "Tell me my Shopwise spending for {month_name} {year} (order totals).",
                            "Sum the order totals for {month} and give me the amount.",
                            "What did my {month} Shopwise orders come to altogether?"});
  else if (kind == 1)
    kit::phrase(rng, inst, {"How many Shopwise orders did I place in {month} (not counting cancelled ones)?",
                            "Count my orders from {month}, leaving out cancelled ones.",
                            "In {month_name} {year}, how many orders did I make? Skip cancelled orders.",
                            "Number of non-cancelled orders placed in {month}?",
                            "Tell me how many orders I placed during {month}, excluding cancellations.",
                            "How many times did I order from Shopwise in {month}? Ignore cancelled orders."});
  else
    kit::phrase(rng, inst, {"What was my most expensive order in {month}? Give its total.",
                            "Of the orders I placed in {month}, which total was the largest?",
                            "Find my biggest Shopwise order of {month_name} {year} and tell me its total.",
                            "The largest order total in {month} - what was it?",
                            "How much was the priciest order I placed in {month}?",
                            "Give the total of my largest order from {month}."});
  return {};
}
Verdict spent_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  if (end.kind != Ending::Kind::answer) return e.verdict();
  if (i.param("kind") == "1") {
    e.require(kit::same_number(end.text, double(i.param_int("count"))), "wrong count '" + end.text + "' (it is " + i.param("count") + ")");
  } else {
    const std::optional<int64_t> said = exact_money(end.text);
    e.require(said && *said == i.param_int("cents"), "wrong amount '" + end.text + "' (it is " + i.param("answer") + ")");
  }
  return e.verdict();
}
Action spent_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  // Every order card names its date and total: "Order N, placed March 2, 2026, total $12.34, ...".
  const std::string month = i.param("month_name") + " ";
  int64_t sum = 0, count = 0, most = 0;
  for (const dom::A11yNode* n : ui.with_prefix(full("order:"))) {
    const size_t at = n->name.find(", placed " + month);
    if (at == std::string::npos || n->name.find(", " + i.param("year") + ", total", at) == std::string::npos) continue;
    if (n->name.find(", cancelled") != std::string::npos) continue;
    const size_t t = n->name.find("total ");
    const std::vector<int64_t> a = amounts_in(n->name.substr(t));
    if (a.empty()) continue;
    sum += a[0], ++count, most = std::max(most, a[0]);
  }
  if (i.param("kind") == "1") return Action::answer(std::to_string(count));
  return Action::answer(format_usd(i.param("kind") == "0" ? sum : most));
}


// [SECTION] Second slice: promos, a new address, a new card, lists, returns, reviews, again, several items
// The cart page's step toward checkout and placing the order, with `before_place` (nullopt when
// done) run on the checkout page first.
template <class F>
Action cart_to_order(const Ui& ui, F&& before_place) {
  if (ui.has(full("confirmation"))) return Action::noop();
  if (ui.has(full(sk::key::place_order))) {
    if (auto a = before_place()) return *a;
    if (auto a = ui.click(full(sk::key::place_order))) return *a;
    return or_noop(ui.scroll_to(full(sk::key::page), full(sk::key::place_order)));
  }
  if (ui.has(full(sk::key::checkout))) return or_noop(ui.click(full(sk::key::checkout)));
  return or_noop(ui.click(full(sk::key::cart)));
}
// Fills the open dialog's fields in order, then clicks `save`.
std::optional<Action> fill_dialog(const Ui& ui, const std::vector<std::pair<std::string_view, std::string>>& fields,
                                  std::string_view save) {
  for (const auto& [k, v] : fields)
    if (auto a = ui.fill(full(k), v)) return a;
  return ui.click(full(save));
}
// The cart holds exactly product `id` (the header's count says how many).
bool cart_has(const Ui& ui, int qty) {
  const dom::A11yNode* cart = ui.find(full(sk::key::cart));
  return cart && cart->name == "Cart, " + std::to_string(qty) + (qty == 1 ? " item" : " items");
}

// shopping.apply_promo (hard): a product bought through the cart with a promo code.
Status promo_setup(World& w, Rng& rng, TaskInstance& inst) {
  auto q = w.query("SELECT code, min_cents FROM shop_promos WHERE percent = 10");
  if (!q.step()) return none("no promo");
  const std::string code(q.text(0));
  const int64_t min = q.i64(1);
  Product p;
  if (Status s = pick_product(w, rng, "p.price_cents >= " + std::to_string(min) + " AND p.price_cents < 30000 AND (SELECT "
                                      "stock0 FROM shop_variants v WHERE v.product_id = p.id ORDER BY v.id LIMIT 1) > 0", p);
      !s)
    return s;
  put(w, inst, p);
  inst.params.emplace_back("code", code);
  kit::phrase(rng, inst, {"Buy the {title} through the cart and use promo code {code}.",
                          "Order {title}; apply the code {code} at the cart before checking out.",
                          "I have a 10% code, {code}. Use it to buy the {title}.",
                          "Purchase the {title} with promotional code {code} applied."});
  return {};
}
Verdict promo_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const std::string o = check_order(w, e, d, {}, i.param_int("product"), 1);
  if (!o.empty()) {
    e.require(kit::text(w, "SELECT promo FROM shop_orders WHERE id = ?", int64_t(std::atoll(o.c_str()))) == i.param("code"),
              "the order was placed without the code " + i.param("code"));
    e.require(kit::scalar(w, "SELECT discount_cents FROM shop_orders WHERE id = ?", int64_t(std::atoll(o.c_str()))) > 0, "no discount");
  }
  return e.verdict();
}
Action promo_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full("applied_promo")) || ui.has(full(sk::key::place_order)) || ui.has(full("confirmation")))
    return cart_to_order(ui, [] { return std::optional<Action>(); });
  if (ui.has(full(sk::key::promo_apply)) && cart_has(ui, 1)) {
    if (auto a = ui.fill(full(sk::key::promo), i.param("code"))) return *a;
    return or_noop(ui.click(full(sk::key::promo_apply)));
  }
  if (cart_has(ui, 1)) return or_noop(ui.click(full(sk::key::cart)));
  if (on_product_page(ui, i.param("title"))) return or_noop(choose_and(ui, "", "", 1, sk::key::add_to_cart));
  return find_product(ui, i.param_int("product"), i.param("title"));
}

// shopping.new_address (hard): bought and sent to an address not yet in the book.
Status address_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = buy_setup(w, rng, inst); !s) return s;
  const auto& first = assets::corpus("first_names");
  const auto& last = assets::corpus("last_names");
  static const char* kStreets[] = {"Willow Way", "Birch Road", "Lakeview Drive", "Sunset Blvd", "Mill Street", "Park Place"};
  static const char* kCities[][3] = {{"Boise", "ID", "837"}, {"Tucson", "AZ", "857"}, {"Albany", "NY", "122"},
                                     {"Savannah", "GA", "314"}, {"Spokane", "WA", "992"}, {"Omaha", "NE", "681"}};
  const auto& c = kCities[rng.below(6)];
  inst.params.insert(inst.params.end(),
                     {{"name", first[rng.below(uint32_t(first.size()))] + " " + last[rng.below(uint32_t(last.size()))]},
                      {"line1", std::to_string(10 + rng.below(9000)) + " " + kStreets[rng.below(6)]},
                      {"city", c[0]}, {"state", c[1]}, {"zip", std::string(c[2]) + std::to_string(10 + rng.below(90))}});
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Send {name} a {title}: buy it and ship it to {name}, {line1}, {city}, {state} {zip}.",
                          "Order the {title} as a gift for {name} at {line1}, {city}, {state} {zip} (a new address).",
                          "Buy one {title} with delivery to this new address: {name}, {line1}, {city} {state} {zip}.",
                          "Ship a {title} to {name} ({line1}, {city}, {state}, ZIP {zip}) - add the address at checkout."});
  return {};
}
Verdict address_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const std::string o = check_order(w, e, d, {}, i.param_int("product"), 1);
  const auto added = kit::inserted_rows(d, "shop_addresses");
  e.require(added.size() == 1, "one new address expected, not " + std::to_string(added.size()));
  for (const sim::RowChange* r : added) {
    e.inserted("shop_addresses", r->key);
    e.require(kit::same_text(col(*r, "name"), i.param("name")) && kit::same_text(col(*r, "line1"), i.param("line1")) &&
                  kit::same_text(col(*r, "city"), i.param("city")) && col(*r, "state") == i.param("state") &&
                  col(*r, "zip") == i.param("zip"),
              "the new address is not " + i.param("name") + ", " + i.param("line1") + ", " + i.param("city") + " " +
                  i.param("state") + " " + i.param("zip"));
    if (!o.empty())
      e.require(kit::text(w, "SELECT address_id FROM shop_orders WHERE id = ?", int64_t(std::atoll(o.c_str()))) == r->key,
                "the order does not go to the new address");
  }
  return e.verdict();
}
Action address_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(sk::key::address_dialog)))
    return or_noop(fill_dialog(ui, {{sk::key::addr_name, i.param("name")}, {sk::key::addr_line1, i.param("line1")},
                                    {sk::key::addr_city, i.param("city")}, {sk::key::addr_state, i.param("state")},
                                    {sk::key::addr_zip, i.param("zip")}},
                               sk::key::save_address));
  if (ui.has(full(sk::key::place_order))) {
    // The new address, once added, is chosen (its radio names the street).
    for (const dom::A11yNode* n : ui.with_prefix(full("address:")))
      if (n->name.find(i.param("line1")) != std::string::npos)
        return or_noop(n->checked ? ui.click(full(sk::key::place_order)) : ui.click(n->key));
    return or_noop(ui.click(full(sk::key::new_address)));
  }
  return buy(ui, i.param_int("product"), i.param("title"), "", "", 1);
}

// shopping.new_card (hard): a new card added at checkout (checked) and the order paid with it.
std::string luhn_complete(std::string body) {  // appends the check digit
  int sum = 0;
  for (size_t k = 0; k < body.size(); ++k) {
    int d = body[body.size() - 1 - k] - '0';
    if (k % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + char('0' + (10 - sum % 10) % 10);
}
Status card_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = buy_setup(w, rng, inst); !s) return s;
  std::string body = rng.below(2) ? "4" : "5";
  while (body.size() < 15) body += char('0' + rng.below(10));
  const std::string number = luhn_complete(body);
  const Civil today = civil_from_ms(w.now_ms());
  const int yy = (today.y + 1 + int(rng.below(4))) % 100, mm = 1 + int(rng.below(12));
  char exp[8];
  std::snprintf(exp, sizeof exp, "%02d/%02d", mm, yy);
  std::string name;
  {
    auto q = w.query("SELECT name FROM people WHERE id = 1");
    if (q.step()) name = q.text(0);
  }
  std::string spaced;
  for (size_t k = 0; k < number.size(); ++k) spaced += (k && k % 4 == 0 ? " " : "") + number.substr(k, 1);
  inst.params.insert(inst.params.end(), {{"number", spaced}, {"last4", number.substr(12)}, {"exp", exp},
                                         {"exp_month", std::to_string(mm)}, {"exp_year", std::to_string(2000 + yy)},
                                         {"holder", name}});
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Buy the {title} and pay with my new card: {number}, expires {exp}, name {holder}.",
                          "Add the card {number} (exp {exp}, {holder}) at checkout and use it to order the {title}.",
                          "Order one {title}. Pay with a new card - number {number}, expiry {exp}, name on card {holder}.",
                          "Use my new card ending {last4} for the {title}: full number {number}, valid to {exp}, {holder}."});
  return {};
}
Verdict card_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const std::string o = check_order(w, e, d, {}, i.param_int("product"), 1);
  const auto added = kit::inserted_rows(d, "shop_cards");
  e.require(added.size() == 1, "one new card expected, not " + std::to_string(added.size()));
  for (const sim::RowChange* r : added) {
    e.inserted("shop_cards", r->key);
    e.require(col(*r, "last4") == i.param("last4") && col(*r, "exp_month") == i.param("exp_month") &&
                  col(*r, "exp_year") == i.param("exp_year"),
              "the new card is not the one ending " + i.param("last4") + ", expiring " + i.param("exp"));
    if (!o.empty())
      e.require(kit::text(w, "SELECT card_id FROM shop_orders WHERE id = ?", int64_t(std::atoll(o.c_str()))) == r->key,
                "the order is not paid with the new card");
  }
  return e.verdict();
}
Action card_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(sk::key::card_dialog)))
    return or_noop(fill_dialog(ui, {{sk::key::card_number, i.param("number")}, {sk::key::card_name, i.param("holder")},
                                    {sk::key::card_exp, i.param("exp")}},
                               sk::key::save_card));
  if (ui.has(full(sk::key::place_order))) {
    for (const dom::A11yNode* n : ui.with_prefix(full("card:")))
      if (n->name.find("ending in " + i.param("last4")) != std::string::npos) {
        if (!n->checked) return or_noop(ui.click(n->key));
        if (auto a = ui.click(full(sk::key::place_order))) return *a;
        return or_noop(ui.scroll_to(full(sk::key::page), full(sk::key::place_order)));
      }
    if (auto a = ui.click(full(sk::key::new_card))) return *a;
    return or_noop(ui.scroll_to(full(sk::key::page), full(sk::key::new_card)));
  }
  return buy(ui, i.param_int("product"), i.param("title"), "", "", 1);
}

// shopping.add_to_list: a colour of a product saved to the list.
Status list_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = variant_setup(w, rng, inst); !s) return s;
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Save the {title} in {colour}{in_size} to my list for later.",
                          "Add the {colour} {title}{in_size} to my Shopwise list (don't buy it).",
                          "Put \"{title}\" ({colour}{in_size}) on my list.",
                          "I'm thinking about the {colour} one{in_size}: {title}. Add it to my list."});
  return {};
}
bool list_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_lists WHERE variant_id = ?", i.param_int("variant")) == 1;
}
Verdict list_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "shop_lists");
  e.require(rows.size() == 1, "one item added to the list expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("shop_lists", r->key);
    e.require(col(*r, "variant_id") == i.param("variant"), "the list holds the wrong colour or size");
  }
  return e.verdict();
}
Action list_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (on_product_page(ui, i.param("title")))
    return or_noop(choose_and(ui, i.param("colour"), i.param("size"), 1, sk::key::add_to_list));
  return find_product(ui, i.param_int("product"), i.param("title"));
}

// A delivered item of the order history (drawn by rng): its id, title, order date.
struct Bought {
  int64_t item = 0, product = 0, variant = 0, order = 0;
  std::string title, date, month;
};
Status pick_bought(World& w, Rng& rng, const std::string& status, Bought& b, const std::string& extra = "") {
  const std::string from = " FROM shop_order_items i JOIN shop_orders o ON o.id = i.order_id JOIN shop_variants v ON v.id = "
                           "i.variant_id JOIN shop_products p ON p.id = v.product_id WHERE o.status = '" + status + "' AND "
                           "(SELECT count(*) FROM shop_order_items j JOIN shop_variants x ON x.id = j.variant_id WHERE "
                           "x.product_id = v.product_id) = 1" + extra;
  const int64_t n = kit::scalar(w, "SELECT count(*)" + from);
  if (n == 0) return none("nothing bought");
  auto q = w.query("SELECT i.id, p.id, v.id, o.id, p.title, o.placed_ms" + from + " ORDER BY i.id LIMIT 1 OFFSET ?",
                   int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return none("nothing bought");
  const Civil c = civil_from_ms(q.i64(5));
  b = {q.i64(0), q.i64(1), q.i64(2), q.i64(3), std::string(q.text(4)), format_date_long(c.y, c.m, c.d),
       std::string(kMonthLong[c.m - 1])};
  return {};
}
void put(TaskInstance& inst, const Bought& b) {
  inst.params.insert(inst.params.end(), {{"item", std::to_string(b.item)}, {"product", std::to_string(b.product)},
                                         {"variant", std::to_string(b.variant)}, {"order", std::to_string(b.order)},
                                         {"title", b.title}, {"date", b.date}, {"month", b.month}});
}
// On Your Orders: the step toward `key` (a button of item rows), scrolling to it.
Action orders_click(const Ui& ui, const std::string& key) {
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  if (auto a = ui.click(key)) return *a;
  return or_noop(ui.scroll_to(full(sk::key::page), key));
}

// shopping.return_item: a delivered item returned with a reason.
Status return_setup(World& w, Rng& rng, TaskInstance& inst) {
  Bought b;
  if (Status s = pick_bought(w, rng, "delivered", b); !s) return s;
  put(inst, b);
  const int r = int(rng.below(uint32_t(std::size(sk::kReturnReasons))));
  inst.params.emplace_back("reason", std::string(sk::kReturnReasons[r]));
  inst.params.emplace_back("reason_i", std::to_string(r));
  kit::phrase(rng, inst, {"Return the {title} I got in the order of {date}. Reason: {reason}.",
                          "Start a return for {title} (ordered {date}) - \"{reason}\".",
                          "I want to send back the {title}. Pick the reason \"{reason}\".",
                          "Please return my {title} from {month}; the reason is: {reason}."});
  return {};
}
bool return_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_returns WHERE item_id = ?", i.param_int("item")) == 1;
}
Verdict return_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "shop_returns");
  e.require(rows.size() == 1, "one return expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("shop_returns", r->key);
    e.require(col(*r, "item_id") == i.param("item"), "the wrong item is being returned");
    e.require(col(*r, "reason") == i.param("reason"), "the reason given is \"" + col(*r, "reason") + "\"");
  }
  return e.verdict();
}
Action return_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(sk::key::return_dialog))) {
    const dom::A11yNode* r = ui.find(full(sk::key::reason(int(i.param_int("reason_i")))));
    if (r && !r->checked) return or_noop(ui.click(r->key));
    return or_noop(ui.click(full(sk::key::confirm_return)));
  }
  if (ui.has(full(sk::key::review_item(i.param_int("item")))) && !ui.has(full(sk::key::return_item(i.param_int("item")))))
    return Action::noop();  // requested
  return orders_click(ui, full(sk::key::return_item(i.param_int("item"))));
}

// shopping.write_review: stars, a headline and a text for a delivered item.
Status review_setup(World& w, Rng& rng, TaskInstance& inst) {
  Bought b;
  if (Status s = pick_bought(w, rng, "delivered", b); !s) return s;
  put(inst, b);
  static const char* kGood[][2] = {{"Great value", "Works exactly as described and arrived early."},
                                   {"Really happy", "Good quality and I use it every day."},
                                   {"Does the job", "Solid build for the price."}};
  static const char* kBad[][2] = {{"Disappointed", "It stopped working after two weeks."},
                                  {"Not as described", "The color is different from the pictures."}};
  const int stars = 1 + int(rng.below(5));
  const auto& t = stars >= 3 ? kGood[rng.below(3)] : kBad[rng.below(2)];
  inst.params.insert(inst.params.end(), {{"stars", std::to_string(stars)}, {"headline", t[0]}, {"text", t[1]},
                                         {"stars_word", stars == 1 ? "1 star" : std::to_string(stars) + " stars"}});
  kit::phrase(rng, inst, {"Review the {title} I bought: {stars_word}, headline \"{headline}\", text \"{text}\".",
                          "Write a product review of {title}. Give it {stars_word}. Headline: {headline} Review: {text}",
                          "Rate my {title} from {month} with {stars_word}; title it \"{headline}\" and write \"{text}\".",
                          "Leave a {stars_word} review on the {title} (\"{headline}\" - \"{text}\")."});
  return {};
}
bool review_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_reviews WHERE product_id = ? AND mine = 1", i.param_int("product")) > 0;
}
Verdict review_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "shop_reviews");
  e.require(rows.size() == 1, "one review expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("shop_reviews", r->key);
    e.require(col(*r, "product_id") == i.param("product"), "the review is of another product");
    e.require(col(*r, "stars") == i.param("stars"), "the review gives " + col(*r, "stars") + " stars");
    e.require(kit::same_text(col(*r, "title"), i.param("headline")), "the headline is \"" + col(*r, "title") + "\"");
    e.require(kit::same_text(col(*r, "body"), i.param("text")), "the text is \"" + col(*r, "body") + "\"");
    if (!i.param("nick").empty())
      e.require(col(*r, "author") == i.param("nick"), "the review is posted as \"" + col(*r, "author") + "\"");
  }
  return e.verdict();
}
// shopping.review_as: the same, posted under a public name.
Status review_as_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = review_setup(w, rng, inst); !s) return s;
  static const char* kNicks[] = {"HappyShopper", "CoffeeFan", "J. Runner", "BookwormBeth", "GadgetGuy", "Trailblazer"};
  inst.params.emplace_back("nick", std::string(kNicks[rng.below(6)]) + std::to_string(10 + rng.below(90)));
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Review the {title}: {stars_word}, headline \"{headline}\", text \"{text}\", public name {nick}.",
                          "Post a {stars_word} review of my {title} as \"{nick}\" - headline {headline}, review: {text}",
                          "Under the name {nick}, rate the {title} I bought in {month} {stars_word}: \"{headline}\" / \"{text}\".",
                          "Write a review of {title} ({stars_word}, \"{headline}\", \"{text}\") and show it as posted by {nick}."});
  return {};
}
Action review_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(sk::key::review_dialog))) {
    const dom::A11yNode* s = ui.find(full(sk::key::star(int(i.param_int("stars")))));
    if (s && !s->selected) return or_noop(ui.click(s->key));
    std::vector<std::pair<std::string_view, std::string>> fields = {{sk::key::review_title, i.param("headline")},
                                                                     {sk::key::review_text, i.param("text")}};
    if (!i.param("nick").empty()) fields.emplace_back(sk::key::review_name, i.param("nick"));
    return or_noop(fill_dialog(ui, fields, sk::key::submit_review));
  }
  return orders_click(ui, full(sk::key::review_item(i.param_int("item"))));
}

// shopping.buy_again: what was ordered in some month, again (Buy it again, then checkout).
Status again_setup(World& w, Rng& rng, TaskInstance& inst) {
  Bought b;
  if (Status s = pick_bought(w, rng, "delivered", b, " AND v.stock0 > 0"); !s) return s;
  put(inst, b);
  inst.params.emplace_back("orders_before", orders_now(w));
  kit::phrase(rng, inst, {"Buy the {title} again - the same one I ordered in {month}.",
                          "Reorder the {title} from my {date} order.",
                          "I need another {title} like the one from {month}. Order it again.",
                          "Use Buy it again on the {title} from {month} and place the order."});
  return {};
}
Verdict again_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {{i.param_int("variant"), 1}});
  return e.verdict();
}
Action again_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full("confirmation")) || ui.has(full(sk::key::place_order)) || ui.has(full(sk::key::checkout)))
    return cart_to_order(ui, [] { return std::optional<Action>(); });
  return orders_click(ui, full(sk::key::again(i.param_int("item"))));
}

// shopping.multi_item (hard): two products in one order, one of them twice.
Status multi_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product a, b;
  if (Status s = pick_product(w, rng, first_in_stock(3), a); !s) return s;
  if (Status s = pick_product(w, rng, first_in_stock(3) + " AND p.category_id <> " + std::to_string(a.category_id), b); !s)
    return s;
  inst.params = {{"a", std::to_string(a.id)}, {"a_title", a.title}, {"a_variant", std::to_string(first_variant(w, a.id))},
                 {"b", std::to_string(b.id)}, {"b_title", b.title}, {"b_variant", std::to_string(first_variant(w, b.id))},
                 {"orders_before", orders_now(w)}};
  kit::phrase(rng, inst, {"In one order, buy two of the {a_title} and one {b_title}.",
                          "Place a single order with 2 x {a_title} and 1 x {b_title}.",
                          "I need the {b_title} and a pair of {a_title} (two of them). One order, please.",
                          "Order together: {a_title} (quantity 2) and {b_title} (quantity 1)."});
  return {};
}
Verdict multi_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {{i.param_int("a_variant"), 2}, {i.param_int("b_variant"), 1}});
  return e.verdict();
}
Action multi_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full("confirmation")) || ui.has(full(sk::key::place_order)) || ui.has(full(sk::key::checkout)))
    return cart_to_order(ui, [] { return std::optional<Action>(); });
  // A first (2), then B: the cart count tells how far it got.
  if (cart_has(ui, 3)) return or_noop(ui.click(full(sk::key::cart)));
  const bool a_in = cart_has(ui, 2);
  const std::string title = a_in ? i.param("b_title") : i.param("a_title");
  if (on_product_page(ui, title)) return or_noop(choose_and(ui, "", "", a_in ? 1 : 2, sk::key::add_to_cart));
  return find_product(ui, i.param_int(a_in ? "b" : "a"), title);
}


// [SECTION] Third slice: delivery and payment choices, the cart, arrival dates, pictures, comparing, the infeasible
// shopping.delivery_choice: bought with a delivery option, an address and a card as asked.
Status choice_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = buy_setup(w, rng, inst); !s) return s;
  const bool next = rng.below(2);
  const int64_t addr = 1 + int64_t(rng.below(2)), card = 1 + int64_t(rng.below(2));
  inst.params.insert(inst.params.end(), {{"ship", next ? "next" : "fast"}, {"ship_words", next ? "next-day" : "two-day"},
                                         {"address", std::to_string(addr)}, {"card", std::to_string(card)},
                                         {"where", addr == 1 ? "home" : "work"},
                                         {"brand", kit::text(w, "SELECT brand FROM shop_cards WHERE id = ?", card)}});
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Buy the {title} with {ship_words} delivery to my {where} address, paid with my {brand}.",
                          "Order {title}: {ship_words} shipping, {where} address, {brand} card.",
                          "I need the {title} fast - {ship_words} delivery. Send it to my {where} address and use the {brand}.",
                          "Purchase one {title}. Delivery: {ship_words}. Address: {where}. Payment: {brand}."});
  return {};
}
Verdict choice_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const std::string o = check_order(w, e, d, {}, i.param_int("product"), 1);
  if (!o.empty()) {
    auto q = w.query("SELECT ship, address_id, card_id FROM shop_orders WHERE id = ?", int64_t(std::atoll(o.c_str())));
    if (q.step()) {
      e.require(q.text(0) == i.param("ship"), "the delivery is " + std::string(q.text(0)) + ", not " + i.param("ship_words"));
      e.require(q.i64(1) == i.param_int("address"), "the order goes to the wrong address");
      e.require(q.i64(2) == i.param_int("card"), "the order is paid with the wrong card");
    }
  }
  return e.verdict();
}
Action choice_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(sk::key::place_order)))
    for (const std::string& k : {full(sk::key::address(i.param_int("address"))), full(sk::key::ship(i.param("ship"))),
                                 full(sk::key::card(i.param_int("card")))}) {
      const dom::A11yNode* n = ui.find(k);
      if (n && !n->checked) {
        if (auto a = ui.click(k)) return *a;
        return or_noop(ui.scroll_to(full(sk::key::page), k));
      }
    }
  return buy(ui, i.param_int("product"), i.param("title"), "", "", 1);
}

// The cart as a setup leaves it: product `p`'s first variant (qty) and another product's.
Status fill_cart(World& w, Rng& rng, TaskInstance& inst, int64_t qty) {
  Product a, b;
  if (Status s = pick_product(w, rng, first_in_stock(6), a); !s) return s;
  if (Status s = pick_product(w, rng, first_in_stock(6) + " AND p.id <> " + std::to_string(a.id), b); !s) return s;
  for (const auto& [p, n] : {std::pair{a.id, qty}, std::pair{b.id, int64_t(1)}})
    w.query("INSERT INTO shop_cart(variant_id, qty, saved, added_ms) SELECT id, ?, 0, ? FROM shop_variants WHERE "
            "product_id = ? ORDER BY id LIMIT 1", n, w.now_ms() - 3600000, p).run();
  put(w, inst, a);
  inst.params.emplace_back("line", std::to_string(kit::scalar(w, "SELECT min(id) FROM shop_cart")));
  inst.params.emplace_back("other", b.title);
  return {};
}
// On the cart page (the header's Cart first).
std::optional<Action> to_cart(const Ui& ui) {
  if (ui.has(full(sk::key::checkout))) return std::nullopt;
  return ui.click(full(sk::key::cart));
}

// shopping.cart_quantity: a cart line's quantity changed with the stepper.
Status qtyline_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = fill_cart(w, rng, inst, 1 + int64_t(rng.below(2))); !s) return s;
  const int64_t now = kit::scalar(w, "SELECT qty FROM shop_cart WHERE id = ?", inst.param_int("line"));
  int64_t want = 1 + int64_t(rng.below(5));
  if (want == now) want = now + 2;
  inst.params.emplace_back("want", std::to_string(want));
  kit::phrase(rng, inst, {"In my cart, change the quantity of the {title} to {want}.",
                          "Set the {title} in the cart to {want}.",
                          "I want {want} of the {title} in my cart, not what's there now. Don't check out.",
                          "Update my cart: {title}, quantity {want}."});
  return {};
}
bool qtyline_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT qty FROM shop_cart WHERE id = ?", i.param_int("line")) == i.param_int("want");
}
Verdict qtyline_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("shop_cart", i.param("line"), {{"qty", i.param("want")}});
  return e.verdict();
}
Action qtyline_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_cart(ui)) return *a;
  const dom::A11yNode* row = ui.find(full(sk::key::line(i.param_int("line"))));
  if (!row) return Action::noop();
  const size_t at = row->name.rfind("quantity ");
  const int64_t now = at == std::string::npos ? 0 : std::atoll(row->name.c_str() + at + 9);
  if (now == i.param_int("want")) return Action::noop();
  return or_noop(ui.click(full((now < i.param_int("want") ? "plus:" : "minus:") + i.param("line"))));
}

// shopping.remove_from_cart / shopping.save_for_later: one line of two.
Status remove_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = fill_cart(w, rng, inst, 1); !s) return s;
  kit::phrase(rng, inst, {"Remove the {title} from my cart, but keep the {other}.",
                          "Take {title} out of the cart.",
                          "I changed my mind about the {title}: delete it from my cart.",
                          "Cart cleanup: drop the {title} (leave everything else)."});
  return {};
}
bool remove_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_cart WHERE id = ?", i.param_int("line")) == 0;
}
Verdict remove_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.deleted("shop_cart", i.param("line"));
  return e.verdict();
}
Action remove_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_cart(ui)) return *a;
  return or_noop(ui.click(full(sk::key::del(i.param_int("line")))));
}
Status later_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = fill_cart(w, rng, inst, 1); !s) return s;
  kit::phrase(rng, inst, {"Save the {title} in my cart for later.",
                          "Move {title} from the cart to Saved for later.",
                          "Not buying the {title} today - save it for later, keep it out of the order.",
                          "Use \"Save for later\" on the {title} in my cart."});
  return {};
}
bool later_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT saved FROM shop_cart WHERE id = ?", i.param_int("line")) == 1;
}
Verdict later_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("shop_cart", i.param("line"), {{"saved", "1"}});
  return e.verdict();
}
Action later_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_cart(ui)) return *a;
  return or_noop(ui.click(full(sk::key::save(i.param_int("line")))));
}

// Whether `t` is a date and nothing else: numbers, separators, and words that are month or
// weekday names (or their short forms).
bool date_words_only(std::string_view t) {
  std::string word;
  auto ok = [&] {
    if (word.empty()) return true;
    for (const char* const* names : {kMonthLong, kWeekdayLong})
      for (int k = 0; k < (names == kMonthLong ? 12 : 7); ++k) {
        std::string n = names[k];
        for (char& ch : n) ch = char(std::tolower(uint8_t(ch)));
        if (word == n || word == n.substr(0, 3)) return true;
      }
    return word == "st" || word == "nd" || word == "rd" || word == "th" || word == "sept";
  };
  for (char ch : t) {
    if (std::isalpha(uint8_t(ch))) {
      word += char(std::tolower(uint8_t(ch)));
      continue;
    }
    if (!ok()) return false;
    word.clear();
    if (!std::isdigit(uint8_t(ch)) && !std::strchr(" ,./-", ch)) return false;
  }
  return ok();
}

// shopping.arrival_date (retrieval): when an order on its way arrives.
Status arrival_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = cancel_setup(w, rng, inst); !s) return s;  // an order placed this morning
  inst.instruction.clear();
  inst.params.emplace_back("deliver_ms",
                           std::to_string(kit::scalar(w, "SELECT deliver_ms FROM shop_orders WHERE id = ?", inst.param_int("order"))));
  kit::phrase(rng, inst, {"When will my order of the {title} arrive? Answer with the date.",
                          "What's the delivery date for the {title} I ordered?",
                          "Tell me the day my {title} is arriving.",
                          "I ordered the {title} this morning. On what date does it arrive?"});
  return {};
}
Verdict arrival_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || (date_words_only(end.text) && kit::same_date(end.text, i.param_int("deliver_ms"), w.now_ms())),
            "wrong date '" + end.text + "'");
  return e.verdict();
}
Action arrival_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  const dom::A11yNode* o = ui.find(full(sk::key::order(i.param_int("order"))));
  if (!o) return Action::noop();
  const size_t at = o->name.find("arriving ");
  if (at == std::string::npos) return Action::noop();
  // "arriving Tuesday, March 10)": the month and day.
  std::string day = o->name.substr(at + 9);
  day = day.substr(day.find(", ") + 2);
  return Action::answer(day.substr(0, day.find(')')));
}

// shopping.by_picture: the one product of a colour on a category's first page, told by its picture.
Status picture_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t cat = 1 + int64_t(rng.below(10));
  std::vector<std::tuple<int64_t, std::string, int64_t>> page;  // the first page as Featured shows it
  for (auto q = w.query("SELECT p.id, (SELECT colour FROM shop_variants v WHERE v.product_id = p.id ORDER BY v.id LIMIT 1), "
                        "(SELECT stock0 FROM shop_variants v WHERE v.product_id = p.id ORDER BY v.id LIMIT 1) FROM "
                        "shop_products p WHERE p.category_id = ? ORDER BY p.ratings DESC, p.id LIMIT 12", cat);
       q.step();)
    page.emplace_back(q.i64(0), std::string(q.text(1)), q.i64(2));
  // A colour no other picture on the page has, on a product that can be bought as shown.
  std::vector<std::pair<int64_t, std::string>> unique;
  for (const auto& [id, colour, stock] : page)
    if (stock > 0 && std::count_if(page.begin(), page.end(), [&](const auto& x) { return std::get<1>(x) == colour; }) == 1)
      unique.emplace_back(id, colour);
  if (unique.empty()) return none("no colour is alone on the page");
  const auto& [id, colour] = unique[rng.below(uint32_t(unique.size()))];
  std::string lower = colour;
  for (char& ch : lower) ch = char(std::tolower(uint8_t(ch)));
  const std::string noun = kit::text(w, "SELECT lower(pic) FROM shop_categories WHERE id = ?", cat);
  inst.params = {{"product", std::to_string(id)}, {"title", kit::text(w, "SELECT title FROM shop_products WHERE id = ?", id)},
                 {"category", kit::text(w, "SELECT name FROM shop_categories WHERE id = ?", cat)},
                 {"category_id", std::to_string(cat)}, {"colour", lower}, {"noun", noun},
                 {"variant", std::to_string(first_variant(w, id))},
                 {"orders_before", orders_now(w)}};
  kit::phrase(rng, inst, {"Open {category} and buy the {colour} one on the first page.",
                          "In {category}, the first page shows one {colour} {noun}. Buy that one, in that colour.",
                          "Go to {category}; order the item pictured in {colour} among the first results.",
                          "Buy the {colour} {noun} you see on the first page of {category}."});
  return {};
}
Verdict picture_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {{i.param_int("variant"), 1}});
  return e.verdict();
}
Action picture_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = buy_now_steps(ui, "")) return *a;
  if (auto a = open_category(ui, i.param_int("category_id"), i.param("category"))) return *a;
  // The card whose picture is in the colour (the picture's name: "<Colour> <kind>").
  std::string colour = i.param("colour");
  colour[0] = char(std::toupper(uint8_t(colour[0])));
  const std::string card_prefix = full("product:");
  for (const dom::A11yNode* card : ui.with_prefix(card_prefix))
    for (const dom::A11yNode& n : ui.nodes())
      if (n.role == dom::Role::img && n.name.rfind(colour + " ", 0) == 0 && n.id.rfind(card->id + "/", 0) == 0) {
        if (auto a = ui.click(card->key)) return *a;
        return or_noop(ui.scroll_to(full(sk::key::page), card->key));
      }
  return Action::noop();
}

// shopping.compare_buy: of two products, the better rated (the cheaper on a tie).
Status compare_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product a, b;
  if (Status s = pick_product(w, rng, first_in_stock(2), a); !s) return s;
  if (Status s = pick_product(w, rng, first_in_stock(2) + " AND p.category_id = " + std::to_string(a.category_id) +
                                          " AND p.id <> " + std::to_string(a.id) + " AND (p.rating10 <> (SELECT rating10 FROM "
                                          "shop_products WHERE id = " + std::to_string(a.id) + ") OR p.price_cents <> (SELECT "
                                          "price_cents FROM shop_products WHERE id = " + std::to_string(a.id) + "))", b);
      !s)
    return s;
  auto score = [&](int64_t id) {
    auto q = w.query("SELECT rating10, price_cents FROM shop_products WHERE id = ?", id);
    return q.step() ? std::pair{q.i64(0), -q.i64(1)} : std::pair{int64_t(0), int64_t(0)};
  };
  const Product& win = score(a.id) > score(b.id) ? a : b;
  inst.params = {{"a", a.title}, {"b", b.title}, {"a_id", std::to_string(a.id)}, {"b_id", std::to_string(b.id)},
                 {"product", std::to_string(win.id)}, {"title", win.title},
                 {"orders_before", orders_now(w)}};
  kit::phrase(rng, inst, {"Compare the {a} and the {b}; buy whichever has the better customer rating (if equal, the cheaper).",
                          "Which is rated higher, {a} or {b}? Order that one; on a tie, the lower price.",
                          "Buy the better-reviewed of these two: {a} / {b}. Same stars? Take the cheaper.",
                          "Between {b} and {a}, purchase the one with more stars (or the cheaper if they tie)."});
  return {};
}
Verdict compare_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {}, i.param_int("product"), 1);
  return e.verdict();
}
Action compare_oracle(const sim::Env& env, const TaskInstance& i, int step) {
  Ui ui(env);
  // Looks at the other product first (its page), then buys the better one.
  const bool other_first = i.param("product") == i.param("a_id");
  const std::string other_title = other_first ? i.param("b") : i.param("a");
  const int64_t other = other_first ? i.param_int("b_id") : i.param_int("a_id");
  if (step < 4 && !on_product_page(ui, other_title)) return find_product(ui, other, other_title);
  return buy(ui, i.param_int("product"), i.param("title"), "", "", 1);
}

// shopping.change_shipped_address (infeasible): a shipped order's address cannot change.
Status shipped_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = cancel_setup(w, rng, inst); !s) return s;
  w.query("UPDATE shop_orders SET status = 'shipped', placed_ms = placed_ms - 86400000 WHERE id = ?", inst.param_int("order")).run();
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Change the delivery address of my order of the {title} to my work address.",
                          "Send my {title} order to the work address instead of home.",
                          "Please redirect the order with the {title} to my work address.",
                          "Update the shipping address on my {title} order to work."});
  return {};
}
Verdict shipped_check(World&, const WorldDiff& d, const TaskInstance&, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::infeasible, "the order has shipped: its address cannot change (say so)");
  return e.verdict();
}
Action shipped_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  const dom::A11yNode* o = ui.find(full(sk::key::order(i.param_int("order"))));
  if (o && o->name.find("shipped") != std::string::npos)
    return Action::infeasible("The order has already shipped, so its delivery address cannot be changed.");
  return Action::noop();
}


// [SECTION] Fourth slice: the list to the cart, best rated and newest by sort, a product's ratings
// shopping.list_to_cart: an item of the list put in the cart (the list keeps it).
Status listcart_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = variant_setup(w, rng, inst); !s) return s;
  w.query("INSERT INTO shop_lists(variant_id, added_ms) VALUES(?, ?)", inst.param_int("variant"), w.now_ms() - 86400000).run();
  inst.params.emplace_back("list_id", std::to_string(w.last_insert_rowid()));
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Move the {title} from my list into the cart (leave it on the list too).",
                          "From my Shopwise list, add the {colour} {title} to the cart.",
                          "Open my list and put the {title} in my cart.",
                          "I saved the {title} ({colour}{in_size}) to my list earlier - add it to the cart now."});
  return {};
}
bool listcart_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_cart WHERE variant_id = ? AND saved = 0", i.param_int("variant")) == 1;
}
Verdict listcart_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "shop_cart");
  e.require(rows.size() == 1, "one new cart line expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("shop_cart", r->key);
    e.require(col(*r, "variant_id") == i.param("variant") && col(*r, "qty") == "1" && col(*r, "saved") == "0",
              "the cart line is not the listed item, once");
  }
  return e.verdict();
}
Action listcart_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("list_items"))) return or_noop(ui.click(full(sk::key::lists)));
  return or_noop(ui.click(full(sk::key::list_cart(i.param_int("list_id")))));
}

// shopping.best_rated / shopping.newest: the first product of a category under a sort, bought.
// sort: 3 (Avg. customer review) or 4 (Newest arrivals); the order is the store's.
Status sorted_setup(World& w, Rng& rng, TaskInstance& inst, int sort) {
  const int64_t cat = 1 + int64_t(rng.below(uint32_t(kit::scalar(w, "SELECT count(*) FROM shop_categories"))));
  const char* order = sort == 3 ? "p.rating10 DESC, p.ratings DESC, p.id" : "p.added_ms DESC, p.id";
  auto q = w.query(std::string("SELECT p.id, p.title FROM shop_products p WHERE p.category_id = ? ORDER BY ") + order + " LIMIT 1",
                   cat);
  if (!q.step()) return none("empty category");
  const int64_t id = q.i64(0);
  const int64_t first = first_variant(w, id);
  if (kit::scalar(w, "SELECT stock0 FROM shop_variants WHERE id = ?", first) < 1)  // restocked this morning
    w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) VALUES(?, 3, 0)", first).run();
  inst.params = {{"product", std::to_string(id)}, {"title", std::string(q.text(1))},
                 {"category", kit::text(w, "SELECT name FROM shop_categories WHERE id = ?", cat)},
                 {"category_id", std::to_string(cat)}, {"sort", std::to_string(sort)},
                 {"orders_before", orders_now(w)}};
  return {};
}
Status best_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = sorted_setup(w, rng, inst, 3); !s) return s;
  kit::phrase(rng, inst, {"Buy the best-rated product in {category} (of equal stars, the one with more ratings).",
                          "Sort {category} by customer reviews and order the top one.",
                          "What's the highest-rated {category} item? Buy it (ties go to the most ratings).",
                          "Order the {category} product with the best average rating; if several tie, the most rated.",
                          "In {category}, find the top-rated item and purchase it.",
                          "Get me whatever {category} product customers rate highest.",
                          "Buy {category}'s number one by average customer review."});
  return {};
}
Status newest_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = sorted_setup(w, rng, inst, 4); !s) return s;
  kit::phrase(rng, inst, {"Buy the newest arrival in {category}.",
                          "Sort {category} by newest arrivals and order the first one.",
                          "What just arrived in {category}? Buy the most recent product.",
                          "Order the latest product added to {category}.",
                          "Buy whatever is newest in {category}.",
                          "In {category}, sort by newest and purchase the top result.",
                          "Get the most recently added {category} product."});
  return {};
}
Verdict sorted_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {}, i.param_int("product"), 1);
  return e.verdict();
}
Action sorted_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = buy_now_steps(ui, i.param("title"))) return *a;
  if (auto a = open_category(ui, i.param_int("category_id"), i.param("category"))) return *a;
  if (auto a = sort_by(ui, int(i.param_int("sort")))) return *a;
  // The first card of the results.
  const auto cards = ui.with_prefix(full("product:"));
  if (cards.empty()) return Action::noop();
  return or_noop(ui.click(cards.front()->key));
}

// shopping.count_ratings (retrieval): how many ratings a product has.
Status ratings_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  if (Status s = pick_product(w, rng, "p.ratings > 0", p); !s) return s;
  put(w, inst, p);
  inst.params.emplace_back("ratings", std::to_string(kit::scalar(w, "SELECT ratings FROM shop_products WHERE id = ?", p.id)));
  inst.params.emplace_back("stars", std::to_string(kit::scalar(w, "SELECT rating10 FROM shop_products WHERE id = ?", p.id)));
  kit::phrase(rng, inst, {"How many customer ratings does the {title} have?",
                          "Look up the {title}: how many people rated it?",
                          "Find the number of ratings on the {title}. Just the number.",
                          "What's the rating count for {title} on Shopwise?"});
  return {};
}
Verdict ratings_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_number(end.text, double(i.param_int("ratings"))),
            "wrong count '" + end.text + "' (it is " + i.param("ratings") + ")");
  return e.verdict();
}
Action ratings_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (on_product_page(ui, i.param("title")))
    for (const dom::A11yNode& n : ui.nodes())
      if (n.role == dom::Role::text && n.name.find(" out of 5 stars, ") != std::string::npos) {
        const size_t at = n.name.find(", ") + 2;
        return Action::answer(n.name.substr(at, n.name.find(' ', at) - at));
      }
  return find_product(ui, i.param_int("product"), i.param("title"));
}


// [SECTION] Fifth slice: the list, a rejected code, an order's total
// shopping.remove_from_list: one of two listed items deleted.
Status unlist_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = fill_cart(w, rng, inst, 1); !s) return s;  // two products; their lines move to the list
  w.query("INSERT INTO shop_lists(variant_id, added_ms) SELECT variant_id, added_ms FROM shop_cart ORDER BY id").run();
  w.query("DELETE FROM shop_cart").run();
  inst.params.emplace_back("list_id", std::to_string(kit::scalar(w, "SELECT min(id) FROM shop_lists")));
  kit::phrase(rng, inst, {"Remove the {title} from my list, keep the {other}.",
                          "Delete {title} from my Shopwise list.",
                          "I don't want the {title} anymore - take it off my list.",
                          "Clean up my list: drop the {title}."});
  return {};
}
bool unlist_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_lists WHERE id = ?", i.param_int("list_id")) == 0;
}
Verdict unlist_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.deleted("shop_lists", i.param("list_id"));
  return e.verdict();
}
Action unlist_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("list_items"))) return or_noop(ui.click(full(sk::key::lists)));
  return or_noop(ui.click(full(sk::key::list_remove(i.param_int("list_id")))));
}

// shopping.promo_rejected (retrieval): a code that has expired, tried on the cart; the reason.
Status rejected_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = fill_cart(w, rng, inst, 1); !s) return s;
  inst.params.emplace_back("code", kit::text(w, "SELECT code FROM shop_promos WHERE expires_ms < ? ORDER BY code LIMIT 1", w.now_ms()));
  if (inst.param("code").empty()) return none("no expired code");
  kit::phrase(rng, inst, {"Try the promo code {code} on my cart. Does it work? If not, answer why in one word: expired, invalid or minimum.",
                          "Apply {code} to the cart. If the store refuses it, say which: expired, invalid or minimum (spend).",
                          "A friend gave me code {code}. Test it on my cart and answer with the reason it fails (expired / invalid / minimum).",
                          "Use {code} on the cart (with the {title} in it). One word for why it doesn't apply: expired, invalid or minimum?"});
  return {};
}
Verdict rejected_check(World&, const WorldDiff& d, const TaskInstance&, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_text(end.text, "expired"),
            "the code has expired; the answer says '" + end.text + "'");
  return e.verdict();
}
Action rejected_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::status && n.name.find("expired") != std::string::npos) return Action::answer("expired");
  if (auto a = to_cart(ui)) return *a;
  if (auto a = ui.fill(full(sk::key::promo), i.param("code"))) return *a;
  return or_noop(ui.click(full(sk::key::promo_apply)));
}

// shopping.order_total (retrieval): the total of the order placed on a given day.
Status total_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<int64_t, int64_t>> orders;  // (placed, total) of orders alone on their day
  for (auto q = w.query("SELECT placed_ms, total_cents FROM shop_orders o WHERE (SELECT count(*) FROM shop_orders x WHERE "
                        "x.placed_ms / 86400000 = o.placed_ms / 86400000) = 1 ORDER BY placed_ms");
       q.step();)
    orders.emplace_back(q.i64(0), q.i64(1));
  if (orders.empty()) return none("no order alone on its day");
  const auto& [placed, total] = orders[rng.below(uint32_t(orders.size()))];
  const Civil c = civil_from_ms(placed);
  inst.params = {{"date", format_date_long(c.y, c.m, c.d)}, {"total", format_usd(total)}, {"cents", std::to_string(total)},
                 {"placed", std::to_string(placed)}};
  kit::phrase(rng, inst, {"What was the total of my Shopwise order placed on {date}?",
                          "How much did the order from {date} cost in all?",
                          "Look up my order of {date} and give me its total.",
                          "Tell me the order total for the purchase I made on {date}."});
  return {};
}
Verdict total_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  const std::optional<int64_t> said = exact_money(end.text);
  e.require(end.kind != Ending::Kind::answer || (said && *said == i.param_int("cents")),
            "wrong total '" + end.text + "' (it is " + i.param("total") + ")");
  return e.verdict();
}
Action total_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  for (const dom::A11yNode* n : ui.with_prefix(full("order:")))
    if (n->name.find(", placed " + i.param("date") + ", total ") != std::string::npos) {
      const std::vector<int64_t> a = amounts_in(n->name.substr(n->name.find(", total ")));
      if (!a.empty()) return Action::answer(format_usd(a[0]));
    }
  return Action::noop();
}


// [SECTION] Sixth slice: the account (addresses, cards), brands, reviews, questions, bought together,
// recently viewed, customer service, a category's spending, an order found by search
// The step toward Your Account's page `tile` (addresses_page, payments_page, help): through the
// header's Account; nullopt once `landmark` (a key of that page) shows.
std::optional<Action> to_account(const Ui& ui, std::string_view tile, std::string_view landmark) {
  if (ui.has(full(landmark))) return std::nullopt;
  const std::string t = full("tile_" + std::string(tile));
  if (ui.has(t)) return or_noop(ui.click(t));
  return or_noop(ui.click(full(sk::key::account)));
}

// shopping.default_address: another address of the book made the default.
Status default_address_setup(World& w, Rng& rng, TaskInstance& inst) {
  // A third address some of the time (the user's parents), so the one asked for is not always the other.
  if (rng.below(2)) {
    static const char* kCities[][3] = {{"Fresno", "CA", "937"}, {"Dayton", "OH", "454"}, {"Tulsa", "OK", "741"},
                                       {"Eugene", "OR", "974"}, {"Reno", "NV", "895"}, {"Lansing", "MI", "489"}};
    const auto& c = kCities[rng.below(6)];
    w.query("INSERT INTO shop_addresses(name, line1, city, state, zip, is_default) VALUES(?, ?, ?, ?, ?, 0)",
            kit::text(w, "SELECT name FROM people WHERE id = 1") + " (parents)",
            std::to_string(10 + rng.below(990)) + " Orchard Lane", std::string(c[0]), std::string(c[1]),
            std::string(c[2]) + std::to_string(10 + rng.below(90))).run();
  }
  std::vector<int64_t> ids;
  for (auto q = w.query("SELECT id FROM shop_addresses WHERE is_default = 0 ORDER BY id"); q.step();) ids.push_back(q.i64(0));
  if (ids.empty()) return none("no other address");
  const int64_t id = ids[rng.below(uint32_t(ids.size()))];
  auto q = w.query("SELECT line1, city, state FROM shop_addresses WHERE id = ?", id);
  if (!q.step()) return none("no address");
  inst.params = {{"address", std::to_string(id)}, {"line1", std::string(q.text(0))}, {"city", std::string(q.text(1))},
                 {"state", std::string(q.text(2))},
                 {"old", std::to_string(kit::scalar(w, "SELECT id FROM shop_addresses WHERE is_default = 1"))}};
  kit::phrase(rng, inst, {"Make {line1}, {city} my default shipping address.",
                          "Change my default address on Shopwise to the one at {line1} in {city}.",
                          "From now on ship to {line1}, {city}, {state} by default: set it as the default address.",
                          "Set {line1} ({city}) as the default address in my account."});
  return {};
}
bool default_address_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT is_default FROM shop_addresses WHERE id = ?", i.param_int("address")) == 1;
}
Verdict default_address_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("shop_addresses", i.param("address"), {{"is_default", "1"}});
  e.updated("shop_addresses", i.param("old"), {{"is_default", "0"}});
  return e.verdict();
}
Action default_address_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_account(ui, sk::key::addresses_page, "address_book")) return *a;
  return or_noop(ui.click(full(sk::key::set_default_address(i.param_int("address")))));
}

// shopping.remove_expired_card: the expired card in the wallet removed (the others kept).
Status expired_card_setup(World& w, Rng& rng, TaskInstance& inst) {
  const Civil today = civil_from_ms(w.now_ms());
  const int64_t month = 1 + int64_t(rng.below(12)), year = today.y - 1 - int64_t(rng.below(2));
  const std::string last4 = std::to_string(1000 + rng.below(9000));
  const char* brand = rng.below(2) ? "Visa" : "Mastercard";
  w.query("INSERT INTO shop_cards(brand, last4, exp_month, exp_year, name, is_default) VALUES(?, ?, ?, ?, ?, 0)",
          std::string(brand), last4, month, year, kit::text(w, "SELECT name FROM people WHERE id = 1")).run();
  inst.params = {{"card", std::to_string(w.last_insert_rowid())}, {"last4", last4}, {"brand", brand},
                 {"exp", std::string(kMonthLong[month - 1]) + " " + std::to_string(year)}};
  kit::phrase(rng, inst, {"Remove the expired card ending in {last4} from my Shopwise payment methods.",
                          "My {brand} ending {last4} expired in {exp}; delete it from my wallet.",
                          "Clean up my payments: take off the card ending in {last4} (it has expired).",
                          "Delete the {brand} card ending in {last4} from my account - it expired."});
  return {};
}
bool expired_card_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_cards WHERE id = ?", i.param_int("card")) == 0;
}
Verdict expired_card_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.deleted("shop_cards", i.param("card"));
  return e.verdict();
}
Action expired_card_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_account(ui, sk::key::payments_page, "wallet")) return *a;
  return or_noop(ui.click(full(sk::key::remove_card(i.param_int("card")))));
}

// shopping.default_card: the other saved card made the default payment method.
Status default_card_setup(World& w, Rng& rng, TaskInstance& inst) {
  // A third card some of the time, so which one is asked for varies.
  if (rng.below(2)) {
    const Civil today = civil_from_ms(w.now_ms());
    w.query("INSERT INTO shop_cards(brand, last4, exp_month, exp_year, name, is_default) VALUES('American Express', ?, ?, ?, ?, 0)",
            std::to_string(1000 + rng.below(9000)), int64_t(1 + rng.below(12)), int64_t(today.y + 1 + rng.below(3)),
            kit::text(w, "SELECT name FROM people WHERE id = 1")).run();
  }
  std::vector<int64_t> ids;
  for (auto q = w.query("SELECT id FROM shop_cards WHERE is_default = 0 ORDER BY id"); q.step();) ids.push_back(q.i64(0));
  if (ids.empty()) return none("no other card");
  const int64_t id = ids[rng.below(uint32_t(ids.size()))];
  inst.params = {{"card", std::to_string(id)}, {"last4", kit::text(w, "SELECT last4 FROM shop_cards WHERE id = ?", id)},
                 {"brand", kit::text(w, "SELECT brand FROM shop_cards WHERE id = ?", id)},
                 {"old", std::to_string(kit::scalar(w, "SELECT id FROM shop_cards WHERE is_default = 1"))}};
  kit::phrase(rng, inst, {"Make my {brand} ending in {last4} the default payment method.",
                          "Switch my default card on Shopwise to the one ending {last4}.",
                          "Set the card ending in {last4} ({brand}) as my default way to pay.",
                          "I want to pay with the {brand} ...{last4} by default from now on. Change it in my account."});
  return {};
}
bool default_card_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT is_default FROM shop_cards WHERE id = ?", i.param_int("card")) == 1;
}
Verdict default_card_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("shop_cards", i.param("card"), {{"is_default", "1"}});
  e.updated("shop_cards", i.param("old"), {{"is_default", "0"}});
  return e.verdict();
}
Action default_card_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_account(ui, sk::key::payments_page, "wallet")) return *a;
  return or_noop(ui.click(full(sk::key::set_default_card(i.param_int("card")))));
}

// shopping.brand_cheapest (medium): the cheapest product of a brand in a category (the brand
// filter and the price sort), bought.
Status brand_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t cat = 1 + int64_t(rng.below(10));  // the categories the header's strip shows
  std::vector<std::string> brands;
  for (auto q = w.query("SELECT DISTINCT brand FROM shop_products WHERE category_id = ? ORDER BY brand", cat); q.step();)
    brands.emplace_back(q.text(0));
  if (brands.empty()) return none("empty category");
  const std::string brand = brands[rng.below(uint32_t(brands.size()))];
  auto q = w.query("SELECT id, title FROM shop_products WHERE category_id = ? AND brand = ? ORDER BY price_cents, id LIMIT 1",
                   cat, brand);
  if (!q.step()) return none("no product of the brand");
  const int64_t id = q.i64(0);
  const int64_t first = first_variant(w, id);
  if (kit::scalar(w, "SELECT stock0 FROM shop_variants WHERE id = ?", first) < 1)  // restocked this morning
    w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) VALUES(?, 3, 0)", first).run();
  inst.params = {{"product", std::to_string(id)}, {"title", std::string(q.text(1))}, {"brand", brand},
                 {"category", kit::text(w, "SELECT name FROM shop_categories WHERE id = ?", cat)},
                 {"category_id", std::to_string(cat)}, {"orders_before", orders_now(w)}};
  kit::phrase(rng, inst, {"Buy the cheapest {brand} product in {category}.",
                          "In {category}, filter by the brand {brand} and order the lowest-priced item.",
                          "What's the least expensive {category} item from {brand}? Buy it.",
                          "Order the {brand} {category} product with the lowest price.",
                          "I only trust {brand}: get me their cheapest thing in {category}.",
                          "Purchase the lowest-priced {category} listing by {brand}."});
  return {};
}
Verdict brand_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_order(w, e, d, {}, i.param_int("product"), 1);
  return e.verdict();
}
Action brand_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = buy_now_steps(ui, i.param("title"))) return *a;
  if (auto a = open_category(ui, i.param_int("category_id"), i.param("category"))) return *a;
  const std::string box = full(sk::key::brand(i.param("brand")));
  if (const dom::A11yNode* b = ui.find(box); b && !b->checked) {
    if (auto a = ui.click(box)) return *a;
    return or_noop(ui.scroll_to(full(sk::key::page), box));
  }
  if (auto a = sort_by(ui, 1)) return *a;
  const auto cards = ui.with_prefix(full("product:"));
  if (cards.empty()) return Action::noop();
  if (auto a = ui.click(cards.front()->key)) return *a;
  return or_noop(ui.scroll_to(full(sk::key::page), cards.front()->key));
}

// shopping.helpful_vote: a named review marked helpful (one vote, counted on the review).
Status helpful_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  if (Status s = pick_product(w, rng, "p.ratings > 0", p); !s) return s;
  std::vector<std::tuple<int64_t, std::string, std::string, int64_t>> reviews;
  for (auto q = w.query("SELECT id, author, title, helpful FROM shop_reviews WHERE product_id = ? ORDER BY id", p.id); q.step();)
    reviews.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)), q.i64(3));
  if (reviews.size() < 2 || std::get<1>(reviews[0]) == std::get<1>(reviews[1])) return none("reviews not told apart");
  const auto& [id, author, title, helpful] = reviews[rng.below(uint32_t(reviews.size()))];
  put(w, inst, p);
  inst.params.insert(inst.params.end(), {{"review", std::to_string(id)}, {"author", author}, {"review_title", title},
                                         {"helpful", std::to_string(helpful + 1)}});
  kit::phrase(rng, inst, {"On the {title} page, mark {author}'s review \"{review_title}\" as helpful.",
                          "Find {author}'s review of the {title} and click Helpful on it.",
                          "The review titled \"{review_title}\" by {author} on {title} helped me - vote it helpful.",
                          "Vote {author}'s review of {title} helpful."});
  return {};
}
bool helpful_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_review_votes WHERE review_id = ?", i.param_int("review")) == 1;
}
Verdict helpful_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.inserted("shop_review_votes", i.param("review"));
  e.updated("shop_reviews", i.param("review"), {{"helpful", i.param("helpful")}});
  return e.verdict();
}
Action helpful_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!on_product_page(ui, i.param("title"))) return find_product(ui, i.param_int("product"), i.param("title"));
  const std::string b = full(sk::key::helpful(i.param_int("review")));
  if (auto a = ui.click(b)) return *a;
  return or_noop(ui.scroll_to(full(sk::key::page), b));
}

// shopping.ask_question: a question posted on a product's page, in the words asked for.
Status ask_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  if (Status s = pick_product(w, rng, "1 = 1", p); !s) return s;
  static const char* kQuestions[] = {"Does it come gift wrapped?", "Is it dishwasher safe?", "Can it be shipped to Canada?",
                                     "Is the colour the same as in the picture?", "Does it come with a carrying case?",
                                     "How heavy is it?", "Is there a newer model coming out?", "Does it run true to size?"};
  put(w, inst, p);
  inst.params.emplace_back("question", kQuestions[rng.below(uint32_t(std::size(kQuestions)))]);
  kit::phrase(rng, inst, {"Ask this question on the {title} page: \"{question}\"",
                          "Post a question to the community about the {title}: {question}",
                          "On Shopwise, ask about the {title}: \"{question}\"",
                          "I want to know something about the {title}. Ask \"{question}\" in its questions section."});
  return {};
}
bool ask_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM shop_questions WHERE product_id = ? AND answer = ''", i.param_int("product")) > 0;
}
Verdict ask_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "shop_questions");
  e.require(rows.size() == 1, "one question expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("shop_questions", r->key);
    e.require(col(*r, "product_id") == i.param("product"), "the question is on another product");
    e.require(kit::same_text(col(*r, "question"), i.param("question")), "the question asked is \"" + col(*r, "question") + "\"");
  }
  return e.verdict();
}
Action ask_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!on_product_page(ui, i.param("title"))) return find_product(ui, i.param_int("product"), i.param("title"));
  const std::string field = full(sk::key::ask);
  if (!ui.click(field)) return or_noop(ui.scroll_to(full(sk::key::page), field));
  if (auto a = ui.fill(field, i.param("question"))) return *a;
  return or_noop(ui.click(full(sk::key::ask_go)));
}

// shopping.warranty (retrieval): the warranty a product's questions and answers tell.
Status warranty_setup(World& w, Rng& rng, TaskInstance& inst) {
  Product p;
  if (Status s = pick_product(w, rng, "1 = 1", p); !s) return s;
  const std::string answer = kit::text(w, "SELECT answer FROM shop_questions WHERE product_id = ? AND answer LIKE "
                                          "'%-year limited warranty%' ORDER BY id LIMIT 1", p.id);
  const size_t at = answer.find("-year");
  if (at == std::string::npos || at < 1) return none("no warranty answer");
  put(w, inst, p);
  inst.params.emplace_back("years", answer.substr(answer.rfind(' ', at) + 1, at - answer.rfind(' ', at) - 1));
  kit::phrase(rng, inst, {"How many years of warranty does the {title} come with? Check its questions and answers.",
                          "What's the warranty on the {title}, in years?",
                          "According to the Q&A on the {title} page, how long is the warranty (years)?",
                          "Find out how many years the {title} is under warranty. Answer with the number."});
  return {};
}
Verdict warranty_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_number(end.text, double(i.param_int("years"))),
            "wrong warranty '" + end.text + "' (it is " + i.param("years") + " years)");
  return e.verdict();
}
Action warranty_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!on_product_page(ui, i.param("title"))) return find_product(ui, i.param_int("product"), i.param("title"));
  for (const dom::A11yNode* n : ui.with_prefix(full("question:"))) {
    const size_t at = n->name.find("-year limited warranty");
    if (at == std::string::npos) continue;
    const size_t from = n->name.rfind(' ', at) + 1;
    return Action::answer(n->name.substr(from, at - from));
  }
  return Action::noop();
}

// shopping.bought_together (medium): a product in a colour and what is frequently bought with
// it, put in the cart in one go (or one by one: the cart is what counts).
Status together_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = variant_setup(w, rng, inst); !s) return s;
  const std::vector<int64_t> others = apps::shopping::frequently_bought_with(w, inst.param_int("product"));
  if (others.size() != 2) return none("no companions");
  std::string ids;
  for (int64_t o : others) ids += (ids.empty() ? "" : ",") + std::to_string(first_variant(w, o));
  inst.params.emplace_back("companions", ids);
  inst.params.emplace_back("other1", kit::text(w, "SELECT title FROM shop_products WHERE id = ?", others[0]));
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Add the {title} in {colour}{in_size} to my cart together with the items frequently bought with it.",
                          "Put the {colour} {title}{in_size} and both of its \"frequently bought together\" items in the cart.",
                          "I want the whole bundle: the {title} ({colour}{in_size}) plus what is frequently bought with it. Cart only.",
                          "Cart the {title} in {colour}{in_size} along with its two frequently-bought-together products; don't check out."});
  return {};
}
std::vector<int64_t> together_want(const TaskInstance& i) {
  std::vector<int64_t> want = {i.param_int("variant")};
  const std::string ids = i.param("companions");
  for (size_t p = 0; p < ids.size();) {
    const size_t e = std::min(ids.find(',', p), ids.size());
    want.push_back(std::atoll(ids.substr(p, e - p).c_str()));
    p = e + 1;
  }
  return want;
}
bool together_goal(World& w, const TaskInstance& i) {
  for (int64_t v : together_want(i))
    if (kit::scalar(w, "SELECT count(*) FROM shop_cart WHERE variant_id = ? AND saved = 0", v) != 1) return false;
  return true;
}
Verdict together_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  std::vector<int64_t> want = together_want(i), got;
  for (const sim::RowChange* r : kit::inserted_rows(d, "shop_cart")) {
    e.inserted("shop_cart", r->key);
    e.require(col(*r, "qty") == "1" && col(*r, "saved") == "0", "a cart line is not one item in the cart");
    got.push_back(std::atoll(col(*r, "variant_id").c_str()));
  }
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  e.require(got == want, "the cart does not hold exactly the product in that colour and its two companions");
  return e.verdict();
}
Action together_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!on_product_page(ui, i.param("title"))) return find_product(ui, i.param_int("product"), i.param("title"));
  const dom::A11yNode* cart = ui.find(full(sk::key::cart));
  if (cart && cart->name.find(", 3 items") != std::string::npos) return Action::noop();
  const dom::A11yNode* c = ui.find(full(sk::key::colour(i.param("colour"))));
  if (c && !c->selected) return or_noop(ui.click(c->key));
  const dom::A11yNode* s = i.param("size").empty() ? nullptr : ui.find(full(sk::key::size(i.param("size"))));
  if (s && !s->selected) return or_noop(ui.click(s->key));
  const std::string b = full(sk::key::add_together);
  if (auto a = ui.click(b)) return *a;
  return or_noop(ui.scroll_to(full(sk::key::page), b));
}

// shopping.recently_viewed: of the products looked at earlier (the home page's strip), the one
// of a category saved to the list.
Status viewed_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<Product> seen;
  std::vector<int64_t> cats;
  for (int k = 0; k < 4; ++k) {
    Product p;
    std::string not_in;
    for (int64_t c : cats) not_in += " AND p.category_id <> " + std::to_string(c);
    if (Status s = pick_product(w, rng, "p.ratings > 0" + not_in, p); !s) return s;
    cats.push_back(p.category_id);
    seen.push_back(p);
    w.query("INSERT INTO shop_ui_viewed(product_id, viewed_ms) VALUES(?, ?)", p.id,
            w.now_ms() - int64_t(4 - k) * 3600000 - int64_t(rng.below(3000)) * 1000).run();
  }
  const Product& p = seen[rng.below(4)];
  put(w, inst, p);
  inst.params.emplace_back("variant", std::to_string(first_variant(w, p.id)));
  std::string noun = p.category;
  for (char& ch : noun) ch = char(std::tolower(uint8_t(ch)));
  inst.params.emplace_back("noun", noun);
  kit::phrase(rng, inst, {"I was looking at some {noun} earlier today. Add the one I viewed to my list.",
                          "Save the {category} item from my recently viewed products to my list.",
                          "Earlier I checked out a product in {category}; put it on my list (the colour it opens in is fine).",
                          "Find the {noun} in my recently viewed items and add it to my Shopwise list."});
  return {};
}
Verdict viewed_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "shop_lists");
  e.require(rows.size() == 1, "one item added to the list expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("shop_lists", r->key);
    e.require(col(*r, "variant_id") == i.param("variant"), "the list holds another product (or colour)");
  }
  return e.verdict();
}
Action viewed_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (on_product_page(ui, i.param("title"))) {
    const dom::A11yNode* b = ui.find(full(sk::key::add_to_list));
    if (b && b->name == "In your list") return Action::noop();
    return or_noop(choose_and(ui, "", "", 1, sk::key::add_to_list));
  }
  const std::string card = full("seen:" + i.param("product"));
  if (auto a = ui.click(card)) return *a;
  return or_noop(ui.click(full(sk::key::home)));
}

// shopping.contact_support (medium): customer service told about an order's problem, with the
// right order and topic.
Status support_setup(World& w, Rng& rng, TaskInstance& inst) {
  Bought b;
  if (Status s = pick_bought(w, rng, "delivered", b); !s) return s;
  put(inst, b);
  const int topic = 1 + int(rng.below(2));  // damaged, wrong item
  inst.params.emplace_back("topic", std::string(sk::kHelpTopics[topic]));
  inst.params.emplace_back("problem", topic == 1 ? "arrived damaged" : "was the wrong item");
  kit::phrase(rng, inst, {"The {title} I ordered on {date} {problem}. Contact Shopwise customer service about that order.",
                          "Send customer service a message about my {date} order: the {title} {problem}.",
                          "Write to Shopwise support about the order with the {title} ({date}) - it {problem}.",
                          "My {title} {problem}. Use Customer Service to report it on the order from {date}."});
  return {};
}
bool support_goal(World& w, const TaskInstance&) { return kit::scalar(w, "SELECT count(*) FROM shop_contacts") > 0; }
Verdict support_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "shop_contacts");
  e.require(rows.size() == 1, "one message to customer service expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("shop_contacts", r->key);
    e.require(col(*r, "order_id") == i.param("order"), "the message is about another order");
    e.require(col(*r, "topic") == i.param("topic"), "the topic is '" + col(*r, "topic") + "', not '" + i.param("topic") + "'");
  }
  return e.verdict();
}
Action support_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_account(ui, sk::key::help, "help_form")) return *a;
  // The order: the select's options name the date ("#number - March 2, 2026").
  const dom::A11yNode* sel = ui.find(full(sk::key::help_order));
  if (sel && sel->name.find(i.param("date")) == std::string::npos && sel->value.find(i.param("date")) == std::string::npos) {
    for (int k = 0; k < 10; ++k) {
      const dom::A11yNode* o = ui.find(full(std::string(sk::key::help_order) + ".opt" + std::to_string(k)));
      if (o && o->name.find(i.param("date")) != std::string::npos) return or_noop(ui.click(o->key));
    }
    return or_noop(ui.click(full(sk::key::help_order)));
  }
  for (int k = 0; k < int(std::size(sk::kHelpTopics)); ++k)
    if (sk::kHelpTopics[k] == i.param("topic")) {
      const dom::A11yNode* r = ui.find(full(sk::key::topic(k)));
      if (r && !r->checked) return or_noop(ui.click(r->key));
    }
  if (auto a = ui.fill(full(sk::key::help_message), "The " + i.param("title") + " " + i.param("problem") + ".")) return *a;
  return or_noop(ui.click(full(sk::key::help_send)));
}

// shopping.category_spend (retrieval): what the items of a category cost in a month's orders.
Status category_spend_setup(World& w, Rng& rng, TaskInstance& inst) {
  struct Pick {
    int64_t cat;
    int y, m;
  };
  std::vector<Pick> picks;
  for (auto q = w.query("SELECT DISTINCT p.category_id, o.placed_ms FROM shop_orders o JOIN shop_order_items i ON i.order_id = "
                        "o.id JOIN shop_variants v ON v.id = i.variant_id JOIN shop_products p ON p.id = v.product_id WHERE "
                        "o.status <> 'cancelled' ORDER BY o.placed_ms, p.category_id");
       q.step();) {
    const Civil c = civil_from_ms(q.i64(1));
    const Pick p{q.i64(0), c.y, c.m};
    if (std::none_of(picks.begin(), picks.end(), [&](const Pick& x) { return x.cat == p.cat && x.y == p.y && x.m == p.m; }))
      picks.push_back(p);
  }
  if (picks.empty()) return none("no orders");
  const Pick& p = picks[rng.below(uint32_t(picks.size()))];
  const int64_t from = ms_from_civil({.y = p.y, .m = p.m, .d = 1});
  const int64_t to = ms_from_civil({.y = p.m == 12 ? p.y + 1 : p.y, .m = p.m == 12 ? 1 : p.m + 1, .d = 1});
  const int64_t sum = kit::scalar(w, "SELECT sum(i.qty * i.price_cents) FROM shop_orders o JOIN shop_order_items i ON "
                                     "i.order_id = o.id JOIN shop_variants v ON v.id = i.variant_id JOIN shop_products x ON "
                                     "x.id = v.product_id WHERE o.status <> 'cancelled' AND x.category_id = ? AND o.placed_ms "
                                     ">= ? AND o.placed_ms < ?", p.cat, from, to);
  std::string titles;  // for the oracle: the items that count
  for (auto q = w.query("SELECT DISTINCT x.title FROM shop_orders o JOIN shop_order_items i ON i.order_id = o.id JOIN "
                        "shop_variants v ON v.id = i.variant_id JOIN shop_products x ON x.id = v.product_id WHERE o.status "
                        "<> 'cancelled' AND x.category_id = ? AND o.placed_ms >= ? AND o.placed_ms < ? ORDER BY x.title",
                        p.cat, from, to);
       q.step();)
    titles += std::string(q.text(0)) + "\n";
  inst.params = {{"category", kit::text(w, "SELECT name FROM shop_categories WHERE id = ?", p.cat)},
                 {"month", std::string(kMonthLong[p.m - 1]) + " " + std::to_string(p.y)}, {"month_name", kMonthLong[p.m - 1]},
                 {"year", std::to_string(p.y)}, {"cents", std::to_string(sum)}, {"answer", format_usd(sum)},
                 {"titles", titles}};
  kit::phrase(rng, inst, {"How much did I spend on {category} in {month}? Item prices only - no tax or shipping.",
                          "Add up what the {category} items I bought in {month} cost (price times quantity, before tax and shipping).",
                          "What did my {category} purchases in {month_name} {year} come to, not counting tax or delivery?",
                          "Total the {category} items from my {month} orders (item prices x quantity, skip cancelled orders)."});
  return {};
}
Verdict category_spend_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  const std::optional<int64_t> said = end.kind == Ending::Kind::answer ? exact_money(end.text) : std::nullopt;
  e.require(end.kind != Ending::Kind::answer || (said && *said == i.param_int("cents")),
            "wrong amount '" + end.text + "' (it is " + i.param("answer") + ")");
  return e.verdict();
}
Action category_spend_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  // The orders of the month (not cancelled), and in them the items of the category: each item
  // line says "<title>: <qty> x $<price>".
  const std::string titles = i.param("titles");
  int64_t sum = 0;
  for (const dom::A11yNode* o : ui.with_prefix(full("order:"))) {
    if (o->name.find(", placed " + i.param("month_name") + " ") == std::string::npos ||
        o->name.find(", " + i.param("year") + ", total") == std::string::npos || o->name.find(", cancelled") != std::string::npos)
      continue;
    for (const dom::A11yNode& n : ui.nodes()) {
      if (n.role != dom::Role::text || n.id.rfind(o->id + "/", 0) != 0) continue;
      const size_t colon = n.name.rfind(": ");
      if (colon == std::string::npos || titles.find(n.name.substr(0, colon) + "\n") == std::string::npos) continue;
      const std::string rest = n.name.substr(colon + 2);
      const int64_t qty = std::atoll(rest.c_str());
      const std::vector<int64_t> a = amounts_in(rest.substr(rest.find('$')));
      if (!a.empty()) sum += qty * a[0];
    }
  }
  return Action::answer(format_usd(sum));
}

// shopping.find_order_number (retrieval): the number of the order that held a product (the
// orders' search finds it).
Status order_number_setup(World& w, Rng& rng, TaskInstance& inst) {
  Bought b;
  if (Status s = pick_bought(w, rng, "delivered", b); !s) return s;
  put(inst, b);
  inst.params.emplace_back("number", kit::text(w, "SELECT number FROM shop_orders WHERE id = ?", b.order));
  kit::phrase(rng, inst, {"What's the order number of the order that had the {title}?",
                          "Find my order containing the {title} and tell me its order number.",
                          "I need the order # for my {title} purchase.",
                          "Search my orders for the {title}: which order number was it?"});
  return {};
}
Verdict order_number_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  std::string said = end.kind == Ending::Kind::answer ? kit::normalize(end.text) : "";
  if (!said.empty() && said[0] == '#') said.erase(0, 1);
  while (!said.empty() && (said.back() == '.' || said.back() == ' ')) said.pop_back();
  e.require(end.kind != Ending::Kind::answer || said == i.param("number"),
            "wrong order number '" + end.text + "' (it is " + i.param("number") + ")");
  return e.verdict();
}
Action order_number_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  // Searched: the one order shown names its number.
  const auto orders = ui.with_prefix(full("order:"));
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::status && n.name.find("1 order placed matching") != std::string::npos && !orders.empty()) {
      const std::string& name = orders.front()->name;  // "Order <number>, placed ..."
      return Action::answer(name.substr(6, name.find(',') - 6));
    }
  const std::string words = i.param("title").substr(0, i.param("title").find(','));
  if (auto a = ui.fill(full(sk::key::order_search), words)) return *a;
  return or_noop(ui.click(full(sk::key::order_search_go)));
}

// shopping.brand_fast_order (hard): a brand's cheapest product of a category that comes in two
// days (the brand and delivery filters, the price sort), bought with two-day delivery to an
// address and with a card as asked.
Status brand_fast_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t cat = 1 + int64_t(rng.below(10));
  std::vector<std::string> brands;
  for (auto q = w.query("SELECT DISTINCT brand FROM shop_products WHERE category_id = ? AND delivery_days <= 2 ORDER BY brand", cat);
       q.step();)
    brands.emplace_back(q.text(0));
  if (brands.empty()) return none("nothing fast in the category");
  const std::string brand = brands[rng.below(uint32_t(brands.size()))];
  auto q = w.query("SELECT id, title FROM shop_products WHERE category_id = ? AND brand = ? AND delivery_days <= 2 ORDER BY "
                   "price_cents, id LIMIT 1", cat, brand);
  if (!q.step()) return none("no product");
  const int64_t id = q.i64(0);
  const int64_t first = first_variant(w, id);
  if (kit::scalar(w, "SELECT stock0 FROM shop_variants WHERE id = ?", first) < 1)  // restocked this morning
    w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) VALUES(?, 3, 0)", first).run();
  const int64_t addr = 1 + int64_t(rng.below(2)), card = 1 + int64_t(rng.below(2)), qty = 2 + int64_t(rng.below(2));
  if (kit::scalar(w, "SELECT stock0 + ifnull((SELECT sum(delta) FROM shop_stock_moves WHERE variant_id = ?1), 0) FROM "
                     "shop_variants WHERE id = ?1", first) < qty)
    w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) VALUES(?, 5, 0)", first).run();
  inst.params = {{"product", std::to_string(id)}, {"title", std::string(q.text(1))}, {"brand", brand}, {"qty", std::to_string(qty)},
                 {"category", kit::text(w, "SELECT name FROM shop_categories WHERE id = ?", cat)},
                 {"category_id", std::to_string(cat)}, {"orders_before", orders_now(w)}, {"ship", "fast"}, {"ship_words", "two-day"},
                 {"address", std::to_string(addr)}, {"card", std::to_string(card)}, {"where", addr == 1 ? "home" : "work"},
                 {"card_brand", kit::text(w, "SELECT brand FROM shop_cards WHERE id = ?", card)}};
  kit::phrase(rng, inst, {"Buy {qty} of the cheapest {brand} product in {category} that can arrive in 2 days. Use two-day "
                          "delivery, ship them to my {where} address and pay with my {card_brand}.",
                          "In {category}, find {brand}'s lowest-priced item among those delivered in 2 days and order {qty}: "
                          "two-day shipping, {where} address, {card_brand} card.",
                          "I need {qty} of a {brand} item from {category} within two days - the cheapest one that qualifies. "
                          "Two-day delivery to {where}, paid by {card_brand}.",
                          "Order {qty} x the least expensive {category} product by {brand} that gets here in 2 days, with "
                          "two-day delivery to my {where} address, charged to the {card_brand}."});
  return {};
}
Verdict brand_fast_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const std::string o = check_order(w, e, d, {}, i.param_int("product"), i.param_int("qty"));
  if (!o.empty()) {
    auto q = w.query("SELECT ship, address_id, card_id FROM shop_orders WHERE id = ?", int64_t(std::atoll(o.c_str())));
    if (q.step()) {
      e.require(q.text(0) == i.param("ship"), "the delivery is " + std::string(q.text(0)) + ", not two-day");
      e.require(q.i64(1) == i.param_int("address"), "the order goes to the wrong address");
      e.require(q.i64(2) == i.param_int("card"), "the order is paid with the wrong card");
    }
  }
  return e.verdict();
}
Action brand_fast_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(sk::key::place_order)) || on_product_page(ui, i.param("title")) || ui.has(full("confirmation"))) {
    if (ui.has(full(sk::key::place_order)))
      for (const std::string& k : {full(sk::key::address(i.param_int("address"))), full(sk::key::ship(i.param("ship"))),
                                   full(sk::key::card(i.param_int("card")))}) {
        const dom::A11yNode* n = ui.find(k);
        if (n && !n->checked) {
          if (auto a = ui.click(k)) return *a;
          return or_noop(ui.scroll_to(full(sk::key::page), k));
        }
      }
    if (auto a = buy_now_steps(ui, i.param("title"), "", "", int(i.param_int("qty")))) return *a;
  }
  if (auto a = open_category(ui, i.param_int("category_id"), i.param("category"))) return *a;
  for (const std::string& box : {full(sk::key::fast), full(sk::key::brand(i.param("brand")))})
    if (const dom::A11yNode* b = ui.find(box); b && !b->checked) {
      if (auto a = ui.click(box)) return *a;
      return or_noop(ui.scroll_to(full(sk::key::page), box));
    }
  if (auto a = sort_by(ui, 1)) return *a;
  const auto cards = ui.with_prefix(full("product:"));
  if (cards.empty()) return Action::noop();
  if (auto a = ui.click(cards.front()->key)) return *a;
  return or_noop(ui.scroll_to(full(sk::key::page), cards.front()->key));
}


// shopping.order_card (retrieval): the card an order was paid with (its details page).
Status order_card_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = total_setup(w, rng, inst); !s) return s;  // an order alone on its day
  auto q = w.query("SELECT o.id, c.last4, c.brand FROM shop_orders o JOIN shop_cards c ON c.id = o.card_id WHERE o.placed_ms = ?",
                   inst.param_int("placed"));
  if (!q.step()) return none("no order");
  inst.params.insert(inst.params.end(), {{"order", std::to_string(q.i64(0))}, {"last4", std::string(q.text(1))},
                                         {"brand", std::string(q.text(2))}});
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Which card paid for my order of {date}? Answer with its last four digits.",
                          "Look at the details of the order I placed on {date}: what are the last 4 digits of the card used?",
                          "I need to know which card was charged for the {date} order - give me the last four digits.",
                          "For my Shopwise order from {date}, tell me the ending digits (last four) of the payment card."});
  return {};
}
Verdict order_card_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  std::string digits;
  for (char c : end.text) if (std::isdigit(uint8_t(c))) digits += c;
  bool only = true;  // digits with at most a few words around ("ending in 1234")
  for (char c : end.text) if (!std::isdigit(uint8_t(c)) && !std::isalpha(uint8_t(c)) && c != ' ' && c != '.') only = false;
  e.require(end.kind != Ending::Kind::answer || (digits == i.param("last4") && only),
            "wrong card '" + end.text + "' (it ends in " + i.param("last4") + ")");
  return e.verdict();
}
Action order_card_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (const dom::A11yNode* pay = ui.find(full("paid_with")))
    return Action::answer(pay->name.substr(pay->name.size() - 4));
  if (!ui.has(full("order_list"))) return or_noop(ui.click(full(sk::key::orders)));
  const std::string k = full(sk::key::order_details(i.param_int("order")));
  if (auto a = ui.click(k)) return *a;
  return or_noop(ui.scroll_to(full(sk::key::page), k));
}
}  // namespace

std::vector<sim::Task> templates() {
  using T = sim::Task;
  std::vector<T> t;
  constexpr std::string_view kAllows = "";
  t.push_back(T{.name = "shopping.buy_product", .summary = "Buy a named product", .app = "shopping",
                .tags = "easy,search,checkout", .max_steps = 14, .setup = buy_setup, .goal = ordered_goal,
                .check = buy_check, .oracle = buy_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.buy_variant", .summary = "Buy a product in a given colour (and size)",
                .app = "shopping", .tags = "medium,search,variants,checkout", .max_steps = 16, .setup = variant_setup,
                .goal = ordered_goal, .check = variant_check, .oracle = variant_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.buy_quantity", .summary = "Order several of one product", .app = "shopping",
                .tags = "medium,search,checkout", .max_steps = 16, .setup = qty_setup, .goal = ordered_goal,
                .check = qty_check, .oracle = qty_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.add_to_cart", .summary = "Put a variant in the cart without ordering",
                .app = "shopping", .tags = "easy,search,variants,cart", .max_steps = 14, .setup = cart_setup,
                .goal = cart_goal, .check = cart_check, .oracle = cart_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.cheapest_by_rule",
                .summary = "Buy the cheapest product of a category under a price with 4+ stars", .app = "shopping",
                .tags = "medium,browse,filters,sort,checkout", .max_steps = 20, .setup = cheapest_setup,
                .goal = ordered_goal, .check = cheapest_check, .oracle = cheapest_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.cancel_order", .summary = "Cancel an order before it ships", .app = "shopping",
                .tags = "easy,orders", .max_steps = 10, .setup = cancel_setup, .goal = cancel_goal,
                .check = cancel_check, .oracle = cancel_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.spent_in_month", .summary = "Total of the orders placed in a month",
                .app = "shopping", .tags = "medium,retrieval,orders", .max_steps = 12, .setup = spent_setup,
                .goal = nullptr, .check = spent_check, .oracle = spent_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.apply_promo", .summary = "Buy through the cart with a promo code", .app = "shopping",
                .tags = "hard,search,cart,promo,checkout", .max_steps = 24, .setup = promo_setup, .goal = ordered_goal,
                .check = promo_check, .oracle = promo_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.new_address", .summary = "Buy and ship to a new address added at checkout",
                .app = "shopping", .tags = "hard,search,checkout,form", .max_steps = 30, .setup = address_setup,
                .goal = ordered_goal, .check = address_check, .oracle = address_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.new_card", .summary = "Add a card at checkout and pay with it", .app = "shopping",
                .tags = "hard,search,checkout,form", .max_steps = 28, .setup = card_setup, .goal = ordered_goal,
                .check = card_check, .oracle = card_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.add_to_list", .summary = "Save a colour of a product to the list", .app = "shopping",
                .tags = "easy,search,variants,lists", .max_steps = 12, .setup = list_setup, .goal = list_goal,
                .check = list_check, .oracle = list_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.return_item", .summary = "Return a delivered item with a reason", .app = "shopping",
                .tags = "medium,orders,returns", .max_steps = 14, .setup = return_setup, .goal = return_goal,
                .check = return_check, .oracle = return_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.write_review", .summary = "Review a delivered item: stars, headline, text",
                .app = "shopping", .tags = "medium,orders,reviews,form", .max_steps = 16, .setup = review_setup,
                .goal = review_goal, .check = review_check, .oracle = review_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.buy_again", .summary = "Order again what was bought in some month", .app = "shopping",
                .tags = "medium,orders,checkout", .max_steps = 16, .setup = again_setup, .goal = ordered_goal,
                .check = again_check, .oracle = again_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.multi_item", .summary = "Two products in one order, one of them twice",
                .app = "shopping", .tags = "hard,search,cart,checkout", .max_steps = 26, .setup = multi_setup,
                .goal = ordered_goal, .check = multi_check, .oracle = multi_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.delivery_choice", .summary = "Buy with a delivery option, address and card as asked",
                .app = "shopping", .tags = "medium,search,checkout", .max_steps = 18, .setup = choice_setup,
                .goal = ordered_goal, .check = choice_check, .oracle = choice_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.cart_quantity", .summary = "Change a cart line's quantity", .app = "shopping",
                .tags = "easy,cart", .max_steps = 10, .setup = qtyline_setup, .goal = qtyline_goal,
                .check = qtyline_check, .oracle = qtyline_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.remove_from_cart", .summary = "Remove one line of the cart", .app = "shopping",
                .tags = "easy,cart", .max_steps = 8, .setup = remove_setup, .goal = remove_goal, .check = remove_check,
                .oracle = remove_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.save_for_later", .summary = "Save a cart line for later", .app = "shopping",
                .tags = "easy,cart", .max_steps = 8, .setup = later_setup, .goal = later_goal, .check = later_check,
                .oracle = later_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.arrival_date", .summary = "When an order on its way arrives", .app = "shopping",
                .tags = "easy,retrieval,orders", .max_steps = 8, .setup = arrival_setup, .goal = nullptr,
                .check = arrival_check, .oracle = arrival_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.by_picture", .summary = "Buy the product of a colour on a category's first page",
                .app = "shopping", .tags = "medium,browse,pictures,checkout", .max_steps = 14, .setup = picture_setup,
                .goal = ordered_goal, .check = picture_check, .oracle = picture_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.compare_buy", .summary = "Of two products, buy the better rated (cheaper on a tie)",
                .app = "shopping", .tags = "medium,search,compare,checkout", .max_steps = 20, .setup = compare_setup,
                .goal = ordered_goal, .check = compare_check, .oracle = compare_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.change_shipped_address",
                .summary = "Infeasible: change the address of an order that has shipped", .app = "shopping",
                .tags = "easy,orders,infeasible", .max_steps = 8, .setup = shipped_setup, .goal = nullptr,
                .check = shipped_check, .oracle = shipped_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.list_to_cart", .summary = "Put an item of the list in the cart", .app = "shopping",
                .tags = "easy,lists,cart", .max_steps = 8, .setup = listcart_setup, .goal = listcart_goal,
                .check = listcart_check, .oracle = listcart_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.best_rated", .summary = "Buy the best-rated product of a category (sort by reviews)",
                .app = "shopping", .tags = "medium,browse,sort,checkout", .max_steps = 14, .setup = best_setup,
                .goal = ordered_goal, .check = sorted_check, .oracle = sorted_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.newest", .summary = "Buy the newest arrival of a category (sort by newest)",
                .app = "shopping", .tags = "medium,browse,sort,checkout", .max_steps = 14, .setup = newest_setup,
                .goal = ordered_goal, .check = sorted_check, .oracle = sorted_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.count_ratings", .summary = "How many ratings a product has", .app = "shopping",
                .tags = "easy,search,retrieval", .max_steps = 10, .setup = ratings_setup, .goal = nullptr,
                .check = ratings_check, .oracle = ratings_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.remove_from_list", .summary = "Delete one of two items on the list", .app = "shopping",
                .tags = "easy,lists", .max_steps = 8, .setup = unlist_setup, .goal = unlist_goal, .check = unlist_check,
                .oracle = unlist_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.promo_rejected", .summary = "Try an expired promo code and say why it fails",
                .app = "shopping", .tags = "medium,cart,promo,retrieval", .max_steps = 12, .setup = rejected_setup,
                .goal = nullptr, .check = rejected_check, .oracle = rejected_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.order_total", .summary = "The total of the order placed on a given day",
                .app = "shopping", .tags = "easy,retrieval,orders", .max_steps = 8, .setup = total_setup, .goal = nullptr,
                .check = total_check, .oracle = total_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.default_address", .summary = "Make another address of the book the default",
                .app = "shopping", .tags = "easy,account,addresses", .max_steps = 8, .setup = default_address_setup,
                .goal = default_address_goal, .check = default_address_check, .oracle = default_address_oracle,
                .allows = kAllows});
  t.push_back(T{.name = "shopping.remove_expired_card", .summary = "Remove the expired card from the wallet",
                .app = "shopping", .tags = "easy,account,payments", .max_steps = 8, .setup = expired_card_setup,
                .goal = expired_card_goal, .check = expired_card_check, .oracle = expired_card_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.default_card", .summary = "Make another saved card the default payment method",
                .app = "shopping", .tags = "easy,account,payments", .max_steps = 8, .setup = default_card_setup,
                .goal = default_card_goal, .check = default_card_check, .oracle = default_card_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.brand_cheapest", .summary = "Buy a brand's cheapest product in a category (brand filter, sort)",
                .app = "shopping", .tags = "medium,browse,filter,sort,checkout", .max_steps = 16, .setup = brand_setup,
                .goal = ordered_goal, .check = brand_check, .oracle = brand_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.helpful_vote", .summary = "Mark a named review of a product helpful", .app = "shopping",
                .tags = "easy,search,reviews", .max_steps = 12, .setup = helpful_setup, .goal = helpful_goal,
                .check = helpful_check, .oracle = helpful_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.ask_question", .summary = "Ask a question on a product's page", .app = "shopping",
                .tags = "easy,search,questions", .max_steps = 12, .setup = ask_setup, .goal = ask_goal,
                .check = ask_check, .oracle = ask_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.warranty", .summary = "A product's warranty, from its questions and answers",
                .app = "shopping", .tags = "easy,search,questions,retrieval", .max_steps = 12, .setup = warranty_setup,
                .goal = nullptr, .check = warranty_check, .oracle = warranty_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.bought_together", .summary = "A colour of a product and its frequently-bought-together items, to the cart",
                .app = "shopping", .tags = "medium,search,cart", .max_steps = 14, .setup = together_setup,
                .goal = together_goal, .check = together_check, .oracle = together_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.recently_viewed", .summary = "Save the recently viewed product of a category to the list",
                .app = "shopping", .tags = "easy,home,lists", .max_steps = 8, .setup = viewed_setup, .goal = list_goal,
                .check = viewed_check, .oracle = viewed_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.contact_support", .summary = "Tell customer service about an order's problem",
                .app = "shopping", .tags = "medium,account,support,form", .max_steps = 16, .setup = support_setup,
                .goal = support_goal, .check = support_check, .oracle = support_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.category_spend", .summary = "What a category's items cost in a month's orders",
                .app = "shopping", .tags = "medium,retrieval,orders", .max_steps = 14, .setup = category_spend_setup,
                .goal = nullptr, .check = category_spend_check, .oracle = category_spend_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.find_order_number", .summary = "The number of the order that held a product (order search)",
                .app = "shopping", .tags = "easy,retrieval,orders,search", .max_steps = 10, .setup = order_number_setup,
                .goal = nullptr, .check = order_number_check, .oracle = order_number_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.brand_fast_order",
                .summary = "A brand's cheapest two-day product of a category, bought with delivery, address and card as asked",
                .app = "shopping", .tags = "hard,browse,filter,sort,checkout", .max_steps = 24, .setup = brand_fast_setup,
                .goal = ordered_goal, .check = brand_fast_check, .oracle = brand_fast_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.review_as", .summary = "Review a delivered item under a public name", .app = "shopping",
                .tags = "medium,orders,reviews,form", .max_steps = 18, .setup = review_as_setup, .goal = review_goal,
                .check = review_check, .oracle = review_oracle, .allows = kAllows});
  t.push_back(T{.name = "shopping.order_card", .summary = "The card an order was paid with (order details)",
                .app = "shopping", .tags = "easy,retrieval,orders", .max_steps = 10, .setup = order_card_setup,
                .goal = nullptr, .check = order_card_check, .oracle = order_card_oracle, .allows = kAllows});
  return t;
}

}  // namespace facsim::tasks::shopping
