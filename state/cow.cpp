// [SECTION] Page tree: refcounted nodes, path copying
// [SECTION] VFS: CowFile methods
// [SECTION] VFS: registration, clock, delegation to the default VFS
#include "cow.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <mutex>
#include <new>
#include <string>

#include "state.h"

namespace facsim::state::cow {

// [SECTION] Page tree ------------------------------------------------------------------------
struct Node {
  std::atomic<uint32_t> refs{1};
};
namespace {

struct Inner : Node {
  Node* child[kFan] = {};
};
struct Page : Node {
  uint8_t data[kPageSize];
};

std::atomic<int64_t> g_pages{0}, g_nodes{0};
std::atomic<uint64_t> g_schema{0};

int slot_index(uint64_t pg, int level) {
  return int((pg >> (kFanBits * (kLevels - 1 - level))) & (kFan - 1));
}

void unref(Node* n, int level);

void free_node(Node* n, int level) {
  if (level == kLevels) {
    delete static_cast<Page*>(n);
    g_pages.fetch_sub(1, std::memory_order_relaxed);
    return;
  }
  auto* in = static_cast<Inner*>(n);
  for (Node* c : in->child) unref(c, level + 1);
  delete in;
  g_nodes.fetch_sub(1, std::memory_order_relaxed);
}

void unref(Node* n, int level) {
  if (n && n->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) free_node(n, level);
}

// Makes *slot an Inner that only this tree references (allocating or copying it).
Inner* own_inner(Node** slot, int level) {
  Node* n = *slot;
  if (!n) {
    g_nodes.fetch_add(1, std::memory_order_relaxed);
    auto* in = new Inner;
    *slot = in;
    return in;
  }
  if (n->refs.load(std::memory_order_acquire) == 1) return static_cast<Inner*>(n);
  g_nodes.fetch_add(1, std::memory_order_relaxed);
  auto* copy = new Inner;
  const auto* src = static_cast<const Inner*>(n);
  for (int i = 0; i < kFan; ++i) {
    copy->child[i] = src->child[i];
    if (copy->child[i]) copy->child[i]->refs.fetch_add(1, std::memory_order_relaxed);
  }
  unref(n, level);
  *slot = copy;
  return copy;
}

Page* own_page(Node** slot) {
  Node* n = *slot;
  if (n && n->refs.load(std::memory_order_acquire) == 1) return static_cast<Page*>(n);
  g_pages.fetch_add(1, std::memory_order_relaxed);
  auto* p = new Page;
  if (n) {
    std::memcpy(p->data, static_cast<const Page*>(n)->data, kPageSize);
    unref(n, kLevels);
  } else {
    std::memset(p->data, 0, kPageSize);
  }
  *slot = p;
  return p;
}

const uint8_t* page_ro(const PageTree& t, uint64_t pg) {
  const Node* n = t.top;
  for (int level = 0; n && level < kLevels; ++level)
    n = static_cast<const Inner*>(n)->child[slot_index(pg, level)];
  return n ? static_cast<const Page*>(n)->data : nullptr;
}

uint8_t* page_rw(PageTree& t, uint64_t pg) {
  Node** slot = &t.top;
  for (int level = 0; level < kLevels; ++level)
    slot = &own_inner(slot, level)->child[slot_index(pg, level)];
  return own_page(slot)->data;
}

// Drops every page with index >= first_dead under *slot, which covers pages from `base`.
void prune(Node** slot, int level, uint64_t base, uint64_t first_dead) {
  if (!*slot) return;
  const uint64_t span = uint64_t(1) << (kFanBits * (kLevels - level));
  if (base >= first_dead) {
    unref(*slot, level);
    *slot = nullptr;
    return;
  }
  if (base + span <= first_dead) return;
  Inner* in = own_inner(slot, level);
  const uint64_t child_span = span >> kFanBits;
  for (int i = 0; i < kFan; ++i) prune(&in->child[i], level + 1, base + i * child_span, first_dead);
}

}  // namespace

PageTree share(const PageTree& t) {
  if (t.top) t.top->refs.fetch_add(1, std::memory_order_relaxed);
  return t;
}

void release(PageTree& t) {
  unref(t.top, 0);
  t.top = nullptr;
  t.size = 0;
}

uint64_t new_schema_id() { return g_schema.fetch_add(1, std::memory_order_relaxed) + 1; }

void read(const PageTree& t, int64_t off, void* out, int64_t n) {
  auto* dst = static_cast<uint8_t*>(out);
  while (n > 0) {
    const uint64_t pg = uint64_t(off) >> kPageBits;
    const int64_t in_page = off & (kPageSize - 1);
    const int64_t k = std::min(n, kPageSize - in_page);
    if (const uint8_t* p = page_ro(t, pg)) std::memcpy(dst, p + in_page, size_t(k));
    else std::memset(dst, 0, size_t(k));
    dst += k, off += k, n -= k;
  }
}

void write(PageTree& t, int64_t off, const void* in, int64_t n) {
  assert(off >= 0 && off + n <= kMaxBytes);
  const auto* src = static_cast<const uint8_t*>(in);
  t.size = std::max(t.size, off + n);
  while (n > 0) {
    const uint64_t pg = uint64_t(off) >> kPageBits;
    const int64_t in_page = off & (kPageSize - 1);
    const int64_t k = std::min(n, kPageSize - in_page);
    std::memcpy(page_rw(t, pg) + in_page, src, size_t(k));
    src += k, off += k, n -= k;
  }
}

void truncate(PageTree& t, int64_t size) {
  if (size >= t.size) {
    t.size = size;  // extension reads as zeros (holes)
    return;
  }
  const uint64_t keep = uint64_t((size + kPageSize - 1) >> kPageBits);
  prune(&t.top, 0, 0, keep);
  if (int64_t tail = size & (kPageSize - 1); tail && page_ro(t, keep - 1))
    std::memset(page_rw(t, keep - 1) + tail, 0, size_t(kPageSize - tail));
  t.size = size;
}

Usage usage() {
  Usage u;
  u.pages = g_pages.load(std::memory_order_relaxed);
  u.nodes = g_nodes.load(std::memory_order_relaxed);
  u.bytes = u.pages * int64_t(sizeof(Page)) + u.nodes * int64_t(sizeof(Inner));
  return u;
}

// [SECTION] VFS: CowFile ----------------------------------------------------------------------
// SQLite (normal locking mode) re-reads the 16 header bytes at offset 24 at the start of every
// transaction and drops its page cache when they differ from what it cached; it re-parses the
// schema when the schema cookie (offset 40) differs. attach() overlays the change counter (24,
// and its copy at 92) and, if the schema differs, the cookie with values the connection has
// never seen. The first write of page 1 (each commit) makes the stored bytes authoritative.
struct File {
  sqlite3_file base;
  PageTree tree;
  bool ctr_over = false, cookie_over = false;
  uint32_t ctr = 0, cookie = 0;
  bool detached = false;
  uint32_t seen_ctr = 0, seen_cookie = 0;  // valid while detached
  uint64_t seen_schema = 0;
  int fail_write_in = 0;
};

namespace {

constexpr int64_t kCtrOff = 24, kCtrCopyOff = 92, kCookieOff = 40;
constexpr char kPrefix[] = "facsim-cow:";

uint32_t stored_u32(const PageTree& t, int64_t off) {
  if (t.size < off + 4) return 0;
  uint8_t b[4];
  read(t, off, b, 4);
  return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3];
}

uint32_t effective_ctr(const File* f) { return f->ctr_over ? f->ctr : stored_u32(f->tree, kCtrOff); }
uint32_t effective_cookie(const File* f) {
  return f->cookie_over ? f->cookie : stored_u32(f->tree, kCookieOff);
}

void overlay(uint8_t* out, int64_t off, int64_t n, int64_t size, int64_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    int64_t p = at + i;
    if (p >= off && p < off + n && p < size) out[p - off] = uint8_t(v >> (24 - 8 * i));
  }
}

bool covers(int64_t off, int64_t n, int64_t at) { return off <= at && at + 4 <= off + n; }

int f_close(sqlite3_file* pf) {
  File* f = reinterpret_cast<File*>(pf);
  release(f->tree);
  f->~File();
  return SQLITE_OK;
}

int f_read(sqlite3_file* pf, void* out, int amt, sqlite3_int64 off) {
  File* f = reinterpret_cast<File*>(pf);
  const int64_t avail = std::clamp<int64_t>(f->tree.size - off, 0, amt);
  read(f->tree, off, out, avail);
  auto* o = static_cast<uint8_t*>(out);
  if (off < 100) {
    if (f->ctr_over) {
      overlay(o, off, avail, f->tree.size, kCtrOff, f->ctr);
      overlay(o, off, avail, f->tree.size, kCtrCopyOff, f->ctr);
    }
    if (f->cookie_over) overlay(o, off, avail, f->tree.size, kCookieOff, f->cookie);
  }
  if (avail < amt) {
    std::memset(o + avail, 0, size_t(amt - avail));
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int f_write(sqlite3_file* pf, const void* in, int amt, sqlite3_int64 off) {
  File* f = reinterpret_cast<File*>(pf);
  if (f->fail_write_in > 0 && --f->fail_write_in == 0) return SQLITE_IOERR_WRITE;
  if (off < 0 || off + amt > kMaxBytes) return SQLITE_FULL;
  const auto* b = static_cast<const uint8_t*>(in);
  if (covers(off, amt, kCookieOff)) {
    const uint8_t* c = b + (kCookieOff - off);
    uint32_t v = uint32_t(c[0]) << 24 | uint32_t(c[1]) << 16 | uint32_t(c[2]) << 8 | c[3];
    if (f->tree.size < kCookieOff + 4 || v != effective_cookie(f)) f->tree.schema_id = new_schema_id();
    f->cookie_over = false;
  }
  if (covers(off, amt, kCtrOff)) f->ctr_over = false;
  write(f->tree, off, in, amt);
  return SQLITE_OK;
}

int f_truncate(sqlite3_file* pf, sqlite3_int64 size) {
  truncate(reinterpret_cast<File*>(pf)->tree, size);
  return SQLITE_OK;
}
int f_sync(sqlite3_file*, int) { return SQLITE_OK; }
int f_size(sqlite3_file* pf, sqlite3_int64* out) {
  *out = reinterpret_cast<File*>(pf)->tree.size;
  return SQLITE_OK;
}
// One connection per file: locks always succeed (forks share pages, never files).
int f_lock(sqlite3_file*, int) { return SQLITE_OK; }
int f_check_reserved(sqlite3_file*, int* out) {
  *out = 0;
  return SQLITE_OK;
}
int f_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int f_sector(sqlite3_file*) { return int(kPageSize); }
int f_caps(sqlite3_file*) {
  return SQLITE_IOCAP_POWERSAFE_OVERWRITE | SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL;
}

const sqlite3_io_methods kMethods = {
    1,           f_close, f_read, f_write,          f_truncate, f_sync,   f_size, f_lock,
    f_lock,      f_check_reserved, f_control, f_sector, f_caps,
};

// [SECTION] VFS: registration ----------------------------------------------------------------
sqlite3_vfs* g_default = nullptr;
thread_local PageTree t_pending;
thread_local bool t_has_pending = false;
thread_local const int64_t* t_clock = nullptr;
thread_local uint64_t t_clock_reads = 0;
std::atomic<uint64_t> g_names{0};

bool is_cow(const char* name) {
  return name && std::strncmp(name, kPrefix, sizeof(kPrefix) - 1) == 0;
}

int v_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* pf, int flags, int* out_flags) {
  if (!is_cow(name)) return g_default->xOpen(g_default, name, pf, flags, out_flags);
  if (!(flags & SQLITE_OPEN_MAIN_DB)) {
    pf->pMethods = nullptr;
    return SQLITE_CANTOPEN;  // journals stay in memory (journal_mode=MEMORY)
  }
  File* f = new (pf) File{};
  if (t_has_pending) {
    f->tree = t_pending;
    t_pending = {};
    t_has_pending = false;
  } else {
    f->tree.schema_id = new_schema_id();
  }
  f->base.pMethods = &kMethods;
  if (out_flags) *out_flags = flags;
  return SQLITE_OK;
}

int v_delete(sqlite3_vfs*, const char* name, int sync) {
  return is_cow(name) ? SQLITE_OK : g_default->xDelete(g_default, name, sync);
}
int v_access(sqlite3_vfs*, const char* name, int what, int* out) {
  if (!is_cow(name)) return g_default->xAccess(g_default, name, what, out);
  *out = 0;
  return SQLITE_OK;
}
int v_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  if (!is_cow(name)) return g_default->xFullPathname(g_default, name, n, out);
  sqlite3_snprintf(n, out, "%s", name);
  return SQLITE_OK;
}
int v_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  // Julian day number in ms: 2440587.5 days at the Unix epoch.
  *out = sqlite3_int64(210866760000000LL) + (t_clock ? *t_clock : kEpochMs);
  ++t_clock_reads;
  return SQLITE_OK;
}
int v_current_time(sqlite3_vfs* v, double* out) {
  sqlite3_int64 ms;
  v_current_time_int64(v, &ms);
  *out = double(ms) / 86400000.0;
  return SQLITE_OK;
}
int v_randomness(sqlite3_vfs*, int n, char* out) {
  std::memset(out, 0, size_t(n));  // SQLite's own PRNG seed: constant, never the OS
  return n;
}

}  // namespace

const char* const kVfsName = "facsim";

const int64_t*& current_clock() { return t_clock; }
uint64_t clock_reads() { return t_clock_reads; }

void register_vfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_default = sqlite3_vfs_find(nullptr);
    static sqlite3_vfs v = *g_default;
    v.zName = kVfsName;
    v.szOsFile = std::max(g_default->szOsFile, int(sizeof(File)));
    v.xOpen = v_open;
    v.xDelete = v_delete;
    v.xAccess = v_access;
    v.xFullPathname = v_full_pathname;
    v.xCurrentTime = v_current_time;
    v.xCurrentTimeInt64 = v_current_time_int64;
    v.xRandomness = v_randomness;
    sqlite3_vfs_register(&v, 0);
  });
}

const char* prepare_open(PageTree t) {
  if (t_has_pending) release(t_pending);
  t_pending = t;
  t_has_pending = true;
  thread_local std::string name;
  name = kPrefix + std::to_string(g_names.fetch_add(1, std::memory_order_relaxed));
  return name.c_str();
}

File* file_of(sqlite3* db) {
  sqlite3_file* pf = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &pf) != SQLITE_OK || !pf ||
      pf->pMethods != &kMethods)
    return nullptr;
  return reinterpret_cast<File*>(pf);
}

const PageTree& tree_of(const File* f) { return f->tree; }

void attach(File* f, PageTree t) {
  const uint32_t old_ctr = f->detached ? f->seen_ctr : effective_ctr(f);
  const uint32_t old_cookie = f->detached ? f->seen_cookie : effective_cookie(f);
  const uint64_t old_schema = f->detached ? f->seen_schema : f->tree.schema_id;
  release(f->tree);
  f->tree = t;
  f->detached = false;
  f->ctr_over = true;
  f->ctr = old_ctr + 1;
  if (t.schema_id != old_schema) {
    f->cookie_over = true;
    f->cookie = old_cookie + 1;
  }
}

void detach(File* f) {
  if (f->detached) return;
  f->seen_ctr = effective_ctr(f);
  f->seen_cookie = effective_cookie(f);
  f->seen_schema = f->tree.schema_id;
  f->detached = true;
  release(f->tree);
}

void fail_write_after(File* f, int n) { f->fail_write_in = n; }

}  // namespace facsim::state::cow
