// Shopping's vocabulary (an Amazon-like store), shared by its view, handlers, task templates and
// tests: element keys (inside the app's scope: full(key) = "shopping/<key>"), ui keys, routes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace facsim::apps::shopping {

inline constexpr std::string_view kName = "shopping";
inline std::string full(std::string_view key) { return std::string(kName) + "/" + std::string(key); }

namespace key {
// The header: the logo (home), the search field (Enter searches) and its button, the category
// scope select (scope), Orders and Cart (with its count); the category strip (nav:<id>).
inline constexpr std::string_view home = "home", search = "search", search_go = "search_go",
                                  scope = "scope", orders = "orders", cart = "cart", page = "page";
inline std::string nav(int64_t category) { return "nav:" + std::to_string(category); }
// Results: filters (price:<i> radios, rating4, in_stock, fast checkboxes, brand:<i>), sort (a
// select), a grid of cards (product:<id> opens it) and pages (pagination).
inline constexpr std::string_view results = "results", sort = "sort", pages = "pages",
                                  rating4 = "rating4", in_stock = "in_stock", fast = "fast",
                                  clear_filters = "clear_filters";
inline std::string price(int i) { return "price:" + std::to_string(i); }
inline std::string product(int64_t id) { return "product:" + std::to_string(id); }
// The product page: colour swatches (colour:<name>), sizes (size:<name>), quantity (a select),
// Add to cart, Buy now, Add to list; its reviews (review:<id>).
inline constexpr std::string_view qty = "qty", add_to_cart = "add_to_cart", buy_now = "buy_now",
                                  add_to_list = "add_to_list";
inline std::string colour(std::string_view c) { return "colour:" + std::string(c); }
inline std::string size(std::string_view s) { return "size:" + std::string(s); }
// The cart: a row per line (line:<id>) with its quantity select (line_qty:<id>), Delete
// (delete:<id>) and Save for later (save:<id>); saved lines (Move to cart: move:<id>);
// Proceed to checkout.
inline std::string line(int64_t id) { return "line:" + std::to_string(id); }
inline std::string line_qty(int64_t id) { return "line_qty:" + std::to_string(id); }
inline std::string del(int64_t id) { return "delete:" + std::to_string(id); }
inline std::string save(int64_t id) { return "save:" + std::to_string(id); }
inline std::string move(int64_t id) { return "move:" + std::to_string(id); }
inline constexpr std::string_view checkout = "checkout";
// Checkout: the address (address:<id>), delivery (ship:<option>), payment (card:<id>), Place
// your order.
inline std::string address(int64_t id) { return "address:" + std::to_string(id); }
inline std::string ship(std::string_view option) { return "ship:" + std::string(option); }
inline std::string card(int64_t id) { return "card:" + std::to_string(id); }
inline constexpr std::string_view place_order = "place_order";
// Orders: a card per order (order:<id>) with Cancel (cancel:<id>: a dialog, cancel_dialog,
// confirm_cancel) and Buy again on each item (again:<order item id>).
inline std::string order(int64_t id) { return "order:" + std::to_string(id); }
inline std::string cancel(int64_t id) { return "cancel:" + std::to_string(id); }
inline std::string again(int64_t item) { return "again:" + std::to_string(item); }
inline constexpr std::string_view cancel_dialog = "cancel_dialog", confirm_cancel = "confirm_cancel";
// Delivered items: Return item (return_item:<item>: return_dialog with reasons reason:<i> and
// confirm_return) and Write a product review (review_item:<item>: review_dialog with stars
// star:<1..5>, review_title, review_text, review_name (a public name, empty: the user's) and
// submit_review). An order's details (order_details:<id>: screen "order", #order/<id>) show
// where it goes, how it is paid, what it cost and its tracking (track:<step>).
inline std::string return_item(int64_t item) { return "return_item:" + std::to_string(item); }
inline std::string review_item(int64_t item) { return "review_item:" + std::to_string(item); }
inline std::string order_details(int64_t id) { return "order_details:" + std::to_string(id); }
inline std::string track(int step) { return "track:" + std::to_string(step); }
inline std::string reason(int i) { return "reason:" + std::to_string(i); }
inline std::string star(int i) { return "star:" + std::to_string(i); }
inline constexpr std::string_view return_dialog = "return_dialog", confirm_return = "confirm_return",
                                  review_dialog = "review_dialog", review_title = "review_title",
                                  review_text = "review_text", review_name = "review_name",
                                  submit_review = "submit_review";
// The cart's promo code (promo field, promo_apply); checkout's new address (new_address opens
// address_dialog: addr_name, addr_line1, addr_city, addr_state, addr_zip, save_address) and new
// card (new_card opens card_dialog: card_number, card_name, card_exp "MM/YY", save_card).
inline constexpr std::string_view promo = "promo", promo_apply = "promo_apply", new_address = "new_address",
                                  address_dialog = "address_dialog", addr_name = "addr_name",
                                  addr_line1 = "addr_line1", addr_city = "addr_city", addr_state = "addr_state",
                                  addr_zip = "addr_zip", save_address = "save_address", new_card = "new_card",
                                  card_dialog = "card_dialog", card_number = "card_number", card_name = "card_name",
                                  card_exp = "card_exp", save_card = "save_card";
// Lists (the header's Lists): a row per item (list_item:<id>) with Add to Cart and Delete.
inline constexpr std::string_view lists = "lists";
inline std::string list_item(int64_t id) { return "list_item:" + std::to_string(id); }
inline std::string list_cart(int64_t id) { return "list_cart:" + std::to_string(id); }
inline std::string list_remove(int64_t id) { return "list_remove:" + std::to_string(id); }
// Search suggestions as you type: the search field's popup (search.popup) with options
// search.opt<i>; a click or Enter on the highlighted one searches for it.
inline std::string suggestion(int i) { return "search.opt" + std::to_string(i); }
// Results: brand checkboxes (brand:<name>).
inline std::string brand(std::string_view b) { return "brand:" + std::string(b); }
// The product page's gallery (thumb:<i> picks the picture shown), frequently bought together
// (together: the set; add_together adds all), reviews (review_sort select; helpful:<review>),
// questions and answers (question:<id>; ask field and ask_go).
inline std::string thumb(int i) { return "thumb:" + std::to_string(i); }
inline std::string helpful(int64_t review) { return "helpful:" + std::to_string(review); }
inline std::string question(int64_t id) { return "question:" + std::to_string(id); }
inline constexpr std::string_view together = "together", add_together = "add_together", review_sort = "review_sort",
                                  ask = "ask", ask_go = "ask_go";
// Home: recently viewed (viewed) and recommendations (recommended).
inline constexpr std::string_view viewed = "viewed", recommended = "recommended";
// Orders: search (order_search, order_search_go), the time filter (order_range, a select) and
// the status filter (order_status, a select of kOrderStatuses).
inline constexpr std::string_view order_search = "order_search", order_search_go = "order_search_go",
                                  order_range = "order_range", order_status = "order_status";
// Your Account (account): tiles to Your Addresses (addresses_page), Your Payments
// (payments_page) and Customer Service (help). An address or card: set_default_address:<id>,
// remove_address:<id>, set_default_card:<id>, remove_card:<id>; add_address and add_card open
// the dialogs.
inline constexpr std::string_view account = "account", addresses_page = "addresses_page",
                                  payments_page = "payments_page", help = "help", add_address = "add_address",
                                  add_card = "add_card";
inline std::string set_default_address(int64_t id) { return "set_default_address:" + std::to_string(id); }
inline std::string remove_address(int64_t id) { return "remove_address:" + std::to_string(id); }
inline std::string set_default_card(int64_t id) { return "set_default_card:" + std::to_string(id); }
inline std::string remove_card(int64_t id) { return "remove_card:" + std::to_string(id); }
// Customer service: the order (help_order, a select of recent orders), the topic (topic:<i>),
// the message (help_message) and Send (help_send); sent requests (contact:<id>).
inline constexpr std::string_view help_order = "help_order", help_message = "help_message", help_send = "help_send";
inline std::string topic(int i) { return "topic:" + std::to_string(i); }
inline std::string contact(int64_t id) { return "contact:" + std::to_string(id); }
}  // namespace key

namespace ui {
inline constexpr std::string_view screen = "shopping.screen";    // "" home | search | product | cart | checkout | orders | placed | lists | account | addresses | payments | help | order
inline constexpr std::string_view query = "shopping.query";      // the search run
inline constexpr std::string_view category = "shopping.category";  // its category scope (0: all)
inline constexpr std::string_view product = "shopping.product";  // the product shown
inline constexpr std::string_view colour = "shopping.colour";    // its colour chosen
inline constexpr std::string_view size = "shopping.size";        // its size chosen
inline constexpr std::string_view placed = "shopping.placed";    // the order just placed
inline constexpr std::string_view cancelling = "shopping.cancelling";  // the order in the dialog
inline constexpr std::string_view order = "shopping.order";            // the order whose details show
// Checkout's choices (0: the default address and card; "standard" delivery).
inline constexpr std::string_view address = "shopping.address", ship = "shopping.ship", card = "shopping.card";
}  // namespace ui

// Delivery options at checkout: id, label, price in cents, business days.
struct ShipOption {
  std::string_view id, label;
  int64_t cents;
  int days;
};
inline constexpr ShipOption kShipOptions[] = {{"standard", "Standard delivery", 0, 5},
                                              {"fast", "Two-day delivery", 799, 2},
                                              {"next", "Next-day delivery", 1499, 1}};
// Price filter buckets, in dollars [lo, hi) (hi 0: no top).
inline constexpr int kPriceBuckets[][2] = {{0, 0}, {0, 25}, {25, 50}, {50, 100}, {100, 200}, {200, 0}};
// (Relevance: the full-text rank of the words; without words it is Featured.)
inline constexpr std::string_view kSorts[] = {"Featured", "Price: low to high", "Price: high to low",
                                              "Avg. customer review", "Newest arrivals", "Relevance"};
inline constexpr int kPerPage = 12;
inline constexpr std::string_view kReviewSorts[] = {"Top reviews", "Most recent"};
// Orders' time filter: all, the last 30 days, the past 3 months, this year, last year.
inline constexpr std::string_view kOrderRanges[] = {"All orders", "Last 30 days", "Past 3 months", "This year", "Last year"};
// Orders' status filter: any, not yet shipped, on the way (shipped, out for delivery), delivered, cancelled.
inline constexpr std::string_view kOrderStatuses[] = {"Any status", "Not yet shipped", "On the way", "Delivered", "Cancelled"};
inline constexpr std::string_view kHelpTopics[] = {"Where is my order?", "Item arrived damaged", "Wrong item received",
                                                   "Question about a refund", "Something else"};
inline constexpr std::string_view kReturnReasons[] = {"No longer needed", "Item arrived damaged", "Wrong item was sent",
                                                      "Doesn't fit", "Better price available"};
inline constexpr int64_t kRefundDelayMs = 3 * 86400000ll;  // a return is refunded three days after it is requested
inline constexpr int64_t kTaxBasisPoints = 825;       // 8.25% sales tax
inline constexpr int64_t kFreeShippingCents = 3500;   // standard delivery free from $35

}  // namespace facsim::apps::shopping
