// Chat's vocabulary (a Slack-like workspace), shared by its view, handlers, task templates and
// tests: element keys (inside the app's scope: full(key) = "chat/<key>"), ui keys, routes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace facsim::apps::chat {

inline constexpr std::string_view kName = "chat";
inline std::string full(std::string_view key) { return std::string(kName) + "/" + std::string(key); }

namespace key {
// The sidebar: a row per channel the user is in (channel:<id>), then the direct messages
// (the same key: a DM is a channel of kind 'dm').
inline constexpr std::string_view sidebar = "sidebar";
inline std::string channel(int64_t id) { return "channel:" + std::to_string(id); }
// The open conversation: its header (name, topic, member count), the messages (a list that
// starts at its end), each message (msg:<id>) with, under the pointer, React (react:<id>: a
// menu of emoji, react_menu.<i>) and Reply in thread (reply:<id>); its reactions as chips
// (reaction:<id>:<emoji>: a click adds or takes back the user's); "N replies" (replies:<id>).
inline constexpr std::string_view header = "header", messages = "messages",
                                  react_menu = "react_menu";
inline std::string msg(int64_t id) { return "msg:" + std::to_string(id); }
inline std::string react(int64_t id) { return "react:" + std::to_string(id); }
inline std::string reply(int64_t id) { return "reply:" + std::to_string(id); }
inline std::string replies(int64_t id) { return "replies:" + std::to_string(id); }
inline std::string reaction(int64_t id, std::string_view emoji) {
  return "reaction:" + std::to_string(id) + ":" + std::string(emoji);
}
// The composer (Enter sends, Shift+Enter is a new line) and its Send button; the thread panel
// (thread_panel) with its own composer (thread_composer, thread_send) and close_thread.
inline constexpr std::string_view composer = "composer", send = "send",
                                  thread_panel = "thread_panel", thread_composer = "thread_composer",
                                  thread_send = "thread_send", close_thread = "close_thread";
// The user's own messages: Edit (edit:<id>: the body becomes a field, edit_field; Enter or
// save_edit saves, cancel_edit) and Delete (delete:<id>: a dialog, delete_dialog, whose
// confirm_delete deletes it with its reactions and replies).
inline std::string edit(int64_t id) { return "edit:" + std::to_string(id); }
inline std::string del(int64_t id) { return "delete:" + std::to_string(id); }
inline constexpr std::string_view edit_field = "edit_field", save_edit = "save_edit",
                                  cancel_edit = "cancel_edit", delete_dialog = "delete_dialog",
                                  confirm_delete = "confirm_delete";
// The header: the channel's name opens channel_menu (Edit topic, Add people, Leave channel);
// topic_dialog (topic_field, save_topic); people_dialog (people_field: suggestions
// person:<id> make chips; add_people adds them); the sidebar's new_channel opens
// channel_dialog (channel_name, channel_private, create_channel).
inline constexpr std::string_view channel_menu = "channel_menu", channel_title = "channel_title",
                                  topic_dialog = "topic_dialog", topic_field = "topic_field",
                                  save_topic = "save_topic", people_dialog = "people_dialog",
                                  people_field = "people_field", add_people = "add_people",
                                  new_channel = "new_channel", channel_dialog = "channel_dialog",
                                  channel_name = "channel_name",
                                  channel_private = "channel_private",
                                  create_channel = "create_channel";
inline std::string person(int64_t id) { return "person:" + std::to_string(id); }
// The channel menu's items, in order (channel_menu.<i>).
enum MenuItem : int { kMenuDetails, kMenuTopic, kMenuPeople, kMenuStar, kMenuRename, kMenuArchive, kMenuLeave };
inline std::string menu_item(MenuItem i) { return std::string(channel_menu) + "." + std::to_string(int(i)); }
// A message's More actions (more:<id>: more_menu with Save, Pin, Mark unread, Copy link); its
// sender's name (sender:<id>) opens their profile. "Pinned"/"Saved" labels show on it.
inline std::string more(int64_t id) { return "more:" + std::to_string(id); }
// The emoji picker (react_menu, under React): emoji_search, the grid (emoji_grid) of every
// baked emoji (assets::emoji()) as emoji:<name>; Enter in the search picks the first.
inline constexpr std::string_view emoji_search = "emoji_search", emoji_grid = "emoji_grid";
inline std::string emoji(std::string_view name) { return "emoji:" + std::string(name); }
inline std::string sender(int64_t id) { return "sender:" + std::to_string(id); }
inline constexpr std::string_view more_menu = "more_menu";
// The header: members (opens the members panel), pins ("N pinned": the pinned panel), star.
// The right panel (side_panel) shows one of: members (member:<person>), pinned messages
// (pinned:<msg>, with unpin:<msg>), a profile (profile_message: Message them), and closes
// with close_panel.
inline constexpr std::string_view members = "members", pins = "pins", star = "star",
                                  side_panel = "side_panel", close_panel = "close_panel",
                                  profile_message = "profile_message";
inline std::string member(int64_t person) { return "member:" + std::to_string(person); }
inline std::string pinned(int64_t msg) { return "pinned:" + std::to_string(msg); }
inline std::string unpin(int64_t msg) { return "unpin:" + std::to_string(msg); }
inline std::string manager_link(int64_t person) { return "manager:" + std::to_string(person); }
// A channel's details panel has tabs (panel_tab:about|members|pins|files|settings): About,
// the members, pinned messages, the files shared (panel_file:<id>), Settings (mute, a toggle;
// panel_rename, panel_archive).
inline std::string panel_tab(std::string_view id) { return "panel_tab:" + std::string(id); }
inline std::string panel_file(int64_t id) { return "panel_file:" + std::to_string(id); }
inline constexpr std::string_view mute = "mute", panel_rename = "panel_rename", panel_archive = "panel_archive";
// The user's status (status, in the sidebar): status_dialog with an emoji per kStatusEmoji
// (status_emoji:<name>), status_text, status_clear (radios clear_after:<i>, kClearAfter),
// save_status, clear_status.
inline constexpr std::string_view status = "status", status_dialog = "status_dialog",
                                  status_text = "status_text", status_clear = "status_clear",
                                  save_status = "save_status", clear_status = "clear_status";
inline std::string status_emoji(std::string_view e) { return "status_emoji:" + std::string(e); }
// Channel menu extras: rename_dialog (rename_field, save_rename), archive_dialog
// (confirm_archive).
inline constexpr std::string_view rename_dialog = "rename_dialog", rename_field = "rename_field",
                                  save_rename = "save_rename", archive_dialog = "archive_dialog",
                                  confirm_archive = "confirm_archive";
// Search (search: Enter shows results in the main column, each result:<msg>; close_search)
// with from:, in:, has:link, has:reaction, is:thread, before:/after:/during:YYYY-MM-DD; the
// sidebar's Saved items (saved_view: saved:<msg>) show the same way.
inline constexpr std::string_view search = "search", close_search = "close_search",
                                  results = "results", saved_view = "saved_view";
inline std::string result(int64_t msg) { return "result:" + std::to_string(msg); }
// Drafts (drafts_view in the sidebar: draft:<channel> opens the conversation, its text back in
// the composer). A thread reply can go to the channel too (also_send, a checkbox); there it
// shows "replied to a thread" (replied_to:<msg>, opening the thread).
inline constexpr std::string_view drafts_view = "drafts_view", also_send = "also_send";
inline std::string draft(int64_t channel) { return "draft:" + std::to_string(channel); }
inline std::string replied_to(int64_t msg) { return "replied_to:" + std::to_string(msg); }
// "@..." typed at the end of a composer: mentions_popup over it, mention:<person> options (a
// click or Enter makes it "@First Last "). The sidebar's Mentions (mentions_view) lists the
// messages that mention the user (mentioned:<msg>).
inline constexpr std::string_view mentions_popup = "mentions_popup", mentions_view = "mentions_view";
// Threads (threads_view): the threads the user started or answered (threadrow:<root>, opening
// the thread). Mentions & reactions also lists reactions to the user's messages (reacted:<msg>);
// Drafts & sent, the user's latest messages (sent:<msg>).
inline constexpr std::string_view threads_view = "threads_view";
inline std::string mention(int64_t person) { return "mention:" + std::to_string(person); }
// ":ta" typed at the end of a composer: emoji_popup with emoji_opt:<name> (a click or Enter
// makes it ":tada: "); a ":name:" in a message draws as the emoji's picture.
inline constexpr std::string_view emoji_popup = "emoji_popup";
inline std::string emoji_option(std::string_view name) { return "emoji_opt:" + std::string(name); }
// Browse channels (browse_view): a row per public channel (browse:<id>) with Join (join:<id>)
// or, when the user is in it, View (view:<id>).
inline constexpr std::string_view browse_view = "browse_view";
inline std::string browse_row(int64_t id) { return "browse:" + std::to_string(id); }
inline std::string join(int64_t id) { return "join:" + std::to_string(id); }
inline std::string view_channel(int64_t id) { return "view:" + std::to_string(id); }
// Over a conversation with unread messages: "N new messages" and jump (Jump to unread /
// Jump to recent).
inline constexpr std::string_view jump = "jump";
// New message ("+" by Direct messages, new_dm): dm_dialog with dm_field, suggestions
// dm_person:<id> making chips dm_chosen:<id> (with dm_unchoose:<id>), and start_dm: one person
// opens your DM, several a group conversation (kind 'group') of exactly them.
inline constexpr std::string_view new_dm = "new_dm", dm_dialog = "dm_dialog", dm_field = "dm_field",
                                  start_dm = "start_dm";
inline std::string dm_person(int64_t id) { return "dm_person:" + std::to_string(id); }
// The workspace's name (workspace) opens workspace_menu (status, browse, saved, new message,
// the theme). Section headings (section:starred|channels|dms) fold their section.
inline constexpr std::string_view workspace = "workspace", workspace_menu = "workspace_menu";
// Files: the composer's "+" (attach) opens attach_dialog (file_field, fileopt:<id> options); the
// chosen file (attached, with unattach) goes with the next message; a shared file shows as
// file:<msg>:<file>, which opens file_preview.
inline constexpr std::string_view attach = "attach", attach_dialog = "attach_dialog",
                                  file_field = "file_field", attached = "attached",
                                  unattach = "unattach", file_preview = "file_preview";
inline std::string file_option(int64_t file) { return "fileopt:" + std::to_string(file); }
inline std::string file(int64_t msg, int64_t file) {
  return "file:" + std::to_string(msg) + ":" + std::to_string(file);
}
inline std::string section(std::string_view name) { return "section:" + std::string(name); }
// The quick switcher (Control+K anywhere): switcher (a dialog), switcher_field, its options
// switch_channel:<id> and switch_person:<id> (Enter opens the first).
inline constexpr std::string_view switcher = "switcher", switcher_field = "switcher_field";
inline std::string switch_channel(int64_t id) { return "switch_channel:" + std::to_string(id); }
inline std::string switch_person(int64_t id) { return "switch_person:" + std::to_string(id); }
}  // namespace key

namespace ui {
inline constexpr std::string_view channel = "chat.channel";  // the open channel's id
inline constexpr std::string_view thread = "chat.thread";    // the open thread's root (0: none)
inline constexpr std::string_view react_to = "chat.react_to";  // the message the menu is for
inline constexpr std::string_view editing = "chat.editing";    // the message being edited (0)
inline constexpr std::string_view deleting = "chat.deleting";  // the message Delete asks about
inline constexpr std::string_view make_private = "chat.make_private";  // the new channel's box
// The people chosen in the Add people dialog, comma-separated ids.
inline constexpr std::string_view adding = "chat.adding";
inline constexpr std::string_view more_for = "chat.more_for";  // the message More is open on
// The right panel: "" | "about" | "members" | "pins" | "files" | "settings" (a channel's
// details) | "profile" (of chat.profile); a thread wins.
inline constexpr std::string_view panel = "chat.panel";
inline constexpr std::string_view profile = "chat.profile";
// The main column: "" (the conversation) | "search" (results for chat.query) | "saved" |
// "drafts" | "mentions" | "browse" | "threads".
inline constexpr std::string_view main = "chat.main";
inline constexpr std::string_view query = "chat.query";
inline constexpr std::string_view status_pick = "chat.status_emoji";  // the dialog's emoji
// The open channel's read marker when it was opened: the "New" rule (new_messages) goes above
// the first message after it.
inline constexpr std::string_view unread_from = "chat.unread_from";
inline constexpr std::string_view also_send = "chat.also_send";  // the thread's checkbox
// The composer (its full key) where an "@..." is being typed, and what follows the "@".
inline constexpr std::string_view mention_in = "chat.mention_in", mention_q = "chat.mention_q";
inline constexpr std::string_view emoji_in = "chat.emoji_in", emoji_q = "chat.emoji_q";
// The channel the user marked unread while in it: arrivals do not read it again until they leave.
inline constexpr std::string_view kept_unread = "chat.kept_unread";
// The channel shown from its first unread message (Jump to unread), 0: from its end.
inline constexpr std::string_view jumped = "chat.jumped";
inline constexpr std::string_view dm_people = "chat.dm_people";  // New message's chosen (ids)
inline std::string folded(std::string_view section) { return "chat.folded." + std::string(section); }
inline constexpr std::string_view attach = "chat.attach";        // the file for the next message
inline constexpr std::string_view previewing = "chat.previewing";  // the file shown
}  // namespace ui

// Status emoji (the status dialog's choices; coworkers' statuses use them too).
inline constexpr std::string_view kStatusEmoji[] = {"palm_tree", "spiral_calendar_pad",
                                                    "face_with_thermometer", "house",
                                                    "headphones", "speech_balloon"};
// Status "Clear after" choices (the select's order) and their length (0: never; -1: today,
// until midnight UTC).
inline constexpr std::string_view kClearAfter[] = {"Don't clear", "30 minutes", "1 hour",
                                                   "4 hours", "Today"};
inline constexpr int64_t kClearAfterMs[] = {0, 1800000, 3600000, 14400000, -1};

// The emoji reactions are drawn from most (generated worlds, templates), as Slack's shortcodes;
// any baked emoji (assets::emoji()) can be a reaction.
inline constexpr std::string_view kEmoji[] = {"+1", "eyes", "tada", "white_check_mark", "heart",
                                              "raised_hands"};

// Tables: chat_members(channel_id, person_id, muted: the user's row only),
// chat_channels(id, name, kind 'public'|'private'|'dm'|'group', topic, created_ms, archived,
// dm_person_id, starred (the user's star)), chat_pins(message_id, channel_id, person_id,
// ts_ms), chat_saved(message_id, ts_ms: the user's), chat_files(message_id, file_id: the
// world's files shared), chat_status(person_id, emoji, text,
// set_ms, clear_ms: 0 never), chat_members(channel_id, person_id), chat_messages(id, channel_id, sender_id,
// body (light markup, dom::widget::parse_markup), ts_ms, thread_id (0: top level; else the
// root's id), edited, broadcast (a reply also shown in the channel)), chat_drafts(channel_id,
// body, ts_ms), chat_reactions(message_id, person_id, emoji), chat_reads(channel_id,
// last_read_ms: the user's), chat_pending(id, channel_id, person_id, thread_id, body): replies
// on their way (a "chat.reply" event posts each).
inline constexpr int kShown = 60;  // top-level messages a channel shows (the newest)

// The one rule for "message m mentions the user" (SQL over chat_messages m, with the user's
// people row as u): "@Full Name", or "@First" not followed by a letter. The badge, the
// Mentions list and the templates all use it.
inline constexpr const char* kMentionsUser =
    "(instr(lower(m.body), '@' || lower(u.name)) > 0 OR (instr(lower(m.body), '@' || lower(u.first)) > 0 "
    "AND substr(lower(m.body), instr(lower(m.body), '@' || lower(u.first)) + length(u.first) + 1, 1) "
    "NOT BETWEEN 'a' AND 'z'))";

}  // namespace facsim::apps::chat
