// The store driven by raw mouse and keyboard: search with filters and sort, product pages and
// their colours, the cart, checkout with its totals, orders that ship and arrive on the virtual
// clock, cancelling; and the catalogue itself (size, coherence, determinism).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "apps.h"
#include "dom.h"
#include "money.h"
#include "shopping/keys.h"
#include "sim.h"
#include "state.h"

using namespace facsim;
namespace sk = apps::shopping;

namespace {

struct Shop {
  sim::Env env;
  explicit Shop(uint64_t seed = 7, std::string route = {}) {
    EXPECT_TRUE(env.reset({.task = "", .seed = seed, .app = "shopping", .route = std::move(route)}));
  }
  state::World& w() { return env.world(); }
  void click(const std::string& key) {
    int x, y;
    ASSERT_TRUE(env.element_center(key, x, y)) << key << "\n" << env.a11y_text().substr(0, 4000);
    ASSERT_TRUE(env.apply(sim::Action::click(x, y))) << key << ": " << env.obs().error;
    ASSERT_EQ(env.obs().error, "") << key;
  }
  // Scrolls the page until `key` is on screen, clear of a toast at the bottom (at most 40 wheel
  // steps), then clicks it.
  void reach(const std::string& key) {
    for (int i = 0; i < 40; ++i) {
      auto n = node(key);
      if (n && n->box.y >= 150 && n->box.y + n->box.h <= 700) break;
      const int dy = n && n->box.y < 150 ? -200 : 200;
      ASSERT_TRUE(env.apply(sim::Action::scroll(700, 500, dy)));
    }
    click(key);
  }
  void type(const std::string& text) { ASSERT_TRUE(env.apply(sim::Action::type(text))) << env.obs().error; }
  void key(const std::string& k) { ASSERT_TRUE(env.apply(sim::Action::key(k))) << env.obs().error; }
  std::optional<dom::A11yNode> node(const std::string& key) {
    for (const dom::A11yNode& n : env.a11y())
      if (n.key == key) return n;
    return std::nullopt;
  }
  int64_t count(const std::string& sql) { return w().scalar(sql); }
  std::string text(const std::string& sql) {
    auto q = w().query(sql);
    return q.step() ? std::string(q.text(0)) : std::string();
  }
  void search(const std::string& q) {
    click(sk::full(sk::key::search));
    type(q);
    key("Enter");
  }
  // The product ids of the results grid, in order.
  std::vector<int64_t> shown() {
    std::vector<int64_t> ids;
    const std::string prefix = sk::full("product:");
    for (const dom::A11yNode& n : env.a11y())
      if (n.key.rfind(prefix, 0) == 0) ids.push_back(std::atoll(n.key.c_str() + prefix.size()));
    return ids;
  }
  int64_t stock(int64_t variant) {
    return count("SELECT v.stock0 + ifnull((SELECT sum(delta) FROM shop_stock_moves m WHERE m.variant_id = v.id), 0) "
                 "FROM shop_variants v WHERE v.id = " + std::to_string(variant));
  }
  std::string status() {
    for (const dom::A11yNode& n : env.a11y())
      if (n.role == dom::Role::status && n.name.find("result") != std::string::npos) return n.name;
    return "";
  }
};

}  // namespace

// The catalogue: 5,000 products in 20+ categories, unique titles, deals below list, reviews
// whose words agree with their stars, the same for the same seed.
TEST(ShopCatalogue, BigCoherentAndDeterministic) {
  Shop s;
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_products"), 5000);
  EXPECT_GE(s.count("SELECT count(*) FROM shop_categories"), 20);
  EXPECT_EQ(s.count("SELECT count(DISTINCT title) FROM shop_products"), 5000);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_products WHERE list_cents < price_cents"), 0);
  EXPECT_GT(s.count("SELECT count(*) FROM shop_products WHERE list_cents > price_cents"), 500);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_products p WHERE NOT EXISTS (SELECT 1 FROM shop_variants v WHERE "
                    "v.product_id = p.id)"), 0);
  // Every product's title names its brand; 5-star reviews praise, 1-star ones complain.
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_products WHERE instr(title, brand) <> 1"), 0);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_reviews WHERE stars = 5 AND (body LIKE '%poor%' OR body LIKE '%Returned%')"), 0);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_reviews WHERE stars = 1 AND body LIKE '%recommend%'"), 0);
  // Apparel and shoes come in sizes.
  EXPECT_GT(s.count("SELECT count(*) FROM shop_variants v JOIN shop_products p ON p.id = v.product_id JOIN "
                    "shop_categories c ON c.id = p.category_id WHERE c.name = 'T-Shirts' AND v.size = 'M'"), 100);
  Shop again;
  EXPECT_EQ(s.text("SELECT group_concat(title || price_cents, '|') FROM (SELECT * FROM shop_products ORDER BY id LIMIT 50)"),
            again.text("SELECT group_concat(title || price_cents, '|') FROM (SELECT * FROM shop_products ORDER BY id LIMIT 50)"));
  Shop other(8);
  EXPECT_NE(s.text("SELECT group_concat(title, '|') FROM (SELECT * FROM shop_products ORDER BY id LIMIT 50)"),
            other.text("SELECT group_concat(title, '|') FROM (SELECT * FROM shop_products ORDER BY id LIMIT 50)"));
}

// Typing a query and Enter: full-text results with a count; filters narrow them; sorting by
// price orders them; pages move through them.
TEST(ShopSearch, QueryFiltersSortAndPages) {
  Shop s;
  s.search("mug");
  EXPECT_EQ(s.w().ui_get(sk::ui::screen), "search");
  // A search shows at most the first 300 products that have the words ("over 300" beyond).
  const int64_t all = s.count("SELECT count(*) FROM shop_fts WHERE shop_fts MATCH '\"mug\"'");
  ASSERT_GT(all, 300);
  EXPECT_NE(s.status().find("of over 300 results for \"mug\""), std::string::npos) << s.status();
  EXPECT_EQ(s.shown().size(), 12u);
  for (int64_t id : s.shown())
    EXPECT_NE(s.text("SELECT lower(p.title || ' ' || c.name) FROM shop_products p JOIN shop_categories c ON c.id = "
                     "p.category_id WHERE p.id = " + std::to_string(id)).find("mug"),
              std::string::npos);  // in the title, or the category ("Coffee Mugs": a tea cup)
  // 4 stars & up.
  s.click(sk::full(sk::key::rating4));
  for (int64_t id : s.shown())
    EXPECT_GE(s.count("SELECT rating10 FROM shop_products WHERE id = " + std::to_string(id)), 40);
  // Under $25.
  s.click(sk::full(sk::key::price(1)));
  for (int64_t id : s.shown())
    EXPECT_LT(s.count("SELECT price_cents FROM shop_products WHERE id = " + std::to_string(id)), 2500);
  // Price: low to high.
  s.click(sk::full(sk::key::price(0)));
  s.click(sk::full(sk::key::sort));
  s.click(sk::full(std::string(sk::key::sort) + ".opt1"));
  std::vector<int64_t> prices;
  for (int64_t id : s.shown()) prices.push_back(s.count("SELECT price_cents FROM shop_products WHERE id = " + std::to_string(id)));
  ASSERT_FALSE(prices.empty());
  EXPECT_TRUE(std::is_sorted(prices.begin(), prices.end()));
  EXPECT_EQ(prices.front(), s.count("SELECT min(p.price_cents) FROM (SELECT rowid AS k FROM shop_fts WHERE shop_fts MATCH "
                                    "'\"mug\"' LIMIT 301) f JOIN shop_facets p ON p.fts_rowid = f.k WHERE p.rating10 >= 40"));
  // Relevance: the full-text rank (bm25) of the words, best first.
  s.click(sk::full(sk::key::sort));
  s.click(sk::full(std::string(sk::key::sort) + ".opt5"));
  ASSERT_FALSE(s.shown().empty());
  EXPECT_EQ(s.shown().front(), s.count("SELECT p.id FROM (SELECT rowid AS k, rank AS r FROM shop_fts WHERE shop_fts MATCH "
                                       "'\"mug\"' LIMIT 301) f JOIN shop_facets p ON p.fts_rowid = f.k WHERE p.rating10 >= 40 "
                                       "ORDER BY f.r, p.ratings DESC, p.id LIMIT 1"));
  s.click(sk::full(sk::key::sort));
  s.click(sk::full(std::string(sk::key::sort) + ".opt1"));
  // Page 2 shows other products.
  const std::vector<int64_t> first = s.shown();
  s.reach(sk::full(std::string(sk::key::pages) + ".next"));
  const std::vector<int64_t> second = s.shown();
  ASSERT_FALSE(second.empty());
  EXPECT_NE(s.status().find("13-24 of"), std::string::npos) << s.status();  // the second page, not the third
  EXPECT_TRUE(s.node(sk::full(std::string(sk::key::pages) + ".p2"))->selected);
  EXPECT_EQ(std::find(first.begin(), first.end(), second[0]), first.end());
  // A query with no match says so.
  s.click(sk::full(sk::key::search));
  s.key("Control+a");
  s.type("zzqxv");
  s.key("Enter");
  EXPECT_EQ(s.shown().size(), 0u);
  EXPECT_NE(s.status().find("No results"), std::string::npos);
}

// The product page: a colour swatch changes the picture and what goes in the cart; the
// quantity select; the cart's stepper, save for later and delete.
TEST(ShopCart, ColourQuantityStepperSaveAndDelete) {
  Shop s;
  const int64_t p = s.count("SELECT p.id FROM shop_products p WHERE (SELECT count(DISTINCT colour) FROM shop_variants v "
                            "WHERE v.product_id = p.id AND v.stock0 > 5 AND v.size = '') >= 2 ORDER BY p.id LIMIT 1");
  ASSERT_GT(p, 0);
  ASSERT_TRUE(s.env.reset({.task = "", .seed = 7, .app = "shopping", .route = "#p/" + std::to_string(p)}));
  const std::string second = s.text("SELECT colour FROM shop_variants WHERE product_id = " + std::to_string(p) +
                                    " AND stock0 > 5 GROUP BY colour ORDER BY min(id) LIMIT 1 OFFSET 1");
  s.click(sk::full(sk::key::colour(second)));
  bool drawn = false;
  for (const dom::A11yNode& n : s.env.a11y()) drawn |= n.role == dom::Role::img && n.name.rfind(second + " ", 0) == 0;
  EXPECT_TRUE(drawn) << "the picture is not in " << second;
  s.click(sk::full(sk::key::qty));
  s.click(sk::full(std::string(sk::key::qty) + ".opt1"));  // 2
  s.click(sk::full(sk::key::add_to_cart));
  const int64_t v = s.count("SELECT id FROM shop_variants WHERE product_id = " + std::to_string(p) + " AND colour = '" + second + "'");
  EXPECT_EQ(s.count("SELECT qty FROM shop_cart WHERE variant_id = " + std::to_string(v)), 2);
  auto cart = s.node(sk::full(sk::key::cart));
  ASSERT_TRUE(cart);
  EXPECT_EQ(cart->name, "Cart, 2 items");
  s.click(sk::full(sk::key::cart));
  const int64_t line = s.count("SELECT id FROM shop_cart");
  s.click(sk::full("plus:" + std::to_string(line)));
  EXPECT_EQ(s.count("SELECT qty FROM shop_cart"), 3);
  s.click(sk::full("minus:" + std::to_string(line)));
  EXPECT_EQ(s.count("SELECT qty FROM shop_cart"), 2);
  s.click(sk::full(sk::key::save(line)));
  EXPECT_EQ(s.count("SELECT saved FROM shop_cart"), 1);
  EXPECT_EQ(s.node(sk::full(sk::key::cart))->name, "Cart, 0 items");
  s.click(sk::full(sk::key::move(line)));
  EXPECT_EQ(s.count("SELECT saved FROM shop_cart"), 0);
  s.click(sk::full(sk::key::del(line)));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_cart"), 0);
}

// Checkout: the delivery option and card chosen are the order's; totals in integer cents;
// stock taken; the cart emptied; the order ships a day later and arrives on its date; an
// order that has shipped cannot be cancelled, one that has not can.
TEST(ShopCheckout, PlaceShipDeliverAndCancel) {
  Shop s;
  const int64_t p = s.count("SELECT p.id FROM shop_products p JOIN shop_variants v ON v.product_id = p.id WHERE v.stock0 > 5 "
                            "AND v.id = (SELECT min(id) FROM shop_variants x WHERE x.product_id = p.id) AND p.price_cents < 3000 "
                            "ORDER BY p.id LIMIT 1");
  ASSERT_GT(p, 0);
  ASSERT_TRUE(s.env.reset({.task = "", .seed = 7, .app = "shopping", .route = "#p/" + std::to_string(p)}));
  const int64_t v = s.count("SELECT min(id) FROM shop_variants WHERE product_id = " + std::to_string(p));
  const int64_t stock = s.stock(v);
  const int64_t price = s.count("SELECT price_cents FROM shop_variants WHERE id = " + std::to_string(v));
  s.click(sk::full(sk::key::add_to_cart));
  s.click(sk::full(sk::key::cart));
  s.click(sk::full(sk::key::checkout));
  s.click(sk::full(sk::key::ship("fast")));
  s.click(sk::full(sk::key::card(2)));
  s.reach(sk::full(sk::key::place_order));
  ASSERT_TRUE(s.node(sk::full("confirmation"))) << s.env.a11y_text().substr(0, 3000);
  const std::string o = "(SELECT max(id) FROM shop_orders)";
  EXPECT_EQ(s.text("SELECT status FROM shop_orders WHERE id = " + o), "ordered");
  EXPECT_EQ(s.text("SELECT ship FROM shop_orders WHERE id = " + o), "fast");
  EXPECT_EQ(s.count("SELECT card_id FROM shop_orders WHERE id = " + o), 2);
  EXPECT_EQ(s.count("SELECT subtotal_cents FROM shop_orders WHERE id = " + o), price);
  EXPECT_EQ(s.count("SELECT ship_cents FROM shop_orders WHERE id = " + o), 799);
  EXPECT_EQ(s.count("SELECT tax_cents FROM shop_orders WHERE id = " + o), (price * 825 + 5000) / 10000);
  EXPECT_EQ(s.count("SELECT total_cents - subtotal_cents - ship_cents - tax_cents FROM shop_orders WHERE id = " + o), 0);
  EXPECT_EQ(s.stock(v), stock - 1);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_stock_moves WHERE variant_id = " + std::to_string(v)), 1);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_cart"), 0);
  // Cancel it from Your Orders (before it ships): stock back.
  s.click(sk::full(sk::key::orders));
  const int64_t order = s.count("SELECT max(id) FROM shop_orders");
  s.click(sk::full(sk::key::cancel(order)));
  s.click(sk::full(sk::key::confirm_cancel));
  EXPECT_EQ(s.text("SELECT status FROM shop_orders WHERE id = " + std::to_string(order)), "cancelled");
  EXPECT_EQ(s.stock(v), stock);
  // Buy it again and let time pass: shipped after a day, delivered by its date.
  const int64_t item = s.count("SELECT max(id) FROM shop_order_items");
  s.reach(sk::full(sk::key::again(item)));
  EXPECT_EQ(s.w().ui_get(sk::ui::screen), "cart");
  s.click(sk::full(sk::key::checkout));
  s.reach(sk::full(sk::key::place_order));
  const int64_t second = s.count("SELECT max(id) FROM shop_orders");
  ASSERT_NE(second, order);
  // (A day and more of virtual time: the world's clock, then a step so the view follows.)
  ASSERT_TRUE(apps::pass_time(s.w(), 25 * 3600000ll));
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  EXPECT_EQ(s.text("SELECT status FROM shop_orders WHERE id = " + std::to_string(second)), "shipped");
  s.click(sk::full(sk::key::orders));
  EXPECT_FALSE(s.node(sk::full(sk::key::cancel(second))));  // shipped: no Cancel
  const int64_t due = s.count("SELECT deliver_ms FROM shop_orders WHERE id = " + std::to_string(second));
  // Its tracking: ordered and shipped, then out for delivery at 8 AM of the day it arrives.
  s.click(sk::full("track_package:" + std::to_string(second)));
  EXPECT_EQ(s.w().ui_get(sk::ui::screen), "order");
  EXPECT_EQ(s.w().ui_int(sk::ui::order), second);
  EXPECT_EQ(s.node(sk::full(sk::key::track(1)))->name.find("expected"), std::string::npos);
  EXPECT_NE(s.node(sk::full(sk::key::track(2)))->name.find("expected"), std::string::npos);
  ASSERT_TRUE(apps::pass_time(s.w(), due / 86400000 * 86400000 + 9 * 3600000ll - s.w().now_ms()));
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  EXPECT_EQ(s.text("SELECT status FROM shop_orders WHERE id = " + std::to_string(second)), "out_for_delivery");
  EXPECT_EQ(s.node(sk::full(sk::key::track(2)))->name.find("expected"), std::string::npos);
  ASSERT_TRUE(apps::pass_time(s.w(), due - s.w().now_ms() + 1000));
  EXPECT_EQ(s.text("SELECT status FROM shop_orders WHERE id = " + std::to_string(second)), "delivered");
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  EXPECT_EQ(s.node(sk::full(sk::key::track(3)))->name.find("expected"), std::string::npos);
}

// Routes as the address bar spells them; bad ones are errors that change nothing.
TEST(ShopRoutes, ProductSearchAndBadRoutes) {
  Shop s(7, "#search?q=laptop&c=4");
  EXPECT_EQ(s.w().ui_get(sk::ui::query), "laptop");
  EXPECT_EQ(s.w().ui_int(sk::ui::category), 4);
  EXPECT_NE(s.status().find("in Laptops"), std::string::npos) << s.status();
  Shop p(7, "#p/42");
  EXPECT_EQ(p.w().ui_int(sk::ui::product), 42);
  sim::Env bad;
  EXPECT_FALSE(bad.reset({.task = "", .seed = 7, .app = "shopping", .route = "#p/999999"}));
  EXPECT_FALSE(bad.reset({.task = "", .seed = 7, .app = "shopping", .route = "#nowhere"}));
  EXPECT_FALSE(bad.reset({.task = "", .seed = 7, .app = "shopping", .route = "#search?c=99"}));
  EXPECT_FALSE(bad.reset({.task = "", .seed = 7, .app = "shopping", .route = "#order/999"}));
  Shop o(7, "#order/3");
  EXPECT_EQ(o.w().ui_get(sk::ui::screen), "order");
  // Actions naming what does not exist are errors, and the step changes nothing.
  for (const char* cmd : {"shopping:address:99", "shopping:card:99", "shopping:open:0", "shopping:ship:drone",
                          "shopping:price:9", "shopping:category:99", "shopping:nope", "shopping:details:999",
                          "shopping:helpful:0", "shopping:remove_address:1", "shopping:default_card:99",
                          "shopping:remove_card:1"})
    EXPECT_FALSE(apps::dispatch(p.w(), cmd)) << cmd;
  EXPECT_EQ(p.w().ui_int(sk::ui::address), 0);
  EXPECT_EQ(p.w().ui_int(sk::ui::card), 0);
}

// The cart's promo code: unknown, expired and too-small carts are refused with a message; a good
// code is kept with the cart, discounts the order (tax on the discounted subtotal) and is used up.
TEST(ShopPromo, CheckedKeptAndUsedOnce) {
  Shop s;
  const std::string good = s.text("SELECT code FROM shop_promos WHERE percent = 10");
  const std::string expired = s.text("SELECT code FROM shop_promos WHERE percent = 20");  // expired five days ago
  const int64_t p = s.count("SELECT p.id FROM shop_products p JOIN shop_variants v ON v.product_id = p.id AND v.id = (SELECT "
                            "min(id) FROM shop_variants x WHERE x.product_id = p.id) WHERE v.stock0 > 3 AND v.price_cents "
                            "BETWEEN 2000 AND 4000 ORDER BY p.id LIMIT 1");
  ASSERT_TRUE(s.env.reset({.task = "", .seed = 7, .app = "shopping", .route = "#p/" + std::to_string(p)}));
  const int64_t price = s.count("SELECT price_cents FROM shop_variants WHERE product_id = " + std::to_string(p) + " ORDER BY id LIMIT 1");
  s.click(sk::full(sk::key::add_to_cart));
  s.click(sk::full(sk::key::cart));
  auto apply = [&](const std::string& code) {
    s.click(sk::full(sk::key::promo));
    s.key("Control+a");
    s.type(code);
    s.click(sk::full(sk::key::promo_apply));
  };
  apply("NOPE-1");
  EXPECT_NE(s.w().ui_get(apps::ui::kToast).find("not valid"), std::string::npos);
  apply(expired);
  EXPECT_NE(s.w().ui_get(apps::ui::kToast).find("expired"), std::string::npos);
  apply(good);  // $50 minimum: one item of $20-40 is not enough
  EXPECT_NE(s.w().ui_get(apps::ui::kToast).find("more to use"), std::string::npos) << s.w().ui_get(apps::ui::kToast);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_applied"), 0);
  const int64_t line = s.count("SELECT id FROM shop_cart");
  s.click(sk::full("plus:" + std::to_string(line)));
  s.click(sk::full("plus:" + std::to_string(line)));  // three of them: over $50
  apply(good);
  EXPECT_EQ(s.text("SELECT code FROM shop_applied"), good);
  ASSERT_TRUE(s.node(sk::full("applied_promo")));
  s.click(sk::full(sk::key::checkout));
  s.reach(sk::full(sk::key::place_order));
  const std::string o = " FROM shop_orders WHERE id = (SELECT max(id) FROM shop_orders)";
  EXPECT_EQ(s.text("SELECT promo" + o), good);
  EXPECT_EQ(s.count("SELECT discount_cents" + o), price * 3 / 10);
  EXPECT_EQ(s.count("SELECT tax_cents" + o), ((price * 3 - price * 3 / 10) * 825 + 5000) / 10000);
  EXPECT_EQ(s.count("SELECT total_cents - subtotal_cents + discount_cents - ship_cents - tax_cents" + o), 0);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_applied"), 0);
}

// Checkout's new address and new card: checked (ZIP, state; Luhn, expiry against the virtual
// clock), then added and chosen for the order.
TEST(ShopCheckout, NewAddressAndCardAreCheckedThenUsed) {
  Shop s;
  const int64_t p = s.count("SELECT p.id FROM shop_products p JOIN shop_variants v ON v.product_id = p.id AND v.id = (SELECT "
                            "min(id) FROM shop_variants x WHERE x.product_id = p.id) WHERE v.stock0 > 3 ORDER BY p.id LIMIT 1");
  ASSERT_TRUE(s.env.reset({.task = "", .seed = 7, .app = "shopping", .route = "#p/" + std::to_string(p)}));
  s.click(sk::full(sk::key::buy_now));
  s.click(sk::full(sk::key::new_address));
  ASSERT_TRUE(s.node(sk::full(sk::key::address_dialog)));
  auto fill = [&](std::string_view k, const std::string& v) {
    s.click(sk::full(k));
    s.key("Control+a");
    s.type(v);
  };
  fill(sk::key::addr_name, "Rosa Diaz");
  fill(sk::key::addr_line1, "12 Mill Street");
  fill(sk::key::addr_city, "Omaha");
  fill(sk::key::addr_state, "ne");
  fill(sk::key::addr_zip, "681");
  s.click(sk::full(sk::key::save_address));
  EXPECT_NE(s.w().ui_get(apps::ui::kToast).find("5-digit"), std::string::npos);
  ASSERT_TRUE(s.node(sk::full(sk::key::address_dialog)));  // still open, to be corrected
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_addresses"), 2);
  fill(sk::key::addr_zip, "68102");
  s.key("Enter");
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_addresses"), 3);
  EXPECT_EQ(s.text("SELECT state FROM shop_addresses WHERE id = 3"), "NE");
  EXPECT_TRUE(s.node(sk::full(sk::key::address(3)))->checked);
  s.reach(sk::full(sk::key::new_card));
  fill(sk::key::card_number, "4111 1111 1111 1112");  // fails Luhn
  fill(sk::key::card_name, "Rosa Diaz");
  fill(sk::key::card_exp, "12/99");
  s.click(sk::full(sk::key::save_card));
  EXPECT_NE(s.w().ui_get(apps::ui::kToast).find("not valid"), std::string::npos);
  fill(sk::key::card_number, "4111 1111 1111 1111");
  fill(sk::key::card_exp, "01/20");  // before the virtual clock
  s.click(sk::full(sk::key::save_card));
  EXPECT_NE(s.w().ui_get(apps::ui::kToast).find("expired"), std::string::npos);
  fill(sk::key::card_exp, "12/35");
  s.click(sk::full(sk::key::save_card));
  EXPECT_EQ(s.text("SELECT brand || ' ' || last4 || ' ' || exp_month || '/' || exp_year FROM shop_cards WHERE id = 3"),
            "Visa 1111 12/2035");
  s.reach(sk::full(sk::key::place_order));
  EXPECT_EQ(s.count("SELECT address_id FROM shop_orders WHERE id = (SELECT max(id) FROM shop_orders)"), 3);
  EXPECT_EQ(s.count("SELECT card_id FROM shop_orders WHERE id = (SELECT max(id) FROM shop_orders)"), 3);
}

// Lists, returns (refunded three days later) and reviews, through their buttons and dialogs.
TEST(ShopAccount, ListsReturnsAndReviews) {
  Shop s;
  const int64_t p = s.count("SELECT min(product_id) FROM shop_variants WHERE stock0 > 0");
  ASSERT_TRUE(s.env.reset({.task = "", .seed = 7, .app = "shopping", .route = "#p/" + std::to_string(p)}));
  s.click(sk::full(sk::key::add_to_list));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_lists"), 1);
  s.click(sk::full(sk::key::lists));
  const int64_t li = s.count("SELECT id FROM shop_lists");
  ASSERT_TRUE(s.node(sk::full(sk::key::list_item(li))));
  s.click(sk::full(sk::key::list_cart(li)));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_cart"), 1);
  s.click(sk::full(sk::key::list_remove(li)));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_lists"), 0);
  // A delivered item: Return item with a reason.
  const int64_t item = s.count("SELECT min(i.id) FROM shop_order_items i JOIN shop_orders o ON o.id = i.order_id WHERE "
                               "o.status = 'delivered'");
  ASSERT_GT(item, 0);
  s.click(sk::full(sk::key::orders));
  s.reach(sk::full(sk::key::return_item(item)));
  s.click(sk::full(sk::key::confirm_return));  // no reason yet
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_returns"), 0);
  s.click(sk::full(sk::key::reason(1)));
  s.click(sk::full(sk::key::confirm_return));
  EXPECT_EQ(s.text("SELECT reason || '/' || status FROM shop_returns"), "Item arrived damaged/requested");
  EXPECT_EQ(s.count("SELECT refund_cents FROM shop_returns"),
            s.count("SELECT qty * price_cents FROM shop_order_items WHERE id = " + std::to_string(item)));
  ASSERT_TRUE(apps::pass_time(s.w(), sk::kRefundDelayMs + 1000));
  EXPECT_EQ(s.text("SELECT status FROM shop_returns"), "refunded");
  // Write a product review: stars, headline, text.
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.reach(sk::full(sk::key::review_item(item)));
  s.click(sk::full(sk::key::star(4)));
  s.click(sk::full(sk::key::review_title));
  s.type("Sturdy");
  s.click(sk::full(sk::key::review_text));
  s.type("Held up well.");
  s.click(sk::full(sk::key::submit_review));
  EXPECT_EQ(s.text("SELECT stars || ' ' || title || ' ' || body FROM shop_reviews WHERE id = (SELECT max(id) FROM shop_reviews)"),
            "4 Sturdy Held up well.");
}

// Typing in the search field suggests phrases that start with it; ArrowDown and Enter (or a
// click) search for one. The brand filter narrows the results to the brands ticked.
TEST(ShopSearch, SuggestionsAndBrandFilter) {
  Shop s;
  s.click(sk::full(sk::key::search));
  s.type("cer");
  auto first = s.node(sk::full(sk::key::suggestion(0)));
  ASSERT_TRUE(first) << s.env.a11y_text().substr(0, 3000);
  EXPECT_EQ(first->name.rfind("ceramic", 0), 0u) << first->name;
  for (int i = 0; i < 8; ++i)
    if (auto o = s.node(sk::full(sk::key::suggestion(i)))) EXPECT_EQ(o->name.rfind("cer", 0), 0u) << o->name;
  s.key("ArrowDown");
  s.key("Enter");
  EXPECT_EQ(s.w().ui_get(sk::ui::query), first->name);
  EXPECT_FALSE(s.node(sk::full(sk::key::suggestion(0))));  // the popup closed
  EXPECT_NE(s.status().find("for \"" + first->name + "\""), std::string::npos) << s.status();
  // A click on a suggestion searches too.
  s.click(sk::full(sk::key::search));
  s.key("Control+a");
  s.type("hearth");
  auto opt = s.node(sk::full(sk::key::suggestion(0)));
  ASSERT_TRUE(opt);
  s.click(opt->key);
  EXPECT_EQ(s.w().ui_get(sk::ui::query), opt->name);
  // Brands: a category's five; ticking two shows only theirs, unticking one leaves the other.
  s.click(sk::full(sk::key::nav(1)));
  const std::string b1 = sk::full(sk::key::brand("Hearthware")), b2 = sk::full(sk::key::brand("Northwind"));
  const std::vector<int64_t> all = s.shown();
  s.reach(b1);
  s.reach(b2);
  EXPECT_TRUE(s.node(b1)->checked && s.node(b2)->checked);
  for (int64_t id : s.shown()) {
    const std::string brand = s.text("SELECT brand FROM shop_products WHERE id = " + std::to_string(id));
    EXPECT_TRUE(brand == "Hearthware" || brand == "Northwind") << brand;
  }
  const int64_t both = s.count("SELECT count(*) FROM shop_products WHERE category_id = 1 AND brand IN ('Hearthware', 'Northwind')");
  EXPECT_NE(s.status().find(" of " + std::to_string(both) + " results"), std::string::npos) << s.status();
  s.reach(b2);
  for (int64_t id : s.shown())
    EXPECT_EQ(s.text("SELECT brand FROM shop_products WHERE id = " + std::to_string(id)), "Hearthware");
  s.reach(sk::full(sk::key::clear_filters));
  EXPECT_EQ(s.shown(), all);
}

// The product page: thumbnails pick the picture, questions are asked and shown, a review is
// voted helpful once, reviews sort by date, and "Add all" puts the product and its companions
// in the cart. Opening it puts it first among the home page's recently viewed.
TEST(ShopProduct, GalleryQuestionsVotesAndBoughtTogether) {
  Shop s(7, "#p/7");
  EXPECT_EQ(s.node(sk::full(sk::key::thumb(0)))->selected, true);
  s.click(sk::full(sk::key::thumb(1)));
  EXPECT_TRUE(s.node(sk::full(sk::key::thumb(1)))->selected);
  const int64_t colours = s.count("SELECT count(DISTINCT colour) FROM shop_variants WHERE product_id = 7");
  int pictures = 0;
  for (const dom::A11yNode& n : s.env.a11y())
    if (n.role == dom::Role::img && n.id.rfind(s.node(sk::full("gallery"))->id + "/", 0) == 0) ++pictures;
  EXPECT_EQ(pictures, colours);  // every colour (a thumbnail is one button to assistive tech)
  // A question.
  const int64_t questions = s.count("SELECT count(*) FROM shop_questions WHERE product_id = 7");
  EXPECT_GE(questions, 1);
  s.reach(sk::full(sk::key::ask));
  s.type("Is it dishwasher safe?");
  s.key("Enter");
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_questions WHERE product_id = 7"), questions + 1);
  EXPECT_EQ(s.text("SELECT question FROM shop_questions ORDER BY id DESC LIMIT 1"), "Is it dishwasher safe?");
  const int64_t q = s.count("SELECT max(id) FROM shop_questions");
  EXPECT_NE(s.node(sk::full(sk::key::question(q)))->name.find("not answered yet"), std::string::npos);
  // A helpful vote: counted once, and the button gives way to thanks.
  const int64_t r = s.count("SELECT id FROM shop_reviews WHERE product_id = 7 ORDER BY id LIMIT 1");
  const int64_t before = s.count("SELECT helpful FROM shop_reviews WHERE id = " + std::to_string(r));
  s.reach(sk::full(sk::key::helpful(r)));
  EXPECT_EQ(s.count("SELECT helpful FROM shop_reviews WHERE id = " + std::to_string(r)), before + 1);
  EXPECT_FALSE(s.node(sk::full(sk::key::helpful(r))));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_review_votes"), 1);
  // Most recent first.
  s.reach(sk::full(sk::key::review_sort));
  s.click(sk::full(std::string(sk::key::review_sort) + ".opt1"));
  std::vector<std::string> order;
  for (const dom::A11yNode& n : s.env.a11y())
    if (n.key.rfind(sk::full("review:"), 0) == 0) order.push_back(n.key);
  std::vector<std::string> want;
  for (auto x = s.w().query("SELECT id FROM shop_reviews WHERE product_id = 7 ORDER BY ts_ms DESC, id DESC"); x.step();)
    want.push_back(sk::full("review:" + std::to_string(x.i64(0))));
  EXPECT_EQ(order, want);
  // Frequently bought together: three lines, the product first.
  s.reach(sk::full(sk::key::add_together));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_cart"), 3);
  EXPECT_EQ(s.count("SELECT v.product_id FROM shop_cart c JOIN shop_variants v ON v.id = c.variant_id ORDER BY c.id LIMIT 1"), 7);
  // Home: recently viewed.
  s.click(sk::full(sk::key::home));
  EXPECT_TRUE(s.node(sk::full("seen:7")));
}

// Your Account: the default address and card change, a card is removed, customer service gets
// a message about the order chosen; the orders page searches and filters by time.
TEST(ShopAccount, AddressesPaymentsHelpAndOrderSearch) {
  Shop s;
  s.click(sk::full(sk::key::account));
  s.click(sk::full("tile_" + std::string(sk::key::addresses_page)));
  s.click(sk::full(sk::key::set_default_address(2)));
  EXPECT_EQ(s.count("SELECT id FROM shop_addresses WHERE is_default = 1"), 2);
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_addresses WHERE is_default = 1"), 1);
  EXPECT_FALSE(s.node(sk::full(sk::key::remove_address(2))));  // the default is not removed
  s.click(sk::full(sk::key::remove_address(1)));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_addresses"), 1);
  // A new address from the book.
  s.click(sk::full(sk::key::add_address));
  s.click(sk::full(sk::key::addr_name));
  s.type("Sam Lee");
  s.click(sk::full(sk::key::addr_line1));
  s.type("12 Birch Road");
  s.click(sk::full(sk::key::addr_city));
  s.type("Boise");
  s.click(sk::full(sk::key::addr_state));
  s.type("ID");
  s.click(sk::full(sk::key::addr_zip));
  s.type("83702");
  s.click(sk::full(sk::key::save_address));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_addresses WHERE city = 'Boise' AND is_default = 0"), 1);
  // Payments.
  s.click(sk::full(sk::key::account));
  s.click(sk::full("tile_" + std::string(sk::key::payments_page)));
  s.click(sk::full(sk::key::set_default_card(2)));
  EXPECT_EQ(s.count("SELECT id FROM shop_cards WHERE is_default = 1"), 2);
  s.click(sk::full(sk::key::remove_card(1)));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_cards"), 1);
  // Customer service: nothing is sent without an order and a topic.
  s.click(sk::full(sk::key::account));
  s.click(sk::full("tile_" + std::string(sk::key::help)));
  s.click(sk::full(sk::key::help_send));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_contacts"), 0);
  s.click(sk::full(sk::key::help_order));
  s.click(sk::full(std::string(sk::key::help_order) + ".opt1"));
  s.click(sk::full(sk::key::topic(1)));
  s.click(sk::full(sk::key::help_message));
  s.type("The handle was broken when it arrived.");
  s.click(sk::full(sk::key::help_send));
  EXPECT_EQ(s.count("SELECT count(*) FROM shop_contacts"), 1);
  EXPECT_EQ(s.count("SELECT order_id FROM shop_contacts"),
            s.count("SELECT id FROM shop_orders ORDER BY placed_ms DESC, id DESC LIMIT 1 OFFSET 1"));
  EXPECT_EQ(s.text("SELECT topic FROM shop_contacts"), std::string(sk::kHelpTopics[1]));
  EXPECT_TRUE(s.node(sk::full(sk::key::contact(1))));
  // Orders: a search by a word of an item's title, then the time filter.
  s.click(sk::full(sk::key::orders));
  const int64_t all = s.count("SELECT count(*) FROM shop_orders");
  const std::string title = s.text("SELECT p.title FROM shop_order_items i JOIN shop_variants v ON v.id = i.variant_id JOIN "
                                   "shop_products p ON p.id = v.product_id ORDER BY i.id LIMIT 1");
  const std::string word = title.substr(0, title.find(' '));
  s.click(sk::full(sk::key::order_search));
  s.type(word);
  s.key("Enter");
  const int64_t matching = s.count("SELECT count(DISTINCT i.order_id) FROM shop_order_items i JOIN shop_variants v ON v.id = "
                                   "i.variant_id JOIN shop_products p ON p.id = v.product_id WHERE instr(lower(p.title), lower('" +
                                   word + "')) > 0");
  int shown = 0;
  for (const dom::A11yNode& n : s.env.a11y()) shown += n.key.rfind(sk::full("order:"), 0) == 0;
  EXPECT_EQ(shown, matching);
  EXPECT_LT(matching, all);
  s.click(sk::full("order_search_clear"));
  s.click(sk::full(sk::key::order_range));
  s.click(sk::full(std::string(sk::key::order_range) + ".opt1"));
  const int64_t recent = s.count("SELECT count(*) FROM shop_orders WHERE placed_ms >= " + std::to_string(s.w().now_ms() - 30 * 86400000ll));
  shown = 0;
  for (const dom::A11yNode& n : s.env.a11y()) shown += n.key.rfind(sk::full("order:"), 0) == 0;
  EXPECT_EQ(shown, recent);
  // The status filter (all times): delivered orders only.
  s.click(sk::full(sk::key::order_range));
  s.click(sk::full(std::string(sk::key::order_range) + ".opt0"));
  s.click(sk::full(sk::key::order_status));
  s.click(sk::full(std::string(sk::key::order_status) + ".opt3"));
  shown = 0;
  for (const dom::A11yNode& n : s.env.a11y())
    if (n.key.rfind(sk::full("order:"), 0) == 0) {
      ++shown;
      EXPECT_NE(n.name.find(", delivered ("), std::string::npos) << n.name;
    }
  EXPECT_EQ(shown, s.count("SELECT count(*) FROM shop_orders WHERE status = 'delivered'"));
}
