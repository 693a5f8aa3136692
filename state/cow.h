// state/cow.h (private to state/): the copy-on-write page store under every World.
//
// A world's database file is a PageTree: a persistent radix tree (4 levels of 64 children) of
// refcounted, immutable 4 KiB pages. Sharing a tree (fork, snapshot) increments one refcount, so
// it costs the same for a 1 MB and a 64 MB world; a write copies only the path from the root to
// the page it changes (path copying), so a fork's memory grows with the pages it writes.
// Trees are shared across threads: only refcounts are touched concurrently (atomics); a node is
// modified in place only while its refcount is 1, i.e. while no other tree can see it.
//
// The SQLite side (a VFS "facsim" whose main-db files are CowFiles over a PageTree) lives in
// cow.cpp; World uses attach() to point a live connection at another tree (restore, pooled
// fork) and makes SQLite drop its page cache by changing the header's change counter.
#pragma once
#include <sqlite3.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace facsim::state::cow {

constexpr int kPageBits = 12;
constexpr int64_t kPageSize = int64_t(1) << kPageBits;
constexpr int kFanBits = 6;
constexpr int kFan = 1 << kFanBits;
constexpr int kLevels = 4;  // 2^24 pages of 4 KiB: 64 GiB per world at most
constexpr int64_t kMaxBytes = kPageSize << (kFanBits * kLevels);

struct Node;  // interior node or page; see cow.cpp

// A value handle on one version of a file. Copy with share(), drop with release().
struct PageTree {
  Node* top = nullptr;     // nullptr: all holes
  int64_t size = 0;        // file size in bytes
  uint64_t schema_id = 0;  // changes whenever a write changes the schema cookie (see attach)
};

PageTree share(const PageTree& t);  // +1 reference, O(1)
void release(PageTree& t);          // -1 reference; frees what nobody else holds
uint64_t new_schema_id();

// Byte-level access (page holes read as zeros). Writes copy shared paths first.
void read(const PageTree& t, int64_t off, void* out, int64_t n);
void write(PageTree& t, int64_t off, const void* in, int64_t n);
void truncate(PageTree& t, int64_t size);

// Live page-store memory in this process (pages + nodes), for benches and leak tests.
struct Usage {
  int64_t pages = 0, nodes = 0, bytes = 0;
};
Usage usage();

// ---- the VFS ----
// The virtual clock that xCurrentTime reports on this thread (nullptr: the epoch).
const int64_t*& current_clock();
// How many times SQL read the clock ('now') on this thread: a statement that moved it read
// the time, and a memo around it must follow the clock.
uint64_t clock_reads();
void register_vfs();                 // idempotent; the VFS is named "facsim"
extern const char* const kVfsName;
// sqlite3_open_v2 of a name from this function opens a CowFile over `t` (its reference is
// consumed) on the calling thread.
const char* prepare_open(PageTree t);

// The main-db file of a connection opened with prepare_open.
struct File;
File* file_of(sqlite3* db);
const PageTree& tree_of(const File* f);
// Points the file at `t` (reference consumed; the old tree is released). The header bytes that
// SQLite compares to decide whether its page cache and parsed schema are still valid are
// overlaid so that they differ from what the connection last saw; SQLite then re-reads pages
// (and re-parses the schema only when the schema differs).
void attach(File* f, PageTree t);
// Releases the file's tree (the connection goes idle in a pool) but remembers what SQLite may
// have cached, so that a later attach() still invalidates it.
void detach(File* f);
// Injected I/O faults: the Nth page write from now fails with SQLITE_IOERR_WRITE (0: none).
void fail_write_after(File* f, int n);

}  // namespace facsim::state::cow
