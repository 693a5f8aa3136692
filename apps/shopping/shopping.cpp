// apps/shopping: an Amazon-like store - a catalogue of thousands of products generated from the
// world seed (brands, variants, prices, ratings, reviews), full-text search with filters and
// sorting, product pages with colour and size pickers, a cart, a checkout (address, delivery
// dated on the virtual clock, saved cards) and orders that ship and arrive on their own.
//
// [SECTION] Catalogue plan and schema
// [SECTION] Generator
// [SECTION] Queries the views and handlers share
// [SECTION] Pictures: a parametric drawing per kind of product
// [SECTION] View: header, home, results, product, cart, checkout, orders
// [SECTION] Handlers, events and routes
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "apps.h"
#include "assets.h"
#include "calendar.h"
#include "dom.h"
#include "money.h"
#include "shopping/keys.h"
#include "shopping/shopping.h"
#include "state.h"
#include "world/world.h"

namespace facsim::apps {
namespace shopping {
namespace {

using dom::Align;
using dom::Dir;
using dom::Role;
namespace wg = dom::widget;

// [SECTION] Catalogue plan and schema ------------------------------------------------------------
// A colour a product comes in: its name and how it is drawn (light and dark themes alike).
struct Colour {
  const char* name;
  uint32_t hex;
};
constexpr Colour kColours[] = {{"Black", 0x2b2b2b},  {"White", 0xf4f4f0}, {"Red", 0xd63a3a},
                               {"Blue", 0x2f6fd6},   {"Navy", 0x233a66},  {"Green", 0x3f9a52},
                               {"Grey", 0x8a9099},   {"Pink", 0xe67aa8},  {"Yellow", 0xf2c53d},
                               {"Orange", 0xf08a2c}, {"Purple", 0x8451c4}, {"Teal", 0x2a9d9a},
                               {"Brown", 0x8a5a3c},  {"Beige", 0xd9c7a3}};

// One category: what its products are called and cost, and how they are drawn.
struct Category {
  const char* name;
  const char* pic;          // the picture kind (see picture())
  const char* nouns[3];
  const char* materials[4];
  const char* specs[3];     // the part after the comma: capacity, size, edition
  const char* brands[5];
  int lo, hi;               // price range in dollars
  const char* sizes;        // space-separated sizes, "" when the product has none
  const char* bullets[3];   // {material} {noun} {spec} {brand} filled in
};
constexpr Category kCategories[] = {
    {"Coffee Mugs", "mug", {"Coffee Mug", "Tea Cup", "Espresso Cup"}, {"Ceramic", "Stoneware", "Porcelain", "Enamel"},
     {"12 oz", "16 oz", "Set of 2"}, {"Hearthware", "Northwind", "Kiln & Co", "Morning Ritual", "Claybourne"}, 8, 40, "",
     {"Made of {material}: holds heat and is dishwasher safe", "{spec} capacity, a comfortable wide handle", "Microwave safe; lead-free glaze"}},
    {"T-Shirts", "shirt", {"Crew Neck T-Shirt", "V-Neck T-Shirt", "Pocket Tee"}, {"Cotton", "Organic Cotton", "Tri-Blend", "Jersey"},
     {"Regular Fit", "Slim Fit", "Relaxed Fit"}, {"Threadline", "Basic Supply", "Coastline", "Everyday Co", "Urban Loom"}, 9, 35, "S M L XL",
     {"Soft {material} that keeps its shape wash after wash", "{spec}; true to size", "Tag-free collar for all-day comfort"}},
    {"Running Shoes", "shoe", {"Running Shoe", "Trail Runner", "Road Racer"}, {"Mesh", "Knit", "Lightweight", "Cushioned"},
     {"Men's", "Women's", "Unisex"}, {"Stride", "Fleetfoot", "Apex Run", "Trailhead", "Momentum"}, 45, 160, "7 8 9 10 11",
     {"Breathable {material} upper keeps feet cool", "Responsive foam midsole for long runs", "Rubber outsole with grip on wet roads"}},
    {"Laptops", "laptop", {"Laptop", "Ultrabook", "Notebook PC"}, {"14-inch", "15.6-inch", "13-inch", "16-inch"},
     {"16GB RAM, 512GB SSD", "8GB RAM, 256GB SSD", "32GB RAM, 1TB SSD"}, {"Voltis", "Nimbus", "Corebook", "Lumen", "Arcadia"}, 399, 1899, "",
     {"{material} display with thin bezels", "{spec} for fast multitasking", "All-day battery and a backlit keyboard"}},
    {"Headphones", "headphones", {"Wireless Headphones", "Over-Ear Headphones", "Noise Cancelling Headphones"},
     {"Bluetooth", "Studio", "Foldable", "Active"}, {"30-hour battery", "40-hour battery", "USB-C"},
     {"Sonora", "Quietwave", "Pulse Audio", "Bassline", "Echo Lane"}, 29, 349, "",
     {"{material} design with soft memory-foam cushions", "{spec} on a single charge", "Built-in microphone for calls"}},
    {"Backpacks", "backpack", {"Backpack", "Laptop Backpack", "Daypack"}, {"Water-Resistant", "Canvas", "Recycled", "Rolltop"},
     {"20L", "28L", "35L"}, {"Trailpack", "Metro Gear", "Summit", "Carryall", "Wayfarer"}, 25, 140, "",
     {"{material} fabric protects your gear", "{spec} with a padded laptop sleeve", "Padded straps and a breathable back panel"}},
    {"Water Bottles", "bottle", {"Water Bottle", "Insulated Bottle", "Sports Bottle"}, {"Stainless Steel", "Tritan", "Glass", "Insulated"},
     {"24 oz", "32 oz", "40 oz"}, {"Hydra", "Peakflow", "Klean Sip", "Oasis", "Rivermark"}, 10, 50, "",
     {"{material}, BPA-free and leak-proof", "{spec}: enough for a full day", "Keeps drinks cold for 24 hours"}},
    {"Desk Lamps", "lamp", {"Desk Lamp", "LED Task Lamp", "Reading Lamp"}, {"Dimmable", "Adjustable", "Architect", "Minimalist"},
     {"USB Charging Port", "3 Color Modes", "Touch Control"}, {"Brightwell", "Lumina", "Glowhaus", "Arcline", "Halo Home"}, 18, 120, "",
     {"{material} arm puts light where you need it", "{spec}", "Energy-saving LED rated for 50,000 hours"}},
    {"Office Chairs", "chair", {"Office Chair", "Desk Chair", "Task Chair"}, {"Ergonomic", "Mesh", "Executive", "Swivel"},
     {"Lumbar Support", "Adjustable Armrests", "High Back"}, {"Sitwell", "Posture Pro", "Workline", "Ergonest", "Oakridge"}, 79, 499, "",
     {"{material} design for long workdays", "{spec}", "Supports up to 275 lb; easy assembly"}},
    {"Books", "book", {"Novel", "Cookbook", "Field Guide"}, {"Bestselling", "Illustrated", "Hardcover", "Paperback"},
     {"Hardcover", "Paperback", "Large Print"}, {"Penwright Press", "Lantern Books", "Bluebird House", "Meridian", "Oakleaf"}, 9, 45, "",
     {"{material} {noun} readers love", "{spec} edition, 320 pages", "From {brand}"}},
    {"Smartphones", "phone", {"Smartphone", "5G Phone", "Android Phone"}, {"Unlocked", "Dual-SIM", "Rugged", "Compact"},
     {"128GB", "256GB", "512GB"}, {"Novaphone", "Orbit", "Zenith", "Pixelon", "Calyx"}, 149, 1199, "",
     {"{material}, works with all major carriers", "{spec} storage", "Triple camera with night mode"}},
    {"Watches", "watch", {"Analog Watch", "Chronograph Watch", "Dress Watch"}, {"Leather", "Stainless", "Minimalist", "Classic"},
     {"40mm", "42mm", "36mm"}, {"Tempora", "Horologe", "Meridian Time", "Kronos", "Everhour"}, 35, 450, "",
     {"{material} strap with a quick-release pin", "{spec} case, water resistant to 50 m", "Japanese quartz movement"}},
    {"Hoodies", "shirt", {"Pullover Hoodie", "Zip Hoodie", "Fleece Hoodie"}, {"Fleece", "Cotton", "Heavyweight", "Lightweight"},
     {"Regular Fit", "Oversized", "Athletic Fit"}, {"Threadline", "Northbound", "Campfire", "Basic Supply", "Urban Loom"}, 22, 80, "S M L XL",
     {"Warm {material} with a lined hood", "{spec}; kangaroo pocket", "Machine washable"}},
    {"Sneakers", "shoe", {"Sneaker", "Low-Top Sneaker", "Slip-On Sneaker"}, {"Canvas", "Leather", "Suede", "Knit"},
     {"Men's", "Women's", "Unisex"}, {"Courtside", "Streetwise", "Fleetfoot", "Kicks & Co", "Parkline"}, 35, 140, "7 8 9 10 11",
     {"{material} upper that breaks in quickly", "Cushioned insole for all-day wear", "Classic {noun} silhouette"}},
    {"Travel Mugs", "bottle", {"Travel Mug", "Tumbler", "Thermos"}, {"Insulated", "Stainless Steel", "Double-Wall", "Leakproof"},
     {"16 oz", "20 oz", "12 oz"}, {"Hearthware", "Commuter", "Peakflow", "Thermique", "Oasis"}, 12, 45, "",
     {"{material} keeps coffee hot for 6 hours", "{spec}; fits most cup holders", "Lid locks closed for bags"}},
    {"Notebooks", "book", {"Notebook", "Journal", "Planner"}, {"Dotted", "Lined", "Grid", "Blank"},
     {"A5", "B5", "Pocket"}, {"Paperline", "Inkwell", "Scribe & Co", "Leafbound", "Quillmark"}, 6, 30, "",
     {"{material} pages of thick 100 gsm paper", "{spec} size with a lay-flat binding", "Ribbon marker and back pocket"}},
    {"Tablets", "phone", {"Tablet", "Drawing Tablet", "Kids Tablet"}, {"10-inch", "11-inch", "8-inch", "12.9-inch"},
     {"64GB", "128GB", "256GB"}, {"Slate", "Nimbus", "Orbit", "Pixelon", "Canvas Tab"}, 79, 899, "",
     {"{material} display, sharp and bright", "{spec} storage, expandable", "Up to 12 hours of video"}},
    {"Gaming Headsets", "headphones", {"Gaming Headset", "Wireless Gaming Headset", "Surround Headset"},
     {"RGB", "7.1 Surround", "Lightweight", "Pro"}, {"Detachable Mic", "Low Latency", "USB and 3.5mm"},
     {"Raidline", "Quietwave", "Bassline", "Vortex", "Pulse Audio"}, 25, 250, "",
     {"{material} sound for every footstep", "{spec}", "Memory-foam ear cushions for long sessions"}},
    {"Floor Lamps", "lamp", {"Floor Lamp", "Arc Lamp", "Torchiere Lamp"}, {"Modern", "Dimmable", "Industrial", "Mid-Century"},
     {"Foot Switch", "Remote Control", "3-Way Switch"}, {"Brightwell", "Lumina", "Arcline", "Halo Home", "Glowhaus"}, 35, 220, "",
     {"{material} style for living rooms and offices", "{spec}", "Weighted base; bulb included"}},
    {"Duffel Bags", "backpack", {"Duffel Bag", "Gym Bag", "Weekender Bag"}, {"Canvas", "Water-Resistant", "Leather", "Packable"},
     {"40L", "55L", "65L"}, {"Carryall", "Wayfarer", "Metro Gear", "Summit", "Roamwell"}, 20, 160, "",
     {"{material} shell and sturdy zips", "{spec}, with a shoe compartment", "Detachable shoulder strap"}},
    {"Smartwatches", "watch", {"Smartwatch", "Fitness Tracker", "GPS Watch"}, {"AMOLED", "Rugged", "Slim", "Solar"},
     {"44mm", "41mm", "46mm"}, {"Pulse", "Tempora", "Fitline", "Orbit", "Kronos"}, 49, 499, "",
     {"{material} display readable in sunlight", "{spec} case; heart rate and sleep tracking", "Up to 7 days of battery"}},
    {"Cookware", "mug", {"Saucepan", "Stock Pot", "Butter Warmer"}, {"Stainless Steel", "Nonstick", "Cast Iron", "Copper"},
     {"2 qt", "3 qt", "1 qt"}, {"Hearthware", "Chef's Table", "Ironside", "Copperline", "Kitchenry"}, 19, 180, "",
     {"{material} heats evenly", "{spec} with a tight-fitting lid", "Oven safe to 500 F"}},
};
constexpr int kProducts = 5000;
// The full-text index's rowid of a product: category_id * kCategoryKeys + id (ids stay below).
constexpr int64_t kCategoryKeys = 1000000;
constexpr const char* kAdjectives[] = {"Classic", "Premium", "Essential", "Everyday", "Pro", "Modern",
                                       "Original", "Signature", "Deluxe", "Lite", "Ultra", "Heritage"};

const char* kSchema = R"sql(
CREATE TABLE shop_categories(id INTEGER PRIMARY KEY, name TEXT NOT NULL, pic TEXT NOT NULL);
CREATE TABLE shop_products(
  id INTEGER PRIMARY KEY, category_id INTEGER NOT NULL REFERENCES shop_categories(id),
  brand TEXT NOT NULL, title TEXT NOT NULL UNIQUE, price_cents INTEGER NOT NULL,
  list_cents INTEGER NOT NULL,            -- the list price (above price_cents: a deal)
  rating10 INTEGER NOT NULL,              -- average stars x 10 (45: 4.5)
  ratings INTEGER NOT NULL,               -- how many ratings
  delivery_days INTEGER NOT NULL,         -- business days by standard delivery
  added_ms INTEGER NOT NULL, bullets TEXT NOT NULL, specs TEXT NOT NULL,
  shape INTEGER NOT NULL);                -- a picture parameter (proportions)
CREATE INDEX shop_products_by_category ON shop_products(category_id, ratings);
CREATE INDEX shop_products_by_category_price ON shop_products(category_id, price_cents);
CREATE INDEX shop_products_by_category_rating ON shop_products(category_id, rating10, ratings);
CREATE INDEX shop_products_by_category_added ON shop_products(category_id, added_ms);
CREATE INDEX shop_products_by_price ON shop_products(price_cents);
CREATE INDEX shop_products_by_ratings ON shop_products(ratings);
-- What search filters and sorts the words' matches by: a narrow copy of the products' columns
-- (filled with them; the catalogue's rows never change), keyed as the full-text index is:
-- category_id * kCategoryKeys + id, so that the matches of a category lie together.
CREATE TABLE shop_facets(
  fts_rowid INTEGER PRIMARY KEY, id INTEGER NOT NULL REFERENCES shop_products(id), category_id INTEGER NOT NULL, brand TEXT NOT NULL,
  price_cents INTEGER NOT NULL, rating10 INTEGER NOT NULL, ratings INTEGER NOT NULL, delivery_days INTEGER NOT NULL,
  added_ms INTEGER NOT NULL,
  deal INTEGER NOT NULL);                 -- today's deals: the discount per mille (0: none; rated by 200+ only)
CREATE INDEX shop_facets_by_deal ON shop_facets(deal DESC, id);
-- What a product comes in: a colour and (apparel, shoes) a size, each with its price and the
-- stock it started with; what orders take and cancellations return are moves in a ledger (the
-- catalogue's rows never change: kStock adds them up).
CREATE TABLE shop_variants(
  id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES shop_products(id),
  colour TEXT NOT NULL, size TEXT NOT NULL DEFAULT '', price_cents INTEGER NOT NULL,
  stock0 INTEGER NOT NULL);
CREATE INDEX shop_variants_by_product ON shop_variants(product_id);
CREATE TABLE shop_stock_moves(
  id INTEGER PRIMARY KEY, variant_id INTEGER NOT NULL REFERENCES shop_variants(id),
  delta INTEGER NOT NULL, order_id INTEGER NOT NULL DEFAULT 0);  -- order 0: a restock
CREATE INDEX shop_stock_moves_by_variant ON shop_stock_moves(variant_id);
CREATE VIRTUAL TABLE shop_fts USING fts5(title, brand, category, tokenize = 'porter unicode61');
CREATE TABLE shop_reviews(
  id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES shop_products(id),
  stars INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, author TEXT NOT NULL,
  ts_ms INTEGER NOT NULL, helpful INTEGER NOT NULL,
  mine INTEGER NOT NULL DEFAULT 0);       -- written by the user (under their name or a nickname)
CREATE INDEX shop_reviews_by_product ON shop_reviews(product_id);
-- The user's cart: lines of a variant and a quantity; saved = 1: saved for later.
CREATE TABLE shop_cart(
  id INTEGER PRIMARY KEY, variant_id INTEGER NOT NULL REFERENCES shop_variants(id),
  qty INTEGER NOT NULL, saved INTEGER NOT NULL DEFAULT 0, added_ms INTEGER NOT NULL);
CREATE TABLE shop_lists(id INTEGER PRIMARY KEY, variant_id INTEGER NOT NULL UNIQUE, added_ms INTEGER NOT NULL);
CREATE TABLE shop_addresses(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, line1 TEXT NOT NULL, city TEXT NOT NULL,
  state TEXT NOT NULL, zip TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0);
CREATE TABLE shop_cards(
  id INTEGER PRIMARY KEY, brand TEXT NOT NULL, last4 TEXT NOT NULL, exp_month INTEGER NOT NULL,
  exp_year INTEGER NOT NULL, name TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0);
-- Orders: status ordered -> shipped -> delivered (scheduled events), or cancelled.
CREATE TABLE shop_orders(
  id INTEGER PRIMARY KEY, number TEXT NOT NULL, placed_ms INTEGER NOT NULL, status TEXT NOT NULL,
  address_id INTEGER NOT NULL, card_id INTEGER NOT NULL, ship TEXT NOT NULL,
  subtotal_cents INTEGER NOT NULL, ship_cents INTEGER NOT NULL, tax_cents INTEGER NOT NULL,
  total_cents INTEGER NOT NULL, deliver_ms INTEGER NOT NULL,
  promo TEXT NOT NULL DEFAULT '', discount_cents INTEGER NOT NULL DEFAULT 0);
CREATE TABLE shop_order_items(
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES shop_orders(id),
  variant_id INTEGER NOT NULL, qty INTEGER NOT NULL, price_cents INTEGER NOT NULL);
CREATE INDEX shop_order_items_by_order ON shop_order_items(order_id);
-- Promotional codes (percent off a subtotal of at least min_cents, until expires_ms) and the
-- one applied to the cart.
CREATE TABLE shop_promos(code TEXT PRIMARY KEY, percent INTEGER NOT NULL, min_cents INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL);
CREATE TABLE shop_applied(code TEXT PRIMARY KEY);
-- Returns of delivered items: requested, then refunded (a scheduled event).
CREATE TABLE shop_returns(
  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL UNIQUE REFERENCES shop_order_items(id),
  reason TEXT NOT NULL, requested_ms INTEGER NOT NULL, status TEXT NOT NULL, refund_cents INTEGER NOT NULL);
-- What the search field suggests as you type: phrases (lower case) by weight.
CREATE TABLE shop_suggest(phrase TEXT PRIMARY KEY, weight INTEGER NOT NULL) WITHOUT ROWID;
-- Customers' questions on a product and their answers ('' while unanswered).
CREATE TABLE shop_questions(
  id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES shop_products(id), question TEXT NOT NULL,
  asker TEXT NOT NULL, asked_ms INTEGER NOT NULL, answer TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT '', votes INTEGER NOT NULL DEFAULT 0);
CREATE INDEX shop_questions_by_product ON shop_questions(product_id);
-- The user's "Helpful" votes on reviews (one each; the review's count includes it).
CREATE TABLE shop_review_votes(review_id INTEGER PRIMARY KEY REFERENCES shop_reviews(id), voted_ms INTEGER NOT NULL);
-- Messages to customer service about an order.
CREATE TABLE shop_contacts(
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES shop_orders(id), topic TEXT NOT NULL,
  message TEXT NOT NULL, sent_ms INTEGER NOT NULL, status TEXT NOT NULL);
-- Browsing history (a session table: not the user's doing to grade): products opened, when.
CREATE TABLE shop_ui_viewed(product_id INTEGER PRIMARY KEY, viewed_ms INTEGER NOT NULL);
)sql";

std::string fill(std::string t, const std::vector<std::pair<std::string, std::string>>& slots) {
  for (const auto& [k, v] : slots)
    for (size_t p; (p = t.find(k)) != std::string::npos;) t.replace(p, k.size(), v);
  return t;
}
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  for (size_t p = 0; p < s.size();) {
    const size_t e = std::min(s.find(' ', p), s.size());
    if (e > p) out.emplace_back(s.substr(p, e - p));
    p = e + 1;
  }
  return out;
}
std::vector<std::string> words_split_lines(const std::string& s) {
  std::vector<std::string> out;
  for (size_t p = 0; p < s.size();) {
    const size_t e = std::min(s.find('\n', p), s.size());
    if (e > p) out.push_back(s.substr(p, e - p));
    p = e + 1;
  }
  return out;
}
std::string text_of(state::World& w, std::string_view sql, int64_t a) {
  auto q = w.query(sql, a);
  return q.step() ? std::string(q.text(0)) : std::string();
}
int64_t scalar(state::World& w, std::string_view sql, int64_t a = 0) {
  auto q = w.query(sql, a);
  return q.step() ? q.i64(0) : 0;
}
// The user's name, as the world's people know them.
std::string user_name(state::World& w) {
  auto q = w.query("SELECT name FROM people WHERE id = ?", world::kUserId);
  return q.step() ? std::string(q.text(0)) : std::string("Shopwise customer");
}
// A price ending the way shops end them: $23.99, $24.49, $25.00.
int64_t shop_price(Rng& r, int lo, int hi) {
  static const int kEnds[] = {99, 99, 99, 49, 95, 0};
  const int64_t dollars = lo + int64_t(r.below(uint32_t(std::max(1, hi - lo))));
  return dollars * 100 + kEnds[r.below(6)];
}
// Business days after `ms` (weekends skipped): the day a delivery arrives, at 8 PM.
int64_t business_days_after(int64_t ms, int days) {
  int64_t d = ms / 86400000;
  for (int left = days; left > 0;) {
    ++d;
    const int wd = civil_from_days(d).wday;
    if (wd != 0 && wd != 6) --left;
  }
  return d * 86400000 + 20 * 3600000ll;
}

// A delivery goes out on its van at 8 AM of the day it arrives (by 8 PM).
int64_t out_for_delivery_ms(int64_t deliver_ms) { return deliver_ms / 86400000 * 86400000 + 8 * 3600000ll; }

// [SECTION] Generator ----------------------------------------------------------------------------
// Products from..to-1 (ids from+1..to): titles unique against `titles` (filled as it goes).
void make_products(state::World& w, Rng& rng, int64_t from, int64_t to, std::set<std::string>& titles) {
  const int64_t now = w.now_ms();
  const auto& first = assets::corpus("first_names");
  const auto& last = assets::corpus("last_names");
  static const char* kReview[5][3][2] = {
      {{"Broke in a week", "Stopped working after a few days. Returned it."},
       {"Not as pictured", "Cheap material and it looks nothing like the photos."},
       {"Disappointed", "Would not buy again; the quality is poor."}},
      {{"Meh", "It works, but it feels flimsy for the price."},
       {"Runs small", "Smaller than I expected and the finish scratches easily."},
       {"Just okay", "Does the job, barely. There are better options."}},
      {{"Decent for the price", "Nothing special, but it does what it says."},
       {"Average", "Fine for everyday use; a couple of small flaws."},
       {"It's fine", "Okay quality. Shipping was quick."}},
      {{"Very good", "Solid quality and looks great. One small nitpick, otherwise happy."},
       {"Happy with it", "Works well and arrived on time. Would recommend."},
       {"Good value", "Good quality for the money; I use it every day."}},
      {{"Love it!", "Exactly as described and the quality is excellent. Buying another."},
       {"Perfect", "Great build, great color, arrived early. Five stars."},
       {"Best purchase this year", "Better than I hoped. Highly recommend it."}}};
  for (int i = int(from); i < int(to); ++i) {
    const int64_t cat = i % int(std::size(kCategories));
    const Category& c = kCategories[cat];
    std::string brand, title, noun, material, spec;
    for (int tries = 0; tries < 30; ++tries) {
      brand = c.brands[rng.below(5)];
      noun = c.nouns[rng.below(3)];
      material = c.materials[rng.below(4)];
      spec = c.specs[rng.below(3)];
      const std::string adj = kAdjectives[rng.below(uint32_t(std::size(kAdjectives)))];
      title = brand + " " + adj + " " + material + " " + noun + ", " + spec;
      if (tries == 29) title += " (" + std::to_string(i) + ")";
      if (titles.insert(title).second) break;
    }
    const int64_t price = shop_price(rng, c.lo, c.hi);
    int64_t list = price;
    if (rng.below(100) < 30) list = (price * (112 + int64_t(rng.below(40))) / 100) / 100 * 100 + 99;
    const int64_t rating = std::min<int64_t>(50, 28 + int64_t(rng.below(15)) + int64_t(rng.below(9)));
    const int64_t ratings = rng.below(4) == 0 ? int64_t(rng.below(40)) : int64_t(rng.below(6000));
    const int days = rng.below(10) < 3 ? 1 : rng.below(10) < 5 ? 2 : 3 + int(rng.below(5));
    std::string bullets;
    for (const char* b : c.bullets)
      bullets += fill(b, {{"{material}", material}, {"{noun}", noun}, {"{spec}", spec}, {"{brand}", brand}}) + "\n";
    const std::string specs = "Brand: " + brand + "\nMaterial: " + material + "\nModel: " + noun + "\nDetails: " + spec;
    w.query("INSERT INTO shop_products(id, category_id, brand, title, price_cents, list_cents, rating10, ratings, "
            "delivery_days, added_ms, bullets, specs, shape) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            int64_t(i + 1), cat + 1, brand, title, price, list, rating, ratings, int64_t(days),
            now - int64_t(rng.below(400)) * 86400000, bullets, specs, int64_t(rng.below(3)))
        .run();
    w.query("INSERT INTO shop_fts(rowid, title, brand, category) VALUES(?, ?, ?, ?)", (cat + 1) * kCategoryKeys + i + 1,
            title, brand, c.name).run();
    // Colours (1-4), each in every size; a colour may cost a little more.
    const int ncol = 1 + int(rng.below(4));
    std::vector<int> picked;
    while (int(picked.size()) < ncol) {
      const int k = int(rng.below(uint32_t(std::size(kColours))));
      if (std::find(picked.begin(), picked.end(), k) == picked.end()) picked.push_back(k);
    }
    const std::vector<std::string> sizes = *c.sizes ? words(c.sizes) : std::vector<std::string>{""};
    for (size_t k = 0; k < picked.size(); ++k) {
      const int64_t vprice = k == 0 || rng.below(3) ? price : price + 100 * int64_t(1 + rng.below(8));
      for (const std::string& sz : sizes)
        w.query("INSERT INTO shop_variants(product_id, colour, size, price_cents, stock0) VALUES(?, ?, ?, ?, ?)",
                int64_t(i + 1), kColours[picked[k]].name, sz, vprice,
                rng.below(12) == 0 ? int64_t(0) : int64_t(1 + rng.below(120)))
            .run();
    }
    // Two reviews whose words agree with their stars (near the average).
    for (int r = 0; r < 2; ++r) {
      const int stars = int(std::clamp<int64_t>((rating + 5) / 10 + (r == 0 ? 0 : int64_t(rng.below(3)) - 1), 1, 5));
      const auto& t = kReview[stars - 1][rng.below(3)];
      w.query("INSERT INTO shop_reviews(product_id, stars, title, body, author, ts_ms, helpful) VALUES(?, ?, ?, ?, ?, ?, ?)",
              int64_t(i + 1), int64_t(stars), t[0], t[1],
              first[rng.below(uint32_t(first.size()))] + " " + last[rng.below(uint32_t(last.size()))].substr(0, 1) + ".",
              now - int64_t(1 + rng.below(300)) * 86400000, int64_t(rng.below(60)))
          .run();
    }
  }
  w.query("INSERT INTO shop_facets(fts_rowid, id, category_id, brand, price_cents, rating10, ratings, delivery_days, "
          "added_ms, deal) SELECT category_id * ? + id, id, category_id, brand, price_cents, rating10, ratings, delivery_days, "
          "added_ms, CASE WHEN list_cents > price_cents AND ratings > 200 THEN (list_cents - price_cents) * 1000 / "
          "list_cents ELSE 0 END FROM shop_products WHERE id > ? AND id <= ? ORDER BY id", kCategoryKeys, from, to).run();
}

// Questions and answers on products from..to-1 (ids from+1..to), on their own stream so the
// catalogue's draws stay as they were: every product's warranty (told only here), and for
// every other one what it is made of or the colours it comes in, answered from its details.
void make_questions(state::World& w, Rng& rng, int64_t from, int64_t to) {
  const int64_t now = w.now_ms();
  const auto& first = assets::corpus("first_names");
  const auto& last = assets::corpus("last_names");
  auto someone = [&] {
    return first[rng.below(uint32_t(first.size()))] + " " + last[rng.below(uint32_t(last.size()))].substr(0, 1) + ".";
  };
  for (int64_t id = from + 1; id <= to; ++id) {
    std::string brand, specs;
    {
      auto q = w.query("SELECT brand, specs FROM shop_products WHERE id = ?", id);
      if (!q.step()) continue;
      brand = q.text(0), specs = q.text(1);
    }
    const int64_t years = 1 + int64_t(rng.below(3));
    const int64_t asked = now - int64_t(1 + rng.below(200)) * 86400000;
    static const char* kWarranty[] = {"Does it come with a warranty?", "What is the warranty on this?",
                                      "How long is the warranty?"};
    w.query("INSERT INTO shop_questions(product_id, question, asker, asked_ms, answer, answered_by, votes) "
            "VALUES(?, ?, ?, ?, ?, ?, ?)",
            id, kWarranty[rng.below(3)], someone(), asked,
            "Yes - it is covered by a " + std::to_string(years) + "-year limited warranty from " + brand + ".",
            brand + " Support", int64_t(rng.below(40)))
        .run();
    if (id % 2 == 0) continue;
    std::string question, answer;
    if (rng.below(2) == 0) {
      const size_t at = specs.find("Material: ");
      const std::string material = at == std::string::npos ? "" : specs.substr(at + 10, specs.find('\n', at) - at - 10);
      question = "What is it made of?";
      answer = "It's " + material + ", as the listing says. Feels well made.";
    } else {
      std::string colours;
      std::vector<std::string> all;
      for (auto q = w.query("SELECT colour, min(id) FROM shop_variants WHERE product_id = ? GROUP BY colour ORDER BY 2", id);
           q.step();)
        all.emplace_back(q.text(0));
      for (size_t k = 0; k < all.size(); ++k)
        colours += (k == 0 ? "" : k + 1 == all.size() ? " and " : ", ") + all[k];
      question = "What colours does it come in?";
      answer = all.size() == 1 ? "Only " + colours + ", as far as I know." : "It comes in " + colours + ".";
    }
    w.query("INSERT INTO shop_questions(product_id, question, asker, asked_ms, answer, answered_by, votes) "
            "VALUES(?, ?, ?, ?, ?, ?, ?)",
            id, question, someone(), asked + 86400000, answer, someone(), int64_t(rng.below(25)))
        .run();
  }
}
// The phrases the search field suggests: categories, their kinds of product, brands and
// "material kind" pairs, weighted so that the broad ones come first.
void make_suggestions(state::World& w) {
  auto lower = [](std::string s) {
    for (char& ch : s) ch = char(std::tolower(uint8_t(ch)));
    return s;
  };
  for (const Category& c : kCategories) {
    w.query("INSERT OR IGNORE INTO shop_suggest(phrase, weight) VALUES(?, 40)", lower(c.name)).run();
    for (const char* n : c.nouns) {
      w.query("INSERT OR IGNORE INTO shop_suggest(phrase, weight) VALUES(?, 30)", lower(n)).run();
      for (const char* m : c.materials)
        w.query("INSERT OR IGNORE INTO shop_suggest(phrase, weight) VALUES(?, 10)", lower(std::string(m) + " " + n)).run();
    }
    for (const char* b : c.brands) {
      w.query("INSERT OR IGNORE INTO shop_suggest(phrase, weight) VALUES(?, 20)", lower(b)).run();
      w.query("INSERT OR IGNORE INTO shop_suggest(phrase, weight) VALUES(?, 15)", lower(std::string(b) + " " + c.nouns[0])).run();
    }
  }
}

Status install(state::World& w, Rng& rng) {
  if (Status s = w.exec(kSchema); !s) return s;
  if (Status s = w.begin(); !s) return s;  // one transaction: 40,000 rows
  const int64_t now = w.now_ms();
  for (size_t c = 0; c < std::size(kCategories); ++c)
    w.query("INSERT INTO shop_categories(id, name, pic) VALUES(?, ?, ?)", int64_t(c + 1),
            kCategories[c].name, kCategories[c].pic).run();
  std::set<std::string> titles;
  make_products(w, rng, 0, kProducts, titles);
  w.query("INSERT INTO shop_fts(shop_fts) VALUES('optimize')").run();  // one segment: searches read one b-tree
  {
    Rng qa = Rng::stream(w.seed(), "shopping.questions");
    make_questions(w, qa, 0, kProducts);
  }
  make_suggestions(w);
  // The user's addresses and cards.
  std::string name = "Alex Morgan";
  {
    auto q = w.query("SELECT name FROM people WHERE id = ?", world::kUserId);
    if (q.step()) name = q.text(0);
  }
  static const char* kStreets[] = {"Maple Ave", "Oak Street", "Cedar Lane", "Harbor Road", "Elm Court", "Pine Street"};
  static const char* kCities[][3] = {{"Portland", "OR", "972"}, {"Austin", "TX", "787"}, {"Denver", "CO", "802"},
                                     {"Raleigh", "NC", "276"},  {"Madison", "WI", "537"}, {"Columbus", "OH", "432"}};
  for (int a = 0; a < 2; ++a) {
    const auto& city = kCities[rng.below(6)];
    w.query("INSERT INTO shop_addresses(name, line1, city, state, zip, is_default) VALUES(?, ?, ?, ?, ?, ?)",
            a == 0 ? name : name + " (work)", std::to_string(100 + rng.below(9800)) + " " + kStreets[rng.below(6)],
            city[0], city[1], std::string(city[2]) + std::to_string(10 + rng.below(90)), int64_t(a == 0))
        .run();
  }
  const Civil today = civil_from_ms(now);
  w.query("INSERT INTO shop_cards(brand, last4, exp_month, exp_year, name, is_default) VALUES('Visa', ?, ?, ?, ?, 1)",
          std::to_string(1000 + rng.below(9000)), int64_t(1 + rng.below(12)), int64_t(today.y + 1 + rng.below(4)), name).run();
  w.query("INSERT INTO shop_cards(brand, last4, exp_month, exp_year, name, is_default) VALUES('Mastercard', ?, ?, ?, ?, 0)",
          std::to_string(1000 + rng.below(9000)), int64_t(1 + rng.below(12)), int64_t(today.y + 1 + rng.below(4)), name).run();
  // Promotional codes: two good, one for big orders, one expired.
  {
    static const char* kCodes[][2] = {{"SAVE", "10"}, {"DEAL", "15"}, {"SPRING", "20"}, {"WELCOME", "5"}};
    const int64_t mins[] = {5000, 10000, 0, 0};
    const int64_t day = 86400000;
    const int64_t expires[] = {now + 30 * day, now + 10 * day, now - 5 * day, now + 60 * day};
    for (int k = 0; k < 4; ++k)
      w.query("INSERT INTO shop_promos(code, percent, min_cents, expires_ms) VALUES(?, ?, ?, ?)",
              std::string(kCodes[k][0]) + kCodes[k][1] + "-" + std::to_string(10 + rng.below(90)),
              int64_t(std::atoi(kCodes[k][1])), mins[k], expires[k]).run();
  }
  // Past orders over the last five months, delivered (the newest on its way).
  std::vector<int64_t> when;
  for (int o = 0; o < 10; ++o) when.push_back(now - int64_t(2 + rng.below(150)) * 86400000 - int64_t(rng.below(36000)) * 1000);
  std::sort(when.begin(), when.end());
  for (size_t o = 0; o < when.size(); ++o) {
    const int64_t placed = when[o];
    const int items = 1 + int(rng.below(3));
    int64_t subtotal = 0;
    std::vector<std::pair<int64_t, int64_t>> lines;  // variant, qty
    for (int k = 0; k < items; ++k) {
      const int64_t product = 1 + int64_t(rng.below(kProducts));
      const int64_t variant = scalar(w, "SELECT id FROM shop_variants WHERE product_id = ? ORDER BY id LIMIT 1", product);
      lines.emplace_back(variant, int64_t(1 + (rng.below(4) == 0)));
    }
    for (const auto& [v, q] : lines) subtotal += scalar(w, "SELECT price_cents FROM shop_variants WHERE id = ?", v) * q;
    const int64_t ship = subtotal >= kFreeShippingCents ? 0 : 599;
    const int64_t tax = (subtotal * kTaxBasisPoints + 5000) / 10000;
    const int64_t deliver = business_days_after(placed, 2 + int(rng.below(4)));
    const std::string status = deliver <= now                         ? "delivered"
                               : out_for_delivery_ms(deliver) <= now   ? "out_for_delivery"
                               : placed + 86400000 <= now              ? "shipped"
                                                                       : "ordered";
    const std::string number = std::to_string(111 + rng.below(3)) + "-" + std::to_string(1000000 + rng.below(9000000)) +
                               "-" + std::to_string(1000000 + rng.below(9000000));
    w.query("INSERT INTO shop_orders(number, placed_ms, status, address_id, card_id, ship, subtotal_cents, ship_cents, "
            "tax_cents, total_cents, deliver_ms) VALUES(?, ?, ?, 1, ?, 'standard', ?, ?, ?, ?, ?)",
            number, placed, status, int64_t(1 + rng.below(2)), subtotal, ship, tax, subtotal + ship + tax, deliver)
        .run();
    const int64_t order = w.last_insert_rowid();
    for (const auto& [v, q] : lines)
      w.query("INSERT INTO shop_order_items(order_id, variant_id, qty, price_cents) VALUES(?, ?, ?, (SELECT "
              "price_cents FROM shop_variants WHERE id = ?))", order, v, q, v).run();
    if (status != "delivered") {
      if (status == "ordered") w.schedule(placed + 86400000, "shopping.ship", std::to_string(order));
      if (status != "out_for_delivery") w.schedule(out_for_delivery_ms(deliver), "shopping.out", std::to_string(order));
      w.schedule(deliver, "shopping.deliver", std::to_string(order));
    }
  }
  return end_generation(w);
}

// [SECTION] Queries the views and handlers share --------------------------------------------------
// The stock of variant `v` (an alias in the query): what it started with and its moves.
#define SHOP_STOCK "(v.stock0 + ifnull((SELECT sum(m.delta) FROM shop_stock_moves m WHERE m.variant_id = v.id), 0))"
struct Card {  // a product as a results card shows it
  int64_t id = 0, price = 0, list = 0, rating = 0, ratings = 0, days = 0, stock = 0, shape = 0;
  std::string title, brand, pic, colour;
};
Card load_card(state::World& w, int64_t id) {
  Card c;
  auto q = w.query("SELECT p.id, p.title, p.brand, c.pic, p.price_cents, p.list_cents, p.rating10, p.ratings, "
                   "p.delivery_days, p.shape, (SELECT colour FROM shop_variants v WHERE v.product_id = p.id ORDER "
                   "BY v.id LIMIT 1), (SELECT sum(" SHOP_STOCK ") FROM shop_variants v WHERE v.product_id = p.id) FROM "
                   "shop_products p JOIN shop_categories c ON c.id = p.category_id WHERE p.id = ?", id);
  if (!q.step()) return c;
  c.id = q.i64(0), c.title = q.text(1), c.brand = q.text(2), c.pic = q.text(3), c.price = q.i64(4);
  c.list = q.i64(5), c.rating = q.i64(6), c.ratings = q.i64(7), c.days = q.i64(8), c.shape = q.i64(9);
  c.colour = q.text(10), c.stock = q.i64(11);
  return c;
}
// The words of a search as an FTS5 query: all of them required, each as a word (the porter
// stemmer folds "mugs" into "mug"); a word is not a prefix (that reads every term it starts).
std::string fts_query(std::string_view text) {
  std::string out, cur;
  auto flush = [&] {
    if (cur.empty()) return;
    out += (out.empty() ? "\"" : " \"") + cur + "\"";
    cur.clear();
  };
  for (char ch : text) {
    if (std::isalnum(uint8_t(ch))) cur += char(std::tolower(uint8_t(ch)));
    else flush();
  }
  flush();
  return out;
}
// The words of a search, lower case (orders' search: each must be in an item's title or the
// order's number).
std::vector<std::string> words_of_query(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (std::isalnum(uint8_t(ch)) || ch == '-') cur += char(std::tolower(uint8_t(ch)));
    else if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}
// Up to eight phrases starting with what was typed (case folded), broad ones first.
std::vector<std::string> suggestions(state::World& w, std::string_view typed) {
  std::string lo;
  for (char ch : typed) lo += char(std::tolower(uint8_t(ch)));
  while (!lo.empty() && lo.front() == ' ') lo.erase(0, 1);
  std::vector<std::string> out;
  if (lo.empty()) return out;
  std::string hi = lo;
  hi.back() = char(hi.back() + 1);  // the first phrase past every one starting with lo
  for (auto q = w.query("SELECT phrase FROM shop_suggest WHERE phrase >= ? AND phrase < ? AND phrase <> ? ORDER BY weight "
                        "DESC, phrase LIMIT 8", lo, hi, lo);
       q.step();)
    out.emplace_back(q.text(0));
  return out;
}
constexpr int64_t kMaxResults = 1000;  // a category's products counted ("over 1,000 results" beyond)
// Words: the first kMaxMatches products that have them all are the results (as stores do, a
// search shows a few hundred at most): each is filtered and sorted, so a step stays within a
// bound however many match.
constexpr int64_t kMaxMatches = 300;
struct Results {
  std::vector<int64_t> ids;         // this page
  int64_t total = 0;                // at most kMaxResults (kMaxMatches for words)
  bool more = false;                // more than that matched
  int page = 0;                     // the page shown, from 0
  std::vector<std::string> brands;  // words: the brands the filter offers (of the matches that
                                    // pass the other filters: the ten most found, by name)
};
// The results the search screen shows for the ui's query, scope, filters, sort and page.
Results search(state::World& w) {
  const std::string q = fts_query(w.ui_get(ui::query));
  const int64_t cat = w.ui_int(ui::category);
  const int bucket = std::clamp(int(w.ui_int("shopping.price")), 0, int(std::size(kPriceBuckets)) - 1);
  const int sort = std::clamp(int(w.ui_int(full(key::sort))), 0, int(std::size(kSorts)) - 1);
  // Words: the first kMaxMatches products that have all of them (the full-text index's own
  // order: by category, then id), then the filters, read from the narrow shop_facets (a
  // product's row is ten times wider: the pages a search touches stay few), sorted in one pass.
  // Without words the conditions are in the text only when they apply, so SQLite walks an
  // index in the order asked for and stops at the page: a step costs about the same for 5,000
  // products or 100,000.
  std::string from = q.empty() ? " FROM shop_products p"
                               : std::string(" FROM (SELECT rowid AS k") + (sort == 5 ? ", rank AS r" : "") +
                                     " FROM shop_fts WHERE shop_fts MATCH ?1" +
                                     (cat ? " AND rowid >= ?2 * " + std::to_string(kCategoryKeys) + " AND rowid < (?2 + 1) * " +
                                                std::to_string(kCategoryKeys)
                                          : "") +
                                     " LIMIT " + std::to_string(kMaxMatches + 1) + ") f JOIN shop_facets p ON p.fts_rowid = f.k";
  from += " WHERE ?2 = ?2";
  if (cat) from += " AND p.category_id = ?2";
  if (bucket) from += " AND p.price_cents >= ?3";
  if (bucket && kPriceBuckets[bucket][1]) from += " AND p.price_cents < ?4";
  if (w.ui_int("shopping.rating4")) from += " AND p.rating10 >= 40";
  if (w.ui_int("shopping.fast")) from += " AND p.delivery_days <= 2";
  if (w.ui_int("shopping.in_stock"))
    from += " AND EXISTS (SELECT 1 FROM shop_variants v WHERE v.product_id = p.id AND " SHOP_STOCK " > 0)";
  const std::string brands = w.ui_get("shopping.brands");  // "|A|B|": the brands ticked
  // (With words the brands are counted and ticked in the one pass below.)
  from += brands.empty() || !q.empty() ? " AND ?7 = ?7" : " AND instr(?7, '|' || p.brand || '|') > 0";
  const int64_t lo = int64_t(kPriceBuckets[bucket][0]) * 100, hi = int64_t(kPriceBuckets[bucket][1]) * 100;
  // Featured: the most rated first (what sells).
  static const char* kOrder[] = {" ORDER BY p.ratings DESC, p.id", " ORDER BY p.price_cents, p.id",
                                 " ORDER BY p.price_cents DESC, p.id", " ORDER BY p.rating10 DESC, p.ratings DESC, p.id",
                                 " ORDER BY p.added_ms DESC, p.id", " ORDER BY p.ratings DESC, p.id"};
  const std::string order = kOrder[sort];
  if (!q.empty()) {  // one pass: every candidate that passes, in order; the page is a slice
    Results r;
    std::vector<int64_t> all;
    std::vector<std::pair<std::string, int>> found;  // brand, how many
    // Sorted here (the sort's keys as two integers, then the id), not by SQLite's sorter.
    static const char* kKeys[] = {"p.ratings, 0", "-p.price_cents, 0", "p.price_cents, 0", "p.rating10, p.ratings",
                                  "p.added_ms, 0", "CAST(-f.r * 1000000 AS INTEGER), p.ratings"};  // bm25: lower is better
    struct Hit {
      int64_t k1, k2, id;
    };
    std::vector<Hit> hits;
    for (auto s = w.query(std::string("SELECT p.id, p.brand, ") + kKeys[sort] + from, q, cat, lo, hi, int64_t(0), int64_t(0),
                          brands);
         s.step();) {
      const std::string_view brand = s.text(1);
      auto it = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.first == brand; });
      if (it == found.end()) found.emplace_back(std::string(brand), 1);
      else ++it->second;
      if (brands.empty() || brands.find("|" + std::string(brand) + "|") != std::string::npos)
        hits.push_back({s.i64(2), s.i64(3), s.i64(0)});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {  // keys descending, then the id
      return a.k1 != b.k1 ? a.k1 > b.k1 : a.k2 != b.k2 ? a.k2 > b.k2 : a.id < b.id;
    });
    for (const Hit& h : hits) all.push_back(h.id);
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (size_t k = 0; k < found.size() && k < 10; ++k) r.brands.push_back(found[k].first);
    std::sort(r.brands.begin(), r.brands.end());
    r.more = int64_t(all.size()) > kMaxMatches;  // every match considered passed: there are more
    r.total = std::min<int64_t>(int64_t(all.size()), kMaxMatches);
    all.resize(size_t(r.total));
    const int pages = int(std::max<int64_t>(1, (r.total + kPerPage - 1) / kPerPage));
    r.page = std::clamp(int(w.ui_int(full(key::pages))) - 1, 0, pages - 1);  // the widget counts from 1; 0: the first
    const size_t first = size_t(r.page) * kPerPage;
    for (size_t k = first; k < all.size() && k < first + kPerPage; ++k) r.ids.push_back(all[k]);
    return r;
  }
  Results r;
  {  // counted up to kMaxResults: "over 1,000 results" beyond, as stores say
    auto c = w.query("SELECT count(*) FROM (SELECT 1" + from + " LIMIT " + std::to_string(kMaxResults + 1) + ")", q, cat,
                     lo, hi, int64_t(0), int64_t(0), brands);
    if (c.step()) r.total = c.i64(0);
    r.more = r.total > kMaxResults;
    r.total = std::min(r.total, kMaxResults);
  }
  const int pages = int(std::max<int64_t>(1, (r.total + kPerPage - 1) / kPerPage));
  const int page = r.page = std::clamp(int(w.ui_int(full(key::pages))) - 1, 0, pages - 1);
  for (auto s = w.query("SELECT p.id" + from + order + " LIMIT ?5 OFFSET ?6", q, cat, lo, hi, int64_t(kPerPage),
                        int64_t(page) * kPerPage, brands);
       s.step();)
    r.ids.push_back(s.i64(0));
  return r;
}
// The brands the results' filter offers: a category's own (words: search() counts them).
std::vector<std::string> category_brands(int64_t cat) {
  std::vector<std::string> out;
  if (cat > 0 && cat <= int64_t(std::size(kCategories)))
    for (const char* b : kCategories[cat - 1].brands) out.emplace_back(b);
  std::sort(out.begin(), out.end());
  return out;
}
// A cart line (or an order item): the variant and what it is.
struct Line {
  int64_t id = 0, variant = 0, product = 0, qty = 0, price = 0, stock = 0, shape = 0;
  std::string title, colour, size, pic;
};
std::vector<Line> cart_lines(state::World& w, bool saved) {
  std::vector<Line> out;
  for (auto q = w.query("SELECT l.id, v.id, p.id, l.qty, v.price_cents, " SHOP_STOCK ", p.title, v.colour, v.size, c.pic, "
                        "p.shape FROM shop_cart l JOIN shop_variants v ON v.id = l.variant_id JOIN shop_products p ON "
                        "p.id = v.product_id JOIN shop_categories c ON c.id = p.category_id WHERE l.saved = ? ORDER "
                        "BY l.id", int64_t(saved));
       q.step();)
    out.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4), q.i64(5), q.i64(10), std::string(q.text(6)),
                   std::string(q.text(7)), std::string(q.text(8)), std::string(q.text(9))});
  return out;
}
// What checkout buys: the "Buy now" item alone, or the cart's lines.
std::vector<Line> checkout_lines(state::World& w) {
  const std::string now = w.ui_get("shopping.buy_now");  // "variant:qty"
  if (now.empty()) return cart_lines(w, false);
  const int64_t variant = std::atoll(now.c_str()), qty = std::atoll(now.c_str() + now.find(':') + 1);
  std::vector<Line> out;
  auto q = w.query("SELECT v.id, p.id, v.price_cents, " SHOP_STOCK ", p.title, v.colour, v.size, c.pic, p.shape FROM "
                   "shop_variants v JOIN shop_products p ON p.id = v.product_id JOIN shop_categories c ON c.id = "
                   "p.category_id WHERE v.id = ?", variant);
  if (q.step())
    out.push_back({0, q.i64(0), q.i64(1), qty, q.i64(2), q.i64(3), q.i64(8), std::string(q.text(4)),
                   std::string(q.text(5)), std::string(q.text(6)), std::string(q.text(7))});
  return out;
}
const ShipOption& ship_option(state::World& w) {
  const std::string id = w.ui_get(ui::ship);
  for (const ShipOption& o : kShipOptions)
    if (o.id == id) return o;
  return kShipOptions[0];
}
struct Totals {
  int64_t subtotal = 0, discount = 0, ship = 0, tax = 0, total = 0, items = 0;
};
// What option `o` costs for a subtotal: standard is free from kFreeShippingCents.
int64_t ship_cents(const ShipOption& o, int64_t subtotal) {
  return o.id == "standard" ? (subtotal >= kFreeShippingCents ? 0 : 599) : o.cents;
}
// Business days option `o` takes for `lines`: standard waits for the slowest item.
int ship_days(state::World& w, const std::vector<Line>& lines, const ShipOption& o) {
  if (o.id != "standard") return o.days;
  int days = o.days;
  for (const Line& l : lines)
    days = std::max(days, int(scalar(w, "SELECT delivery_days FROM shop_products WHERE id = ?", l.product)));
  return days;
}
// percent: the promo applied (0: none) takes that share of the subtotal, before tax.
Totals totals(const std::vector<Line>& lines, const ShipOption& o, int64_t percent = 0) {
  Totals t;
  for (const Line& l : lines) t.subtotal += l.price * l.qty, t.items += l.qty;
  t.discount = t.subtotal * percent / 100;
  t.ship = ship_cents(o, t.subtotal);
  t.tax = ((t.subtotal - t.discount) * kTaxBasisPoints + 5000) / 10000;
  t.total = t.subtotal - t.discount + t.ship + t.tax;
  return t;
}
// The promo applied to the cart (checkout from the cart only): its code and percent.
std::pair<std::string, int64_t> applied_promo(state::World& w) {
  if (!w.ui_get("shopping.buy_now").empty()) return {"", 0};
  auto q = w.query("SELECT a.code, p.percent FROM shop_applied a JOIN shop_promos p ON p.code = a.code");
  if (!q.step()) return {"", 0};
  return {std::string(q.text(0)), q.i64(1)};
}
// Checkout's address and card: the ui's choice, or the default.
int64_t chosen(state::World& w, std::string_view ui_key, std::string_view table) {
  if (const int64_t id = w.ui_int(ui_key)) return id;
  return scalar(w, "SELECT id FROM " + std::string(table) + " WHERE is_default = 1 ORDER BY id LIMIT 1");
}
std::string day_label(int64_t ms) {  // "Tuesday, March 10"
  const Civil c = civil_from_ms(ms);
  return std::string(kWeekdayLong[c.wday]) + ", " + kMonthLong[c.m - 1] + " " + std::to_string(c.d);
}
std::string stars_text(int64_t rating10) {  // "4.3 out of 5 stars"
  return std::to_string(rating10 / 10) + "." + std::to_string(rating10 % 10) + " out of 5 stars";
}
uint32_t colour_rgb(std::string_view name) {
  for (const Colour& c : kColours)
    if (name == c.name) return dom::rgb(c.hex);
  return dom::rgb(0x8a9099);
}

// [SECTION] Pictures: a parametric drawing per kind of product -------------------------------------
// A product's picture in a px-square frame: boxes (the renderer's primitives) shaped as a mug,
// a shirt, a shoe..., in the variant's colour, so "the red one" can be told by looking.
void picture(dom::Tree& t, int parent, std::string_view pic, std::string_view colour, int64_t shape, int px,
             std::string_view title = {}) {
  const dom::Theme& th = t.theme();
  const uint32_t c = colour_rgb(colour);
  const uint32_t dark = dom::rgb(0x3a3f47), light = dom::rgb(0xd7dbe0), white = dom::rgb(0xffffff);
  const uint32_t outline = dom::rgb(0x000000, 60);  // so a white product shows on the light frame
  const int frame = t.add(parent, {.dir = Dir::column, .w = dom::fixed(px), .h = dom::fixed(px), .justify = Align::center,
                                   .align = Align::center, .bg = th.dark ? dom::rgb(0x2a2d31) : dom::rgb(0xf3f4f6),
                                   .radius = 6, .clip = true},
                          {}, Role::img);
  t.node(frame).name = std::string(colour) + " " + std::string(pic);
  auto s = [&](int v) { return std::max(1, v * px / 200); };  // drawn for 200 px, scaled
  const int k = int(shape);                                   // 0..2: proportions
  auto box = [&](int p, int w, int h, uint32_t bg, int radius = 0, dom::Edges margin = {}, Dir dir = Dir::column,
                 Align align = Align::center) {
    return t.add(p, {.dir = dir, .w = dom::fixed(s(w)), .h = dom::fixed(s(h)), .justify = Align::center, .align = align,
                     .bg = bg, .border_color = bg == c ? outline : 0, .border = bg == c ? 1 : 0, .radius = s(radius),
                     .margin = margin});
  };
  if (pic == "mug") {
    const int row = t.add(frame, {.dir = Dir::row, .align = Align::center});
    const int body = box(row, 90 + 10 * k, 100 - 10 * k, c, 14);
    box(body, 60 + 10 * k, 8, dom::with_alpha(white, 90), 4);
    t.add(row, {.w = dom::fixed(s(30)), .h = dom::fixed(s(50)), .border_color = c, .border = s(10), .radius = s(18),
                .margin = {-s(4), 0, 0, 0}});
  } else if (pic == "shirt") {
    const int top = t.add(frame, {.dir = Dir::row, .align = Align::start});
    box(top, 34, 40, c, 6, {0, s(6), 0, 0});
    const int chest = box(top, 80, 46, c, 4);
    box(chest, 26, 10 + 4 * k, th.dark ? dom::rgb(0x2a2d31) : dom::rgb(0xf3f4f6), 8, {0, -s(36), 0, 0});
    box(top, 34, 40, c, 6, {0, s(6), 0, 0});
    box(frame, 80, 74, c, 4);
  } else if (pic == "shoe") {
    const int upper = t.add(frame, {.dir = Dir::row, .align = Align::end});
    box(upper, 50, 46 + 6 * k, c, 18);
    box(upper, 80, 30, c, 14, {-s(8), 0, 0, 0});
    box(frame, 140, 16, white, 8, {0, -s(2), 0, 0});
    box(frame, 140, 6, dark, 3);
  } else if (pic == "laptop") {
    const int screen = box(frame, 130 - 10 * k, 84, dark, 6);
    box(screen, 116 - 10 * k, 70, c, 2);
    box(frame, 160 - 10 * k, 10, light, 4);
  } else if (pic == "headphones") {
    t.add(frame, {.w = dom::fixed(s(110)), .h = dom::fixed(s(60)), .border_color = c, .border = s(10),
                  .radius = s(50), .margin = {0, 0, 0, -s(20)}});
    const int cups = t.add(frame, {.dir = Dir::row, .gap = s(70 + 4 * k)});
    box(cups, 30, 54, c, 12);
    box(cups, 30, 54, c, 12);
  } else if (pic == "backpack") {
    t.add(frame, {.w = dom::fixed(s(40)), .h = dom::fixed(s(20)), .border_color = dark, .border = s(6), .radius = s(10),
                  .margin = {0, 0, 0, -s(4)}});
    const int body = box(frame, 96 + 8 * k, 120, c, 22, {}, Dir::column, Align::center);
    t.node(body).style.justify = Align::end;
    box(body, 64, 40, dom::with_alpha(dark, 70), 10, {0, 0, 0, s(12)});
  } else if (pic == "bottle") {
    box(frame, 26, 14, dark, 3);
    box(frame, 32, 12, c, 2);
    const int body = box(frame, 52 + 6 * k, 110 - 8 * k, c, 14);
    box(body, 52 + 6 * k, 20, dom::with_alpha(white, 80), 0);
  } else if (pic == "lamp") {
    box(frame, 80 + 8 * k, 40, c, 10);
    box(frame, 8, 70, light, 2);
    box(frame, 60, 10, dark, 5);
  } else if (pic == "chair") {
    box(frame, 80, 64 + 8 * k, c, 12);
    box(frame, 12, 14, dark, 0);
    box(frame, 96, 16, c, 6);
    const int legs = t.add(frame, {.dir = Dir::row, .gap = s(64)});
    box(legs, 8, 36, dark, 2);
    box(legs, 8, 36, dark, 2);
  } else if (pic == "book") {
    const int cover = t.add(frame, {.dir = Dir::column, .w = dom::fixed(s(100 + 6 * k)), .h = dom::fixed(s(140)),
                                    .pad = dom::edges(s(10)), .justify = Align::center, .bg = c,
                                    .border_color = dom::with_alpha(dark, 90), .border = 1, .radius = s(3)});
    const std::string words_of = px >= 100 ? std::string(title.substr(0, title.find(','))) : "";
    if (!words_of.empty())
      t.text(cover, words_of, {.size = std::max(7, s(13)), .weight = 700,
                             .color = colour == "White" || colour == "Yellow" || colour == "Beige" ? dark : white,
                             .wrap = true, .max_lines = 4}, {.w = dom::fill()});
  } else if (pic == "phone") {
    const int body = t.add(frame, {.dir = Dir::column, .w = dom::fixed(s(70 + 20 * k)), .h = dom::fixed(s(136)),
                                   .pad = dom::edges(s(6)), .bg = c, .radius = s(12)});
    t.add(body, {.w = dom::fill(), .h = dom::fill(), .bg = dark, .radius = s(6)});
  } else if (pic == "watch") {
    box(frame, 36, 40, c, 4);
    const int face = t.add(frame, {.dir = Dir::column, .w = dom::fixed(s(64 + 4 * k)), .h = dom::fixed(s(64 + 4 * k)),
                                   .justify = Align::center, .align = Align::center, .bg = white,
                                   .border_color = light, .border = s(7), .radius = s(34)});
    box(face, 4, 20, dark, 2);
    box(frame, 36, 40, c, 4);
  } else {
    box(frame, 100, 100, c, 10);
  }
}

// [SECTION] View: header, home, results, product, cart, checkout, orders ---------------------------
constexpr uint32_t kHeader = dom::rgb(0x131921), kStrip = dom::rgb(0x232f3e), kOrange = dom::rgb(0xf5a623),
                   kDeal = dom::rgb(0xcc0c39), kPriceDark = dom::rgb(0x0f1111);

uint32_t price_colour(const dom::Theme& th) { return th.dark ? th.text_strong : kPriceDark; }

void stars(dom::Tree& t, int parent, int64_t rating10, int64_t ratings, int size = 13) {
  const dom::Theme& th = t.theme();
  const int row = t.add(parent, {.dir = Dir::row, .gap = 4, .align = Align::center});
  t.node(row).role = Role::text;
  t.node(row).name = stars_text(rating10) + ", " + std::to_string(ratings) + " ratings";
  std::string s;
  const int full_stars = int((rating10 + 5) / 10);
  for (int i = 0; i < 5; ++i) s += i < full_stars ? "\xE2\x98\x85" : "\xE2\x98\x86";
  t.text(row, s, {.size = size, .color = kOrange});
  t.text(row, std::to_string(ratings), {.size = size - 1, .color = th.text_muted});
}
void price_line(dom::Tree& t, int parent, int64_t price, int64_t list, int size) {
  const dom::Theme& th = t.theme();
  const int col = t.add(parent, {.dir = Dir::column, .gap = 2});
  const int row = t.add(col, {.dir = Dir::row, .gap = 8, .align = Align::center});
  if (list > price) {
    const int64_t pct = (list - price) * 100 / list;
    const int b = t.add(row, {.pad = {6, 2, 6, 2}, .bg = kDeal, .radius = 4});
    t.text(b, "-" + std::to_string(pct) + "%", {.size = std::max(12, size * 3 / 5), .weight = 700, .color = dom::rgb(0xffffff)});
  }
  t.text(row, format_usd(price), {.size = size, .weight = 700, .color = price_colour(th)});
  if (list > price) t.text(col, "List: " + format_usd(list), {.size = std::max(12, size / 2), .color = th.text_muted});
}

void header(state::World& w, dom::Tree& t, int root) {
  const int bar = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(60), .pad = {24, 0, 24, 0},
                               .gap = 16, .align = Align::center, .bg = kHeader},
                        "banner", Role::banner);
  const int logo = t.add(bar, {.dir = Dir::row, .pad = {6, 4, 6, 4}, .hover_bg = dom::rgb(0x2a3442), .radius = 4},
                         key::home, Role::link);
  t.node(logo).name = "Shopwise home";
  t.node(logo).action = "shopping:home";
  t.text(logo, "shop", {.size = 22, .weight = 700, .color = dom::rgb(0xffffff)});
  t.text(logo, "wise", {.size = 22, .weight = 700, .color = kOrange});
  // Search: a category scope, the field, the button.
  const int search = t.add(bar, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40),
                                 .bg = t.theme().dark ? t.theme().surface : dom::rgb(0xffffff),
                                 .radius = 6, .clip = true},
                           "searchbar", Role::search);
  std::vector<std::string_view> scopes = {"All"};
  for (const Category& c : kCategories) scopes.push_back(c.name);
  const int scope = wg::select(t, search, key::scope, scopes, int(w.ui_int(full(key::scope))),
                               w.ui_get(apps::ui::kOverlay) == full(key::scope), 150);
  t.node(scope).style.radius = 0;
  // Suggestions as you type (the field's popup, open while typing in it): the view reads the
  // value then, so the field is live only while the popup is closed.
  const bool suggesting = w.ui_get(apps::ui::kOverlay) == full(key::search);
  const FieldView f = field_view(w, full(key::search), !suggesting);
  std::vector<std::string> sugg;
  if (suggesting && f.focused) sugg = suggestions(w, f.value);
  const std::vector<std::string_view> sv(sugg.begin(), sugg.end());
  const int field = wg::autocomplete(t, search, key::search, {f.value, f.anchor, f.caret, f.focused, f.live},
                                     "Search Shopwise", sv, int(w.ui_int(full(key::search) + ".hl", -1)),
                                     suggesting && f.focused, 560);
  // Taking a suggestion searches for it (the widget's own accept only fills the field).
  const int hl = int(w.ui_int(full(key::search) + ".hl", -1));
  if (hl >= 0 && hl < int(sugg.size())) t.node(field).extra_mut().enter_action = "shopping:suggest:" + sugg[size_t(hl)];
  for (int i = 0; i < int(sugg.size()); ++i)
    if (const int o = t.find(full(key::suggestion(i))); o >= 0) t.node(o).action = "shopping:suggest:" + sugg[size_t(i)];
  t.node(field).style.w = dom::fill();
  t.node(field).style.border = 0;
  t.node(field).style.radius = 0;
  t.node(field).name = "Search Shopwise";
  const int go = t.add(search, {.dir = Dir::row, .w = dom::fixed(56), .h = dom::fill(), .justify = Align::center,
                                .align = Align::center, .bg = kOrange, .hover_bg = dom::rgb(0xe3941a)},
                       key::search_go, Role::button);
  t.node(go).name = "Go";
  t.node(go).action = "shopping:search";
  t.text(go, "Go", {.size = 15, .weight = 700, .color = dom::rgb(0x131921)});
  auto head_link = [&](std::string_view k, const std::string& label, std::string action) {
    const int l = t.add(bar, {.dir = Dir::row, .pad = {8, 6, 8, 6}, .gap = 6, .align = Align::center, .hover_bg = dom::rgb(0x2a3442),
                              .radius = 4},
                        k, Role::link);
    t.node(l).name = label;
    t.node(l).action = std::move(action);
    t.text(l, label, {.size = 14, .weight = 700, .color = dom::rgb(0xffffff)});
    return l;
  };
  head_link(key::account, "Account", "shopping:account");
  head_link(key::lists, "Lists", "shopping:lists");
  head_link(key::orders, "Returns & Orders", "shopping:orders");
  const int64_t n = scalar(w, "SELECT ifnull(sum(qty), 0) FROM shop_cart WHERE saved = 0");
  const int cart = head_link(key::cart, "Cart", "shopping:cart");
  t.node(cart).name = "Cart, " + std::to_string(n) + (n == 1 ? " item" : " items");
  t.add(cart, {}, {}, Role::none);
  const int badge = t.add(cart, {.pad = {7, 1, 7, 1}, .bg = kOrange, .radius = 9});
  t.text(badge, std::to_string(n), {.size = 13, .weight = 700, .color = dom::rgb(0x131921)});
  // The category strip.
  const int strip = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(38), .pad = {24, 0, 24, 0},
                                 .gap = 4, .align = Align::center, .bg = kStrip, .clip = true},
                          "categories", Role::navigation);
  t.node(strip).name = "Categories";
  for (size_t c = 0; c < 10; ++c) {  // as many as fit; the rest under the search scope and home tiles
    const int l = t.add(strip, {.dir = Dir::row, .pad = {8, 4, 8, 4}, .hover_bg = dom::rgb(0x37475a), .radius = 4},
                        key::nav(int64_t(c + 1)), Role::link);
    t.node(l).name = kCategories[c].name;
    t.node(l).action = "shopping:category:" + std::to_string(c + 1);
    t.node(l).selected = w.ui_get(ui::screen) == "search" && w.ui_int(ui::category) == int64_t(c + 1) &&
                         w.ui_get(ui::query).empty();
    if (t.node(l).selected) t.node(l).style.bg = dom::rgb(0x37475a);
    t.text(l, kCategories[c].name, {.size = 13, .weight = 500, .color = dom::rgb(0xffffff)});
  }
}

// A product card of a grid: picture, title, stars, price, delivery.
// `kind` names its key (kind:<id>): "product" in results and deals, another in the home's
// strips, so a product shown twice has two keys.
void product_card(state::World& w, dom::Tree& t, int parent, int64_t id, int width, std::string_view kind = "product") {
  const dom::Theme& th = t.theme();
  const Card c = load_card(w, id);
  const int card = t.add(parent, {.dir = Dir::column, .w = dom::fixed(width), .pad = dom::edges(12), .gap = 6,
                                  .bg = th.surface, .hover_bg = th.surface, .border_color = th.divider, .border = 1,
                                  .radius = 8, .hover_shadow = {2, 8, 0, dom::rgb(0x000000, 40)}},
                         std::string(kind) + ":" + std::to_string(id), Role::link);
  t.node(card).name = c.title;
  t.node(card).action = "shopping:open:" + std::to_string(id);
  picture(t, card, c.pic, c.colour, c.shape, width - 24, c.title);
  t.text(card, c.title, {.size = 14, .weight = 500, .color = th.text_strong, .wrap = true, .max_lines = 2},
         {.w = dom::fill()});
  stars(t, card, c.rating, c.ratings);
  price_line(t, card, c.price, c.list, 20);
  const std::string when = c.days <= 2 ? "FREE fast delivery " + day_label(business_days_after(w.now_floor_ms(86400000), int(c.days)))
                                       : "Delivery " + day_label(business_days_after(w.now_floor_ms(86400000), int(c.days)));
  t.text(card, c.stock > 0 ? when : "Currently unavailable", {.size = 12, .color = c.stock > 0 ? th.text : kDeal, .wrap = true},
         {.w = dom::fill()});
}

void home(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int hero = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = {24, 20, 24, 20}, .gap = 4,
                                .bg = th.dark ? dom::rgb(0x1f3a4d) : dom::rgb(0xdbeefa), .radius = 8});
  t.text(hero, "Deals of the day", {.size = 24, .weight = 700, .color = th.text_strong});
  t.text(hero, "Up to 30% off across the store, delivered to your door.", {.size = 15, .color = th.text});
  // What the user looked at last, and more of what they buy (the best rated of the categories
  // of their latest orders that they have not bought).
  std::vector<int64_t> viewed, rec;
  for (auto q = w.query("SELECT product_id FROM shop_ui_viewed ORDER BY viewed_ms DESC, product_id LIMIT 6"); q.step();)
    viewed.push_back(q.i64(0));
  {  // per category, its best rated walked in index order (a page, not the catalogue), then merged
    std::vector<int64_t> cats, bought;
    for (auto q = w.query("SELECT DISTINCT x.category_id FROM shop_orders o JOIN shop_order_items i ON i.order_id = o.id "
                          "JOIN shop_variants v ON v.id = i.variant_id JOIN shop_products x ON x.id = v.product_id WHERE "
                          "o.placed_ms >= ? - 60 * 86400000 ORDER BY 1", w.now_ms());
         q.step();)
      cats.push_back(q.i64(0));
    for (auto q = w.query("SELECT DISTINCT v.product_id FROM shop_order_items i JOIN shop_variants v ON v.id = i.variant_id");
         q.step();)
      bought.push_back(q.i64(0));
    struct Pick {
      int64_t rating, ratings, id;
    };
    std::vector<Pick> picks;
    for (int64_t c : cats)
      for (auto q = w.query("SELECT rating10, ratings, id FROM shop_products INDEXED BY shop_products_by_category_rating WHERE "
                            "category_id = ? AND ratings > 500 ORDER BY "
                            "rating10 DESC, ratings DESC, id LIMIT 12", c);
           q.step();)
        if (std::find(bought.begin(), bought.end(), q.i64(2)) == bought.end()) picks.push_back({q.i64(0), q.i64(1), q.i64(2)});
    std::sort(picks.begin(), picks.end(), [](const Pick& a, const Pick& b) {
      return a.rating != b.rating ? a.rating > b.rating : a.ratings != b.ratings ? a.ratings > b.ratings : a.id < b.id;
    });
    for (size_t k = 0; k < picks.size() && k < 6; ++k) rec.push_back(picks[k].id);
  }
  auto strip = [&](const char* title, std::string_view k, const std::vector<int64_t>& ids, std::string_view kind) {
    if (ids.empty()) return;
    t.text(page, title, {.size = 20, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
    const int row = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .wrap = true}, k, Role::list);
    t.node(row).name = title;
    for (int64_t id : ids) product_card(w, t, row, id, 188, kind);
  };
  strip("Your recently viewed items", key::viewed, viewed, "seen");
  strip("Recommended for you", key::recommended, rec, "rec");
  t.text(page, "Today's deals", {.size = 20, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  const int grid = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .wrap = true}, "deals", Role::list);
  for (auto q = w.query("SELECT id FROM shop_facets WHERE deal > 0 ORDER BY deal DESC, id LIMIT 10");
       q.step();)
    product_card(w, t, grid, q.i64(0), 192);
  t.text(page, "Shop by category", {.size = 20, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  const int cats = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .wrap = true}, "category_tiles", Role::list);
  for (size_t c = 0; c < std::size(kCategories); ++c) {
    const int tile = t.add(cats, {.dir = Dir::column, .w = dom::fixed(192), .pad = dom::edges(12), .gap = 8,
                                  .bg = th.surface, .border_color = th.divider, .border = 1, .radius = 8,
                                  .hover_shadow = {2, 8, 0, dom::rgb(0x000000, 40)}},
                           "tile:" + std::to_string(c + 1), Role::link);
    t.node(tile).name = kCategories[c].name;
    t.node(tile).action = "shopping:category:" + std::to_string(c + 1);
    t.text(tile, kCategories[c].name, {.size = 16, .weight = 700, .color = th.text_strong});
    picture(t, tile, kCategories[c].pic, kColours[c % std::size(kColours)].name, 1, 168, kCategories[c].name);
    t.text(tile, "Shop now", {.size = 13, .color = th.accent});
  }
}

void results(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const Results r = search(w);
  const std::string q = w.ui_get(ui::query);
  const int64_t cat = w.ui_int(ui::category);
  const int body = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 24});
  // Filters.
  const int side = t.add(body, {.dir = Dir::column, .w = dom::fixed(200), .gap = 6}, "filters", Role::navigation);
  t.node(side).name = "Filters";
  t.text(side, "Price", {.size = 15, .weight = 700, .color = th.text_strong});
  const int group = t.add(side, {.dir = Dir::column, .gap = 2}, "price", Role::radiogroup);
  t.node(group).name = "Price";
  const int bucket = int(w.ui_int("shopping.price"));
  for (int i = 0; i < int(std::size(kPriceBuckets)); ++i) {
    const auto& b = kPriceBuckets[i];
    const std::string label = i == 0 ? "Any price"
                              : b[0] == 0 ? "Under $" + std::to_string(b[1])
                              : b[1] == 0 ? "$" + std::to_string(b[0]) + " & above"
                                          : "$" + std::to_string(b[0]) + " to $" + std::to_string(b[1]);
    wg::radio(t, group, key::price(i), label, bucket == i, "shopping:price:" + std::to_string(i));
  }
  t.text(side, "Customer reviews", {.size = 15, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  wg::checkbox(t, side, key::rating4, "4 stars & up", w.ui_int("shopping.rating4") != 0, "shopping:filter:rating4");
  t.text(side, "Delivery", {.size = 15, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  wg::checkbox(t, side, key::fast, "Get it in 2 days", w.ui_int("shopping.fast") != 0, "shopping:filter:fast");
  t.text(side, "Availability", {.size = 15, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  wg::checkbox(t, side, key::in_stock, "Include only in stock", w.ui_int("shopping.in_stock") != 0,
               "shopping:filter:in_stock");
  if (const std::vector<std::string> brands = q.empty() ? category_brands(cat) : r.brands; !brands.empty()) {
    t.text(side, "Brands", {.size = 15, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
    const std::string ticked = w.ui_get("shopping.brands");
    for (const std::string& b : brands)
      wg::checkbox(t, side, key::brand(b), b, ticked.find("|" + b + "|") != std::string::npos, "shopping:filter_brand:" + b);
  }
  wg::link(t, side, key::clear_filters, "Clear filters", "shopping:clear_filters");
  // The grid.
  const int main = t.add(body, {.dir = Dir::column, .w = dom::fill(), .gap = 12});
  const int top = t.add(main, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center});
  const std::string scope = cat > 0 && cat <= int64_t(std::size(kCategories)) ? kCategories[cat - 1].name : "";
  const int64_t first = r.total == 0 ? 0 : int64_t(r.page) * kPerPage + 1;
  std::string say = r.total == 0 ? "No results" : std::to_string(first) + "-" + std::to_string(first + int64_t(r.ids.size()) - 1) +
                                                    " of " + (r.more ? std::string(r.total == 1000 ? "over 1,000" : "over " + std::to_string(r.total))
                                                            : std::to_string(r.total)) +
                                                    " results";
  if (!q.empty()) say += " for \"" + q + "\"";
  if (!scope.empty()) say += (q.empty() ? " in " : " in ") + scope;
  const int summary = t.text(top, say, {.size = 15, .color = th.text_strong}, {.w = dom::fill()});
  t.node(summary).role = Role::status;
  t.node(summary).name = say;
  t.text(top, "Sort by:", {.size = 13, .color = th.text_muted});
  std::vector<std::string_view> sorts(std::begin(kSorts), std::end(kSorts));
  wg::select(t, top, key::sort, sorts, int(w.ui_int(full(key::sort))), w.ui_get(apps::ui::kOverlay) == full(key::sort), 200);
  const int grid = t.add(main, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .wrap = true}, key::results, Role::list);
  t.node(grid).name = "Results";
  for (int64_t id : r.ids) product_card(w, t, grid, id, 236);
  if (r.total == 0)
    t.text(main, "Try other words, or clear the filters.", {.size = 14, .color = th.text});
  const int pages = int((r.total + kPerPage - 1) / kPerPage);
  if (pages > 1) wg::pagination(t, main, key::pages, r.page + 1, pages);
}

// The product page's pictures: the one shown (the front in the chosen colour, every colour, or
// a size guide with its details) and thumbnails that pick it.
void gallery(state::World& w, dom::Tree& t, int parent, const Card& c, const std::string& colour,
             const std::vector<std::string>& colours) {
  const dom::Theme& th = t.theme();
  const int col = t.add(parent, {.dir = Dir::column, .gap = 10}, "gallery", Role::generic);
  t.node(col).name = "Product pictures";
  const int view = std::clamp(int(w.ui_int("shopping.view")), 0, 2);
  const int frame = t.add(col, {.dir = Dir::column, .w = dom::fixed(380), .h = dom::fixed(380), .justify = Align::center,
                                .align = Align::center});
  const std::string detail = text_of(w, "SELECT substr(specs, instr(specs, 'Details: ') + 9) FROM shop_products WHERE id = ?", c.id);
  if (view == 0) {
    picture(t, frame, c.pic, colour, c.shape, 380, c.title);
  } else if (view == 1) {  // every colour it comes in, two by two
    const int grid = t.add(frame, {.dir = Dir::row, .w = dom::fixed(380), .gap = 8, .justify = Align::center, .wrap = true});
    const int px = colours.size() <= 1 ? 300 : 180;
    for (const std::string& k : colours) picture(t, grid, c.pic, k, c.shape, px, c.title);
  } else {  // a size guide: the product beside a measure, with its details
    const int box = t.add(frame, {.dir = Dir::column, .w = dom::fixed(380), .h = dom::fixed(380), .gap = 8,
                                  .justify = Align::center, .align = Align::center,
                                  .bg = th.dark ? dom::rgb(0x2a2d31) : dom::rgb(0xf3f4f6), .radius = 6});
    const int row = t.add(box, {.dir = Dir::row, .gap = 12, .align = Align::center});
    t.add(row, {.w = dom::fixed(4), .h = dom::fixed(220), .bg = th.text_muted, .radius = 2});
    picture(t, row, c.pic, colour, c.shape, 220, c.title);
    t.add(box, {.w = dom::fixed(236), .h = dom::fixed(4), .bg = th.text_muted, .radius = 2});
    t.text(box, detail, {.size = 15, .weight = 700, .color = th.text_strong});
  }
  const int thumbs = t.add(col, {.dir = Dir::row, .gap = 8}, "thumbs", Role::radiogroup);
  t.node(thumbs).name = "Pictures";
  static const char* kViews[] = {"Front view", "All colours", "Size guide"};
  for (int i = 0; i < 3; ++i) {
    const bool on = i == view;
    const int b = t.add(thumbs, {.dir = Dir::column, .w = dom::fixed(68), .h = dom::fixed(68), .justify = Align::center,
                                 .align = Align::center, .hover_bg = th.hover, .border_color = on ? th.accent : th.outline,
                                 .border = on ? 2 : 1, .radius = 6},
                        key::thumb(i), Role::radio);
    t.node(b).name = kViews[i];
    t.node(b).selected = on;
    t.node(b).action = "ui:set:shopping.view=" + std::to_string(i);
    if (i == 0) picture(t, b, c.pic, colour, c.shape, 56, c.title);
    else if (i == 1) {
      const int g = t.add(b, {.dir = Dir::row, .w = dom::fixed(56), .gap = 2, .justify = Align::center, .wrap = true});
      for (size_t k = 0; k < std::min<size_t>(4, colours.size()); ++k)
        t.add(g, {.w = dom::fixed(24), .h = dom::fixed(24), .bg = colour_rgb(colours[k]), .border_color = th.outline,
                  .border = 1, .radius = 12});
    } else
      t.text(b, "Size", {.size = 13, .weight = 700, .color = th.text});
  }
}

// Frequently bought together: a product of each of the category's two companion categories
// (a laptop with a backpack and headphones), the same ones for the same product.
constexpr int kCompanions[][2] = {{21, 15}, {12, 13}, {6, 20}, {5, 4}, {10, 5}, {6, 15}, {5, 2}, {15, 18}, {7, 15},
                                  {15, 0},  {4, 20},  {19, 9}, {1, 13}, {1, 12}, {0, 6}, {9, 7}, {4, 5}, {7, 8},
                                  {7, 9},   {6, 2},   {2, 10}, {0, 14}};
static_assert(std::size(kCompanions) == std::size(kCategories));
std::vector<int64_t> bought_together(state::World& w, int64_t id) {
  std::vector<int64_t> out;
  const int64_t cat = scalar(w, "SELECT category_id FROM shop_products WHERE id = ?", id);
  if (cat < 1 || cat > int64_t(std::size(kCategories))) return out;
  for (int companion : kCompanions[cat - 1]) {
    auto q = w.query("SELECT p.id FROM shop_products p WHERE p.category_id = ?1 AND p.ratings > 100 AND (SELECT " SHOP_STOCK
                     " FROM shop_variants v WHERE v.product_id = p.id ORDER BY v.id LIMIT 1) > 0 ORDER BY p.ratings DESC, "
                     "p.id LIMIT 1 OFFSET ?2 % 7", int64_t(companion + 1), id);
    if (q.step()) out.push_back(q.i64(0));
  }
  return out;
}

void product_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int64_t id = w.ui_int(ui::product);
  const Card c = load_card(w, id);
  if (c.id == 0) {
    t.text(page, "This product is no longer available.", {.size = 16, .color = th.text});
    return;
  }
  std::vector<std::string> colours, sizes;
  for (auto q = w.query("SELECT colour, min(id) FROM shop_variants WHERE product_id = ? GROUP BY colour ORDER BY 2", id); q.step();)
    colours.emplace_back(q.text(0));
  for (auto q = w.query("SELECT size, min(id) FROM shop_variants WHERE product_id = ? AND size <> '' GROUP BY size ORDER BY 2", id);
       q.step();)
    sizes.emplace_back(q.text(0));
  std::string colour = w.ui_get(ui::colour), size = w.ui_get(ui::size);
  if (std::find(colours.begin(), colours.end(), colour) == colours.end()) colour = colours.empty() ? "" : colours[0];
  if (std::find(sizes.begin(), sizes.end(), size) == sizes.end()) size = sizes.empty() ? "" : sizes[0];
  int64_t vprice = c.price, stock = 0;
  {
    auto q = w.query("SELECT v.price_cents, " SHOP_STOCK " FROM shop_variants v WHERE v.product_id = ? AND v.colour = ? AND v.size = ?", id, colour, size);
    if (q.step()) vprice = q.i64(0), stock = q.i64(1);
  }
  {
    const int64_t cat = scalar(w, "SELECT category_id FROM shop_products WHERE id = ?", id);
    const int crumbs = t.add(page, {.dir = Dir::row, .gap = 6});
    wg::link(t, crumbs, "crumb", kCategories[std::clamp<int64_t>(cat, 1, int64_t(std::size(kCategories))) - 1].name,
             "shopping:category:" + std::to_string(cat));
  }
  const int body = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 32});
  gallery(w, t, body, c, colour, colours);
  const int info = t.add(body, {.dir = Dir::column, .w = dom::fill(), .gap = 10});
  const int title = t.text(info, c.title, {.size = 24, .weight = 500, .color = th.text_strong, .wrap = true}, {.w = dom::fill()});
  t.node(title).role = Role::heading;
  t.node(title).name = c.title;
  wg::link(t, info, "brand", "Visit the " + c.brand + " store", "shopping:brand:" + c.brand);
  stars(t, info, c.rating, c.ratings, 15);
  t.add(info, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  price_line(t, info, vprice, vprice == c.price ? c.list : 0, 28);
  if (!colours.empty()) {
    t.text(info, "Colour: " + colour, {.size = 14, .weight = 700, .color = th.text_strong});
    const int row = t.add(info, {.dir = Dir::row, .gap = 8, .wrap = true}, "colours", Role::radiogroup);
    t.node(row).name = "Colour";
    for (const std::string& col : colours) {
      const bool on = col == colour;
      const int b = t.add(row, {.dir = Dir::row, .pad = {8, 6, 10, 6}, .gap = 6, .align = Align::center,
                                .hover_bg = th.hover, .border_color = on ? th.accent : th.outline, .border = on ? 2 : 1,
                                .radius = 6},
                          key::colour(col), Role::radio);
      t.node(b).name = col;
      t.node(b).selected = on;
      t.node(b).action = "shopping:colour:" + col;
      t.add(b, {.w = dom::fixed(18), .h = dom::fixed(18), .bg = colour_rgb(col), .border_color = th.outline, .border = 1,
                .radius = 9});
      t.text(b, col, {.size = 13, .color = th.text});
    }
  }
  if (!sizes.empty()) {
    t.text(info, "Size: " + size, {.size = 14, .weight = 700, .color = th.text_strong});
    const int row = t.add(info, {.dir = Dir::row, .gap = 8}, "sizes", Role::radiogroup);
    t.node(row).name = "Size";
    for (const std::string& sz : sizes) {
      const bool on = sz == size;
      const int b = t.add(row, {.dir = Dir::row, .w = dom::fixed(48), .h = dom::fixed(34), .justify = Align::center,
                                .align = Align::center, .hover_bg = th.hover,
                                .border_color = on ? th.accent : th.outline, .border = on ? 2 : 1, .radius = 6},
                          key::size(sz), Role::radio);
      t.node(b).name = sz;
      t.node(b).selected = on;
      t.node(b).action = "shopping:size:" + sz;
      t.text(b, sz, {.size = 13, .color = th.text});
    }
  }
  const int buy = t.add(info, {.dir = Dir::column, .w = dom::fixed(320), .pad = dom::edges(16), .gap = 10,
                               .border_color = th.divider, .border = 1, .radius = 8});
  t.text(buy, stock > 0 ? "In Stock" : "Currently unavailable", {.size = 16, .weight = 700,
                                                                 .color = stock > 0 ? th.success : kDeal});
  if (stock > 0 && stock < 10) t.text(buy, "Only " + std::to_string(stock) + " left in stock - order soon.", {.size = 13, .color = kDeal});
  t.text(buy, (c.days <= 2 ? "FREE fast delivery " : "FREE delivery ") +
                  day_label(business_days_after(w.now_floor_ms(86400000), int(c.days))),
         {.size = 13, .color = th.text, .wrap = true}, {.w = dom::fill()});
  const int qrow = t.add(buy, {.dir = Dir::row, .gap = 8, .align = Align::center});
  t.text(qrow, "Quantity:", {.size = 13, .color = th.text});
  static const std::vector<std::string_view> kQty = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
  wg::select(t, qrow, key::qty, kQty, std::clamp(int(w.ui_int(full(key::qty))), 0, 9),
             w.ui_get(apps::ui::kOverlay) == full(key::qty), 80);
  const int add = wg::button(t, buy, key::add_to_cart, "Add to Cart", "shopping:add", wg::ButtonKind::primary, stock == 0);
  t.node(add).style.w = dom::fill();
  t.node(add).style.radius = 20;
  if (stock > 0) {  // the store's yellow; a disabled button keeps the theme's look
    t.node(add).style.bg = dom::rgb(0xffd814);
    t.node(add).style.hover_bg = dom::rgb(0xf7ca00);
    for (int ch = t.node(add).first_child; ch >= 0; ch = t.node(ch).next_sibling) t.node(ch).ts.color = kPriceDark;
  }
  const int now = wg::button(t, buy, key::buy_now, "Buy Now", "shopping:buy_now", wg::ButtonKind::primary, stock == 0);
  t.node(now).style.w = dom::fill();
  t.node(now).style.radius = 20;
  if (stock > 0) {
    t.node(now).style.bg = dom::rgb(0xffa41c);
    t.node(now).style.hover_bg = dom::rgb(0xfa8900);
    for (int ch = t.node(now).first_child; ch >= 0; ch = t.node(ch).next_sibling) t.node(ch).ts.color = kPriceDark;
  }
  const bool listed = scalar(w, "SELECT count(*) FROM shop_lists l JOIN shop_variants v ON v.id = l.variant_id WHERE v.product_id = ?", id) > 0;
  wg::button(t, buy, key::add_to_list, listed ? "In your list" : "Add to List", "shopping:list", wg::ButtonKind::secondary);
  t.text(info, "About this item", {.size = 17, .weight = 700, .color = th.text_strong});
  {
    auto q = w.query("SELECT bullets, specs FROM shop_products WHERE id = ?", id);
    if (q.step()) {
      for (const std::string& b : words_split_lines(std::string(q.text(0))))
        t.text(info, "\xE2\x80\xA2 " + b, {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
      const int table = t.add(info, {.dir = Dir::column, .w = dom::fixed(420), .border_color = th.divider, .border = 1,
                                     .radius = 6, .clip = true}, "specs", Role::table);
      t.node(table).name = "Product details";
      for (const std::string& line : words_split_lines(std::string(q.text(1)))) {
        const size_t colon = line.find(": ");
        const int r = t.add(table, {.dir = Dir::row, .w = dom::fill(), .pad = {10, 6, 10, 6}}, {}, Role::row);
        t.text(r, line.substr(0, colon), {.size = 13, .weight = 700, .color = th.text_strong}, {.w = dom::fixed(120)});
        t.text(r, colon == std::string::npos ? "" : line.substr(colon + 2), {.size = 13, .color = th.text});
      }
    }
  }
  // Frequently bought together: this (as chosen) and its two companions, added in one click.
  if (const std::vector<int64_t> others = bought_together(w, id); !others.empty()) {
    t.text(page, "Frequently bought together", {.size = 20, .weight = 700, .color = th.text_strong}, {.margin = {0, 12, 0, 0}});
    const int box = t.add(page, {.dir = Dir::row, .w = dom::fill(), .pad = dom::edges(16), .gap = 16, .align = Align::center,
                                 .border_color = th.divider, .border = 1, .radius = 8},
                          key::together, Role::generic);
    t.node(box).name = "Frequently bought together";
    int64_t sum = vprice;
    picture(t, box, c.pic, colour, c.shape, 110, c.title);
    for (int64_t o : others) {
      t.text(box, "+", {.size = 24, .weight = 700, .color = th.text_muted});
      const Card oc = load_card(w, o);
      sum += oc.price;
      const int l = t.add(box, {.dir = Dir::column, .w = dom::fixed(170), .gap = 4}, "together:" + std::to_string(o), Role::link);
      t.node(l).name = oc.title;
      t.node(l).action = "shopping:open:" + std::to_string(o);
      picture(t, l, oc.pic, oc.colour, oc.shape, 110, oc.title);
      t.text(l, oc.title, {.size = 12, .color = th.accent, .wrap = true, .max_lines = 2}, {.w = dom::fill()});
      t.text(l, format_usd(oc.price), {.size = 13, .weight = 700, .color = price_colour(th)});
    }
    const int side = t.add(box, {.dir = Dir::column, .gap = 8, .margin = {16, 0, 0, 0}});
    t.text(side, "Total price: " + format_usd(sum), {.size = 16, .weight = 700, .color = th.text_strong});
    wg::button(t, side, key::add_together, "Add all " + std::to_string(others.size() + 1) + " to Cart",
               "shopping:add_together", wg::ButtonKind::secondary, stock == 0);
  }
  // Questions and answers, and a field to ask one.
  t.text(page, "Customer questions & answers", {.size = 20, .weight = 700, .color = th.text_strong}, {.margin = {0, 12, 0, 0}});
  {
    const int row = t.add(page, {.dir = Dir::row, .w = dom::fixed(640), .gap = 8, .align = Align::center});
    const FieldView f = field_view(w, full(key::ask), true);
    const int fl = wg::text_field(t, row, key::ask, {f.value, f.anchor, f.caret, f.focused, f.live},
                                  "Have a question? Ask the community");
    t.node(fl).style.w = dom::fill();
    t.node(fl).name = "Ask a question";
    wg::button(t, row, key::ask_go, "Ask", "shopping:ask", wg::ButtonKind::secondary);
  }
  for (auto q = w.query("SELECT id, question, answer, answered_by, votes, asker FROM shop_questions WHERE product_id = ? "
                        "ORDER BY answer = '', votes DESC, id", id);
       q.step();) {
    const int r = t.add(page, {.dir = Dir::column, .w = dom::fill(), .gap = 2}, key::question(q.i64(0)), Role::article);
    const std::string answer(q.text(2));
    t.node(r).name = "Question: " + std::string(q.text(1)) + " Answer: " + (answer.empty() ? "not answered yet" : answer);
    const int qr = t.add(r, {.dir = Dir::row, .gap = 8});
    t.text(qr, "Question:", {.size = 14, .weight = 700, .color = th.text_strong}, {.w = dom::fixed(80)});
    t.text(qr, std::string(q.text(1)), {.size = 14, .weight = 500, .color = th.accent});
    const int ar = t.add(r, {.dir = Dir::row, .gap = 8});
    t.text(ar, "Answer:", {.size = 14, .weight = 700, .color = th.text_strong}, {.w = dom::fixed(80)});
    const int ac = t.add(ar, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
    t.text(ac, answer.empty() ? "No answers yet." : answer, {.size = 14, .color = answer.empty() ? th.text_muted : th.text,
                                                           .wrap = true}, {.w = dom::fill()});
    t.text(ac, answer.empty() ? "Asked by " + std::string(q.text(5)) : "By " + std::string(q.text(3)),
           {.size = 12, .color = th.text_muted});
  }
  // Reviews, sorted as chosen, each with a Helpful button (one vote).
  const int rhead = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center, .margin = {0, 12, 0, 0}});
  t.text(rhead, "Customer reviews", {.size = 20, .weight = 700, .color = th.text_strong}, {.w = dom::fill()});
  const int rsort = std::clamp(int(w.ui_int(full(key::review_sort))), 0, int(std::size(kReviewSorts)) - 1);
  {
    std::vector<std::string_view> sorts(std::begin(kReviewSorts), std::end(kReviewSorts));
    wg::select(t, rhead, key::review_sort, sorts, rsort, w.ui_get(apps::ui::kOverlay) == full(key::review_sort), 180);
  }
  for (auto q = w.query(std::string("SELECT r.id, r.stars, r.title, r.body, r.author, r.ts_ms, r.helpful, v.review_id IS NOT "
                                    "NULL FROM shop_reviews r LEFT JOIN shop_review_votes v ON v.review_id = r.id WHERE "
                                    "r.product_id = ? ORDER BY ") +
                            (rsort == 1 ? "r.ts_ms DESC, r.id DESC" : "r.helpful DESC, r.id"),
                        id);
       q.step();) {
    const int64_t rid = q.i64(0);
    const int r = t.add(page, {.dir = Dir::column, .w = dom::fill(), .gap = 4}, "review:" + std::to_string(rid), Role::article);
    const Civil d = civil_from_ms(q.i64(5));
    t.node(r).name = std::string(q.text(2)) + ", " + std::to_string(q.i64(1)) + " stars, by " + std::string(q.text(4)) +
                     ", " + format_date_long(d.y, d.m, d.d);
    t.text(r, std::string(q.text(4)), {.size = 13, .weight = 500, .color = th.text_strong});
    const int row = t.add(r, {.dir = Dir::row, .gap = 8});
    std::string st;
    for (int i = 0; i < 5; ++i) st += i < q.i64(1) ? "\xE2\x98\x85" : "\xE2\x98\x86";
    t.text(row, st, {.size = 13, .color = kOrange});
    t.text(row, std::string(q.text(2)), {.size = 13, .weight = 700, .color = th.text_strong});
    t.text(r, "Reviewed on " + format_date_long(d.y, d.m, d.d), {.size = 12, .color = th.text_muted});
    t.text(r, std::string(q.text(3)), {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
    const int foot = t.add(r, {.dir = Dir::row, .gap = 12, .align = Align::center});
    const int64_t helpful = q.i64(6);
    t.text(foot, helpful == 1 ? "One person found this helpful" : std::to_string(helpful) + " people found this helpful",
           {.size = 12, .color = th.text_muted});
    if (q.i64(7)) t.text(foot, "Thank you for your feedback.", {.size = 12, .weight = 700, .color = th.success});
    else {
      const int b = wg::button(t, foot, key::helpful(rid), "Helpful", "shopping:helpful:" + std::to_string(rid),
                               wg::ButtonKind::secondary);
      t.node(b).name = "Helpful: " + std::string(q.text(2));
    }
  }
}

void line_row(dom::Tree& t, int parent, const Line& l, bool saved) {
  const dom::Theme& th = t.theme();
  const int row = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .pad = {0, 12, 0, 12}, .gap = 16}, key::line(l.id),
                        Role::listitem);
  t.node(row).name = l.title + ", " + l.colour + (l.size.empty() ? "" : ", size " + l.size) + ", quantity " +
                     std::to_string(l.qty);
  picture(t, row, l.pic, l.colour, l.shape, 120, l.title);
  const int info = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 6});
  const int title = t.add(info, {.dir = Dir::row}, "open_line:" + std::to_string(l.id), Role::link);
  t.node(title).name = l.title;
  t.node(title).action = "shopping:open:" + std::to_string(l.product);
  t.text(title, l.title, {.size = 16, .weight = 500, .color = th.text_strong, .wrap = true}, {.w = dom::fill()});
  t.text(info, l.stock > 0 ? "In Stock" : "Out of stock", {.size = 12, .color = l.stock > 0 ? th.success : kDeal});
  t.text(info, "Colour: " + l.colour + (l.size.empty() ? "" : "   Size: " + l.size), {.size = 13, .color = th.text});
  const int acts = t.add(info, {.dir = Dir::row, .gap = 12, .align = Align::center});
  if (!saved) {
    const int step = t.add(acts, {.dir = Dir::row, .h = dom::fixed(32), .align = Align::center, .border_color = kOrange,
                                  .border = 2, .radius = 16});
    const int minus = t.add(step, {.dir = Dir::row, .w = dom::fixed(32), .h = dom::fill(), .justify = Align::center,
                                   .align = Align::center, .hover_bg = th.hover, .radius = 16},
                            "minus:" + std::to_string(l.id), Role::button);
    t.node(minus).name = l.qty == 1 ? "Delete" : "Decrease quantity";
    t.node(minus).action = "shopping:qty:" + std::to_string(l.id) + ":" + std::to_string(l.qty - 1);
    t.text(minus, l.qty == 1 ? "\xC3\x97" : "\xE2\x88\x92", {.size = 16, .weight = 700, .color = th.text_strong});
    const int shown = t.text(step, std::to_string(l.qty), {.size = 14, .weight = 700, .color = th.text_strong},
                             {.margin = {6, 0, 6, 0}});
    t.node(shown).role = Role::text;
    t.node(shown).name = "Quantity " + std::to_string(l.qty);
    const int plus = t.add(step, {.dir = Dir::row, .w = dom::fixed(32), .h = dom::fill(), .justify = Align::center,
                                  .align = Align::center, .hover_bg = th.hover, .radius = 16},
                           "plus:" + std::to_string(l.id), Role::button);
    t.node(plus).name = "Increase quantity";
    t.node(plus).action = "shopping:qty:" + std::to_string(l.id) + ":" + std::to_string(l.qty + 1);
    t.text(plus, "+", {.size = 16, .weight = 700, .color = th.text_strong});
    wg::link(t, acts, key::del(l.id), "Delete", "shopping:delete:" + std::to_string(l.id));
    wg::link(t, acts, key::save(l.id), "Save for later", "shopping:save:" + std::to_string(l.id));
  } else {
    wg::link(t, acts, key::move(l.id), "Move to cart", "shopping:move:" + std::to_string(l.id));
    wg::link(t, acts, key::del(l.id), "Delete", "shopping:delete:" + std::to_string(l.id));
  }
  t.text(row, format_usd(l.price), {.size = 18, .weight = 700, .color = price_colour(th)});
}

void cart_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const std::vector<Line> lines = cart_lines(w, false), saved = cart_lines(w, true);
  const Totals tot = totals(lines, kShipOptions[0]);
  const int body = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 24, .align = Align::start});
  const int main = t.add(body, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(20), .gap = 4, .bg = th.surface,
                                .radius = 8},
                         "cart_lines", Role::list);
  t.node(main).name = "Shopping Cart";
  t.text(main, lines.empty() ? "Your Shopping Cart is empty." : "Shopping Cart", {.size = 26, .weight = 500, .color = th.text_strong});
  for (const Line& l : lines) {
    t.add(main, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    line_row(t, main, l, false);
  }
  if (!lines.empty())
    t.text(main, "Subtotal (" + std::to_string(tot.items) + (tot.items == 1 ? " item): " : " items): ") + format_usd(tot.subtotal),
           {.size = 17, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  if (!saved.empty()) {
    t.text(main, "Saved for later (" + std::to_string(saved.size()) + ")", {.size = 20, .weight = 700, .color = th.text_strong},
           {.margin = {0, 20, 0, 0}});
    for (const Line& l : saved) {
      t.add(main, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
      line_row(t, main, l, true);
    }
  }
  const int side = t.add(body, {.dir = Dir::column, .w = dom::fixed(300), .pad = dom::edges(20), .gap = 12, .bg = th.surface,
                                .radius = 8});
  if (tot.subtotal >= kFreeShippingCents)
    t.text(side, "Your order qualifies for FREE delivery.", {.size = 13, .color = th.success, .wrap = true}, {.w = dom::fill()});
  else if (!lines.empty())
    t.text(side, "Add " + format_usd(kFreeShippingCents - tot.subtotal) + " of eligible items for FREE delivery.",
           {.size = 13, .color = th.text, .wrap = true}, {.w = dom::fill()});
  t.text(side, "Subtotal: " + format_usd(tot.subtotal), {.size = 17, .weight = 700, .color = th.text_strong});
  const int go = wg::button(t, side, key::checkout, "Proceed to checkout", "shopping:checkout", wg::ButtonKind::primary,
                            lines.empty());
  t.node(go).style.w = dom::fill();
  // A promotional code: checked against the store's, kept with the cart.
  const auto [code, percent] = applied_promo(w);
  if (!code.empty()) {
    const int row = t.add(side, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .align = Align::center}, "applied_promo",
                          Role::status);
    t.node(row).name = "Promo " + code + " applied: " + std::to_string(percent) + "% off";
    t.text(row, code + ": " + std::to_string(percent) + "% off", {.size = 13, .weight = 700, .color = th.success},
           {.w = dom::fill()});
    wg::link(t, row, "promo_remove", "Remove", "shopping:promo_remove");
  } else {
    t.text(side, "Have a promo code?", {.size = 13, .color = th.text});
    const int row = t.add(side, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .align = Align::center});
    const FieldView f = field_view(w, full(key::promo), true);
    const int fld = wg::text_field(t, row, key::promo, {f.value, f.anchor, f.caret, f.focused, f.live}, "Enter code");
    t.node(fld).style.w = dom::fill();
    t.node(fld).name = "Promo code";
    wg::button(t, row, key::promo_apply, "Apply", "shopping:promo_apply", wg::ButtonKind::secondary);
  }
}

// The dialogs that add an address or a card (checkout, Your Addresses, Your Payments); the
// save buttons say what saving does there.
void address_card_dialogs(state::World& w, dom::Tree& t, std::string_view save_address, std::string_view save_card) {
  const dom::Theme& th = t.theme();
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  auto field = [&](int parent, std::string_view k, const std::string& label, std::string_view hint) {
    t.text(parent, label, {.size = 13, .weight = 700, .color = th.text_strong});
    const FieldView f = field_view(w, full(k), true);
    const int fl = wg::text_field(t, parent, k, {f.value, f.anchor, f.caret, f.focused, f.live}, hint);
    t.node(fl).name = label;
  };
  if (overlay == full(key::address_dialog)) {
    const int m = wg::modal(t, key::address_dialog, "Add a new address", 460);
    field(m, key::addr_name, "Full name", "First and last name");
    field(m, key::addr_line1, "Street address", "Street and number");
    field(m, key::addr_city, "City", "");
    const int row = t.add(m, {.dir = Dir::row, .w = dom::fill(), .gap = 12});
    const int c1 = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 6});
    field(c1, key::addr_state, "State", "2 letters, e.g. OR");
    const int c2 = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 6});
    field(c2, key::addr_zip, "ZIP code", "5 digits");
    wg::button(t, m, key::save_address, std::string(save_address), "shopping:save_address");
  } else if (overlay == full(key::card_dialog)) {
    const int m = wg::modal(t, key::card_dialog, "Add a credit or debit card", 460);
    field(m, key::card_number, "Card number", "1234 5678 9012 3456");
    field(m, key::card_name, "Name on card", "");
    field(m, key::card_exp, "Expiration date", "MM/YY");
    wg::button(t, m, key::save_card, std::string(save_card), "shopping:save_card");
  }
}

void checkout_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const std::vector<Line> lines = checkout_lines(w);
  const ShipOption& opt = ship_option(w);
  const auto [code, percent] = applied_promo(w);
  const Totals tot = totals(lines, opt, percent);
  const int64_t addr = chosen(w, ui::address, "shop_addresses"), card = chosen(w, ui::card, "shop_cards");
  const int body = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 24, .align = Align::start});
  const int main = t.add(body, {.dir = Dir::column, .w = dom::fill(), .gap = 12});
  t.text(main, "Checkout", {.size = 26, .weight = 500, .color = th.text_strong});
  auto section = [&](const std::string& title, std::string_view k) {
    const int s = t.add(main, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 6, .bg = th.surface,
                               .radius = 8},
                        k, Role::radiogroup);
    t.node(s).name = title;
    t.text(s, title, {.size = 17, .weight = 700, .color = th.text_strong});
    return s;
  };
  const int a = section("1  Delivery address", "addresses");
  for (auto q = w.query("SELECT id, name, line1, city, state, zip FROM shop_addresses ORDER BY id"); q.step();)
    wg::radio(t, a, key::address(q.i64(0)),
              std::string(q.text(1)) + ", " + std::string(q.text(2)) + ", " + std::string(q.text(3)) + ", " +
                  std::string(q.text(4)) + " " + std::string(q.text(5)),
              q.i64(0) == addr, "shopping:address:" + std::to_string(q.i64(0)));
  wg::link(t, a, key::new_address, "+ Add a new address", "ui:open:" + full(key::address_dialog));
  const int d = section("2  Delivery option", "delivery");
  for (const ShipOption& o : kShipOptions) {
    const int days = ship_days(w, lines, o);
    const int64_t price = ship_cents(o, tot.subtotal);
    wg::radio(t, d, key::ship(o.id),
              std::string(o.label) + " - " + (price == 0 ? std::string("FREE") : format_usd(price)) + " - arrives " +
                  day_label(business_days_after(w.now_floor_ms(86400000), days)),
              &o == &opt, "shopping:ship:" + std::string(o.id));
  }
  const int p = section("3  Payment method", "payment");
  for (auto q = w.query("SELECT id, brand, last4, exp_month, exp_year FROM shop_cards ORDER BY id"); q.step();)
    wg::radio(t, p, key::card(q.i64(0)),
              std::string(q.text(1)) + " ending in " + std::string(q.text(2)) + " (expires " + std::to_string(q.i64(3)) +
                  "/" + std::to_string(q.i64(4)) + ")",
              q.i64(0) == card, "shopping:card:" + std::to_string(q.i64(0)));
  wg::link(t, p, key::new_card, "+ Add a credit or debit card", "ui:open:" + full(key::card_dialog));
  const int items = section("4  Review items", "review_items");
  for (const Line& l : lines) {
    const int r = t.add(items, {.dir = Dir::row, .gap = 12, .align = Align::center});
    picture(t, r, l.pic, l.colour, l.shape, 64, l.title);
    t.text(r, l.title + " (" + l.colour + (l.size.empty() ? "" : ", " + l.size) + ") x " + std::to_string(l.qty),
           {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
    t.text(r, format_usd(l.price * l.qty), {.size = 14, .weight = 700, .color = th.text_strong});
  }
  const int side = t.add(body, {.dir = Dir::column, .w = dom::fixed(300), .pad = dom::edges(20), .gap = 8, .bg = th.surface,
                                .radius = 8},
                         "order_summary", Role::generic);
  const int place = wg::button(t, side, key::place_order, "Place your order", "shopping:place", wg::ButtonKind::primary,
                               lines.empty());
  t.node(place).style.w = dom::fill();
  t.text(side, "Order Summary", {.size = 17, .weight = 700, .color = th.text_strong});
  auto money_row = [&](const std::string& label, int64_t cents, bool strong = false) {
    const int r = t.add(side, {.dir = Dir::row, .w = dom::fill()});
    t.text(r, label, {.size = strong ? 17 : 13, .weight = strong ? 700 : 400, .color = strong ? kDeal : th.text},
           {.w = dom::fill()});
    t.text(r, format_usd(cents), {.size = strong ? 17 : 13, .weight = strong ? 700 : 400, .color = strong ? kDeal : th.text});
  };
  money_row("Items (" + std::to_string(tot.items) + "):", tot.subtotal);
  if (tot.discount) money_row("Promo " + code + ":", -tot.discount);
  money_row("Shipping & handling:", tot.ship);
  money_row("Estimated tax:", tot.tax);
  t.add(side, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  money_row("Order total:", tot.total, true);
  address_card_dialogs(w, t, "Use this address", "Add your card");
}

std::string status_label(std::string_view status, int64_t deliver_ms) {
  if (status == "delivered") return "Delivered " + day_label(deliver_ms);
  if (status == "cancelled") return "Cancelled";
  if (status == "shipped") return "Shipped - arriving " + day_label(deliver_ms);
  if (status == "out_for_delivery") return "Out for delivery - arriving " + day_label(deliver_ms);
  return "Ordered - arriving " + day_label(deliver_ms);
}

void orders_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int top = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center});
  t.text(top, "Your Orders", {.size = 26, .weight = 500, .color = th.text_strong}, {.w = dom::fill()});
  {
    const FieldView f = field_view(w, full(key::order_search), true);
    const int fl = wg::text_field(t, top, key::order_search, {f.value, f.anchor, f.caret, f.focused, f.live},
                                  "Search all orders", wg::FieldKind::text, 260);
    t.node(fl).name = "Search all orders";
    wg::button(t, top, key::order_search_go, "Search Orders", "shopping:order_search", wg::ButtonKind::secondary);
  }
  // The time filter and the search applied: which orders show.
  const int range = std::clamp(int(w.ui_int(full(key::order_range))), 0, int(std::size(kOrderRanges)) - 1);
  const std::string words = w.ui_get("shopping.order_q");
  const Civil today = civil_from_ms(w.now_ms());
  const int64_t day = 86400000, year0 = days_from_civil(today.y, 1, 1) * day, last0 = days_from_civil(today.y - 1, 1, 1) * day;
  const int64_t lo[] = {INT64_MIN, w.now_ms() - 30 * day, w.now_ms() - 91 * day, year0, last0};
  const int64_t hi[] = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, year0};
  std::string where = " WHERE o.placed_ms >= ?1 AND o.placed_ms < ?2";
  const int status = std::clamp(int(w.ui_int(full(key::order_status))), 0, int(std::size(kOrderStatuses)) - 1);
  static const char* kStatusWhere[] = {"", " AND o.status = 'ordered'", " AND o.status IN ('shipped', 'out_for_delivery')",
                                       " AND o.status = 'delivered'", " AND o.status = 'cancelled'"};
  where += kStatusWhere[status];
  std::vector<std::string> terms = words_of_query(words);
  for (size_t k = 0; k < terms.size() && k < 6; ++k)
    where += " AND EXISTS (SELECT 1 FROM shop_order_items i JOIN shop_variants v ON v.id = i.variant_id JOIN shop_products p "
             "ON p.id = v.product_id WHERE i.order_id = o.id AND (instr(lower(p.title), ?" + std::to_string(k + 3) +
             ") > 0 OR instr(o.number, ?" + std::to_string(k + 3) + ") > 0))";
  terms.resize(6);
  const int64_t count = [&] {
    auto q = w.query("SELECT count(*) FROM shop_orders o" + where, lo[range], hi[range], terms[0], terms[1], terms[2],
                     terms[3], terms[4], terms[5]);
    return q.step() ? q.i64(0) : int64_t(0);
  }();
  {
    const int bar = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .align = Align::center});
    std::string say = std::to_string(count) + (count == 1 ? " order" : " orders") + " placed";
    if (range) say += " in " + std::string(range == 3 ? std::to_string(today.y) : range == 4 ? std::to_string(today.y - 1)
                                                       : range == 1 ? "the last 30 days" : "the past 3 months");
    if (status) say += ", " + std::string(status == 1 ? "not yet shipped" : status == 2 ? "on the way"
                                          : status == 3 ? "delivered" : "cancelled");
    if (!words.empty()) say += " matching \"" + words + "\"";
    const int st = t.text(bar, say, {.size = 14, .weight = 700, .color = th.text_strong});
    t.node(st).role = Role::status;
    t.node(st).name = say;
    std::vector<std::string_view> ranges(std::begin(kOrderRanges), std::end(kOrderRanges));
    const std::string this_year = std::to_string(today.y), last_year = std::to_string(today.y - 1);
    ranges[3] = this_year;
    ranges[4] = last_year;
    wg::select(t, bar, key::order_range, ranges, range, w.ui_get(apps::ui::kOverlay) == full(key::order_range), 180);
    const std::vector<std::string_view> statuses(std::begin(kOrderStatuses), std::end(kOrderStatuses));
    wg::select(t, bar, key::order_status, statuses, status, w.ui_get(apps::ui::kOverlay) == full(key::order_status), 180);
    if (!words.empty()) wg::link(t, bar, "order_search_clear", "Clear search", "shopping:order_search_clear");
  }
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fill(), .gap = 16}, "order_list", Role::list);
  t.node(list).name = "Your Orders";
  for (auto q = w.query("SELECT o.id, o.number, o.placed_ms, o.status, o.total_cents, o.deliver_ms FROM shop_orders o" + where +
                            " ORDER BY o.placed_ms DESC, o.id DESC",
                        lo[range], hi[range], terms[0], terms[1], terms[2], terms[3], terms[4], terms[5]);
       q.step();) {
    const int64_t id = q.i64(0);
    const std::string status(q.text(3));
    const int card = t.add(list, {.dir = Dir::column, .w = dom::fill(), .border_color = th.divider, .border = 1, .radius = 8,
                                  .clip = true},
                           key::order(id), Role::article);
    const Civil placed = civil_from_ms(q.i64(2));
    t.node(card).name = "Order " + std::string(q.text(1)) + ", placed " + format_date_long(placed.y, placed.m, placed.d) +
                        ", total " + format_usd(q.i64(4)) + ", " + status + " (" + status_label(status, q.i64(5)) + ")";
    const int head = t.add(card, {.dir = Dir::row, .w = dom::fill(), .pad = {16, 10, 16, 10}, .gap = 32,
                                  .bg = th.surface_dim});
    auto cell = [&](const std::string& label, const std::string& value) {
      const int c = t.add(head, {.dir = Dir::column, .gap = 2});
      t.text(c, label, {.size = 11, .weight = 700, .color = th.text_muted});
      t.text(c, value, {.size = 13, .color = th.text});
    };
    cell("ORDER PLACED", format_date_long(placed.y, placed.m, placed.d));
    cell("TOTAL", format_usd(q.i64(4)));
    cell("ORDER # " + std::string(q.text(1)), "");
    t.add(head, {.w = dom::fill()});
    wg::link(t, head, key::order_details(id), "View order details", "shopping:details:" + std::to_string(id));
    const int bodyrow = t.add(card, {.dir = Dir::row, .w = dom::fill(), .pad = dom::edges(16), .gap = 16});
    const int items = t.add(bodyrow, {.dir = Dir::column, .w = dom::fill(), .gap = 10});
    t.text(items, status_label(status, q.i64(5)), {.size = 17, .weight = 700,
                                                   .color = status == "cancelled" ? kDeal : th.text_strong});
    for (auto it = w.query("SELECT i.id, p.id, p.title, v.colour, v.size, i.qty, c.pic, p.shape, i.price_cents FROM shop_order_items i JOIN "
                           "shop_variants v ON v.id = i.variant_id JOIN shop_products p ON p.id = v.product_id JOIN "
                           "shop_categories c ON c.id = p.category_id WHERE i.order_id = ? ORDER BY i.id", id);
         it.step();) {
      const int r = t.add(items, {.dir = Dir::row, .gap = 12, .align = Align::center});
      picture(t, r, it.text(6), it.text(3), it.i64(7), 72, it.text(2));
      const int col = t.add(r, {.dir = Dir::column, .w = dom::fill(), .gap = 4});
      const int link = t.add(col, {.dir = Dir::row}, "item:" + std::to_string(it.i64(0)), Role::link);
      t.node(link).name = std::string(it.text(2));
      t.node(link).action = "shopping:open:" + std::to_string(it.i64(1));
      t.text(link, std::string(it.text(2)) + (it.i64(5) > 1 ? " (x" + std::to_string(it.i64(5)) + ")" : ""),
             {.size = 14, .color = th.accent, .wrap = true}, {.w = dom::fill()});
      const int info = t.text(col, "Colour: " + std::string(it.text(3)) + (it.text(4).empty() ? "" : ", size " + std::string(it.text(4))) +
                                       " - " + format_usd(it.i64(8)) + (it.i64(5) > 1 ? " each" : ""),
                              {.size = 12, .color = th.text_muted});
      t.node(info).role = Role::text;
      t.node(info).name = std::string(it.text(2)) + ": " + std::to_string(it.i64(5)) + " x " + format_usd(it.i64(8));
      const int acts = t.add(col, {.dir = Dir::row, .gap = 8, .align = Align::center});
      wg::button(t, acts, key::again(it.i64(0)), "Buy it again", "shopping:again:" + std::to_string(it.i64(0)),
                 wg::ButtonKind::secondary);
      if (status == "delivered") {
        const std::string ret = text_of(w, "SELECT status FROM shop_returns WHERE item_id = ?", it.i64(0));
        if (ret.empty())
          wg::button(t, acts, key::return_item(it.i64(0)), "Return item", "shopping:return_open:" + std::to_string(it.i64(0)),
                     wg::ButtonKind::secondary);
        else
          t.text(acts, ret == "refunded" ? "Refund issued" : "Return requested", {.size = 13, .weight = 700, .color = th.text});
        wg::button(t, acts, key::review_item(it.i64(0)), "Write a product review",
                   "shopping:review_open:" + std::to_string(it.i64(0)), wg::ButtonKind::secondary);
      }
    }
    if (status == "ordered" || status == "shipped" || status == "out_for_delivery") {
      const int side = t.add(bodyrow, {.dir = Dir::column, .w = dom::fixed(200), .gap = 8});
      const int track = wg::button(t, side, "track_package:" + std::to_string(id), "Track package",
                                   "shopping:details:" + std::to_string(id), wg::ButtonKind::primary);
      t.node(track).style.w = dom::fill();
      if (status == "ordered") {
        const int c = wg::button(t, side, key::cancel(id), "Cancel items", "shopping:cancel_open:" + std::to_string(id),
                                 wg::ButtonKind::secondary);
        t.node(c).style.w = dom::fill();
      }
    }
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::return_dialog)) {
    const int m = wg::modal(t, key::return_dialog, "Return item", 440);
    t.text(m, "Why are you returning this?", {.size = 14, .color = th.text});
    const int group = t.add(m, {.dir = Dir::column, .gap = 2}, "reasons", Role::radiogroup);
    t.node(group).name = "Reason";
    const int chosen_reason = int(w.ui_int("shopping.reason", -1));
    for (int i = 0; i < int(std::size(kReturnReasons)); ++i)
      wg::radio(t, group, key::reason(i), kReturnReasons[i], chosen_reason == i,
                "ui:set:shopping.reason=" + std::to_string(i));
    wg::button(t, m, key::confirm_return, "Request return", "shopping:return");
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::review_dialog)) {
    const int m = wg::modal(t, key::review_dialog, "Create review", 480);
    const int64_t stars = w.ui_int("shopping.stars");
    const int row = t.add(m, {.dir = Dir::row, .gap = 4}, "stars", Role::radiogroup);
    t.node(row).name = "Overall rating";
    for (int i = 1; i <= 5; ++i) {
      const int b = t.add(row, {.dir = Dir::row, .pad = {2, 0, 2, 0}, .hover_bg = th.hover, .radius = 4},
                          key::star(i), Role::radio);
      t.node(b).name = std::to_string(i) + (i == 1 ? " star" : " stars");
      t.node(b).selected = stars == i;
      t.node(b).action = "ui:set:shopping.stars=" + std::to_string(i);
      t.text(b, i <= stars ? "\xE2\x98\x85" : "\xE2\x98\x86", {.size = 28, .color = kOrange});
    }
    auto field = [&](std::string_view k, const std::string& label, std::string_view hint, bool multi) {
      t.text(m, label, {.size = 13, .weight = 700, .color = th.text_strong});
      const FieldView f = field_view(w, full(k), true);
      const int fl = wg::text_field(t, m, k, {f.value, f.anchor, f.caret, f.focused, f.live}, hint,
                                    multi ? wg::FieldKind::multiline : wg::FieldKind::text, 0, 4);
      t.node(fl).name = label;
    };
    field(key::review_title, "Add a headline", "What's most important to know?", false);
    field(key::review_text, "Add a written review", "What did you like or dislike?", true);
    field(key::review_name, "Choose your public name", user_name(w) + " (as shown on your review)", false);
    wg::button(t, m, key::submit_review, "Submit", "shopping:review");
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::cancel_dialog)) {
    const int m = wg::modal(t, key::cancel_dialog, "Cancel this order?", 420);
    t.text(m, "The items will not ship and the card will not be charged.", {.size = 14, .color = th.text, .wrap = true},
           {.w = dom::fill()});
    const int row = t.add(m, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .justify = Align::end});
    wg::button(t, row, "keep_order", "Keep order", "ui:close", wg::ButtonKind::secondary);
    wg::button(t, row, key::confirm_cancel, "Cancel order", "shopping:cancel", wg::ButtonKind::danger);
  }
}

void lists_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  t.text(page, "Your List", {.size = 26, .weight = 500, .color = th.text_strong});
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 12, .bg = th.surface,
                                .radius = 8}, "list_items", Role::list);
  t.node(list).name = "Your List";
  int n = 0;
  for (auto q = w.query("SELECT l.id, p.id, p.title, v.colour, v.size, v.price_cents, c.pic, p.shape FROM shop_lists l JOIN "
                        "shop_variants v ON v.id = l.variant_id JOIN shop_products p ON p.id = v.product_id JOIN "
                        "shop_categories c ON c.id = p.category_id ORDER BY l.added_ms DESC, l.id DESC");
       q.step();) {
    ++n;
    const int64_t id = q.i64(0);
    const int row = t.add(list, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .align = Align::center},
                          key::list_item(id), Role::listitem);
    t.node(row).name = std::string(q.text(2)) + ", " + std::string(q.text(3));
    picture(t, row, q.text(6), q.text(3), q.i64(7), 96, q.text(2));
    const int col = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 6});
    const int link = t.add(col, {.dir = Dir::row}, "list_open:" + std::to_string(id), Role::link);
    t.node(link).name = std::string(q.text(2));
    t.node(link).action = "shopping:open:" + std::to_string(q.i64(1));
    t.text(link, std::string(q.text(2)), {.size = 15, .color = th.accent, .wrap = true}, {.w = dom::fill()});
    t.text(col, "Colour: " + std::string(q.text(3)) + (q.text(4).empty() ? "" : ", size " + std::string(q.text(4))) + "   " +
                    format_usd(q.i64(5)), {.size = 13, .color = th.text});
    const int acts = t.add(col, {.dir = Dir::row, .gap = 8});
    wg::button(t, acts, key::list_cart(id), "Add to Cart", "shopping:list_cart:" + std::to_string(id), wg::ButtonKind::secondary);
    wg::button(t, acts, key::list_remove(id), "Delete", "shopping:list_remove:" + std::to_string(id), wg::ButtonKind::text);
  }
  if (n == 0) t.text(list, "Your list is empty. Add items with \"Add to List\" on a product page.", {.size = 14, .color = th.text});
}

// An order's details: its tracking (ordered, shipped, out for delivery, delivered, each with
// its day once reached), where it goes, how it was paid, its items and what it cost.
void order_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int64_t id = w.ui_int(ui::order);
  auto q = w.query("SELECT o.number, o.placed_ms, o.status, o.deliver_ms, o.ship, o.subtotal_cents, o.discount_cents, "
                   "o.promo, o.ship_cents, o.tax_cents, o.total_cents, a.name, a.line1, a.city, a.state, a.zip, c.brand, "
                   "c.last4 FROM shop_orders o LEFT JOIN shop_addresses a ON a.id = o.address_id LEFT JOIN shop_cards c ON "
                   "c.id = o.card_id WHERE o.id = ?", id);
  if (!q.step()) {
    t.text(page, "This order is not in your account.", {.size = 16, .color = th.text});
    return;
  }
  const std::string status(q.text(2));
  const int64_t placed = q.i64(1), deliver = q.i64(3);
  const Civil pc = civil_from_ms(placed);
  wg::link(t, page, "back_to_orders", "Your Orders", "shopping:orders");
  const int title = t.text(page, "Order Details", {.size = 26, .weight = 500, .color = th.text_strong});
  t.node(title).role = Role::heading;
  t.node(title).name = "Order Details";
  t.text(page, "Ordered on " + format_date_long(pc.y, pc.m, pc.d) + "   Order# " + std::string(q.text(0)),
         {.size = 14, .color = th.text});
  // Tracking.
  const int track = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 10, .bg = th.surface,
                                 .border_color = th.divider, .border = 1, .radius = 8},
                          "tracking", Role::list);
  t.node(track).name = "Tracking";
  t.text(track, status_label(status, deliver), {.size = 18, .weight = 700, .color = status == "cancelled" ? kDeal : th.success});
  if (status != "cancelled") {
    static const char* kSteps[] = {"Ordered", "Shipped", "Out for delivery", "Delivered"};
    const int reached = status == "ordered" ? 0 : status == "shipped" ? 1 : status == "out_for_delivery" ? 2 : 3;
    const int64_t when[] = {placed, placed + 86400000, out_for_delivery_ms(deliver), deliver};
    const int row = t.add(track, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .align = Align::center});
    for (int k = 0; k < 4; ++k) {
      const bool done = k <= reached;
      const int step = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 4}, key::track(k), Role::listitem);
      const Civil c = civil_from_ms(when[k]);
      const std::string day = std::string(kWeekdayLong[c.wday]) + ", " + kMonthLong[c.m - 1] + " " + std::to_string(c.d);
      t.node(step).name = std::string(kSteps[k]) + (done ? ", " + day : ", expected " + day);
      t.add(step, {.w = dom::fill(), .h = dom::fixed(6), .bg = done ? th.success : th.divider, .radius = 3});
      t.text(step, kSteps[k], {.size = 14, .weight = 700, .color = done ? th.text_strong : th.text_muted});
      t.text(step, done ? day : "Expected " + day, {.size = 12, .color = th.text_muted});
    }
  }
  // Where, how paid, what it cost.
  const int info = t.add(page, {.dir = Dir::row, .w = dom::fill(), .pad = dom::edges(16), .gap = 32, .bg = th.surface,
                                .border_color = th.divider, .border = 1, .radius = 8});
  auto block = [&](const std::string& head, std::string_view k) {
    const int b = t.add(info, {.dir = Dir::column, .w = dom::fill(), .gap = 3}, k, Role::generic);
    t.text(b, head, {.size = 14, .weight = 700, .color = th.text_strong});
    return b;
  };
  const int ship_to = block("Shipping Address", "ship_to");
  t.node(ship_to).role = Role::text;
  t.node(ship_to).name = "Shipping address: " + std::string(q.text(11)) + ", " + std::string(q.text(12)) + ", " +
                         std::string(q.text(13)) + ", " + std::string(q.text(14)) + " " + std::string(q.text(15));
  t.text(ship_to, std::string(q.text(11)), {.size = 13, .color = th.text});
  t.text(ship_to, std::string(q.text(12)), {.size = 13, .color = th.text});
  t.text(ship_to, std::string(q.text(13)) + ", " + std::string(q.text(14)) + " " + std::string(q.text(15)),
         {.size = 13, .color = th.text});
  const int pay = block("Payment Method", "paid_with");
  t.node(pay).role = Role::text;
  t.node(pay).name = "Payment method: " + std::string(q.text(16)) + " ending in " + std::string(q.text(17));
  t.text(pay, std::string(q.text(16)) + " ending in " + std::string(q.text(17)), {.size = 13, .color = th.text});
  std::string option = "Standard delivery";
  for (const ShipOption& o : kShipOptions)
    if (o.id == q.text(4)) option = std::string(o.label);
  t.text(pay, option, {.size = 13, .color = th.text_muted});
  const int sum = block("Order Summary", "summary");
  auto money_row = [&](const std::string& label, int64_t cents, bool strong = false) {
    const int r = t.add(sum, {.dir = Dir::row, .w = dom::fill()}, {}, Role::text);
    t.node(r).name = label + " " + format_usd(cents);
    t.text(r, label, {.size = 13, .weight = strong ? 700 : 400, .color = th.text}, {.w = dom::fill()});
    t.text(r, format_usd(cents), {.size = 13, .weight = strong ? 700 : 400, .color = th.text});
  };
  money_row("Item(s) Subtotal:", q.i64(5));
  if (q.i64(6)) money_row("Promo " + std::string(q.text(7)) + ":", -q.i64(6));
  money_row("Shipping & Handling:", q.i64(8));
  money_row("Estimated tax:", q.i64(9));
  money_row("Grand Total:", q.i64(10), true);
  // Items.
  const int items = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 10, .bg = th.surface,
                                 .border_color = th.divider, .border = 1, .radius = 8},
                          "order_items", Role::list);
  t.node(items).name = "Items";
  for (auto it = w.query("SELECT i.id, p.id, p.title, v.colour, v.size, i.qty, c.pic, p.shape, i.price_cents FROM "
                         "shop_order_items i JOIN shop_variants v ON v.id = i.variant_id JOIN shop_products p ON p.id = "
                         "v.product_id JOIN shop_categories c ON c.id = p.category_id WHERE i.order_id = ? ORDER BY i.id", id);
       it.step();) {
    const int r = t.add(items, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center},
                        "detail_item:" + std::to_string(it.i64(0)), Role::listitem);
    t.node(r).name = std::string(it.text(2)) + ": " + std::to_string(it.i64(5)) + " x " + format_usd(it.i64(8));
    picture(t, r, it.text(6), it.text(3), it.i64(7), 72, it.text(2));
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill(), .gap = 3});
    t.text(col, std::string(it.text(2)), {.size = 14, .color = th.accent, .wrap = true}, {.w = dom::fill()});
    t.text(col, "Colour: " + std::string(it.text(3)) + (it.text(4).empty() ? "" : ", size " + std::string(it.text(4))) +
                    "   Qty: " + std::to_string(it.i64(5)),
           {.size = 12, .color = th.text_muted});
    t.text(r, format_usd(it.i64(8)), {.size = 14, .weight = 700, .color = price_colour(th)});
  }
}

// Your Account: tiles to orders, addresses, payments, lists and customer service.
void account_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  t.text(page, "Your Account", {.size = 26, .weight = 500, .color = th.text_strong});
  t.text(page, "Signed in as " + user_name(w), {.size = 14, .color = th.text_muted});
  const int grid = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .wrap = true}, "account_tiles", Role::list);
  struct Tile {
    std::string_view key, title, text, action;
  };
  static const Tile kTiles[] = {
      {key::orders, "Your Orders", "Track, return, cancel or buy things again", "shopping:orders"},
      {key::addresses_page, "Your Addresses", "Edit, remove or set a default address", "shopping:addresses"},
      {key::payments_page, "Your Payments", "Manage your cards and the default one", "shopping:payments"},
      {key::lists, "Your Lists", "View and change your saved items", "shopping:lists"},
      {key::help, "Customer Service", "Contact us about an order", "shopping:help"}};
  for (const Tile& k : kTiles) {
    const int b = t.add(grid, {.dir = Dir::column, .w = dom::fixed(280), .h = dom::fixed(100), .pad = dom::edges(16), .gap = 6, .bg = th.surface,
                               .hover_bg = th.hover, .border_color = th.divider, .border = 1, .radius = 8},
                        "tile_" + std::string(k.key), Role::link);
    t.node(b).name = std::string(k.title);
    t.node(b).action = std::string(k.action);
    t.text(b, std::string(k.title), {.size = 17, .weight = 700, .color = th.text_strong});
    t.text(b, std::string(k.text), {.size = 13, .color = th.text_muted, .wrap = true}, {.w = dom::fill()});
  }
}

// A grid of boxes (addresses, cards): the first adds one, then one per row of the world with
// Default shown, or Set as Default and Remove.
void address_book(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  t.text(page, "Your Addresses", {.size = 26, .weight = 500, .color = th.text_strong});
  const int grid = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .wrap = true}, "address_book", Role::list);
  t.node(grid).name = "Your Addresses";
  const int add = t.add(grid, {.dir = Dir::column, .w = dom::fixed(280), .h = dom::fixed(190), .justify = Align::center,
                               .align = Align::center, .hover_bg = th.hover, .border_color = th.outline, .border = 2,
                               .radius = 8},
                        key::add_address, Role::button);
  t.node(add).name = "Add address";
  t.node(add).action = "ui:open:" + full(key::address_dialog);
  t.text(add, "+", {.size = 40, .color = th.text_muted});
  t.text(add, "Add address", {.size = 18, .weight = 700, .color = th.text_strong});
  for (auto q = w.query("SELECT id, name, line1, city, state, zip, is_default FROM shop_addresses ORDER BY is_default DESC, id");
       q.step();) {
    const int64_t id = q.i64(0);
    const bool def = q.i64(6) != 0;
    const int b = t.add(grid, {.dir = Dir::column, .w = dom::fixed(280), .h = dom::fixed(190), .pad = dom::edges(16), .gap = 4,
                               .bg = th.surface, .border_color = def ? kOrange : th.divider, .border = def ? 2 : 1,
                               .radius = 8},
                        "address_box:" + std::to_string(id), Role::listitem);
    const std::string where = std::string(q.text(2)) + ", " + std::string(q.text(3)) + ", " + std::string(q.text(4)) + " " +
                              std::string(q.text(5));
    t.node(b).name = std::string(q.text(1)) + ", " + where + (def ? " (default)" : "");
    if (def) t.text(b, "Default address", {.size = 12, .weight = 700, .color = th.text_muted});
    t.text(b, std::string(q.text(1)), {.size = 14, .weight = 700, .color = th.text_strong});
    t.text(b, std::string(q.text(2)), {.size = 14, .color = th.text});
    t.text(b, std::string(q.text(3)) + ", " + std::string(q.text(4)) + " " + std::string(q.text(5)), {.size = 14, .color = th.text});
    t.add(b, {.h = dom::fill()});
    const int acts = t.add(b, {.dir = Dir::row, .gap = 12});
    if (!def) {
      wg::link(t, acts, key::set_default_address(id), "Set as Default", "shopping:default_address:" + std::to_string(id));
      wg::link(t, acts, key::remove_address(id), "Remove", "shopping:remove_address:" + std::to_string(id));
    }
  }
  address_card_dialogs(w, t, "Add address", "Add your card");
}
void payments_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  t.text(page, "Your Payments", {.size = 26, .weight = 500, .color = th.text_strong});
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fixed(720), .pad = dom::edges(16), .gap = 12, .bg = th.surface,
                                .radius = 8},
                         "wallet", Role::list);
  t.node(list).name = "Your cards";
  const Civil today = civil_from_ms(w.now_ms());
  for (auto q = w.query("SELECT id, brand, last4, exp_month, exp_year, name, is_default FROM shop_cards ORDER BY is_default DESC, id");
       q.step();) {
    const int64_t id = q.i64(0);
    const bool def = q.i64(6) != 0;
    const bool expired = q.i64(4) < today.y || (q.i64(4) == today.y && q.i64(3) < today.m);
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {0, 8, 0, 8}, .gap = 16, .align = Align::center},
                        "card_row:" + std::to_string(id), Role::listitem);
    const std::string label = std::string(q.text(1)) + " ending in " + std::string(q.text(2));
    const std::string exp = (q.i64(3) < 10 ? "0" : "") + std::to_string(q.i64(3)) + "/" + std::to_string(q.i64(4));
    t.node(r).name = label + ", expires " + exp + (expired ? " (expired)" : "") + (def ? " (default)" : "");
    const int chip = t.add(r, {.dir = Dir::column, .w = dom::fixed(64), .h = dom::fixed(40), .justify = Align::center,
                               .align = Align::center, .bg = q.text(1) == "Visa" ? dom::rgb(0x1a1f71) : dom::rgb(0x3a3f47),
                               .radius = 6});
    const std::string brand(q.text(1));
    t.text(chip, brand == "Visa" ? "VISA" : brand == "Mastercard" ? "MC" : brand == "American Express" ? "AMEX" : "DISC",
           {.size = 12, .weight = 700, .color = dom::rgb(0xffffff)});
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
    t.text(col, label + (def ? "  (Default)" : ""), {.size = 15, .weight = 700, .color = th.text_strong});
    t.text(col, std::string(q.text(5)) + " - " + (expired ? "Expired " : "Expires ") + exp,
           {.size = 13, .color = expired ? kDeal : th.text_muted});
    if (!def) {
      wg::link(t, r, key::set_default_card(id), "Set as Default", "shopping:default_card:" + std::to_string(id));
      wg::link(t, r, key::remove_card(id), "Remove", "shopping:remove_card:" + std::to_string(id));
    }
  }
  wg::button(t, page, key::add_card, "Add a credit or debit card", "ui:open:" + full(key::card_dialog), wg::ButtonKind::secondary);
  address_card_dialogs(w, t, "Add address", "Add your card");
}

// Customer service: a message about one of the recent orders, and the messages sent.
void help_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  t.text(page, "Customer Service", {.size = 26, .weight = 500, .color = th.text_strong});
  const int form = t.add(page, {.dir = Dir::column, .w = dom::fixed(720), .pad = dom::edges(20), .gap = 8, .bg = th.surface,
                                .radius = 8},
                         "help_form", Role::generic);
  t.node(form).name = "Contact us";
  t.text(form, "Which order is it about?", {.size = 14, .weight = 700, .color = th.text_strong});
  std::vector<std::string> orders;
  for (auto q = w.query("SELECT number, placed_ms FROM shop_orders ORDER BY placed_ms DESC, id DESC LIMIT 10"); q.step();) {
    const Civil c = civil_from_ms(q.i64(1));
    orders.push_back("#" + std::string(q.text(0)) + " - " + format_date_long(c.y, c.m, c.d));
  }
  const std::vector<std::string_view> ov(orders.begin(), orders.end());
  wg::select(t, form, key::help_order, ov, int(w.ui_int(full(key::help_order), -1)),
             w.ui_get(apps::ui::kOverlay) == full(key::help_order), 420);
  t.text(form, "What's it about?", {.size = 14, .weight = 700, .color = th.text_strong}, {.margin = {0, 6, 0, 0}});
  const int group = t.add(form, {.dir = Dir::column, .gap = 2}, "topics", Role::radiogroup);
  t.node(group).name = "Topic";
  const int topic = int(w.ui_int("shopping.topic", -1));
  for (int i = 0; i < int(std::size(kHelpTopics)); ++i)
    wg::radio(t, group, key::topic(i), kHelpTopics[i], topic == i, "ui:set:shopping.topic=" + std::to_string(i));
  t.text(form, "Tell us more", {.size = 14, .weight = 700, .color = th.text_strong}, {.margin = {0, 6, 0, 0}});
  const FieldView f = field_view(w, full(key::help_message), true);
  const int fl = wg::text_field(t, form, key::help_message, {f.value, f.anchor, f.caret, f.focused, f.live},
                                "Describe the problem", wg::FieldKind::multiline, 0, 4);
  t.node(fl).name = "Message";
  wg::button(t, form, key::help_send, "Send message", "shopping:help_send");
  const int sent = t.add(page, {.dir = Dir::column, .w = dom::fixed(720), .gap = 8}, "contacts", Role::list);
  t.node(sent).name = "Your messages";
  int n = 0;
  for (auto q = w.query("SELECT c.id, o.number, c.topic, c.message, c.sent_ms, c.status FROM shop_contacts c JOIN shop_orders o "
                        "ON o.id = c.order_id ORDER BY c.sent_ms DESC, c.id DESC");
       q.step();) {
    if (n++ == 0) t.text(sent, "Your messages", {.size = 18, .weight = 700, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
    const int r = t.add(sent, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(12), .gap = 2,
                               .border_color = th.divider, .border = 1, .radius = 8},
                        key::contact(q.i64(0)), Role::article);
    const Civil c = civil_from_ms(q.i64(4));
    t.node(r).name = std::string(q.text(2)) + ", order " + std::string(q.text(1)) + ", " + std::string(q.text(5));
    t.text(r, std::string(q.text(2)) + " - order #" + std::string(q.text(1)), {.size = 14, .weight = 700, .color = th.text_strong});
    t.text(r, std::string(q.text(3)), {.size = 13, .color = th.text, .wrap = true}, {.w = dom::fill()});
    t.text(r, "Sent " + format_date_long(c.y, c.m, c.d) + " - we'll reply by email within a day",
           {.size = 12, .color = th.text_muted});
  }
}

void placed_page(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  auto q = w.query("SELECT number, deliver_ms, total_cents FROM shop_orders WHERE id = ?", w.ui_int(ui::placed));
  if (!q.step()) return;
  const int box = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(24), .gap = 8, .bg = th.surface,
                               .border_color = th.success, .border = 2, .radius = 8},
                        "confirmation", Role::status);
  t.node(box).name = "Order placed, thank you!";
  t.text(box, "Order placed, thank you!", {.size = 22, .weight = 700, .color = th.success});
  t.text(box, "Order # " + std::string(q.text(0)) + " - " + format_usd(q.i64(2)), {.size = 15, .color = th.text});
  t.text(box, "Arriving " + day_label(q.i64(1)), {.size = 15, .weight = 700, .color = th.text_strong});
  wg::link(t, box, "review_orders", "Review or edit your recent orders", "shopping:orders");
}

void view(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  const int col = t.add(root, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(), .bg = th.page});
  header(w, t, col);
  const int page = t.add(col, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(), .pad = {24, 16, 24, 24}, .gap = 12,
                               .clip = true},
                         key::page, Role::main);
  live_scroll(w, t, page);
  const std::string screen = w.ui_get(ui::screen);
  if (screen == "search") results(w, t, page);
  else if (screen == "product") product_page(w, t, page);
  else if (screen == "cart") cart_page(w, t, page);
  else if (screen == "checkout") checkout_page(w, t, page);
  else if (screen == "orders") orders_page(w, t, page);
  else if (screen == "placed") placed_page(w, t, page);
  else if (screen == "lists") lists_page(w, t, page);
  else if (screen == "account") account_page(w, t, page);
  else if (screen == "addresses") address_book(w, t, page);
  else if (screen == "payments") payments_page(w, t, page);
  else if (screen == "help") help_page(w, t, page);
  else if (screen == "order") order_page(w, t, page);
  else home(w, t, page);
}

// [SECTION] Handlers, events and routes -----------------------------------------------------------
void go(state::World& w, std::string_view screen) {
  w.ui_set(ui::screen, screen);
  w.ui_set("scroll:" + full(key::page), int64_t(0));
  w.ui_set(apps::ui::kOverlay, "");
}
void new_results(state::World& w) {
  w.ui_set(full(key::pages), int64_t(0));
  go(w, "search");
}
Status open_product(state::World& w, int64_t id) {
  if (scalar(w, "SELECT count(*) FROM shop_products WHERE id = ?", id) == 0)
    return Error{Errc::not_found, "no product " + std::to_string(id)};
  w.ui_set(ui::product, id);
  w.ui_set("shopping.view", int64_t(0));
  w.ui_set(full(key::review_sort), int64_t(0));
  w.query("INSERT INTO shop_ui_viewed(product_id, viewed_ms) VALUES(?1, ?2) ON CONFLICT(product_id) DO UPDATE SET "
          "viewed_ms = ?2", id, w.now_ms()).run();
  w.ui_set(ui::colour, "");
  w.ui_set(ui::size, "");
  w.ui_set(full(key::qty), int64_t(0));
  go(w, "product");
  return {};
}
// The variant the product page shows (its colour and size as chosen, else the first).
int64_t page_variant(state::World& w) {
  const int64_t id = w.ui_int(ui::product);
  auto q = w.query("SELECT id FROM shop_variants WHERE product_id = ?1 ORDER BY (colour = ?2) DESC, (size = ?3) DESC, id LIMIT 1",
                   id, w.ui_get(ui::colour), w.ui_get(ui::size));
  if (!q.step()) return 0;
  // The chosen colour must exist; a size left unchosen is the first of that colour.
  return q.i64(0);
}
Status add_to_cart(state::World& w, int64_t variant, int64_t qty) {
  if (scalar(w, "SELECT " SHOP_STOCK " FROM shop_variants v WHERE v.id = ?", variant) <= 0) {
    toast(w, "This item is currently unavailable.");
    return {};
  }
  const int64_t line = scalar(w, "SELECT id FROM shop_cart WHERE variant_id = ? AND saved = 0", variant);
  if (line)
    w.query("UPDATE shop_cart SET qty = min(10, qty + ?) WHERE id = ?", qty, line).run();
  else
    w.query("INSERT INTO shop_cart(variant_id, qty, saved, added_ms) VALUES(?, ?, 0, ?)", variant, qty, w.now_ms()).run();
  return {};
}
Status place(state::World& w) {
  const std::vector<Line> lines = checkout_lines(w);
  if (lines.empty()) return Error{Errc::invalid_argument, "nothing to order"};
  for (const Line& l : lines)
    if (l.stock < l.qty) {
      toast(w, "Only " + std::to_string(l.stock) + " of " + l.title + " are in stock.");
      return {};
    }
  const ShipOption& opt = ship_option(w);
  const auto [code, percent] = applied_promo(w);
  const Totals tot = totals(lines, opt, percent);
  const int64_t deliver = business_days_after(w.now_ms(), ship_days(w, lines, opt));
  const int64_t n = scalar(w, "SELECT count(*) FROM shop_orders") + 1;
  const std::string number = "114-" + std::to_string(1000000 + (w.seed() * 7919 + uint64_t(n) * 104729) % 9000000) + "-" +
                             std::to_string(1000000 + (w.seed() * 15485863 + uint64_t(n) * 32452843) % 9000000);
  w.query("INSERT INTO shop_orders(number, placed_ms, status, address_id, card_id, ship, subtotal_cents, ship_cents, "
          "tax_cents, total_cents, deliver_ms, promo, discount_cents) VALUES(?, ?, 'ordered', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          number, w.now_ms(), chosen(w, ui::address, "shop_addresses"), chosen(w, ui::card, "shop_cards"),
          std::string(opt.id), tot.subtotal, tot.ship, tot.tax, tot.total, deliver, code, tot.discount)
      .run();
  if (!code.empty()) w.query("DELETE FROM shop_applied").run();  // a code is used once
  const int64_t order = w.last_insert_rowid();
  for (const Line& l : lines) {
    w.query("INSERT INTO shop_order_items(order_id, variant_id, qty, price_cents) VALUES(?, ?, ?, ?)", order, l.variant,
            l.qty, l.price).run();
    w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) VALUES(?, ?, ?)", l.variant, -l.qty, order).run();
    if (l.id) w.query("DELETE FROM shop_cart WHERE id = ?", l.id).run();
  }
  w.schedule(w.now_ms() + 86400000, "shopping.ship", std::to_string(order));
  w.schedule(out_for_delivery_ms(deliver), "shopping.out", std::to_string(order));
  w.schedule(deliver, "shopping.deliver", std::to_string(order));
  w.ui_set("shopping.buy_now", "");
  w.ui_set(ui::placed, order);
  go(w, "placed");
  return {};
}

// Luhn's checksum over the digits of a card number.
bool luhn_ok(const std::string& digits) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}
Status save_address(state::World& w) {
  const std::string name = field_trimmed(w, full(key::addr_name)), line1 = field_trimmed(w, full(key::addr_line1)),
                    city = field_trimmed(w, full(key::addr_city));
  std::string state = field_trimmed(w, full(key::addr_state)), zip = field_trimmed(w, full(key::addr_zip));
  for (char& ch : state) ch = char(std::toupper(uint8_t(ch)));
  std::string problem;
  if (name.empty() || line1.empty() || city.empty()) problem = "Enter a name, a street address and a city.";
  else if (state.size() != 2 || !std::isalpha(uint8_t(state[0])) || !std::isalpha(uint8_t(state[1])))
    problem = "Enter the state as two letters (OR, TX).";
  else if (zip.size() != 5 || !std::all_of(zip.begin(), zip.end(), [](char ch) { return std::isdigit(uint8_t(ch)); }))
    problem = "Enter a 5-digit ZIP code.";
  if (!problem.empty()) {
    toast(w, problem);
    return {};
  }
  w.query("INSERT INTO shop_addresses(name, line1, city, state, zip, is_default) VALUES(?, ?, ?, ?, ?, 0)", name, line1, city,
          state, zip).run();
  w.ui_set(ui::address, w.last_insert_rowid());
  for (std::string_view k : {key::addr_name, key::addr_line1, key::addr_city, key::addr_state, key::addr_zip})
    set_field_value(w, full(k), "");
  w.ui_set(apps::ui::kOverlay, "");
  return {};
}
Status save_card(state::World& w) {
  std::string digits;
  for (char ch : field_value(w, full(key::card_number)))
    if (std::isdigit(uint8_t(ch))) digits += ch;
    else if (ch != ' ' && ch != '-') digits = "x";
  const std::string name = field_trimmed(w, full(key::card_name)), exp = field_trimmed(w, full(key::card_exp));
  int mm = 0, yy = 0;
  const bool exp_ok = exp.size() == 5 && exp[2] == '/' && std::isdigit(uint8_t(exp[0])) && std::isdigit(uint8_t(exp[1])) &&
                      std::isdigit(uint8_t(exp[3])) && std::isdigit(uint8_t(exp[4]));
  if (exp_ok) mm = (exp[0] - '0') * 10 + (exp[1] - '0'), yy = 2000 + (exp[3] - '0') * 10 + (exp[4] - '0');
  const Civil today = civil_from_ms(w.now_ms());
  std::string problem;
  if (digits.size() < 13 || digits.size() > 19 || !luhn_ok(digits)) problem = "Your card number is not valid.";
  else if (name.empty()) problem = "Enter the name on the card.";
  else if (!exp_ok || mm < 1 || mm > 12) problem = "Enter the expiration date as MM/YY.";
  else if (yy < today.y || (yy == today.y && mm < today.m)) problem = "This card has expired.";
  if (!problem.empty()) {
    toast(w, problem);
    return {};
  }
  const std::string brand = digits[0] == '4' ? "Visa" : digits[0] == '5' ? "Mastercard" : digits[0] == '3' ? "American Express"
                                                                                                               : "Discover";
  w.query("INSERT INTO shop_cards(brand, last4, exp_month, exp_year, name, is_default) VALUES(?, ?, ?, ?, ?, 0)", brand,
          digits.substr(digits.size() - 4), int64_t(mm), int64_t(yy), name).run();
  w.ui_set(ui::card, w.last_insert_rowid());
  for (std::string_view k : {key::card_number, key::card_name, key::card_exp}) set_field_value(w, full(k), "");
  w.ui_set(apps::ui::kOverlay, "");
  return {};
}
Status apply_promo(state::World& w) {
  std::string code = field_trimmed(w, full(key::promo));
  for (char& ch : code) ch = char(std::toupper(uint8_t(ch)));
  auto q = w.query("SELECT percent, min_cents, expires_ms FROM shop_promos WHERE code = ?", code);
  if (code.empty() || !q.step()) {
    toast(w, "The promotional code you entered is not valid.");
    return {};
  }
  const int64_t min = q.i64(1), expires = q.i64(2);
  const Totals tot = totals(cart_lines(w, false), kShipOptions[0]);
  if (expires <= w.now_ms()) {
    toast(w, "This promotional code has expired.");
    return {};
  }
  if (tot.subtotal < min) {
    toast(w, "Add " + format_usd(min - tot.subtotal) + " more to use " + code + ".");
    return {};
  }
  w.query("DELETE FROM shop_applied").run();
  w.query("INSERT INTO shop_applied(code) VALUES(?)", code).run();
  set_field_value(w, full(key::promo), "");
  toast(w, "Promo " + code + " applied.");
  return {};
}

Status on_action(state::World& w, Command c) {
  const std::string_view a = c.cmd;
  auto arg = [&](std::string_view prefix) { return a.substr(prefix.size()); };
  auto with_id = [&](std::string_view prefix, auto&& fn) -> Status {
    auto id = parse_id(arg(prefix));
    if (!id) return id.error();
    return fn(*id);
  };
  if (a == "home") {
    go(w, "");
    return {};
  }
  if (a == "search") {
    w.ui_set(ui::query, field_value(w, full(key::search)));
    const int64_t scope = w.ui_int(full(key::scope));
    w.ui_set(ui::category, scope > 0 && scope <= int64_t(std::size(kCategories)) ? scope : int64_t(0));
    w.ui_set("shopping.price", int64_t(0));
    w.ui_set("shopping.rating4", int64_t(0));
    w.ui_set("shopping.fast", int64_t(0));
    w.ui_set("shopping.in_stock", int64_t(0));
    w.ui_set("shopping.brands", "");
    w.ui_set(apps::ui::kFocus, "");
    w.ui_set(apps::ui::kOverlay, "");
    new_results(w);
    return {};
  }
  if (a.rfind("suggest:", 0) == 0) {  // a suggestion taken: the field shows it, and it is searched
    set_field_value(w, full(key::search), arg("suggest:"));
    w.ui_set(full(key::search) + ".hl", int64_t(-1));
    return on_action(w, Command{"search", 0});
  }
  if (a.rfind("category:", 0) == 0)
    return with_id("category:", [&](int64_t id) -> Status {
      if (id < 1 || id > int64_t(std::size(kCategories))) return Error{Errc::not_found, "no category " + std::to_string(id)};
      w.ui_set(ui::query, "");
      w.ui_set("shopping.brands", "");
      w.ui_set(ui::category, id);
      w.ui_set(full(key::scope), id);
      set_field_value(w, full(key::search), "");
      new_results(w);
      return {};
    });
  if (a.rfind("price:", 0) == 0)
    return with_id("price:", [&](int64_t i) -> Status {
      if (i >= int64_t(std::size(kPriceBuckets))) return Error{Errc::invalid_argument, "no price range " + std::to_string(i)};
      w.ui_set("shopping.price", i);
      new_results(w);
      return {};
    });
  if (a == "filter:rating4" || a == "filter:fast" || a == "filter:in_stock") {
    const std::string k = "shopping." + std::string(arg("filter:"));
    w.ui_set(k, int64_t(w.ui_int(k) ? 0 : 1));
    new_results(w);
    return {};
  }
  if (a.rfind("filter_brand:", 0) == 0) {  // ticks or unticks a brand
    const std::string b = "|" + std::string(arg("filter_brand:")) + "|";
    std::string ticked = w.ui_get("shopping.brands");
    if (const size_t at = ticked.find(b); at != std::string::npos) ticked.erase(at, b.size() - 1);
    else ticked = ticked.empty() ? b : ticked + b.substr(1);
    w.ui_set("shopping.brands", ticked == "|" ? "" : ticked);
    new_results(w);
    return {};
  }
  if (a == "clear_filters") {
    w.ui_set("shopping.brands", "");
    for (const char* k : {"shopping.price", "shopping.rating4", "shopping.fast", "shopping.in_stock"}) w.ui_set(k, int64_t(0));
    new_results(w);
    return {};
  }
  if (a.rfind("open:", 0) == 0) return with_id("open:", [&](int64_t id) { return open_product(w, id); });
  if (a.rfind("brand:", 0) == 0) {  // the brand's products: a search for its name
    set_field_value(w, full(key::search), arg("brand:"));
    w.ui_set(full(key::scope), int64_t(0));
    return on_action(w, Command{"search", 0});
  }
  if (a.rfind("colour:", 0) == 0) {
    w.ui_set(ui::colour, arg("colour:"));
    return {};
  }
  if (a.rfind("size:", 0) == 0) {
    w.ui_set(ui::size, arg("size:"));
    return {};
  }
  if (a == "add" || a == "buy_now") {
    const int64_t v = page_variant(w);
    if (!v) return Error{Errc::not_found, "no product open"};
    const int64_t qty = std::clamp<int64_t>(w.ui_int(full(key::qty)) + 1, 1, 10);
    if (a == "buy_now") {
      if (scalar(w, "SELECT " SHOP_STOCK " FROM shop_variants v WHERE v.id = ?", v) <= 0) return {};
      w.ui_set("shopping.buy_now", std::to_string(v) + ":" + std::to_string(qty));
      go(w, "checkout");
      return {};
    }
    if (Status s = add_to_cart(w, v, qty); !s) return s;
    toast(w, "Added to Cart", 4000, "Go to Cart", "shopping:cart");
    return {};
  }
  if (a == "add_together") {  // this product as chosen, and the first variant of each companion
    const int64_t v = page_variant(w);
    if (!v) return Error{Errc::not_found, "no product open"};
    if (Status s = add_to_cart(w, v, 1); !s) return s;
    for (int64_t o : bought_together(w, w.ui_int(ui::product)))
      if (Status s = add_to_cart(w, scalar(w, "SELECT id FROM shop_variants WHERE product_id = ? ORDER BY id LIMIT 1", o), 1); !s)
        return s;
    toast(w, "Added to Cart", 4000, "Go to Cart", "shopping:cart");
    return {};
  }
  if (a == "ask") {
    const std::string question = field_trimmed(w, full(key::ask));
    const int64_t id = w.ui_int(ui::product);
    if (!scalar(w, "SELECT count(*) FROM shop_products WHERE id = ?", id)) return Error{Errc::not_found, "no product open"};
    if (question.size() < 5) {
      toast(w, "Type your question first.");
      return {};
    }
    w.query("INSERT INTO shop_questions(product_id, question, asker, asked_ms) VALUES(?, ?, ?, ?)", id, question,
            user_name(w), w.now_ms()).run();
    set_field_value(w, full(key::ask), "");
    toast(w, "Your question was posted. We'll let you know when it's answered.");
    return {};
  }
  if (a.rfind("helpful:", 0) == 0)
    return with_id("helpful:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM shop_reviews WHERE id = ?", id)) return Error{Errc::not_found, "no review " + std::to_string(id)};
      if (scalar(w, "SELECT count(*) FROM shop_review_votes WHERE review_id = ?", id)) return {};
      w.query("INSERT INTO shop_review_votes(review_id, voted_ms) VALUES(?, ?)", id, w.now_ms()).run();
      w.query("UPDATE shop_reviews SET helpful = helpful + 1 WHERE id = ?", id).run();
      return {};
    });
  if (a == "list") {
    const int64_t v = page_variant(w);
    if (!v) return Error{Errc::not_found, "no product open"};
    w.query("INSERT OR IGNORE INTO shop_lists(variant_id, added_ms) VALUES(?, ?)", v, w.now_ms()).run();
    toast(w, "Added to your list");
    return {};
  }
  if (a == "cart") {
    go(w, "cart");
    return {};
  }
  if (a == "orders") {
    go(w, "orders");
    w.ui_set("shopping.order_q", "");
    w.ui_set(full(key::order_range), int64_t(0));
    w.ui_set(full(key::order_status), int64_t(0));
    set_field_value(w, full(key::order_search), "");
    return {};
  }
  if (a == "checkout") {
    w.ui_set("shopping.buy_now", "");
    go(w, "checkout");
    return {};
  }
  if (a.rfind("qty:", 0) == 0) {
    const std::string_view rest = arg("qty:");
    const size_t colon = rest.find(':');
    auto line = parse_id(rest.substr(0, colon));
    auto qty = parse_id(colon == std::string_view::npos ? "" : rest.substr(colon + 1));
    if (!line) return line.error();
    if (!qty) return qty.error();
    if (*qty == 0) w.query("DELETE FROM shop_cart WHERE id = ?", *line).run();
    else w.query("UPDATE shop_cart SET qty = ? WHERE id = ?", std::min<int64_t>(*qty, 10), *line).run();
    return {};
  }
  if (a.rfind("delete:", 0) == 0)
    return with_id("delete:", [&](int64_t id) -> Status {
      w.query("DELETE FROM shop_cart WHERE id = ?", id).run();
      return {};
    });
  if (a.rfind("save:", 0) == 0 || a.rfind("move:", 0) == 0) {
    const bool save = a.rfind("save:", 0) == 0;
    return with_id(save ? "save:" : "move:", [&](int64_t id) -> Status {
      w.query("UPDATE shop_cart SET saved = ? WHERE id = ?", int64_t(save), id).run();
      return {};
    });
  }
  if (a.rfind("address:", 0) == 0)
    return with_id("address:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM shop_addresses WHERE id = ?", id))
        return Error{Errc::not_found, "no address " + std::to_string(id)};
      w.ui_set(ui::address, id);
      return {};
    });
  if (a.rfind("card:", 0) == 0)
    return with_id("card:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM shop_cards WHERE id = ?", id)) return Error{Errc::not_found, "no card " + std::to_string(id)};
      w.ui_set(ui::card, id);
      return {};
    });
  if (a.rfind("ship:", 0) == 0) {
    for (const ShipOption& o : kShipOptions)
      if (o.id == arg("ship:")) {
        w.ui_set(ui::ship, o.id);
        return {};
      }
    return Error{Errc::invalid_argument, "no delivery option '" + std::string(arg("ship:")) + "'"};
  }
  if (a == "place") return place(w);
  if (a.rfind("again:", 0) == 0)
    return with_id("again:", [&](int64_t item) -> Status {
      const int64_t v = scalar(w, "SELECT variant_id FROM shop_order_items WHERE id = ?", item);
      if (!v) return Error{Errc::not_found, "no order item " + std::to_string(item)};
      if (Status s = add_to_cart(w, v, 1); !s) return s;
      go(w, "cart");
      return {};
    });
  if (a.rfind("details:", 0) == 0)
    return with_id("details:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM shop_orders WHERE id = ?", id)) return Error{Errc::not_found, "no order " + std::to_string(id)};
      w.ui_set(ui::order, id);
      go(w, "order");
      return {};
    });
  if (a.rfind("cancel_open:", 0) == 0)
    return with_id("cancel_open:", [&](int64_t id) -> Status {
      w.ui_set(ui::cancelling, id);
      w.ui_set(apps::ui::kOverlay, full(key::cancel_dialog));
      return {};
    });
  if (a == "cancel") {
    const int64_t id = w.ui_int(ui::cancelling);
    w.ui_set(apps::ui::kOverlay, "");
    if (scalar(w, "SELECT count(*) FROM shop_orders WHERE id = ? AND status = 'ordered'", id) == 0) {
      toast(w, "This order has shipped and can no longer be cancelled.");
      return {};
    }
    w.query("UPDATE shop_orders SET status = 'cancelled' WHERE id = ?", id).run();
    w.query("INSERT INTO shop_stock_moves(variant_id, delta, order_id) SELECT variant_id, qty, order_id FROM "
            "shop_order_items WHERE order_id = ? ORDER BY id", id).run();
    toast(w, "Your order has been cancelled.");
    return {};
  }
  if (a == "lists" || a == "account" || a == "addresses" || a == "payments" || a == "help") {
    go(w, a);
    if (a == "help") {
      w.ui_set(full(key::help_order), int64_t(-1));
      w.ui_set("shopping.topic", int64_t(-1));
    }
    return {};
  }
  if (a == "order_search" || a == "order_search_clear") {
    w.ui_set("shopping.order_q", a == "order_search" ? field_trimmed(w, full(key::order_search)) : std::string());
    if (a == "order_search_clear") set_field_value(w, full(key::order_search), "");
    w.ui_set(apps::ui::kFocus, "");
    return {};
  }
  if (a.rfind("default_address:", 0) == 0 || a.rfind("default_card:", 0) == 0) {
    const bool addr = a.rfind("default_address:", 0) == 0;
    const std::string table = addr ? "shop_addresses" : "shop_cards";
    return with_id(addr ? "default_address:" : "default_card:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM " + table + " WHERE id = ?", id))
        return Error{Errc::not_found, std::string(addr ? "no address " : "no card ") + std::to_string(id)};
      w.query("UPDATE " + table + " SET is_default = 0 WHERE is_default = 1 AND id <> ?", id).run();
      w.query("UPDATE " + table + " SET is_default = 1 WHERE id = ? AND is_default = 0", id).run();
      toast(w, addr ? "Default address updated." : "Default payment method updated.");
      return {};
    });
  }
  if (a.rfind("remove_address:", 0) == 0 || a.rfind("remove_card:", 0) == 0) {
    const bool addr = a.rfind("remove_address:", 0) == 0;
    const std::string table = addr ? "shop_addresses" : "shop_cards";
    return with_id(addr ? "remove_address:" : "remove_card:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM " + table + " WHERE id = ? AND is_default = 0", id))
        return Error{Errc::not_found, std::string(addr ? "no address " : "no card ") + std::to_string(id) + " to remove"};
      w.query("DELETE FROM " + table + " WHERE id = ?", id).run();
      if (w.ui_int(addr ? ui::address : ui::card) == id) w.ui_set(addr ? ui::address : ui::card, int64_t(0));
      toast(w, addr ? "Address removed." : "Card removed.");
      return {};
    });
  }
  if (a == "help_send") {
    const int64_t pick = w.ui_int(full(key::help_order), -1), topic = w.ui_int("shopping.topic", -1);
    const std::string message = field_trimmed(w, full(key::help_message));
    int64_t order = 0;
    {
      auto q = w.query("SELECT id FROM shop_orders ORDER BY placed_ms DESC, id DESC LIMIT 1 OFFSET ?", std::max<int64_t>(pick, 0));
      if (pick >= 0 && pick < 10 && q.step()) order = q.i64(0);
    }
    std::string problem;
    if (!order) problem = "Choose the order it is about.";
    else if (topic < 0 || topic >= int64_t(std::size(kHelpTopics))) problem = "Choose what it's about.";
    else if (message.size() < 10) problem = "Tell us a little more (at least a sentence).";
    if (!problem.empty()) {
      toast(w, problem);
      return {};
    }
    w.query("INSERT INTO shop_contacts(order_id, topic, message, sent_ms, status) VALUES(?, ?, ?, ?, 'sent')", order,
            std::string(kHelpTopics[topic]), message, w.now_ms()).run();
    set_field_value(w, full(key::help_message), "");
    w.ui_set(full(key::help_order), int64_t(-1));
    w.ui_set("shopping.topic", int64_t(-1));
    toast(w, "Thanks - your message was sent. We'll reply by email.");
    return {};
  }
  if (a.rfind("list_cart:", 0) == 0)
    return with_id("list_cart:", [&](int64_t id) -> Status {
      const int64_t v = scalar(w, "SELECT variant_id FROM shop_lists WHERE id = ?", id);
      if (!v) return Error{Errc::not_found, "no list item " + std::to_string(id)};
      if (Status s = add_to_cart(w, v, 1); !s) return s;
      toast(w, "Added to Cart", 4000, "Go to Cart", "shopping:cart");
      return {};
    });
  if (a.rfind("list_remove:", 0) == 0)
    return with_id("list_remove:", [&](int64_t id) -> Status {
      w.query("DELETE FROM shop_lists WHERE id = ?", id).run();
      return {};
    });
  if (a == "promo_apply") return apply_promo(w);
  if (a == "promo_remove") {
    w.query("DELETE FROM shop_applied").run();
    return {};
  }
  if (a == "save_address") return save_address(w);
  if (a == "save_card") return save_card(w);
  if (a.rfind("return_open:", 0) == 0 || a.rfind("review_open:", 0) == 0) {
    const bool ret = a.rfind("return_open:", 0) == 0;
    return with_id(ret ? "return_open:" : "review_open:", [&](int64_t item) -> Status {
      if (scalar(w, "SELECT count(*) FROM shop_order_items i JOIN shop_orders o ON o.id = i.order_id WHERE i.id = ? AND "
                    "o.status = 'delivered'", item) == 0)
        return Error{Errc::invalid_argument, "item " + std::to_string(item) + " has not been delivered"};
      w.ui_set("shopping.item", item);
      w.ui_set(ret ? "shopping.reason" : "shopping.stars", int64_t(ret ? -1 : 0));
      w.ui_set(apps::ui::kOverlay, full(ret ? key::return_dialog : key::review_dialog));
      return {};
    });
  }
  if (a == "return") {
    const int64_t item = w.ui_int("shopping.item"), reason = w.ui_int("shopping.reason", -1);
    if (reason < 0 || reason >= int64_t(std::size(kReturnReasons))) {
      toast(w, "Choose a reason for the return.");
      return {};
    }
    if (scalar(w, "SELECT count(*) FROM shop_returns WHERE item_id = ?", item)) return {};
    w.query("INSERT INTO shop_returns(item_id, reason, requested_ms, status, refund_cents) SELECT id, ?, ?, 'requested', "
            "qty * price_cents FROM shop_order_items WHERE id = ?", std::string(kReturnReasons[reason]), w.now_ms(), item).run();
    w.schedule(w.now_ms() + kRefundDelayMs, "shopping.refund", std::to_string(w.last_insert_rowid()));
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, "Return requested. Your refund will be issued when we receive the item.");
    return {};
  }
  if (a == "review") {
    const int64_t item = w.ui_int("shopping.item"), stars = w.ui_int("shopping.stars");
    const std::string title = field_trimmed(w, full(key::review_title)), body = field_trimmed(w, full(key::review_text));
    if (stars < 1 || stars > 5) {
      toast(w, "Choose a star rating.");
      return {};
    }
    if (title.empty() || body.empty()) {
      toast(w, "Add a headline and a written review.");
      return {};
    }
    const std::string nick = field_trimmed(w, full(key::review_name));
    const std::string author = nick.empty() ? user_name(w) : nick;
    w.query("INSERT INTO shop_reviews(product_id, stars, title, body, author, ts_ms, helpful, mine) SELECT v.product_id, ?, "
            "?, ?, ?, ?, 0, 1 FROM shop_order_items i JOIN shop_variants v ON v.id = i.variant_id WHERE i.id = ?",
            stars, title, body, author, w.now_ms(), item).run();
    for (std::string_view k : {key::review_title, key::review_text, key::review_name}) set_field_value(w, full(k), "");
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, "Review submitted - thank you!");
    return {};
  }
  return Error{Errc::invalid_argument, "unknown shopping action '" + std::string(a) + "'"};
}

Status on_submit(state::World& w, Submit s) {
  if (s.field == full(key::search)) return on_action(w, Command{"search", 0});
  if (s.field == full(key::promo)) return apply_promo(w);
  if (s.field == full(key::order_search)) return on_action(w, Command{"order_search", 0});
  if (s.field == full(key::ask)) return on_action(w, Command{"ask", 0});
  for (std::string_view k : {key::addr_name, key::addr_line1, key::addr_city, key::addr_state, key::addr_zip})
    if (s.field == full(k)) return save_address(w);
  for (std::string_view k : {key::card_number, key::card_name, key::card_exp})
    if (s.field == full(k)) return save_card(w);
  return {};
}

Status on_event(state::World& w, std::string_view what, std::string_view payload) {
  auto id = parse_id(payload);
  if (!id) return id.error();
  if (what == "ship") w.query("UPDATE shop_orders SET status = 'shipped' WHERE id = ? AND status = 'ordered'", *id).run();
  else if (what == "out")
    w.query("UPDATE shop_orders SET status = 'out_for_delivery' WHERE id = ? AND status = 'shipped'", *id).run();
  else if (what == "deliver")
    w.query("UPDATE shop_orders SET status = 'delivered' WHERE id = ? AND status IN ('shipped', 'out_for_delivery')", *id).run();
  else if (what == "refund") w.query("UPDATE shop_returns SET status = 'refunded' WHERE id = ? AND status = 'requested'", *id).run();
  else return Error{Errc::invalid_argument, "unknown shopping event '" + std::string(what) + "'"};
  return {};
}

Status on_back(state::World& w) {
  const std::string screen = w.ui_get(ui::screen);
  if (screen == "product") go(w, w.ui_get(ui::query).empty() && w.ui_int(ui::category) == 0 ? "" : "search");
  else if (screen == "checkout") go(w, "cart");
  else if (screen == "addresses" || screen == "payments" || screen == "help") go(w, "account");
  else if (screen == "order") go(w, "orders");
  else go(w, "");
  return {};
}

std::string route(state::World& w) {
  const std::string screen = w.ui_get(ui::screen);
  if (screen == "search") {
    std::string r = "#search";
    if (!w.ui_get(ui::query).empty()) r += "?q=" + w.ui_get(ui::query);
    if (w.ui_int(ui::category)) r += std::string(r.find('?') == std::string::npos ? "?" : "&") + "c=" + std::to_string(w.ui_int(ui::category));
    return r;
  }
  if (screen == "product") return "#p/" + std::to_string(w.ui_int(ui::product));
  if (screen == "order") return "#order/" + std::to_string(w.ui_int(ui::order));
  if (screen == "placed") return "#orders";
  if (screen.empty()) return "#";
  return "#" + screen;
}

Status open_route(state::World& w, std::string_view r) {
  if (r.empty() || r == "#") return {};
  if (r[0] != '#') return Error{Errc::invalid_argument, "shopping routes start with #"};
  r.remove_prefix(1);
  if (r == "cart") return on_action(w, Command{"cart", 0});
  if (r == "orders") return on_action(w, Command{"orders", 0});
  for (std::string_view k : {"lists", "account", "addresses", "payments", "help"})
    if (r == k) return on_action(w, Command{k, 0});
  if (r == "checkout") return on_action(w, Command{"checkout", 0});
  if (r.rfind("order/", 0) == 0) return on_action(w, Command{"details:" + std::string(r.substr(6)), 0});
  if (r.rfind("p/", 0) == 0) {
    auto id = parse_id(r.substr(2));
    if (!id) return id.error();
    return open_product(w, *id);
  }
  if (r.rfind("search", 0) == 0) {
    std::string q;
    int64_t cat = 0;
    for (std::string_view rest = r.substr(std::min(r.size(), size_t(7))); !rest.empty();) {
      const size_t amp = std::min(rest.find('&'), rest.size());
      const std::string_view part = rest.substr(0, amp);
      if (part.rfind("q=", 0) == 0) q = part.substr(2);
      else if (part.rfind("c=", 0) == 0) {
        auto c = parse_id(part.substr(2));
        if (!c || *c > int64_t(std::size(kCategories))) return Error{Errc::invalid_argument, "bad category in '" + std::string(r) + "'"};
        cat = *c;
      }
      rest.remove_prefix(std::min(rest.size(), amp + 1));
    }
    w.ui_set(ui::query, q);
    w.ui_set(ui::category, cat);
    set_field_value(w, full(key::search), q);
    new_results(w);
    return {};
  }
  return Error{Errc::not_found, "no shopping route '#" + std::string(r) + "'"};
}

}  // namespace

std::vector<int64_t> frequently_bought_with(state::World& w, int64_t product) { return bought_together(w, product); }

Result<int64_t> grow_catalogue(state::World& w, int64_t products) {
  std::set<std::string> titles;
  for (auto q = w.query("SELECT title FROM shop_products"); q.step();) titles.emplace(q.text(0));
  const int64_t have = scalar(w, "SELECT count(*) FROM shop_products");
  if (products <= have) return have;
  Rng rng = Rng::stream(w.seed(), "shopping.grow");
  if (Status s = w.begin(); !s) return s.error();
  make_products(w, rng, have, products, titles);
  w.query("INSERT INTO shop_fts(shop_fts) VALUES('optimize')").run();
  Rng qa = Rng::stream(w.seed(), "shopping.grow.questions");
  make_questions(w, qa, have, products);
  if (Status s = end_generation(w); !s) return s.error();
  return scalar(w, "SELECT count(*) FROM shop_products");
}

}  // namespace shopping

const App& shopping_app() {
  static const App app{.name = shopping::kName,
                       .title = "Shopwise",
                       .host = "shop.facsim.test",
                       .install = shopping::install,
                       .view = shopping::view,
                       .on_action = shopping::on_action,
                       .on_submit = shopping::on_submit,
                       .on_back = shopping::on_back,
                       .route = shopping::route,
                       .open_route = shopping::open_route,
                       .on_event = shopping::on_event};
  return app;
}

}  // namespace facsim::apps
