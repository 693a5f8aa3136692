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
}  // namespace key

namespace ui {
inline constexpr std::string_view channel = "chat.channel";  // the open channel's id
inline constexpr std::string_view thread = "chat.thread";    // the open thread's root (0: none)
inline constexpr std::string_view react_to = "chat.react_to";  // the message the menu is for
}  // namespace ui

// Reactions, as Slack's shortcodes (drawn as their names until emoji are baked).
inline constexpr std::string_view kEmoji[] = {"+1", "eyes", "tada", "white_check_mark", "heart",
                                              "raised_hands"};

// Tables: chat_channels(id, name, kind 'public'|'private'|'dm', topic, created_ms, archived,
// dm_person_id), chat_members(channel_id, person_id), chat_messages(id, channel_id, sender_id,
// body (light markup, dom::widget::parse_markup), ts_ms, thread_id (0: top level; else the
// root's id), edited), chat_reactions(message_id, person_id, emoji), chat_reads(channel_id,
// last_read_ms: the user's), chat_pending(id, channel_id, person_id, thread_id, body): replies
// on their way (a "chat.reply" event posts each).
inline constexpr int kShown = 60;  // top-level messages a channel shows (the newest)

}  // namespace facsim::apps::chat
